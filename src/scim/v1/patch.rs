//! 1.1 PATCH (draft-scim-api-01 §3.3.2) as 2.0 operations for `patch::apply`, so one
//! engine applies both dialects and reports one change set. A 1.1 PATCH body is a
//! partial resource: attributes named in `meta.attributes` are removed first; then
//! singular attributes replace, complex ones merge sub-attribute by sub-attribute, and
//! multi-valued ones gain values (merged into a value with the same `value`), except
//! values marked `"operation": "delete"`, which are removed.

use serde_json::{Map, Value};

use super::{attr_path_to_v2, json_type, to_v2, V1Error};
use crate::scim::filter::{self, CompareOp, Filter, PatchPath};
use crate::scim::patch::{OpKind, PatchOp};
use crate::scim::path::AttrPath;
use crate::scim::resource::{key_ci, remove_ci, value_ci};
use crate::scim::schema::{Mutability, ResourceType};

/// The 2.0 operations that make `existing` (a stored 2.0 resource of `rt`) what the 1.1
/// PATCH `body` asks for.
///
/// `existing` decides between adding and merging a value and drops deletes of values
/// that are not there (draft-scim-api-01 lets a server reject those with 400; Okta
/// retries removals, so they succeed as no-ops). Read-only attributes in the body are
/// ignored as in a PUT (RFC 7644 §3.5.1): Okta sends `id` and `schemas` with every
/// PATCH (Okta SCIM 1.1 reference, "Update a specific User (PATCH)").
pub fn patch_to_ops(body: &Value, existing: &Value, rt: &ResourceType) -> Result<Vec<PatchOp>, V1Error> {
    let v2 = to_v2(body, rt)?;
    let Value::Object(map) = &v2 else {
        return Err(V1Error::NotAnObject { what: "the request body".into(), found: json_type(&v2) });
    };
    let cleared = cleared_attributes(map, rt)?;
    let mut base = existing.clone();
    let mut ops = Vec::new();
    for path in &cleared {
        if take(&mut base, path).is_some() {
            ops.push(op(OpKind::Remove, path.clone(), None, None, None));
        }
    }
    let mut planner = Planner { rt, base: &base, cleared: &cleared, ops };
    for (key, value) in map {
        if key.eq_ignore_ascii_case("schemas") {
            continue;
        }
        match value {
            Value::Object(attrs) if is_urn(key) => {
                let urn = Some(key.as_str()).filter(|u| !u.eq_ignore_ascii_case(rt.schema.id));
                for (name, value) in attrs {
                    planner.attribute(urn, name, value)?;
                }
            }
            _ => planner.attribute(None, key, value)?,
        }
    }
    Ok(planner.ops)
}

/// `meta.attributes`: the 1.1 names of the attributes to remove before the rest applies.
fn cleared_attributes(body: &Map<String, Value>, rt: &ResourceType) -> Result<Vec<AttrPath>, V1Error> {
    let listed = value_ci(body, "meta").and_then(Value::as_object).and_then(|meta| value_ci(meta, "attributes"));
    let Some(listed) = listed else { return Ok(Vec::new()) };
    let names = listed.as_array().ok_or_else(|| V1Error::BadMetaAttributes { found: json_type(listed).into() })?;
    names
        .iter()
        .map(|name| match name.as_str() {
            Some(name) => attr_path_to_v2(name, rt),
            None => Err(V1Error::BadMetaAttributes { found: format!("an element {name}") }),
        })
        .collect()
}

/// Walks the body's attributes and collects their operations.
struct Planner<'a> {
    rt: &'a ResourceType,
    /// `existing` with the `meta.attributes` already removed: what the later ops see.
    base: &'a Value,
    cleared: &'a [AttrPath],
    ops: Vec<PatchOp>,
}

impl Planner<'_> {
    fn attribute(&mut self, urn: Option<&str>, name: &str, value: &Value) -> Result<(), V1Error> {
        let path = AttrPath { urn: urn.map(String::from), name: name.into(), sub: None };
        if self.is_read_only(&path) {
            return Ok(());
        }
        let def = self.rt.attribute(&path);
        match value {
            Value::Null => self.remove_if_present(path),
            Value::Array(values) => self.multi_valued(path, values)?,
            // not 1.1 (values of a multi-valued attribute come in an array): the 2.0 engine
            // decides, as it does for the same 2.0 `add`
            Value::Object(_) if def.is_some_and(|d| d.multi_valued) => {
                self.ops.push(op(OpKind::Add, path, None, None, Some(value.clone())));
            }
            Value::Object(subs) => self.complex(path, subs),
            _ => self.ops.push(op(OpKind::Replace, path, None, None, Some(value.clone()))),
        }
        Ok(())
    }

    /// A singular complex attribute merges: each sub-attribute given replaces its own.
    fn complex(&mut self, path: AttrPath, subs: &Map<String, Value>) {
        for (sub, value) in subs {
            let sub_path = AttrPath { sub: Some(sub.clone()), ..path.clone() };
            if self.is_read_only(&sub_path) {
                // 1.1 lets clients set `manager.displayName`; 2.0 derives it (RFC 7643 §4.3)
                continue;
            }
            if value.is_null() {
                self.remove_if_present(sub_path);
            } else {
                self.ops.push(op(OpKind::Replace, sub_path, None, None, Some(value.clone())));
            }
        }
    }

    fn multi_valued(&mut self, path: AttrPath, values: &[Value]) -> Result<(), V1Error> {
        let cleared_whole = self.cleared.iter().any(|c| same_attribute(c, &path) && c.sub.is_none());
        let mut added = Vec::new();
        for value in values {
            let Value::Object(subs) = value else {
                added.push(value.clone());
                continue;
            };
            match value_ci(subs, "operation").filter(|o| !o.is_null()) {
                Some(o) if o.as_str().is_some_and(|o| o.eq_ignore_ascii_case("delete")) => {
                    // §3.3.2: a delete is ignored when meta.attributes already removes the attribute
                    if !cleared_whole {
                        self.delete(&path, subs)?;
                    }
                }
                Some(other) => {
                    return Err(V1Error::UnknownOperation { attribute: path.to_string(), found: other.to_string() });
                }
                None => match self.existing_value(&path, subs)? {
                    Some(criteria) => self.merge(&path, criteria, subs),
                    None => added.push(value.clone()),
                },
            }
        }
        if !added.is_empty() {
            self.ops.push(op(OpKind::Add, path, None, None, Some(Value::Array(added))));
        }
        Ok(())
    }

    /// Removes the value the delete marker names, if the resource has it.
    fn delete(&mut self, path: &AttrPath, subs: &Map<String, Value>) -> Result<(), V1Error> {
        let criteria = match value_criteria(path, subs)? {
            Some(by_value) => by_value,
            None => all_sub_criteria(path, subs)?,
        };
        if self.has_value(path, &criteria) {
            self.ops.push(op(OpKind::Remove, path.clone(), Some(criteria), None, None));
        }
        Ok(())
    }

    /// The filter selecting the stored value with the same `value`, if there is one:
    /// 1.1 matches values by their `value` sub-attribute only (§3.3.2).
    fn existing_value(&self, path: &AttrPath, subs: &Map<String, Value>) -> Result<Option<Filter>, V1Error> {
        let Some(value) = value_ci(subs, "value") else { return Ok(None) };
        let criteria = eq("value", scalar(path, value)?);
        Ok(self.has_value(path, &criteria).then_some(criteria))
    }

    /// Merges the given sub-attributes into the stored value `criteria` selects.
    fn merge(&mut self, path: &AttrPath, criteria: Filter, subs: &Map<String, Value>) {
        if is_reference(path) {
            return; // a member is its id; `display`, `type`, `$ref` are immutable (RFC 7643 §4.2)
        }
        for (sub, value) in subs.iter().filter(|(k, v)| !k.eq_ignore_ascii_case("value") && !v.is_null()) {
            if self.is_read_only(&AttrPath { sub: Some(sub.clone()), ..path.clone() }) {
                continue;
            }
            let sub = Some(sub.clone());
            self.ops.push(op(OpKind::Replace, path.clone(), Some(criteria.clone()), sub, Some(value.clone())));
        }
    }

    /// Read-only values in the body are ignored, as in a PUT (RFC 7644 §3.5.1).
    fn is_read_only(&self, path: &AttrPath) -> bool {
        self.rt.attribute(path).is_some_and(|d| d.mutability == Mutability::ReadOnly)
    }

    fn has_value(&self, path: &AttrPath, criteria: &Filter) -> bool {
        let target = Filter::ValuePath { path: path.clone(), filter: Box::new(criteria.clone()) };
        filter::matches(&target, self.base, self.rt)
    }

    fn remove_if_present(&mut self, path: AttrPath) {
        if lookup(self.base, &path).is_some() {
            self.ops.push(op(OpKind::Remove, path, None, None, None));
        }
    }
}

/// `value eq …`, plus `type eq …` when the client gave a type: the same address can be
/// both a work and a home email, and deleting one must keep the other.
fn value_criteria(path: &AttrPath, subs: &Map<String, Value>) -> Result<Option<Filter>, V1Error> {
    let Some(value) = value_ci(subs, "value") else { return Ok(None) };
    let by_value = eq("value", scalar(path, value)?);
    match value_ci(subs, "type").filter(|t| t.is_string() && !is_reference(path)) {
        Some(ty) => Ok(Some(Filter::And(Box::new(by_value), Box::new(eq("type", ty.clone()))))),
        None => Ok(Some(by_value)),
    }
}

/// For values without a `value` (addresses): every simple sub-attribute given must match.
fn all_sub_criteria(path: &AttrPath, subs: &Map<String, Value>) -> Result<Filter, V1Error> {
    let simple = subs.iter().filter(|(k, v)| !k.eq_ignore_ascii_case("operation") && is_scalar(v));
    simple
        .map(|(k, v)| eq(k, v.clone()))
        .reduce(|all, next| Filter::And(Box::new(all), Box::new(next)))
        .ok_or_else(|| V1Error::NothingToMatch { attribute: path.to_string() })
}

fn scalar(path: &AttrPath, value: &Value) -> Result<Value, V1Error> {
    if is_scalar(value) {
        Ok(value.clone())
    } else {
        Err(V1Error::ValueNotScalar { attribute: path.to_string(), found: json_type(value) })
    }
}

fn is_scalar(value: &Value) -> bool {
    matches!(value, Value::String(_) | Value::Number(_) | Value::Bool(_))
}

fn eq(sub: &str, value: Value) -> Filter {
    Filter::Compare { path: AttrPath::new(sub), op: CompareOp::Eq, value }
}

/// Attributes whose values are resource ids (`members`, `groups`): the id alone
/// identifies the value; Okta resends `display` with removals.
fn is_reference(path: &AttrPath) -> bool {
    path.urn.is_none() && (path.is("members") || path.is("groups"))
}

fn is_urn(key: &str) -> bool {
    key.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("urn:"))
}

fn same_attribute(a: &AttrPath, b: &AttrPath) -> bool {
    let same_urn = match (&a.urn, &b.urn) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        (x, y) => x.is_none() && y.is_none(),
    };
    same_urn && a.is(&b.name)
}

fn op(kind: OpKind, attr: AttrPath, filter: Option<Filter>, sub: Option<String>, value: Option<Value>) -> PatchOp {
    PatchOp { op: kind, path: Some(PatchPath { attr, filter, sub }), value }
}

/// The non-null value at `path` (no value filter) in `resource`.
fn lookup<'a>(resource: &'a Value, path: &AttrPath) -> Option<&'a Value> {
    let map = resource.as_object()?;
    let container = match &path.urn {
        Some(urn) => value_ci(map, urn)?.as_object()?,
        None => map,
    };
    let top = value_ci(container, &path.name)?;
    let found = match &path.sub {
        Some(sub) => value_ci(top.as_object()?, sub)?,
        None => top,
    };
    (!found.is_null()).then_some(found)
}

/// Removes the value at `path` from `resource`, returning it if it was there.
fn take(resource: &mut Value, path: &AttrPath) -> Option<Value> {
    lookup(resource, path)?;
    let mut container = resource.as_object_mut()?;
    if let Some(urn) = &path.urn {
        let key = key_ci(container, urn)?;
        container = container.get_mut(&key)?.as_object_mut()?;
    }
    match &path.sub {
        None => remove_ci(container, &path.name),
        Some(sub) => {
            let key = key_ci(container, &path.name)?;
            remove_ci(container.get_mut(&key)?.as_object_mut()?, sub)
        }
    }
}

#[cfg(test)]
#[path = "patch_tests.rs"]
mod tests;
