//! Values inside attributes: when two elements of a multi-valued attribute are the same value,
//! how a complex value takes new sub-attributes, immutability, and the one-primary rule.

use serde_json::{Map, Value};

use super::PatchError;
use crate::scim::changes::{is_unassigned, same_json};
use crate::scim::resource::{key_ci, value_ci};
use crate::scim::schema::{Attribute, Mutability};

/// Whether `a` and `b` are one value of the multi-valued attribute `def`: complex elements that
/// both carry a `value` sub-attribute are compared by it (a member is its id, an email its
/// address); strings by the attribute's caseExact; anything else by JSON equality with object
/// keys compared ignoring case.
pub(super) fn same_element(a: &Value, b: &Value, def: Option<&Attribute>) -> bool {
    let value_of = |v: &Value| v.as_object().and_then(|m| value_ci(m, "value")).cloned();
    match (value_of(a), value_of(b)) {
        (Some(x), Some(y)) => same_scalar(&x, &y, def.and_then(|d| d.sub("value"))),
        _ => same_scalar(a, b, def),
    }
}

/// Equality under `def`'s caseExact (RFC 7643 §2.2: caseExact false compares strings
/// ignoring case).
pub(super) fn same_scalar(a: &Value, b: &Value, def: Option<&Attribute>) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) if !def.is_some_and(|d| d.case_exact) => x.eq_ignore_ascii_case(y),
        _ => same_json(a, b),
    }
}

/// RFC 7644 §3.5.2: an immutable attribute may be given a value when it has none, never a
/// different one. `Ok(true)` when the new value equals the old (nothing to write).
pub(super) fn check_immutable(
    old: Option<&Value>,
    new: &Value,
    def: Option<&Attribute>,
    label: &str,
) -> Result<bool, PatchError> {
    if !def.is_some_and(|d| d.mutability == Mutability::Immutable) {
        return Ok(false);
    }
    match old.filter(|o| !is_unassigned(o)) {
        None => Ok(false),
        Some(old) if same_scalar(old, new, def) => Ok(true),
        Some(_) => {
            Err(PatchError::Mutability { path: label.to_string(), reason: "is immutable and already has a value" })
        }
    }
}

/// Writes each sub-attribute of `incoming` into `element`; sub-attributes `incoming` does not
/// name are kept (RFC 7644 §3.5.2.3). A `null` unassigns.
pub(super) fn merge(
    element: &mut Map<String, Value>,
    incoming: Map<String, Value>,
    def: Option<&Attribute>,
    label: &str,
) -> Result<(), PatchError> {
    for (key, v) in incoming {
        let sub = def.and_then(|d| d.sub(&key));
        set_sub(element, &key, v, sub, &format!("{label}.{key}"))?;
    }
    Ok(())
}

/// Sets one sub-attribute of a complex value, keeping the key's stored spelling.
pub(super) fn set_sub(
    element: &mut Map<String, Value>,
    key: &str,
    v: Value,
    sub: Option<&Attribute>,
    label: &str,
) -> Result<(), PatchError> {
    let stored = key_ci(element, key);
    if check_immutable(stored.as_ref().and_then(|k| element.get(k)), &v, sub, label)? {
        return Ok(());
    }
    match (stored, v) {
        (Some(k), Value::Null) => {
            element.shift_remove(&k);
        }
        (None, Value::Null) => {}
        (k, v) => {
            element.insert(k.unwrap_or_else(|| key.to_string()), v);
        }
    }
    Ok(())
}

fn is_primary(element: &Value) -> bool {
    element.as_object().and_then(|m| value_ci(m, "primary")) == Some(&Value::Bool(true))
}

/// RFC 7643 §2.4: `"primary": true` appears at most once. When an element written by this
/// operation (`written`, in write order) is primary, the last such one keeps it and every
/// other element gets `"primary": false`.
pub(super) fn keep_one_primary(list: &mut [Value], written: &[usize]) {
    let winner = written.iter().rev().copied().find(|&i| list.get(i).is_some_and(is_primary));
    let Some(winner) = winner else { return };
    for (i, element) in list.iter_mut().enumerate() {
        if i == winner || !is_primary(element) {
            continue;
        }
        if let Some(map) = element.as_object_mut() {
            let key = key_ci(map, "primary").unwrap_or_else(|| "primary".into());
            map.insert(key, Value::Bool(false));
        }
    }
}

/// A new element as stored: sub-attributes sent as `null` are unassigned, so they are left out
/// (Entra sends members with `"$ref": null` — tests/fixtures/entra/add_members.json).
pub(super) fn without_nulls(element: Value) -> Value {
    match element {
        Value::Object(map) => Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).collect()),
        other => other,
    }
}
