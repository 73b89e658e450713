//! The evaluator as it was before filters were compiled: it resolves the schema, builds
//! paths, collects values and lower-cases both sides on every call. Kept only as an
//! oracle, so the compiled evaluator can be checked against it on generated filters and
//! resources. Helpers that did not change (`present`, `ordered`, `cmp_numbers`, path
//! resolution) are shared rather than copied.

use serde_json::Value;

use super::super::compile::{compared, full_path};
use super::super::eval::{cmp_numbers, ordered, present};
use super::super::{datetime, AttrPath, CompareOp, Filter};
use crate::scim::resource::value_ci;
use crate::scim::schema::{AttrType, Attribute, ResourceType};

/// What `matches(filter, resource, rt)` answered before compilation.
pub(super) fn matches(filter: &Filter, resource: &Value, rt: &ResourceType) -> bool {
    eval(filter, resource, None, rt)
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
