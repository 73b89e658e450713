//! Evaluates a filter against a resource (RFC 7644 §3.4.2.2), through its compiled form,
//! without allocating: values are visited in place, not collected.
//!
//! Choices where the RFC is silent, each kept consistent with what it does say:
//! - A missing (or null, or empty) attribute is "not equal" to any value: `ne` matches it,
//!   every other operator does not. `x eq null` matches exactly when `x pr` does not
//!   (RFC 7643 §2.5 makes unassigned, null and `[]` the same state).
//! - A multi-valued attribute matches if any of its values does, `ne` included.
//! - A complex value compared without a sub-attribute compares its `value` sub-attribute
//!   (`emails co "example.com"`).
//! - Types that do not fit the operator (`active gt true`, a string against a number)
//!   simply do not match; [`check`](super::check) reports the cases the schema can tell
//!   in advance.
//! - Strings fold case as `str::to_lowercase` does (Unicode, final sigma included) unless
//!   the attribute is caseExact. An ASCII attribute value folds byte by byte in place,
//!   which is the same thing for ASCII; any other value is lower-cased into a new string.

use std::cmp::Ordering;

use serde_json::{Number, Value};

use super::super::resource::value_ci;
use super::compile::{compile, Lookup, Node, Operand, Text};
use super::{datetime, CompareOp, Filter, ResourceType};

/// Whether `resource` matches `filter`, with caseExact and types taken from `rt`'s schemas.
/// Attributes not in any schema compare as case-insensitive strings. Never fails: run
/// [`check`](super::check) first to turn the RFC's type errors into 400 invalidFilter.
/// To match many resources, [`compile`] once and call [`Compiled::matches`](super::Compiled::matches).
pub fn matches(filter: &Filter, resource: &Value, rt: &ResourceType) -> bool {
    compile(filter, rt).matches(resource)
}

impl super::Compiled {
    /// Whether `resource` matches, exactly as [`matches`] with the filter and resource
    /// type this was compiled from.
    pub fn matches(&self, resource: &Value) -> bool {
        self.root.matches(resource)
    }
}

impl Node {
    /// `node` is the resource, or inside `[...]` the element.
    fn matches(&self, node: &Value) -> bool {
        match self {
            Node::Compare { lookup, op, operand } => {
                let mut seen_scalar = false;
                let hit = lookup.any(node, |value| {
                    scalar(value).is_some_and(|leaf| {
                        seen_scalar = true;
                        compare(leaf, *op, operand)
                    })
                });
                // With no value to compare, the attribute is "not equal" to anything.
                hit || (!seen_scalar && *op == CompareOp::Ne)
            }
            Node::CompareNull { lookup, op } => {
                let is_present = lookup.any(node, present);
                match op {
                    CompareOp::Eq => !is_present,
                    CompareOp::Ne => is_present,
                    _ => false,
                }
            }
            Node::Constant(answer) => *answer,
            Node::Present(lookup) => lookup.any(node, present),
            Node::And(operands) => operands.iter().all(|f| f.matches(node)),
            Node::Or(operands) => operands.iter().any(|f| f.matches(node)),
            Node::Not(inner) => !inner.matches(node),
            Node::ValuePath { lookup, filter } => {
                lookup.any(node, |element| element.is_object() && filter.matches(element))
            }
        }
    }
}

impl Lookup {
    /// Whether `visit` holds for some value this lookup reaches from `node`, arrays
    /// flattened (`emails.value` visits every element's `value`).
    fn any(&self, node: &Value, visit: impl FnMut(&Value) -> bool) -> bool {
        let Some(mut base) = node.as_object() else { return false };
        if let Some(urn) = &self.extension {
            match value_ci(base, urn).and_then(Value::as_object) {
                Some(extension) => base = extension,
                None => return false,
            }
        }
        let Some(top) = value_ci(base, &self.name) else { return false };
        match &self.sub {
            None => elements(top).any(visit),
            Some(sub) => elements(top)
                .filter_map(|element| element.as_object().and_then(|o| value_ci(o, sub)))
                .flat_map(elements)
                .any(visit),
        }
    }
}

/// An array's items, or a single value by itself.
fn elements(value: &Value) -> std::slice::Iter<'_, Value> {
    match value {
        Value::Array(items) => items.iter(),
        single => std::slice::from_ref(single).iter(),
    }
}

/// RFC 7644 `pr`: a non-empty value, or a complex value with some non-empty member.
pub(super) fn present(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => items.iter().any(present),
        Value::Object(members) => members.values().any(present),
        Value::Bool(_) | Value::Number(_) => true,
    }
}

/// The value a comparison sees: a complex value's `value` member, nothing for null.
fn scalar(value: &Value) -> Option<&Value> {
    match value {
        Value::Null => None,
        Value::Object(members) => value_ci(members, "value").filter(|v| !v.is_object() && !v.is_null()),
        other => Some(other),
    }
}

fn compare(leaf: &Value, op: CompareOp, operand: &Operand) -> bool {
    match (leaf, operand) {
        (Value::String(a), Operand::Text(b)) => compare_text(a, op, b),
        (Value::Number(a), Operand::Number(b)) => match op {
            CompareOp::Co | CompareOp::Sw | CompareOp::Ew => false,
            _ => cmp_numbers(a, b).is_some_and(|order| ordered(order, op)),
        },
        (Value::Bool(a), Operand::Bool(b)) => match op {
            CompareOp::Eq => a == b,
            CompareOp::Ne => a != b,
            _ => false,
        },
        _ => op == CompareOp::Ne,
    }
}

/// Strings: chronologically when the operand is an instant and so is `a`, otherwise by
/// code point, `a` folded to lower case (as the operand already is) unless caseExact.
fn compare_text(a: &str, op: CompareOp, b: &Text) -> bool {
    if let Some(y) = b.instant {
        if let Some(x) = datetime::parse(a) {
            return ordered(x.cmp(&y), op);
        }
    }
    if b.case_exact {
        compare_str(a, op, &b.folded)
    } else if a.is_ascii() {
        compare_ascii_folded(a.as_bytes(), op, b.folded.as_bytes())
    } else {
        compare_str(&a.to_lowercase(), op, &b.folded)
    }
}

fn compare_str(a: &str, op: CompareOp, b: &str) -> bool {
    match op {
        CompareOp::Co => a.contains(b),
        CompareOp::Sw => a.starts_with(b),
        CompareOp::Ew => a.ends_with(b),
        _ => ordered(a.cmp(b), op),
    }
}

/// [`compare_str`] of `a.to_lowercase()` and `b`, for ASCII `a` and an already lower-cased
/// `b`, without building the lower-cased `a`. `to_lowercase` maps ASCII exactly as
/// `to_ascii_lowercase` does, and never yields an upper-case ASCII letter, so `b` has
/// none and `eq_ignore_ascii_case` against it is equality with the folded `a`. A
/// non-ASCII byte in `b` matches nothing in `a`, as it should: folded ASCII stays ASCII.
fn compare_ascii_folded(a: &[u8], op: CompareOp, b: &[u8]) -> bool {
    match op {
        CompareOp::Co => b.is_empty() || a.windows(b.len()).any(|window| window.eq_ignore_ascii_case(b)),
        CompareOp::Sw => a.get(..b.len()).is_some_and(|head| head.eq_ignore_ascii_case(b)),
        CompareOp::Ew => {
            a.len().checked_sub(b.len()).and_then(|at| a.get(at..)).is_some_and(|tail| tail.eq_ignore_ascii_case(b))
        }
        _ => ordered(a.iter().map(u8::to_ascii_lowercase).cmp(b.iter().copied()), op),
    }
}

/// Whether `attribute <op> operand` holds, given how they order.
pub(super) fn ordered(order: Ordering, op: CompareOp) -> bool {
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
pub(super) fn cmp_numbers(a: &Number, b: &Number) -> Option<Ordering> {
    let int = |n: &Number| n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from));
    match (int(a), int(b)) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}
