//! `remove` (RFC 7644 §3.5.2.2): an attribute, a sub-attribute, the elements a value filter
//! selects, or a sub-attribute of those elements. Removing what is not there succeeds; a filter
//! that selects nothing fails with noTarget (RFC 7644 §3.12).

use serde_json::{Map, Value};

use super::elements::same_element;
use super::select::selected_in;
use super::target::{remove_key, unlist_schema, Site, Target};
use super::PatchError;
use crate::scim::changes::is_unassigned;
use crate::scim::filter::Filter;
use crate::scim::resource::value_ci;
use crate::scim::schema::{Attribute, Mutability, ResourceType};

pub(super) fn remove(
    res: &mut Map<String, Value>,
    site: &Site,
    value: Option<&Value>,
    rt: &ResourceType,
) -> Result<(), PatchError> {
    let target = &site.target;
    let listed = value.filter(|v| !is_unassigned(v));
    match (site.filter, &site.sub, listed) {
        (None, None, Some(listed)) if target.is_multi(target.get(res), Some(listed)) => {
            remove_listed(res, target, listed)
        }
        (None, None, _) => remove_whole(res, target)?,
        (None, Some(sub), _) => remove_sub(res, site, sub)?,
        (Some(filter), sub, _) => remove_selected(res, site, filter, sub.as_deref(), rt)?,
    }
    target.tidy(res);
    Ok(())
}

/// `name[filter]` or `name[filter].sub`: the selected elements, or their sub-attribute. A
/// singular complex value the filter selects goes as a whole (or loses the sub-attribute).
fn remove_selected(
    res: &mut Map<String, Value>,
    site: &Site,
    filter: &Filter,
    sub: Option<&str>,
    rt: &ResourceType,
) -> Result<(), PatchError> {
    let target = &site.target;
    let current = target.get(res);
    let multi = target.is_multi(current, None);
    let hits = selected_in(current, target, filter, rt);
    if hits.is_empty() {
        return Err(PatchError::NoMatch { path: site.label() });
    }
    if sub.is_some() {
        check_removable(site, site.sub_def, true)?;
    }
    match (target.existing_mut(res), sub) {
        (Some(Value::Array(list)), None) if multi => {
            let mut index = 0;
            list.retain(|_| {
                index += 1;
                !hits.contains(&(index - 1))
            });
        }
        (Some(Value::Array(list)), Some(sub)) if multi => {
            for &i in &hits {
                remove_key(list.get_mut(i).and_then(Value::as_object_mut), sub);
            }
        }
        (Some(single), None) => *single = Value::Null,
        (Some(single), Some(sub)) => {
            remove_key(single.as_object_mut(), sub);
        }
        (None, _) => {}
    }
    Ok(())
}

/// Entra removes group members with `"path": "members"` and the members to remove in `value`
/// (`[{"value": "<id>"}]`) — tests/fixtures/entra/remove_members_by_value.json. Only the listed values
/// go, never the whole list; listed values the attribute does not hold are ignored.
fn remove_listed(res: &mut Map<String, Value>, target: &Target, listed: &Value) {
    let listed: Vec<&Value> = match listed {
        Value::Array(list) => list.iter().collect(),
        one => vec![one],
    };
    if let Some(Value::Array(list)) = target.existing_mut(res) {
        list.retain(|e| !listed.iter().any(|l| same_element(e, l, target.def)));
    }
}

fn remove_whole(res: &mut Map<String, Value>, target: &Target) -> Result<(), PatchError> {
    let present = target.get(res).is_some_and(|v| !is_unassigned(v));
    if present && target.def.is_some_and(|d| d.mutability == Mutability::Immutable) {
        return Err(PatchError::Mutability { path: target.label(), reason: "is immutable" });
    }
    if let Some(value) = target.existing_mut(res) {
        *value = Value::Null;
    }
    Ok(())
}

/// `name.sub` with no filter: from a singular complex attribute, or from every element.
fn remove_sub(res: &mut Map<String, Value>, site: &Site, sub: &str) -> Result<(), PatchError> {
    let present = match site.target.get(res) {
        Some(Value::Object(map)) => value_ci(map, sub).is_some(),
        Some(Value::Array(list)) => list.iter().any(|e| e.as_object().is_some_and(|m| value_ci(m, sub).is_some())),
        _ => false,
    };
    check_removable(site, site.sub_def, present)?;
    match site.target.existing_mut(res) {
        Some(Value::Object(map)) => {
            remove_key(Some(map), sub);
        }
        Some(Value::Array(list)) => {
            for element in list {
                remove_key(element.as_object_mut(), sub);
            }
        }
        _ => {}
    }
    Ok(())
}

/// Removing an immutable or required sub-attribute that has a value is a mutability error
/// (RFC 7644 §3.5.2 and §3.5.2.2).
fn check_removable(site: &Site, sub: Option<&Attribute>, present: bool) -> Result<(), PatchError> {
    let reason = match sub {
        Some(d) if d.mutability == Mutability::Immutable => "is immutable",
        Some(d) if d.required => "is required and cannot be removed",
        _ => return Ok(()),
    };
    match present {
        true => Err(PatchError::Mutability { path: site.label(), reason }),
        false => Ok(()),
    }
}

/// A path naming a whole extension: drops the extension's object and its `schemas` entry.
/// A required extension cannot go (mutability), nor can the core schema (invalidPath).
pub(super) fn remove_extension(res: &mut Map<String, Value>, urn: &str, rt: &ResourceType) -> Result<(), PatchError> {
    if rt.schema.id.eq_ignore_ascii_case(urn) {
        return Err(PatchError::InvalidPath {
            path: urn.to_string(),
            reason: "the core schema cannot be removed".into(),
        });
    }
    let required = rt.extensions.iter().any(|(s, required)| *required && s.id.eq_ignore_ascii_case(urn));
    if required && value_ci(res, urn).is_some() {
        return Err(PatchError::Mutability { path: urn.to_string(), reason: "is a required extension" });
    }
    remove_key(Some(res), urn);
    unlist_schema(res, urn);
    Ok(())
}
