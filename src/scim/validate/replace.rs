//! PUT semantics (RFC 7644 §3.5.1): readOnly values come from the stored resource, and an
//! immutable value already set must be sent unchanged (or omitted, which keeps it).
//!
//! Immutable sub-attributes of multi-valued attributes (`members.value`) are not
//! compared: a PUT may add and remove whole members, and nothing identifies "the same
//! element" across the two arrays, so an edited member is a removal plus an addition.

use serde_json::{Map, Value};

use super::{child, ext_prefix, ValidationError};
use crate::scim::resource::value_ci;
use crate::scim::schema::{AttrType, Attribute, Mutability, ResourceType};
use crate::scim::schemas::common_attributes;

/// Merges the stored `existing` resource into the validated replacement `out`.
pub(super) fn merge(out: &mut Map<String, Value>, existing: &Value, rt: &ResourceType) -> Result<(), ValidationError> {
    let Some(old) = existing.as_object() else { return Ok(()) };
    carry(out, old, common_attributes(), "", true)?;
    carry(out, old, rt.schema.attributes, "", true)?;
    for &(ext, _) in rt.extensions {
        let Some(old_fields) = value_ci(old, ext.id).and_then(Value::as_object) else { continue };
        let mut fields = match out.remove(ext.id) {
            Some(Value::Object(fields)) => fields,
            _ => Map::new(),
        };
        carry(&mut fields, old_fields, ext.attributes, &ext_prefix(ext.id), true)?;
        if !fields.is_empty() {
            out.insert(ext.id.into(), Value::Object(fields));
            declare(out, ext.id);
        }
    }
    Ok(())
}

/// Lists `urn` in `schemas` if stored values carried over put its extension back.
fn declare(out: &mut Map<String, Value>, urn: &str) {
    if let Some(Value::Array(urns)) = out.get_mut("schemas") {
        if !urns.iter().any(|u| u == urn) {
            urns.push(Value::String(urn.into()));
        }
    }
}

/// Applies readOnly and immutable rules for `attrs` from `old` onto `new`. readOnly
/// values are copied only at the top level (`id`, `meta`, `groups`): a readOnly
/// sub-attribute such as `manager.displayName` describes the old value and is
/// recomputed by the server.
fn carry(
    new: &mut Map<String, Value>,
    old: &Map<String, Value>,
    attrs: &[Attribute],
    parent: &str,
    top: bool,
) -> Result<(), ValidationError> {
    for attr in attrs {
        let Some(before) = value_ci(old, attr.name).filter(|v| !v.is_null()) else { continue };
        match attr.mutability {
            Mutability::ReadOnly if top => {
                new.insert(attr.name.into(), before.clone());
            }
            Mutability::Immutable => match new.get(attr.name) {
                None => {
                    new.insert(attr.name.into(), before.clone());
                }
                Some(after) if same(attr, before, after) => {}
                Some(_) => return Err(ValidationError::Immutable { path: child(parent, attr.name) }),
            },
            _ if attr.ty == AttrType::Complex && !attr.multi_valued => {
                if let (Value::Object(before), Some(Value::Object(after))) = (before, new.get_mut(attr.name)) {
                    carry(after, before, attr.sub_attributes, &child(parent, attr.name), false)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether two values of `attr` are the same, honouring `caseExact` for strings and
/// ignoring the order of multi-valued elements.
fn same(attr: &Attribute, a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) if !attr.case_exact => x.to_lowercase() == y.to_lowercase(),
        (Value::Array(xs), Value::Array(ys)) if attr.multi_valued => {
            let mut unmatched: Vec<&Value> = ys.iter().collect();
            xs.len() == ys.len()
                && xs.iter().all(|x| match unmatched.iter().position(|y| same(attr, x, y)) {
                    Some(i) => {
                        unmatched.swap_remove(i);
                        true
                    }
                    None => false,
                })
        }
        (Value::Object(xs), Value::Object(ys)) if attr.ty == AttrType::Complex => {
            let covered = |from: &Map<String, Value>, to: &Map<String, Value>| {
                from.iter().all(|(key, x)| match (attr.sub(key), value_ci(to, key)) {
                    (Some(sub), Some(y)) => same(sub, x, y),
                    (None, Some(y)) => x == y,
                    (_, None) => x.is_null(),
                })
            };
            covered(xs, ys) && covered(ys, xs)
        }
        _ => a == b,
    }
}
