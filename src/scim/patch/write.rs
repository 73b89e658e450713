//! The writes `add` and `replace` share: a singular attribute's whole value, a sub-attribute
//! with no filter, and the elements a value filter selects. They differ only on multi-valued
//! attributes and on filters that select nothing, which their own modules decide.

use serde_json::{Map, Value};

use super::elements::{check_immutable, keep_one_primary, merge, set_sub};
use super::select::{seed, selected_in};
use super::target::{list_mut, object_mut, Site, Target};
use super::{conform, describe, PatchError};
use crate::scim::filter::Filter;
use crate::scim::schema::{AttrType, ResourceType};

/// A singular attribute's whole value: a complex attribute takes the sub-attributes given and
/// keeps the others (RFC 7644 §3.5.2.1 and §3.5.2.3 agree), anything else is replaced.
pub(super) fn singular(res: &mut Map<String, Value>, target: &Target, value: Value) -> Result<(), PatchError> {
    let label = target.label();
    let value = conform::single(value, target.def, &label)?;
    let slot = target.slot(res);
    let complex = target.def.is_none_or(|d| d.ty == AttrType::Complex);
    match value {
        Value::Object(incoming) if complex => merge(object_mut(slot), incoming, target.def, &label)?,
        value => {
            if !check_immutable(Some(slot), &value, target.def, &label)? {
                *slot = value;
            }
        }
    }
    target.tidy(res);
    Ok(())
}

/// `name.sub` with no filter: the sub-attribute of a singular complex attribute, or of every
/// element of a multi-valued one (creating one element when there are none).
pub(super) fn sub_everywhere(
    res: &mut Map<String, Value>,
    site: &Site,
    sub: &str,
    value: Value,
) -> Result<(), PatchError> {
    let label = site.label();
    let value = conform::whole(value, site.sub_def, &label)?;
    let target = &site.target;
    let multi = target.is_multi(target.get(res), None);
    let slot = target.slot(res);
    if !multi {
        set_sub(object_mut(slot), sub, value, site.sub_def, &label)?;
    } else {
        let list = list_mut(slot);
        if list.is_empty() && !value.is_null() {
            list.push(Value::Object(Map::new()));
        }
        for element in list.iter_mut() {
            set_sub(object_mut(element), sub, value.clone(), site.sub_def, &label)?;
        }
        let written: Vec<usize> = (0..list.len()).collect();
        keep_one_primary(list, &written);
    }
    target.tidy(res);
    Ok(())
}

/// What to do when a value filter selects no element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum WhenNoMatch {
    /// Create the element the filter describes (add).
    Create,
    /// Fail with noTarget (replace, RFC 7644 §3.5.2.3).
    Fail,
}

/// `name[filter]` or `name[filter].sub`: writes the value into every selected element (a
/// whole element merges into it; a sub-attribute value replaces that sub-attribute).
pub(super) fn through_filter(
    res: &mut Map<String, Value>,
    site: &Site,
    filter: &Filter,
    value: Value,
    rt: &ResourceType,
    when_none: WhenNoMatch,
) -> Result<(), PatchError> {
    let (target, label) = (&site.target, site.label());
    let value = match &site.sub {
        Some(_) => conform::whole(value, site.sub_def, &label)?,
        None if value.is_object() => conform::single(value, target.def, &label)?,
        None => {
            return Err(PatchError::InvalidValue {
                path: label,
                expected: "an object (one element)",
                found: describe(&value),
            })
        }
    };
    let current = target.get(res);
    let hits = selected_in(current, target, filter, rt);
    if !target.is_multi(current, None) {
        // A singular complex value that the filter selects is written like an element.
        if hits.is_empty() {
            return Err(PatchError::NoMatch { path: label });
        }
        write_into(object_mut(target.slot(res)), site, value, &label)?;
        target.tidy(res);
        return Ok(());
    }
    if hits.is_empty() {
        let seeded = match when_none {
            WhenNoMatch::Create => seed(filter),
            WhenNoMatch::Fail => None,
        };
        let Some(seeded) = seeded else {
            return Err(PatchError::NoMatch { path: label });
        };
        let mut element = match conform::single(Value::Object(seeded), target.def, &label)? {
            Value::Object(map) => map,
            other => {
                return Err(PatchError::InvalidValue { path: label, expected: "an object", found: describe(&other) })
            }
        };
        write_into(&mut element, site, value, &label)?;
        let list = list_mut(target.slot(res));
        list.push(Value::Object(element));
        let last = list.len() - 1;
        keep_one_primary(list, &[last]);
    } else {
        let list = list_mut(target.slot(res));
        for &i in &hits {
            if let Some(element) = list.get_mut(i) {
                write_into(object_mut(element), site, value.clone(), &label)?;
            }
        }
        keep_one_primary(list, &hits);
    }
    target.tidy(res);
    Ok(())
}

fn write_into(element: &mut Map<String, Value>, site: &Site, value: Value, label: &str) -> Result<(), PatchError> {
    match (&site.sub, value) {
        (Some(sub), value) => set_sub(element, sub, value, site.sub_def, label),
        (None, Value::Object(incoming)) => merge(element, incoming, site.target.def, label),
        (None, other) => {
            Err(PatchError::InvalidValue { path: label.into(), expected: "an object", found: describe(&other) })
        }
    }
}
