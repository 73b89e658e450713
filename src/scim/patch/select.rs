//! Value filters in PATCH paths (`emails[type eq "work"]`): which elements of a multi-valued
//! attribute a filter selects, and the element an `add` creates when it selects none.

use serde_json::{Map, Value};

use super::target::Target;
use crate::scim::filter::{self, CompareOp, Filter};
use crate::scim::path::AttrPath;
use crate::scim::schema::ResourceType;

/// Indices of the elements of `list` that `filter` (relative to an element) selects.
///
/// Each element is tested as `attr[filter]` against a resource holding only that element, so
/// the filter evaluator reads caseExact from the attribute's own sub-attribute definitions.
pub(super) fn selected(list: &[Value], target: &Target, filter: &Filter, rt: &ResourceType) -> Vec<usize> {
    let whole = Filter::ValuePath {
        path: AttrPath { urn: target.holder.clone(), name: target.name.clone(), sub: None },
        filter: Box::new(filter.clone()),
    };
    list.iter()
        .enumerate()
        .filter(|(_, element)| filter::matches(&whole, &alone(target, element), rt))
        .map(|(i, _)| i)
        .collect()
}

/// [`selected`] over an attribute's current value: the elements of a list, or a singular
/// complex value as a list of one. Entra filters the single-valued manager
/// (`manager[value eq "<id>"]`) — tests/fixtures/entra/remove_manager_value_filter.json.
pub(super) fn selected_in(current: Option<&Value>, target: &Target, filter: &Filter, rt: &ResourceType) -> Vec<usize> {
    match current {
        Some(Value::Array(list)) => selected(list, target, filter, rt),
        Some(single @ Value::Object(_)) => selected(std::slice::from_ref(single), target, filter, rt),
        _ => Vec::new(),
    }
}

/// A resource whose only attribute is `target` holding `[element]`.
fn alone(target: &Target, element: &Value) -> Value {
    let mut attr = Map::new();
    attr.insert(target.name.clone(), Value::Array(vec![element.clone()]));
    match &target.holder {
        None => Value::Object(attr),
        Some(urn) => {
            let mut res = Map::new();
            res.insert(urn.clone(), Value::Object(attr));
            Value::Object(res)
        }
    }
}

/// The element an `add` through a value filter creates when no element matches.
///
/// Only filters that pin the element down can seed one: `eq` comparisons of a plain
/// sub-attribute with a string, number or boolean, joined by `and` (`type eq "work"`,
/// `type eq "work" and primary eq true`). Anything else (`or`, `not`, `pr`, other operators,
/// `null`, nested paths, two different values for one sub-attribute) returns `None`.
/// Entra adds a missing work email this way (tests/fixtures/entra/add_work_email_when_missing.json).
pub(super) fn seed(filter: &Filter) -> Option<Map<String, Value>> {
    let mut element = Map::new();
    seed_into(filter, &mut element)?;
    Some(element)
}

fn seed_into(filter: &Filter, element: &mut Map<String, Value>) -> Option<()> {
    match filter {
        Filter::And(a, b) => {
            seed_into(a, element)?;
            seed_into(b, element)
        }
        Filter::Compare { path, op: CompareOp::Eq, value } if path.urn.is_none() && path.sub.is_none() => {
            if value.is_null() || value.is_array() || value.is_object() {
                return None;
            }
            let existing = element.iter().find(|(k, _)| k.eq_ignore_ascii_case(&path.name));
            match existing {
                Some((_, v)) if v != value => None,
                Some(_) => Some(()),
                None => {
                    element.insert(path.name.clone(), value.clone());
                    Some(())
                }
            }
        }
        _ => None,
    }
}
