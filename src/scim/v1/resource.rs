//! Resource bodies between the dialects: schema URNs, the extension container key and
//! renamed sub-attributes (`manager.managerId` ↔ `manager.value`). Everything else,
//! unknown attributes and extensions included, passes through untouched and in order.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::{json_type, sub_from_v2, sub_to_v2, urn_from_v2, urn_to_v2, V1Error};
use crate::scim::resource::{key_ci, value_ci};
use crate::scim::schema::{Attribute, ResourceType};

/// A 1.1 resource body (POST, PUT or PATCH) in 2.0 shape, for `rt`.
///
/// The 1.1 core URN becomes `rt`'s core schema URN, so callers must know the endpoint.
/// `schemas` is completed with the core URN and with every extension of `rt` whose
/// container is present, as RFC 7643 §3 requires. PATCH-only markers (`meta.attributes`,
/// `"operation"` on values) are left in place for [`super::patch_to_ops`].
pub fn to_v2(body: &Value, rt: &ResourceType) -> Result<Value, V1Error> {
    let Value::Object(map) = body else {
        return Err(V1Error::NotAnObject { what: "the request body".into(), found: json_type(body) });
    };
    let mut schemas = match value_ci(map, "schemas") {
        Some(value) => schemas_to_v2(value, rt)?,
        None => Vec::new(),
    };
    let mut out = Map::with_capacity(map.len() + 1);
    if key_ci(map, "schemas").is_none() {
        out.insert("schemas".into(), Value::Null); // filled below, first like 1.1 examples
    }
    for (key, value) in map {
        if key.eq_ignore_ascii_case("schemas") {
            out.insert(key.clone(), Value::Null);
        } else if let Some(urn) = urn_to_v2(key, rt) {
            out.insert(urn.into(), rename_subs(value, Some(urn), sub_to_v2));
            if rt.extension(urn).is_some() {
                push_unique(&mut schemas, urn);
            }
        } else {
            let value = lone_to_list(value, rt.schema.attribute(key));
            out.insert(key.clone(), rename_attribute(&value, Some(rt.schema.id), key, sub_to_v2));
        }
    }
    if !schemas.iter().any(|s| s.eq_ignore_ascii_case(rt.schema.id)) {
        schemas.insert(0, rt.schema.id.into());
    }
    let key = key_ci(&out, "schemas").unwrap_or_else(|| "schemas".into());
    out.insert(key, Value::Array(schemas.into_iter().map(Value::String).collect()));
    Ok(Value::Object(out))
}

/// OneLogin's SCIM 1.1 template sends a multi-valued attribute (`emails`) as one object;
/// 1.1 defines those as arrays, so a lone object is read as a one-element list.
/// Fixture: onelogin/create_user_enterprise_schema_v1.json.
fn lone_to_list<'a>(value: &'a Value, def: Option<&Attribute>) -> Cow<'a, Value> {
    match value {
        Value::Object(_) if def.is_some_and(|d| d.multi_valued) => Cow::Owned(Value::Array(vec![value.clone()])),
        _ => Cow::Borrowed(value),
    }
}

/// A 2.0 resource of `rt` in 1.1 shape: the inverse of [`to_v2`]. 2.0-only data
/// (`meta.resourceType`, `$ref`) is kept; 1.1 clients ignore what they do not know, and
/// Okta's own 1.1 examples return `meta.resourceType`.
pub fn from_v2(resource: &Value, rt: &ResourceType) -> Value {
    let Value::Object(map) = resource else { return resource.clone() };
    let mut out = Map::with_capacity(map.len());
    for (key, value) in map {
        if key.eq_ignore_ascii_case("schemas") {
            out.insert(key.clone(), schemas_from_v2(value));
        } else if let Some(urn) = urn_from_v2(key) {
            out.insert(urn.into(), rename_subs(value, Some(key), sub_from_v2));
        } else {
            out.insert(key.clone(), rename_attribute(value, Some(rt.schema.id), key, sub_from_v2));
        }
    }
    Value::Object(out)
}

/// The `schemas` array in 2.0 URNs, without duplicates.
fn schemas_to_v2(value: &Value, rt: &ResourceType) -> Result<Vec<String>, V1Error> {
    let bad = || V1Error::BadSchemas { found: json_type(value).into() };
    let mut out = Vec::new();
    for urn in value.as_array().ok_or_else(bad)? {
        let urn = urn.as_str().ok_or_else(|| V1Error::BadSchemas { found: format!("an element {urn}") })?;
        push_unique(&mut out, urn_to_v2(urn, rt).unwrap_or(urn));
    }
    Ok(out)
}

/// The `schemas` array in 1.1 URNs, without duplicates; non-strings pass through.
fn schemas_from_v2(value: &Value) -> Value {
    let Value::Array(urns) = value else { return value.clone() };
    let mut out: Vec<Value> = Vec::with_capacity(urns.len());
    for urn in urns {
        let mapped = urn.as_str().and_then(urn_from_v2).map_or_else(|| urn.clone(), |u| Value::String(u.into()));
        if !out.contains(&mapped) {
            out.push(mapped);
        }
    }
    Value::Array(out)
}

fn push_unique(list: &mut Vec<String>, urn: &str) {
    if !list.iter().any(|s| s.eq_ignore_ascii_case(urn)) {
        list.push(urn.into());
    }
}

type Rename = for<'a> fn(Option<&str>, &str, &'a str) -> &'a str;

/// An extension container with each attribute's sub-attributes renamed.
fn rename_subs(container: &Value, urn: Option<&str>, rename: Rename) -> Value {
    let Value::Object(attrs) = container else { return container.clone() };
    let renamed = attrs.iter().map(|(name, value)| (name.clone(), rename_attribute(value, urn, name, rename)));
    Value::Object(renamed.collect())
}

/// One attribute's value with its sub-attribute keys renamed: a complex value, or each
/// complex element of a multi-valued one.
fn rename_attribute(value: &Value, urn: Option<&str>, attr: &str, rename: Rename) -> Value {
    let rename_keys = |subs: &Map<String, Value>| {
        Value::Object(subs.iter().map(|(sub, v)| (rename(urn, attr, sub).to_string(), v.clone())).collect())
    };
    match value {
        Value::Object(subs) => rename_keys(subs),
        Value::Array(elements) => Value::Array(
            elements
                .iter()
                .map(|e| match e {
                    Value::Object(subs) => rename_keys(subs),
                    other => other.clone(),
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
#[path = "resource_tests.rs"]
mod tests;
