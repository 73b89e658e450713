//! `add` (RFC 7644 §3.5.2.1): a multi-valued attribute gains the values it does not hold yet;
//! a singular one is set (a complex one takes the sub-attributes given); a value filter that
//! selects nothing creates the element it describes.

use serde_json::{Map, Value};

use super::elements::{keep_one_primary, merge, same_element, without_nulls};
use super::target::{list_mut, Site, Target};
use super::write::{self, WhenNoMatch};
use super::{conform, PatchError};
use crate::scim::schema::ResourceType;

pub(super) fn add(
    res: &mut Map<String, Value>,
    site: &Site,
    value: Value,
    rt: &ResourceType,
) -> Result<(), PatchError> {
    let target = &site.target;
    match (site.filter, &site.sub) {
        (None, None) if target.is_multi(target.get(res), Some(&value)) => append(res, target, value),
        (None, None) => write::singular(res, target, value),
        (None, Some(sub)) => write::sub_everywhere(res, site, sub, value),
        // Entra adds a work email the user lacks as `add emails[type eq "work"].value` —
        // tests/fixtures/entra/add_work_email_when_missing.json: the element is created from the filter.
        (Some(filter), _) => write::through_filter(res, site, filter, value, rt, WhenNoMatch::Create),
    }
}

/// Adds values to a multi-valued attribute. A value the attribute already holds (see
/// [`same_element`]) is not repeated: its sub-attributes are merged into the one held, so adding
/// an existing member again changes nothing (RFC 7644 §3.5.2.1: "no changes SHALL be made").
fn append(res: &mut Map<String, Value>, target: &Target, value: Value) -> Result<(), PatchError> {
    let label = target.label();
    let incoming = match conform::whole(value, target.def, &label)? {
        Value::Array(list) => list,
        Value::Null => return Ok(()),
        one => vec![one],
    };
    let list = list_mut(target.slot(res));
    let mut written = Vec::with_capacity(incoming.len());
    for value in incoming {
        match list.iter().position(|e| same_element(e, &value, target.def)) {
            Some(i) => {
                if let (Some(Value::Object(held)), Value::Object(new)) = (list.get_mut(i), value) {
                    merge(held, new, target.def, &label)?;
                }
                written.push(i);
            }
            None => {
                list.push(without_nulls(value));
                written.push(list.len() - 1);
            }
        }
    }
    keep_one_primary(list, &written);
    target.tidy(res);
    Ok(())
}
