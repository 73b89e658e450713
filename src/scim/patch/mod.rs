//! PATCH (RFC 7644 §3.5.2): parse the `PatchOp` request, apply its operations in order
//! to a resource, and report what changed.
//!
//! Applying is all or nothing: the operations run on a copy, and an error leaves the
//! caller's resource untouched. IdP deviations from the RFC are handled in the module
//! that meets them and named there, each with the fixture that shows it.

mod add;
mod conform;
mod elements;
mod quirks;
mod remove;
mod replace;
mod select;
mod target;
mod write;

#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_errors;
#[cfg(test)]
mod tests_idp;
#[cfg(test)]
mod tests_rfc;

use serde_json::{Map, Value};

use super::changes::{diff, ChangeSet};
use super::filter::{self, FilterError, PatchPath};
use super::resource::value_ci;
use super::schema::ResourceType;
use target::Site;

/// The `schemas` URN every PATCH body carries (RFC 7644 §3.5.2).
pub const PATCH_OP_URN: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpKind {
    Add,
    Remove,
    Replace,
}

impl OpKind {
    /// Matches `op` in any case: Entra sends `Add`, `Replace`, `Remove`
    /// (tests/fixtures/entra/update_work_email_and_family_name.json).
    pub fn parse(op: &str) -> Option<OpKind> {
        [OpKind::Add, OpKind::Remove, OpKind::Replace].into_iter().find(|k| k.as_str().eq_ignore_ascii_case(op))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OpKind::Add => "add",
            OpKind::Remove => "remove",
            OpKind::Replace => "replace",
        }
    }
}

/// One operation of a PATCH request.
#[derive(Debug, Clone, PartialEq)]
pub struct PatchOp {
    pub op: OpKind,
    pub path: Option<PatchPath>,
    pub value: Option<Value>,
}

/// Why a PATCH request was refused. Each variant names the `scimType` it maps to
/// (src/error.rs holds the mapping).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PatchError {
    /// The body is not a PatchOp message (invalidSyntax): not an object, `schemas` without
    /// the PatchOp URN, or `Operations` missing or not an array. `{"Operations":[]}` triggers it.
    #[error("expected {expected}, found {found}")]
    NotPatchOp { expected: &'static str, found: String },
    /// An operation is not an object, or its `op` is not add, remove or replace (invalidSyntax).
    /// `{"op":"move"}` triggers it.
    #[error("Operations[{index}]: expected an object with \"op\" add, remove or replace, found {found}")]
    UnknownOp { index: usize, found: String },
    /// A `path`, or a key of a path-less value object, did not parse or names something that
    /// cannot take the operation (invalidPath). `"path":"emails[type eq"` triggers it.
    #[error("invalid path {path:?}: {reason}")]
    InvalidPath { path: String, reason: String },
    /// An add or replace without a `value`, or a path-less one whose value is not an object
    /// (invalidValue: RFC 7644 §3.12 "a required value was missing").
    #[error("Operations[{index}]: \"{op}\" expected {expected}, found {found}")]
    MissingValue { index: usize, op: &'static str, expected: &'static str, found: String },
    /// A remove without a `path` (noTarget, RFC 7644 §3.5.2.2).
    #[error("Operations[{index}]: \"remove\" needs a \"path\"")]
    RemoveWithoutPath { index: usize },
    /// A value filter selected no element where the RFC requires one (noTarget, §3.5.2.2/3).
    /// `remove members[value eq "nobody"]` triggers it.
    #[error("{path}: the filter matched no value")]
    NoMatch { path: String },
    /// The operation would change a readOnly or immutable attribute, or unassign a required one
    /// (mutability, RFC 7644 §3.5.2). `remove userName` triggers it.
    #[error("{path}: {reason}")]
    Mutability { path: String, reason: &'static str },
    /// A written value has the wrong type for its attribute (invalidValue).
    /// `replace active` with `"maybe"` triggers it.
    #[error("{path}: expected {expected}, found {found}")]
    InvalidValue { path: String, expected: &'static str, found: String },
}

/// A short description of a JSON value for error messages: a short scalar as it was sent,
/// otherwise its kind. Objects and arrays are never printed: they may hold a password.
fn describe(v: &Value) -> String {
    match v {
        Value::Object(_) => "an object".into(),
        Value::Array(_) => "an array".into(),
        Value::String(s) if s.chars().count() > 40 => "a long string".into(),
        scalar => scalar.to_string(),
    }
}

/// Parses a `urn:ietf:params:scim:api:messages:2.0:PatchOp` body.
///
/// An empty `Operations` array is accepted and yields no operations: Entra sends one
/// (tests/fixtures/entra/patch_empty_operations.json). Keys match case-insensitively. A missing `value` on
/// add or replace is `invalidValue` (the RFC 7644 §3.12 wording "a required value was missing");
/// a `null` value on replace is kept and unassigns the target (RFC 7643 §2.5).
pub fn parse_request(body: &Value) -> Result<Vec<PatchOp>, PatchError> {
    let Value::Object(map) = body else {
        return Err(PatchError::NotPatchOp { expected: "a JSON object", found: describe(body) });
    };
    let lists_urn = value_ci(map, "schemas")
        .and_then(Value::as_array)
        .is_some_and(|s| s.iter().any(|u| u.as_str().is_some_and(|u| u.eq_ignore_ascii_case(PATCH_OP_URN))));
    if !lists_urn {
        let found = value_ci(map, "schemas").map_or("no \"schemas\"".to_string(), describe);
        return Err(PatchError::NotPatchOp { expected: "\"schemas\" listing the PatchOp URN", found });
    }
    let Some(Value::Array(ops)) = value_ci(map, "Operations") else {
        let found = value_ci(map, "Operations").map_or("no \"Operations\"".to_string(), describe);
        return Err(PatchError::NotPatchOp { expected: "an \"Operations\" array", found });
    };
    ops.iter().enumerate().map(|(index, op)| parse_op(index, op)).collect()
}

fn parse_op(index: usize, op: &Value) -> Result<PatchOp, PatchError> {
    let Value::Object(map) = op else {
        return Err(PatchError::UnknownOp { index, found: describe(op) });
    };
    let kind = value_ci(map, "op").and_then(Value::as_str).and_then(OpKind::parse);
    let Some(kind) = kind else {
        let found = value_ci(map, "op").map_or("no \"op\"".to_string(), describe);
        return Err(PatchError::UnknownOp { index, found });
    };
    let path = match value_ci(map, "path") {
        None | Some(Value::Null) => None,
        // A blank path names no attribute: treated as absent rather than as a parse error.
        Some(Value::String(p)) if p.trim().is_empty() => None,
        Some(Value::String(p)) => Some(parse_path(p)?),
        Some(other) => {
            return Err(PatchError::InvalidPath { path: describe(other), reason: "expected a string".into() })
        }
    };
    let value = value_ci(map, "value").cloned();
    check_value(index, kind, path.is_some(), value.as_ref())?;
    Ok(PatchOp { op: kind, path, value })
}

/// The RFC 7644 §3.5.2 rules on which operations need a path and a value.
fn check_value(index: usize, kind: OpKind, has_path: bool, value: Option<&Value>) -> Result<(), PatchError> {
    let missing = |expected, found: String| PatchError::MissingValue { index, op: kind.as_str(), expected, found };
    match (kind, has_path, value) {
        (OpKind::Remove, false, _) => Err(PatchError::RemoveWithoutPath { index }),
        (OpKind::Remove, true, _) => Ok(()),
        (_, _, None) => Err(missing("a \"value\"", "none".into())),
        (OpKind::Add, true, Some(Value::Null)) => Err(missing("a \"value\"", "null".into())),
        (_, false, Some(v)) if !v.is_object() => Err(missing("an object of attributes (no \"path\")", describe(v))),
        _ => Ok(()),
    }
}

/// Parses a PATCH path with the filter parser; its errors become `invalidPath`. A path naming
/// a whole schema (`urn:…:enterprise:2.0:User`) is kept as `{urn, name: "User"}` for
/// [`target::whole_extension`] to recognise.
fn parse_path(path: &str) -> Result<PatchPath, PatchError> {
    let invalid = |e: FilterError| PatchError::InvalidPath { path: path.to_string(), reason: e.to_string() };
    match filter::parse_path(path) {
        Err(FilterError::SchemaUrn { .. }) => {
            filter::parse_attr_path(path).map(|attr| PatchPath { attr, filter: None, sub: None }).map_err(invalid)
        }
        parsed => parsed.map_err(invalid),
    }
}

/// Applies `ops` to `resource` in order; all or nothing. Returns the new resource and what
/// changed; a PATCH that changes nothing returns an empty [`ChangeSet`].
pub fn apply(resource: &Value, ops: &[PatchOp], rt: &ResourceType) -> Result<(Value, ChangeSet), PatchError> {
    let Value::Object(original) = resource else {
        return Err(PatchError::InvalidValue {
            path: rt.name.into(),
            expected: "a resource object",
            found: describe(resource),
        });
    };
    let mut working = original.clone();
    for (index, op) in ops.iter().enumerate() {
        apply_one(&mut working, index, op, rt)?;
    }
    let after = Value::Object(working);
    let changes = diff(resource, &after);
    Ok((after, changes))
}

fn apply_one(res: &mut Map<String, Value>, index: usize, op: &PatchOp, rt: &ResourceType) -> Result<(), PatchError> {
    let required_before = target::required_present(res, rt);
    match (&op.path, op.op) {
        (None, OpKind::Remove) => return Err(PatchError::RemoveWithoutPath { index }),
        (None, kind) => {
            let value = op.value.as_ref().ok_or_else(|| PatchError::MissingValue {
                index,
                op: kind.as_str(),
                expected: "a \"value\"",
                found: "none".into(),
            })?;
            write_value_object(res, kind, value, rt)?;
        }
        (Some(path), kind) => match target::whole_extension(&path.attr, rt) {
            Some(urn) => apply_to_extension(res, index, op, &urn, rt)?,
            None => apply_to_path(res, index, op, kind, path, rt)?,
        },
    }
    target::check_required(&required_before, res, rt)
}

fn apply_to_path(
    res: &mut Map<String, Value>,
    index: usize,
    op: &PatchOp,
    kind: OpKind,
    path: &PatchPath,
    rt: &ResourceType,
) -> Result<(), PatchError> {
    let site = Site::new(path, rt)?;
    site.check_writable()?;
    if kind == OpKind::Remove {
        return remove::remove(res, &site, op.value.as_ref(), rt);
    }
    let value = op.value.clone().ok_or_else(|| PatchError::MissingValue {
        index,
        op: kind.as_str(),
        expected: "a \"value\"",
        found: "none".into(),
    })?;
    write(res, kind, &site, value, rt)
}

/// A path naming a whole extension (`urn:…:enterprise:2.0:User`): add/replace merge its value
/// object as a path-less operation would; remove drops the extension.
fn apply_to_extension(
    res: &mut Map<String, Value>,
    index: usize,
    op: &PatchOp,
    urn: &str,
    rt: &ResourceType,
) -> Result<(), PatchError> {
    if op.op == OpKind::Remove {
        return remove::remove_extension(res, urn, rt);
    }
    match &op.value {
        Some(value @ Value::Object(_)) => {
            let mut wrapped = Map::new();
            wrapped.insert(urn.to_string(), value.clone());
            write_value_object(res, op.op, &Value::Object(wrapped), rt)
        }
        other => Err(PatchError::MissingValue {
            index,
            op: op.op.as_str(),
            expected: "an object of the extension's attributes",
            found: other.as_ref().map_or("none".into(), describe),
        }),
    }
}

/// A path-less add or replace: each key of the value object is a path of its own.
fn write_value_object(
    res: &mut Map<String, Value>,
    kind: OpKind,
    value: &Value,
    rt: &ResourceType,
) -> Result<(), PatchError> {
    for (path, v) in target::value_object_paths(value, rt)? {
        let site = Site::new(&path, rt)?;
        // Okta sends `id` (and may send `meta`, `schemas`) inside a path-less replace; they are
        // server-owned and ignored, as PUT ignores them (RFC 7644 §3.5.1) —
        // tests/fixtures/okta/rename_group_patch.json.
        if site.is_server_owned() {
            continue;
        }
        site.check_writable()?;
        write(res, kind, &site, v, rt)?;
    }
    Ok(())
}

fn write(
    res: &mut Map<String, Value>,
    kind: OpKind,
    site: &Site,
    value: Value,
    rt: &ResourceType,
) -> Result<(), PatchError> {
    match kind {
        OpKind::Add => add::add(res, site, value, rt),
        OpKind::Replace => replace::replace(res, site, value, rt),
        OpKind::Remove => remove::remove(res, site, Some(&value), rt),
    }
}
