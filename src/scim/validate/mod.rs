//! Validation of POST and PUT bodies against the schema tables (RFC 7643 §2, RFC 7644
//! §3.3, §3.5.1): `schemas`, types, required and mutability, and normalization of
//! attribute names to the schema's spelling. Returns the resource to store.
//!
//! Decisions, with the RFC text they rest on:
//! - A URN in `schemas` the resource type does not define, with an object under it in the
//!   body, is `invalidValue` (RFC 7643 §3: `schemas` lists URIs "supported by that
//!   representation"; RFC 7644 §3.12 gives invalidValue for values not compatible with the
//!   resource schema). IdPs with custom extensions can opt out with
//!   [`ValidateOptions::allow_unknown_schemas`]. One with no object under it carries no
//!   data and is dropped from `schemas` (Entra lists Microsoft's ADSCIM URI that way).
//! - An extension object whose URN `schemas` does not list is `invalidSyntax`: the body
//!   does not conform to the request schema (RFC 7643 §3, RFC 7644 §3.12).
//! - Unknown attributes are kept (they survive to GET) unless
//!   [`ValidateOptions::reject_unknown`]; then they are `invalidSyntax`, the RFC 7644
//!   §3.12 keyword for a body that "did not conform to the request schema".
//! - A single value where an array is expected is rejected (`invalidValue`) rather than
//!   wrapped: RFC 7643 §2.4 makes multi-valued attributes JSON arrays, and guessing would
//!   hide client bugs.
//! - Null, `[]` and `{}` mean unassigned (RFC 7643 §2.5) and are dropped.

mod multi;
mod replace;
mod types;

use serde_json::{Map, Value};

use super::resource::value_ci;
use super::schema::{AttrType, Attribute, Mutability, ResourceType};
use super::schemas::common;

/// What the body is for: a new resource, or a full replacement of `existing`.
#[derive(Debug, Clone, Copy)]
pub enum Mode<'a> {
    /// POST (RFC 7644 §3.3).
    Create,
    /// PUT (RFC 7644 §3.5.1): readOnly values come from `existing`, immutable ones must match it.
    Replace { existing: &'a Value },
}

/// How strict to be where the RFC leaves a choice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ValidateOptions {
    /// Reject attributes no schema defines (`invalidSyntax`) instead of keeping them.
    pub reject_unknown: bool,
    /// Accept URNs in `schemas` that this resource type does not define, keeping the
    /// objects under them verbatim (custom IdP extensions such as Okta's).
    pub allow_unknown_schemas: bool,
}

/// Why a body was refused. Each variant names the attribute path; [`crate::ScimError`]
/// gets its status and `scimType` from `From<ValidationError>` in `src/error.rs`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    /// The body is not a JSON object, e.g. `[]` or `"x"`.
    #[error("expected the request body to be a JSON object, found {found}")]
    NotAnObject { found: String },
    /// `schemas` is absent: `{"userName":"bjensen"}`.
    #[error("expected attribute \"schemas\" listing {expected}, found none")]
    MissingSchemas { expected: &'static str },
    /// `schemas` lacks the core URN, e.g. a Group URN posted to /Users.
    #[error("expected \"schemas\" to contain {expected}, found {found:?}")]
    MissingCoreSchema { expected: &'static str, found: Vec<String> },
    /// `schemas` lists a URN this resource type does not define.
    #[error("schema {urn:?} in \"schemas\" is not supported by {resource_type}; expected one of {supported}")]
    UnknownSchema { urn: String, resource_type: &'static str, supported: String },
    /// An extension object is in the body but its URN is not in `schemas`, e.g. an
    /// enterprise block with `"schemas": ["urn:…:core:2.0:User"]`.
    #[error("extension {urn:?} is present but \"schemas\" does not list it")]
    UndeclaredExtension { urn: String },
    /// An extension the resource type requires is absent.
    #[error("extension {urn:?} is required by {resource_type}, found none")]
    MissingExtension { urn: &'static str, resource_type: &'static str },
    /// A required attribute is absent, null or empty: a User without `userName`.
    #[error("attribute {path:?} is required, found it missing, null or empty")]
    Required { path: String },
    /// A value of the wrong JSON type or format: `"active": 3`, `"emails": {…}`.
    #[error("attribute {path:?}: expected {expected}, found {found}")]
    WrongType { path: String, expected: &'static str, found: String },
    /// More than one element of a multi-valued attribute has `"primary": true`.
    #[error("attribute {path:?}: expected at most one value with \"primary\": true, found {count}")]
    MultiplePrimary { path: String, count: usize },
    /// An attribute no schema defines, refused because `reject_unknown` is set.
    #[error("attribute {path:?} is not defined by any schema of {resource_type}")]
    UnknownAttribute { path: String, resource_type: &'static str },
    /// Two keys name one attribute, differing only in case: `{"userName":…,"USERNAME":…}`.
    #[error("attribute {path:?} appears twice, as {first:?} and {second:?}")]
    DuplicateAttribute { path: String, first: String, second: String },
    /// A PUT changes an immutable attribute that already has a value (RFC 7644 §3.5.1).
    #[error("attribute {path:?} is immutable and already set; expected the stored value, found a different one")]
    Immutable { path: String },
}

/// Validates `body` for `rt` and returns it normalized: names in the schema's spelling,
/// extension objects under their canonical URN, readOnly input dropped (RFC 7644 §3.5.1),
/// Entra's string booleans converted, unassigned values removed. In `Replace` mode the
/// stored `id`, `meta` and other readOnly values are kept. `password` (writeOnly) stays
/// in the result for forwarding; remove it with [`take_write_only`] before storing.
pub fn validate(body: &Value, rt: &ResourceType, mode: Mode, opts: &ValidateOptions) -> Result<Value, ValidationError> {
    let map = body.as_object().ok_or_else(|| ValidationError::NotAnObject { found: types::describe(body, false) })?;
    let cx = Cx { opts, rt };
    let declared = check_schemas(map, rt, opts)?;
    let mut out = Map::new();
    out.insert("schemas".into(), Value::Array(declared.iter().cloned().map(Value::String).collect()));
    let mut seen = Seen::default();
    for (key, value) in map {
        if key.eq_ignore_ascii_case("schemas") {
            continue;
        }
        if let Some(ext) = rt.extension(key) {
            seen.check(ext.id, key, "")?;
            if !declared.iter().any(|urn| urn == ext.id) {
                return Err(ValidationError::UndeclaredExtension { urn: ext.id.into() });
            }
            let fields = match value {
                Value::Null => Map::new(),
                Value::Object(fields) => normalize_fields(fields, ext.attributes, &ext_prefix(ext.id), &cx)?,
                other => return Err(types::wrong(ext.id, "an object of extension attributes", other, true)),
            };
            if !fields.is_empty() {
                out.insert(ext.id.into(), Value::Object(fields));
            }
        } else if let Some(attr) = common(key).or_else(|| rt.schema.attribute(key)) {
            seen.check(attr.name, key, "")?;
            insert_checked(&mut out, attr, value, "", &cx)?;
        } else if declared.iter().any(|urn| urn.eq_ignore_ascii_case(key)) {
            // An extension we don't define but were told to allow: kept verbatim.
            out.insert(key.clone(), value.clone());
        } else if value.is_object() && key.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("urn:")) {
            return Err(ValidationError::UndeclaredExtension { urn: key.clone() });
        } else {
            keep_unknown(&mut out, key, value, "", &cx)?;
        }
    }
    if let Mode::Replace { existing } = mode {
        replace::merge(&mut out, existing, rt)?;
    }
    check_required(&out, rt)?;
    Ok(Value::Object(out))
}

/// Removes writeOnly attributes (`password`) from a validated resource and returns them,
/// so the caller can forward them once and store or return the rest (RFC 7643 §2.2:
/// `returned: never`).
pub fn take_write_only(resource: &mut Value, rt: &ResourceType) -> Map<String, Value> {
    let mut taken = Map::new();
    let Some(map) = resource.as_object_mut() else { return taken };
    for attr in rt.schema.attributes.iter().filter(|a| a.mutability == Mutability::WriteOnly) {
        if let Some(value) = super::resource::remove_ci(map, attr.name) {
            taken.insert(attr.name.into(), value);
        }
    }
    taken
}

/// What every step needs: the caller's options and the resource type (for error text).
struct Cx<'a> {
    opts: &'a ValidateOptions,
    rt: &'a ResourceType,
}

/// Checks `schemas` and returns its URNs, known ones in their canonical spelling.
fn check_schemas(
    map: &Map<String, Value>,
    rt: &ResourceType,
    opts: &ValidateOptions,
) -> Result<Vec<String>, ValidationError> {
    let core = rt.schema.id;
    let value = value_ci(map, "schemas").ok_or(ValidationError::MissingSchemas { expected: core })?;
    let not_strings = || types::wrong("schemas", "an array of schema URN strings", value, true);
    let items = value.as_array().ok_or_else(not_strings)?;
    let mut urns = Vec::with_capacity(items.len());
    for item in items {
        let urn = item.as_str().ok_or_else(not_strings)?;
        match rt.schema(urn) {
            Some(schema) => urns.push(schema.id.to_string()),
            // Entra lists Microsoft's ADSCIM group URI with nothing under it —
            // tests/fixtures/entra/create_group.json. No data, nothing to refuse.
            None if value_ci(map, urn).is_none_or(Value::is_null) => {}
            None if opts.allow_unknown_schemas => urns.push(urn.to_string()),
            None => {
                let supported = std::iter::once(core).chain(rt.extensions.iter().map(|e| e.0.id)).collect::<Vec<_>>();
                return Err(ValidationError::UnknownSchema {
                    urn: urn.to_string(),
                    resource_type: rt.name,
                    supported: supported.join(", "),
                });
            }
        }
    }
    if !urns.iter().any(|urn| urn == core) {
        return Err(ValidationError::MissingCoreSchema { expected: core, found: urns });
    }
    Ok(urns)
}

/// Normalizes the entries of `map` against `attrs` (a complex value's sub-attributes or
/// an extension's attributes); `path` names `map` itself in errors.
fn normalize_fields(
    map: &Map<String, Value>,
    attrs: &'static [Attribute],
    path: &str,
    cx: &Cx,
) -> Result<Map<String, Value>, ValidationError> {
    let mut out = Map::new();
    let mut seen = Seen::default();
    for (key, value) in map {
        match attrs.iter().find(|a| a.name.eq_ignore_ascii_case(key)) {
            Some(attr) => {
                seen.check(attr.name, key, path)?;
                insert_checked(&mut out, attr, value, path, cx)?;
            }
            None => keep_unknown(&mut out, key, value, path, cx)?,
        }
    }
    Ok(out)
}

/// Checks one known attribute and stores it under the schema's spelling, unless it is
/// readOnly (ignored on input, RFC 7644 §3.3) or unassigned.
fn insert_checked(
    out: &mut Map<String, Value>,
    attr: &'static Attribute,
    value: &Value,
    parent: &str,
    cx: &Cx,
) -> Result<(), ValidationError> {
    if attr.mutability == Mutability::ReadOnly || value.is_null() {
        return Ok(());
    }
    let path = child(parent, attr.name);
    let normalized = if attr.multi_valued {
        multi::normalize(attr, value, &path, cx)?
    } else {
        types::singular(attr, value, &path, cx)?
    };
    if let Some(v) = normalized {
        out.insert(attr.name.into(), v);
    }
    Ok(())
}

/// Keeps an attribute no schema defines, or refuses it when the caller asked to.
fn keep_unknown(
    out: &mut Map<String, Value>,
    key: &str,
    value: &Value,
    parent: &str,
    cx: &Cx,
) -> Result<(), ValidationError> {
    if cx.opts.reject_unknown {
        return Err(ValidationError::UnknownAttribute { path: child(parent, key), resource_type: cx.rt.name });
    }
    out.insert(key.into(), value.clone());
    Ok(())
}

/// Checks required attributes of the core schema and of each present extension, and
/// required sub-attributes of every present complex value. readOnly attributes are the
/// server's to set, so they are never required of the client.
fn check_required(out: &Map<String, Value>, rt: &ResourceType) -> Result<(), ValidationError> {
    check_required_in(out, rt.schema.attributes, "")?;
    for &(ext, required) in rt.extensions {
        match out.get(ext.id).and_then(Value::as_object) {
            Some(fields) => check_required_in(fields, ext.attributes, &ext_prefix(ext.id))?,
            None if required => return Err(ValidationError::MissingExtension { urn: ext.id, resource_type: rt.name }),
            None => {}
        }
    }
    Ok(())
}

fn check_required_in(map: &Map<String, Value>, attrs: &[Attribute], parent: &str) -> Result<(), ValidationError> {
    for attr in attrs.iter().filter(|a| a.mutability != Mutability::ReadOnly) {
        let value = map.get(attr.name);
        if attr.required && value.is_none_or(is_empty) {
            return Err(ValidationError::Required { path: child(parent, attr.name) });
        }
        if attr.ty != AttrType::Complex {
            continue;
        }
        let path = child(parent, attr.name);
        match value {
            Some(Value::Object(sub)) => check_required_in(sub, attr.sub_attributes, &path)?,
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    if let Value::Object(sub) = item {
                        check_required_in(sub, attr.sub_attributes, &format!("{path}[{i}]"))?;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Unassigned per RFC 7643 §2.5, plus the empty string (a User "MUST include a non-empty
/// userName", RFC 7643 §4.1.1).
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

/// The path prefix of an extension's attributes: `urn:…:User:`.
fn ext_prefix(urn: &str) -> String {
    format!("{urn}:")
}

/// The path of `name` under `parent`: `name.givenName`, or under an [`ext_prefix`],
/// `urn:…:User:manager`.
fn child(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else if parent.ends_with(':') {
        format!("{parent}{name}")
    } else {
        format!("{parent}.{name}")
    }
}

/// The client keys already seen for each schema name, to catch case-only duplicates.
#[derive(Default)]
struct Seen<'k>(Vec<(&'static str, &'k str)>);

impl<'k> Seen<'k> {
    fn check(&mut self, name: &'static str, key: &'k str, parent: &str) -> Result<(), ValidationError> {
        if let Some((_, first)) = self.0.iter().find(|(n, _)| *n == name) {
            return Err(ValidationError::DuplicateAttribute {
                path: child(parent, name),
                first: first.to_string(),
                second: key.to_string(),
            });
        }
        self.0.push((name, key));
        Ok(())
    }
}

#[cfg(test)]
mod tests;
