//! `replace` (RFC 7644 §3.5.2.3): a multi-valued attribute's values are all replaced; a singular
//! one is set (a complex one takes the sub-attributes given, keeping the rest); a value filter
//! must select at least one element, or the operation fails with noTarget.

use serde_json::{Map, Value};

use super::elements::{keep_one_primary, without_nulls};
use super::target::{Site, Target};
use super::write::{self, WhenNoMatch};
use super::{conform, PatchError};
use crate::scim::schema::ResourceType;

pub(super) fn replace(
    res: &mut Map<String, Value>,
    site: &Site,
    value: Value,
    rt: &ResourceType,
) -> Result<(), PatchError> {
    let target = &site.target;
    match (site.filter, &site.sub) {
        (None, None) if target.is_multi(target.get(res), Some(&value)) => replace_all(res, target, value),
        (None, None) => write::singular(res, target, value),
        (None, Some(sub)) => write::sub_everywhere(res, site, sub, value),
        (Some(filter), _) => write::through_filter(res, site, filter, value, rt, WhenNoMatch::Fail),
    }
}

/// "If the target location is a multi-valued attribute and no filter is specified, the
/// attribute and all values are replaced." An empty list or `null` unassigns it.
fn replace_all(res: &mut Map<String, Value>, target: &Target, value: Value) -> Result<(), PatchError> {
    let mut list: Vec<Value> = match conform::whole(value, target.def, &target.label())? {
        Value::Array(list) => list.into_iter().filter(|e| !e.is_null()).map(without_nulls).collect(),
        Value::Null => Vec::new(),
        one => vec![without_nulls(one)],
    };
    let written: Vec<usize> = (0..list.len()).collect();
    keep_one_primary(&mut list, &written);
    *target.slot(res) = Value::Array(list);
    target.tidy(res);
    Ok(())
}
