//! Evaluates a filter against a resource (RFC 7644 §3.4.2.2), and checks a filter against
//! a resource type for the errors the RFC answers with 400 invalidFilter.
//!
//! Choices where the RFC is silent, each kept consistent with what it does say:
//! - A missing (or null, or empty) attribute is "not equal" to any value: `ne` matches it,
//!   every other operator does not. `x eq null` matches exactly when `x pr` does not
//!   (RFC 7643 §2.5 makes unassigned, null and `[]` the same state).
//! - A multi-valued attribute matches if any of its values does, `ne` included.
//! - A complex value compared without a sub-attribute compares its `value` sub-attribute
//!   (`emails co "example.com"`).
//! - Types that do not fit the operator (`active gt true`, a string against a number)
//!   simply do not match; [`check`] reports the cases the schema can tell in advance.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::{Number, Value};

use super::super::resource::value_ci;
use super::super::schema::{AttrType, Attribute};
use super::{datetime, AttrPath, CompareOp, Filter, FilterError, ResourceType};

/// Whether `resource` matches `filter`, with caseExact and types taken from `rt`'s schemas.
/// Attributes not in any schema compare as case-insensitive strings. Never fails: run
/// [`check`] first to turn the RFC's type errors into 400 invalidFilter.
pub fn matches(filter: &Filter, resource: &Value, rt: &ResourceType) -> bool {
    eval(filter, resource, None, rt)
}

/// The static type errors RFC 7644 §3.4.2.2 answers with 400 invalidFilter: ordering
/// (`gt ge lt le`) on boolean or binary attributes, and (our reading of the RFC's table)
/// `co sw ew` on booleans and any operator but `eq ne pr` on complex attributes without
/// a `value` sub-attribute; plus dateTime comparisons with a string that is no instant.
/// Attributes not in any schema pass.
pub fn check(filter: &Filter, rt: &ResourceType) -> Result<(), FilterError> {
    check_in(filter, None, rt)
}

/// `parent` is the value path's attribute while inside `[...]`.
fn check_in(filter: &Filter, parent: Option<&AttrPath>, rt: &ResourceType) -> Result<(), FilterError> {
    match filter {
        Filter::Compare { path, op, value } => check_compare(&full_path(path, parent), *op, value, rt),
        Filter::Present(_) => Ok(()),
        Filter::And(..) | Filter::Or(..) => filter.operands().into_iter().try_for_each(|f| check_in(f, parent, rt)),
        Filter::Not(inner) => check_in(inner, parent, rt),
        Filter::ValuePath { path, filter } => check_in(filter, Some(path), rt),
    }
}

fn check_compare(path: &AttrPath, op: CompareOp, value: &Value, rt: &ResourceType) -> Result<(), FilterError> {
    let Some(def) = compared(rt.attribute(path)) else { return Ok(()) };
    let supported = match def.ty {
        AttrType::Boolean | AttrType::Complex => matches!(op, CompareOp::Eq | CompareOp::Ne),
        AttrType::Binary => !op.is_ordering(),
        _ => true,
    };
    if !supported {
        return Err(FilterError::UnsupportedOperator { op, path: path.to_string(), ty: def.ty });
    }
    let chronological = op.is_ordering() || matches!(op, CompareOp::Eq | CompareOp::Ne);
    if let (AttrType::DateTime, true, Value::String(text)) = (def.ty, chronological, value) {
        if datetime::parse(text).is_none() {
            return Err(FilterError::BadDateTime { path: path.to_string(), value: value.to_string() });
        }
    }
    Ok(())
}

/// The path from the resource's root: inside `emails[...]`, `type` is `emails.type`.
fn full_path<'p>(path: &'p AttrPath, parent: Option<&AttrPath>) -> Cow<'p, AttrPath> {
    match parent {
        None => Cow::Borrowed(path),
        Some(parent) => {
            Cow::Owned(AttrPath { urn: parent.urn.clone(), name: parent.name.clone(), sub: Some(path.name.clone()) })
        }
    }
}

/// The definition a comparison uses: a complex attribute compares its `value`.
fn compared(def: Option<&'static Attribute>) -> Option<&'static Attribute> {
    match def {
        Some(complex) if complex.ty == AttrType::Complex => complex.sub("value").or(Some(complex)),
        other => other,
    }
}

fn eval(filter: &Filter, node: &Value, parent: Option<&AttrPath>, rt: &ResourceType) -> bool {
    match filter {
        Filter::Compare { path, op, value } => {
            let def = compared(rt.attribute(&full_path(path, parent)));
            compare_all(&values(node, path, parent, rt), *op, value, def)
        }
        Filter::Present(path) => values(node, path, parent, rt).into_iter().any(present),
        Filter::And(..) => filter.operands().into_iter().all(|f| eval(f, node, parent, rt)),
        Filter::Or(..) => filter.operands().into_iter().any(|f| eval(f, node, parent, rt)),
        Filter::Not(inner) => !eval(inner, node, parent, rt),
        Filter::ValuePath { path, filter } => values(node, path, parent, rt)
            .into_iter()
            .any(|element| element.is_object() && eval(filter, element, Some(path), rt)),
    }
}

/// Every value `path` reaches from `node`, arrays flattened. At the top, a URN other than
/// the core schema's selects the extension object stored under that URN.
fn values<'v>(node: &'v Value, path: &AttrPath, parent: Option<&AttrPath>, rt: &ResourceType) -> Vec<&'v Value> {
    let mut out = Vec::new();
    let Some(object) = node.as_object() else { return out };
    let base = match (&path.urn, parent) {
        (Some(urn), None) if !rt.schema.id.eq_ignore_ascii_case(urn) => {
            value_ci(object, urn).and_then(Value::as_object)
        }
        _ => Some(object),
    };
    let Some(top) = base.and_then(|base| value_ci(base, &path.name)) else { return out };
    match &path.sub {
        None => flatten(top, &mut out),
        Some(sub) => {
            for element in elements(top) {
                if let Some(v) = element.as_object().and_then(|o| value_ci(o, sub)) {
                    flatten(v, &mut out);
                }
            }
        }
    }
    out
}

fn elements(value: &Value) -> std::slice::Iter<'_, Value> {
    match value {
        Value::Array(items) => items.iter(),
        single => std::slice::from_ref(single).iter(),
    }
}

fn flatten<'v>(value: &'v Value, out: &mut Vec<&'v Value>) {
    out.extend(elements(value));
}

/// RFC 7644 `pr`: a non-empty value, or a complex value with some non-empty member.
fn present(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => items.iter().any(present),
        Value::Object(members) => members.values().any(present),
        Value::Bool(_) | Value::Number(_) => true,
    }
}

/// `op value` over all of an attribute's values: any one matching is enough.
fn compare_all(leaves: &[&Value], op: CompareOp, value: &Value, def: Option<&Attribute>) -> bool {
    if value.is_null() {
        let is_present = leaves.iter().any(|v| present(v));
        return match op {
            CompareOp::Eq => !is_present,
            CompareOp::Ne => is_present,
            _ => false,
        };
    }
    let scalars: Vec<&Value> = leaves.iter().filter_map(|v| scalar(v)).collect();
    if scalars.is_empty() {
        return op == CompareOp::Ne;
    }
    scalars.into_iter().any(|leaf| compare(leaf, op, value, def))
}

/// The value a comparison sees: a complex value's `value` member, nothing for null.
fn scalar(value: &Value) -> Option<&Value> {
    match value {
        Value::Null => None,
        Value::Object(members) => value_ci(members, "value").filter(|v| !v.is_object() && !v.is_null()),
        other => Some(other),
    }
}

fn compare(leaf: &Value, op: CompareOp, value: &Value, def: Option<&Attribute>) -> bool {
    match (leaf, value) {
        (Value::String(a), Value::String(b)) => compare_strings(a, op, b, def),
        (Value::Number(a), Value::Number(b)) => match op {
            CompareOp::Co | CompareOp::Sw | CompareOp::Ew => false,
            _ => cmp_numbers(a, b).is_some_and(|order| ordered(order, op)),
        },
        (Value::Bool(a), Value::Bool(b)) => match op {
            CompareOp::Eq => a == b,
            CompareOp::Ne => a != b,
            _ => false,
        },
        _ => op == CompareOp::Ne,
    }
}

/// Strings: chronological for dateTime attributes (when both sides are instants),
/// otherwise lexicographic by code point, folded to lower case unless caseExact.
fn compare_strings(a: &str, op: CompareOp, b: &str, def: Option<&Attribute>) -> bool {
    let substring = matches!(op, CompareOp::Co | CompareOp::Sw | CompareOp::Ew);
    if def.is_some_and(|d| d.ty == AttrType::DateTime) && !substring {
        if let (Some(x), Some(y)) = (datetime::parse(a), datetime::parse(b)) {
            return ordered(x.cmp(&y), op);
        }
    }
    let case_exact = def.is_some_and(|d| d.case_exact);
    let fold = |s: &str| if case_exact { s.to_string() } else { s.to_lowercase() };
    let (a, b) = (fold(a), fold(b));
    match op {
        CompareOp::Co => a.contains(&b),
        CompareOp::Sw => a.starts_with(&b),
        CompareOp::Ew => a.ends_with(&b),
        _ => ordered(a.cmp(&b), op),
    }
}

/// Whether `attribute <op> operand` holds, given how they order.
fn ordered(order: Ordering, op: CompareOp) -> bool {
    match op {
        CompareOp::Eq => order.is_eq(),
        CompareOp::Ne => order.is_ne(),
        CompareOp::Gt => order.is_gt(),
        CompareOp::Ge => order.is_ge(),
        CompareOp::Lt => order.is_lt(),
        CompareOp::Le => order.is_le(),
        CompareOp::Co | CompareOp::Sw | CompareOp::Ew => false,
    }
}

/// Integers compare exactly (i64 and u64 alike); anything with a fraction as f64.
fn cmp_numbers(a: &Number, b: &Number) -> Option<Ordering> {
    let int = |n: &Number| n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from));
    match (int(a), int(b)) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}
