//! Resolving a PATCH path against a resource: which object holds the attribute (the resource
//! itself, or an extension's object under its URN), the attribute's definition, and the
//! sub-attribute. Also splits a path-less value object into one path per key.

use serde_json::{Map, Value};

use super::{describe, parse_path, PatchError};
use crate::scim::changes::is_unassigned;
use crate::scim::filter::{self, Filter, PatchPath};
use crate::scim::path::AttrPath;
use crate::scim::resource::{key_ci, value_ci};
use crate::scim::schema::{AttrType, Attribute, Mutability, ResourceType};

/// Where an attribute lives in a resource, and what the schema says about it.
#[derive(Debug, Clone)]
pub(super) struct Target {
    /// `None`: on the resource itself; `Some(urn)`: in the extension object under `urn`.
    pub holder: Option<String>,
    /// The schema's spelling of the name, or the client's when no schema defines it.
    pub name: String,
    /// `None` for attributes no schema defines: they are kept as sent, without type checks.
    pub def: Option<&'static Attribute>,
}

impl Target {
    pub fn resolve(attr: &AttrPath, rt: &ResourceType) -> Target {
        let top = AttrPath { urn: attr.urn.clone(), name: attr.name.clone(), sub: None };
        let mut def = rt.attribute(&top);
        let mut holder = match &attr.urn {
            None => None,
            Some(urn) => match rt.schema(urn) {
                Some(schema) if std::ptr::eq(schema, rt.schema) => None,
                Some(schema) => Some(schema.id.to_string()),
                None => Some(urn.clone()),
            },
        };
        // Entra names the enterprise `manager` without its URN —
        // tests/fixtures/entra/add_manager_reference_array.json: a bare name that no core
        // attribute has resolves to the extension that defines it.
        if def.is_none() && attr.urn.is_none() {
            let found = rt.extensions.iter().find_map(|(s, _)| s.attribute(&attr.name).map(|a| (s.id, a)));
            if let Some((urn, found)) = found {
                (holder, def) = (Some(urn.to_string()), Some(found));
            }
        }
        let name = def.map_or_else(|| attr.name.clone(), |d| d.name.to_string());
        Target { holder, name, def }
    }

    /// `name`, or `urn:name` for an extension attribute.
    pub fn label(&self) -> String {
        match &self.holder {
            Some(urn) => format!("{urn}:{}", self.name),
            None => self.name.clone(),
        }
    }

    /// Multi-valued per the schema; an undefined attribute is multi-valued if it holds or
    /// receives an array.
    pub fn is_multi(&self, existing: Option<&Value>, incoming: Option<&Value>) -> bool {
        match self.def {
            Some(def) => def.multi_valued,
            None => existing.is_some_and(Value::is_array) || incoming.is_some_and(Value::is_array),
        }
    }

    pub fn get<'a>(&self, res: &'a Map<String, Value>) -> Option<&'a Value> {
        let holder = match &self.holder {
            None => res,
            Some(urn) => value_ci(res, urn)?.as_object()?,
        };
        value_ci(holder, &self.name)
    }

    /// The attribute's current value, if its holder exists; for removals, which create nothing.
    pub fn existing_mut<'a>(&self, res: &'a mut Map<String, Value>) -> Option<&'a mut Value> {
        let holder = match &self.holder {
            None => res,
            Some(urn) => res.get_mut(&key_ci(res, urn)?)?.as_object_mut()?,
        };
        let key = key_ci(holder, &self.name)?;
        holder.get_mut(&key)
    }

    /// The attribute's value for writing: creates the extension object (listing its URN in
    /// `schemas`) and the attribute (as `null`) when missing. Call [`Target::tidy`] after.
    pub fn slot<'a>(&self, res: &'a mut Map<String, Value>) -> &'a mut Value {
        let holder = match &self.holder {
            None => res,
            Some(urn) => {
                let key = key_ci(res, urn).unwrap_or_else(|| {
                    list_schema(res, urn);
                    urn.clone()
                });
                object_mut(res.entry(key).or_insert(Value::Null))
            }
        };
        let key = key_ci(holder, &self.name).unwrap_or_else(|| self.name.clone());
        holder.entry(key).or_insert(Value::Null)
    }

    /// Drops the attribute if it ended unassigned (null, `[]`, `{}`: RFC 7643 §2.5), and the
    /// extension object (and its `schemas` entry) if that ended empty.
    pub fn tidy(&self, res: &mut Map<String, Value>) {
        if let Some(value) = self.existing_mut(res) {
            if is_unassigned(value) {
                remove_key(self.holder_mut(res), &self.name);
            }
        }
        if let Some(urn) = &self.holder {
            let empty = value_ci(res, urn).and_then(Value::as_object).is_some_and(Map::is_empty);
            if empty {
                remove_key(Some(res), urn);
                unlist_schema(res, urn);
            }
        }
    }

    fn holder_mut<'a>(&self, res: &'a mut Map<String, Value>) -> Option<&'a mut Map<String, Value>> {
        match &self.holder {
            None => Some(res),
            Some(urn) => res.get_mut(&key_ci(res, urn)?)?.as_object_mut(),
        }
    }
}

/// Removes `name` (any case) keeping the order of the other keys.
pub(super) fn remove_key(map: Option<&mut Map<String, Value>>, name: &str) -> Option<Value> {
    let map = map?;
    let key = key_ci(map, name)?;
    map.shift_remove(&key)
}

/// `v` as an object, replacing anything else (a missing value is `null`) with `{}`.
pub(super) fn object_mut(v: &mut Value) -> &mut Map<String, Value> {
    match v {
        Value::Object(map) => map,
        other => {
            *other = Value::Object(Map::new());
            object_mut(other)
        }
    }
}

/// `v` as an array: `null` becomes `[]`, a single value `[value]`.
pub(super) fn list_mut(v: &mut Value) -> &mut Vec<Value> {
    match v {
        Value::Array(list) => list,
        other => {
            let single = other.take();
            *other = Value::Array(if single.is_null() { Vec::new() } else { vec![single] });
            list_mut(other)
        }
    }
}

/// Adds `urn` to the resource's `schemas` list, as RFC 7643 §3 requires of a present extension.
fn list_schema(res: &mut Map<String, Value>, urn: &str) {
    let Some(key) = key_ci(res, "schemas") else {
        return;
    };
    if let Some(Value::Array(list)) = res.get_mut(&key) {
        if !list.iter().any(|u| u.as_str().is_some_and(|u| u.eq_ignore_ascii_case(urn))) {
            list.push(Value::String(urn.to_string()));
        }
    }
}

pub(super) fn unlist_schema(res: &mut Map<String, Value>, urn: &str) {
    let Some(key) = key_ci(res, "schemas") else {
        return;
    };
    if let Some(Value::Array(list)) = res.get_mut(&key) {
        list.retain(|u| !u.as_str().is_some_and(|u| u.eq_ignore_ascii_case(urn)));
    }
}

/// A PATCH path resolved against a resource type.
#[derive(Debug)]
pub(super) struct Site<'p> {
    pub target: Target,
    pub filter: Option<&'p Filter>,
    /// The sub-attribute, from `name.sub` or from `name[filter].sub`.
    pub sub: Option<String>,
    pub sub_def: Option<&'static Attribute>,
}

impl<'p> Site<'p> {
    pub fn new(path: &'p PatchPath, rt: &ResourceType) -> Result<Site<'p>, PatchError> {
        let target = Target::resolve(&path.attr, rt);
        let invalid = |reason: &str| PatchError::InvalidPath { path: display_path(path), reason: reason.to_string() };
        let sub = match (&path.attr.sub, &path.sub) {
            (Some(_), Some(_)) => return Err(invalid("expected at most one sub-attribute")),
            (a, b) => a.as_ref().or(b.as_ref()),
        };
        if let Some(def) = target.def {
            if sub.is_some() && def.ty != AttrType::Complex {
                return Err(invalid("the attribute has no sub-attributes"));
            }
            if path.filter.is_some() && !def.multi_valued && def.ty != AttrType::Complex {
                return Err(invalid("a value filter needs a multi-valued or complex attribute"));
            }
        }
        let sub_def = target.def.zip(sub).and_then(|(def, sub)| def.sub(sub));
        let sub = sub_def.map(|d| d.name.to_string()).or_else(|| sub.cloned());
        Ok(Site { target, filter: path.filter.as_ref(), sub, sub_def })
    }

    /// The path for messages, with the schema's spelling of names.
    pub fn label(&self) -> String {
        let mut out = self.target.label();
        if let Some(filter) = self.filter {
            out.push_str(&format!("[{filter}]"));
        }
        if let Some(sub) = &self.sub {
            out.push('.');
            out.push_str(sub);
        }
        out
    }

    /// readOnly attributes, and `schemas`, which the server keeps in step with the extensions.
    pub fn is_server_owned(&self) -> bool {
        let read_only = |d: Option<&Attribute>| d.is_some_and(|d| d.mutability == Mutability::ReadOnly);
        let schemas = self.target.holder.is_none()
            && self.target.def.is_none()
            && self.target.name.eq_ignore_ascii_case("schemas");
        read_only(self.target.def) || read_only(self.sub_def) || schemas
    }

    /// RFC 7644 §3.5.2: "a client MUST NOT modify an attribute that has mutability readOnly".
    pub fn check_writable(&self) -> Result<(), PatchError> {
        if self.is_server_owned() {
            return Err(PatchError::Mutability { path: self.label(), reason: "is readOnly" });
        }
        Ok(())
    }
}

fn display_path(path: &PatchPath) -> String {
    let mut out = path.attr.to_string();
    if let Some(filter) = &path.filter {
        out.push_str(&format!("[{filter}]"));
    }
    if let Some(sub) = &path.sub {
        out.push('.');
        out.push_str(sub);
    }
    out
}

/// The schema URN a path names as a whole (`urn:…:enterprise:2.0:User`, which the parser reads
/// as URN `urn:…:2.0` and name `User`): a known extension in its schema spelling, or any URN
/// whose last segment before the name is a version (a custom extension).
pub(super) fn whole_extension(attr: &AttrPath, rt: &ResourceType) -> Option<String> {
    let urn = format!("{}:{}", attr.urn.as_ref()?, attr.name);
    match rt.schema(&urn) {
        Some(schema) if attr.sub.is_none() => Some(schema.id.to_string()),
        _ => filter::names_schema(attr).then_some(urn),
    }
}

/// Splits a path-less value object into `(path, value)` pairs. Keys may be attribute names
/// (any case), dotted paths (`name.givenName`), URN-prefixed paths, value paths
/// (`emails[type eq "work"].value`), or an extension URN holding an object of its attributes.
/// Entra flattens a multi-attribute update into one object with dotted and URN-path keys
/// (tests/fixtures/entra/replace_multiple_no_path.json).
pub(super) fn value_object_paths(value: &Value, rt: &ResourceType) -> Result<Vec<(PatchPath, Value)>, PatchError> {
    let Value::Object(map) = value else {
        return Err(PatchError::InvalidValue { path: "value".into(), expected: "an object", found: describe(value) });
    };
    let mut out = Vec::new();
    for (key, v) in map {
        match (extension_key(key, v, rt), v) {
            (Some(urn), Value::Object(inner)) => {
                for (name, v) in inner {
                    let mut path = parse_path(name)?;
                    path.attr.urn.get_or_insert_with(|| urn.clone());
                    out.push((path, v.clone()));
                }
            }
            _ => out.push((parse_path(key)?, v.clone())),
        }
    }
    Ok(out)
}

/// The URN when `key` is a schema URN holding an object of attributes: a known schema, or an
/// unknown `urn:` key that resolves to no attribute (a custom extension).
fn extension_key(key: &str, value: &Value, rt: &ResourceType) -> Option<String> {
    let is_urn = key.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("urn:"));
    if !value.is_object() || !is_urn || key.contains('[') {
        return None;
    }
    if let Some(schema) = rt.schema(key) {
        return Some(schema.id.to_string());
    }
    match filter::parse_path(key) {
        Ok(path) if rt.attribute(&path.attr).is_some() => None,
        _ => Some(key.to_string()),
    }
}

/// Every required attribute of the resource type's schemas (core and extensions).
fn required_targets(rt: &ResourceType) -> Vec<Target> {
    let core = rt.schema.attributes.iter().map(|a| (None, a));
    let ext = rt.extensions.iter().flat_map(|(s, _)| s.attributes.iter().map(|a| (Some(s.id.to_string()), a)));
    core.chain(ext)
        .filter(|(_, a)| a.required)
        .map(|(holder, a)| Target { holder, name: a.name.to_string(), def: Some(a) })
        .collect()
}

/// Which required attributes are assigned, in [`required_targets`] order.
pub(super) fn required_present(res: &Map<String, Value>, rt: &ResourceType) -> Vec<bool> {
    required_targets(rt).iter().map(|t| t.get(res).is_some_and(|v| !is_unassigned(v))).collect()
}

/// RFC 7644 §3.5.2.2: "If an attribute is removed or becomes unassigned and is defined as a
/// required attribute … the server SHALL return … a scimType error code of mutability".
pub(super) fn check_required(before: &[bool], res: &Map<String, Value>, rt: &ResourceType) -> Result<(), PatchError> {
    for (target, had) in required_targets(rt).iter().zip(before) {
        if *had && target.get(res).is_none_or(is_unassigned) {
            return Err(PatchError::Mutability { path: target.label(), reason: "is required and cannot be removed" });
        }
    }
    Ok(())
}
