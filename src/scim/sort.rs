//! `sortBy`/`sortOrder` (RFC 7644 §3.4.2.3): one sort key per resource, compared by the
//! attribute's schema type: caseExact or case-insensitive strings, numbers, booleans and
//! dateTimes as instants. Resources without a value sort last ascending, first descending.

use std::cmp::Ordering;

use serde_json::Value;

use super::filter::datetime;
use super::path::AttrPath;
use super::resource::value_ci;
use super::schema::{AttrType, Attribute, ResourceType};

/// The direction of a sort; the RFC's default is ascending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    Ascending,
    Descending,
}

/// A resource's value for `sortBy`, made comparable once so sorting does no lookups.
/// Variants are declared in cross-type order: when values of different JSON types meet
/// (an unknown attribute holding `true` in one resource and `"x"` in another), booleans
/// come before numbers, numbers before strings, and missing values last.
#[derive(Debug, Clone, PartialEq)]
pub enum SortKey {
    Bool(bool),
    Number(f64),
    /// A dateTime as (seconds since 1970, nanoseconds).
    Instant(i64, u32),
    /// Lower-cased unless the attribute is caseExact, then compared by code point.
    Text(String),
    Missing,
}

impl SortKey {
    fn rank(&self) -> u8 {
        match self {
            SortKey::Bool(_) => 0,
            SortKey::Number(_) => 1,
            SortKey::Instant(..) => 2,
            SortKey::Text(_) => 3,
            SortKey::Missing => 4,
        }
    }

    /// Ascending order. Descending is its exact reverse, which puts missing values first,
    /// as the RFC asks.
    pub fn cmp_ascending(&self, other: &SortKey) -> Ordering {
        match (self, other) {
            (SortKey::Bool(a), SortKey::Bool(b)) => a.cmp(b),
            (SortKey::Number(a), SortKey::Number(b)) => a.total_cmp(b),
            (SortKey::Instant(a, an), SortKey::Instant(b, bn)) => (a, an).cmp(&(b, bn)),
            (SortKey::Text(a), SortKey::Text(b)) => a.cmp(b),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}

/// Sorts `items` by `path` (stable, so ties keep their stored order).
pub fn sort_resources(items: &mut Vec<&Value>, path: &AttrPath, order: SortOrder, rt: &ResourceType) {
    let def = rt.attribute(path);
    let mut keyed: Vec<(SortKey, &Value)> = items.drain(..).map(|r| (sort_key(r, path, def, rt), r)).collect();
    keyed.sort_by(|a, b| {
        let ascending = a.0.cmp_ascending(&b.0);
        match order {
            SortOrder::Ascending => ascending,
            SortOrder::Descending => ascending.reverse(),
        }
    });
    items.extend(keyed.into_iter().map(|(_, r)| r));
}

/// The sort key of one resource. A multi-valued attribute contributes its `primary`
/// element, else its first (RFC 7644 §3.4.2.3); a complex value without a named
/// sub-attribute contributes its `value`.
pub fn sort_key(resource: &Value, path: &AttrPath, def: Option<&Attribute>, rt: &ResourceType) -> SortKey {
    let Some(mut value) = top_value(resource, path, rt) else {
        return SortKey::Missing;
    };
    if let Value::Array(items) = value {
        let primary = items.iter().find(|v| v.get("primary").and_then(Value::as_bool) == Some(true));
        match primary.or(items.first()) {
            Some(v) => value = v,
            None => return SortKey::Missing,
        }
    }
    let mut def = def;
    if let Value::Object(map) = value {
        let sub = match &path.sub {
            Some(sub) => sub.as_str(),
            None => {
                def = def.and_then(|d| d.sub("value"));
                "value"
            }
        };
        match value_ci(map, sub) {
            Some(v) => value = v,
            None => return SortKey::Missing,
        }
    }
    key_of(value, def)
}

/// The top-level value `path` names: a core or common attribute, or one inside the
/// extension object its URN names.
fn top_value<'a>(resource: &'a Value, path: &AttrPath, rt: &ResourceType) -> Option<&'a Value> {
    let map = resource.as_object()?;
    match &path.urn {
        Some(urn) if !rt.schema.id.eq_ignore_ascii_case(urn) => value_ci(value_ci(map, urn)?.as_object()?, &path.name),
        _ => value_ci(map, &path.name),
    }
}

fn key_of(value: &Value, def: Option<&Attribute>) -> SortKey {
    let case_exact = def.is_some_and(|d| d.case_exact);
    match value {
        Value::Bool(b) => SortKey::Bool(*b),
        Value::Number(n) => n.as_f64().map_or(SortKey::Missing, SortKey::Number),
        Value::String(s) if def.is_some_and(|d| d.ty == AttrType::DateTime) => {
            datetime::parse(s).map_or_else(|| SortKey::Text(s.clone()), |(secs, nanos)| SortKey::Instant(secs, nanos))
        }
        Value::String(s) if case_exact => SortKey::Text(s.clone()),
        Value::String(s) => SortKey::Text(s.to_lowercase()),
        Value::Null | Value::Array(_) | Value::Object(_) => SortKey::Missing,
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;
    use crate::scim::schemas::{ENTERPRISE_USER_URN, USER_TYPE};

    /// The ids of `resources` sorted by `path`, in both orders.
    fn sorted_ids(resources: &[Value], path: AttrPath) -> (Vec<&str>, Vec<&str>) {
        let ids = |order| {
            let mut items: Vec<&Value> = resources.iter().collect();
            sort_resources(&mut items, &path, order, &USER_TYPE);
            items.iter().map(|r| r["id"].as_str().unwrap_or("?")).collect::<Vec<_>>()
        };
        (ids(SortOrder::Ascending), ids(SortOrder::Descending))
    }

    /// A resource id and its value for the attribute under test (`null`: absent).
    type IdValue = (&'static str, Value);

    fn users(attr: &str, values: &[IdValue]) -> Vec<Value> {
        values
            .iter()
            .map(|(id, v)| match v {
                Value::Null => json!({ "id": id }),
                v => json!({ "id": id, attr: v }),
            })
            .collect()
    }

    #[test]
    fn sorts_by_the_attribute_type() {
        // (what, attribute, [(id, value or null for missing)], ascending ids)
        let cases: Vec<(&str, &str, Vec<IdValue>, Vec<&str>)> = vec![
            (
                "case-insensitive string, missing last",
                "displayName",
                vec![("1", json!("bob")), ("2", Value::Null), ("3", json!("Alice")), ("4", json!("carol"))],
                vec!["3", "1", "4", "2"],
            ),
            (
                "caseExact string by code point",
                "externalId",
                vec![("1", json!("b")), ("2", json!("B")), ("3", json!("a"))],
                vec!["2", "3", "1"],
            ),
            (
                "numbers by value, not text",
                "age",
                vec![("1", json!(10)), ("2", json!(9)), ("3", json!(100)), ("4", json!(-1.5))],
                vec!["4", "2", "1", "3"],
            ),
            ("booleans false first", "active", vec![("1", json!(true)), ("2", json!(false))], vec!["2", "1"]),
            (
                "mixed JSON types: bool, number, string, then an object (not sortable: missing)",
                "custom",
                vec![("1", json!("x")), ("2", json!({"nested": 1})), ("3", json!(5)), ("4", json!(true))],
                vec!["4", "3", "1", "2"],
            ),
            (
                "unicode lower-casing",
                "displayName",
                vec![("1", json!("Ölaf")), ("2", json!("öla")), ("3", json!("Zed"))],
                vec!["3", "2", "1"],
            ),
        ];
        for (what, attr, values, ascending) in cases {
            let resources = users(attr, &values);
            let (asc, desc) = sorted_ids(&resources, AttrPath::new(attr));
            assert_eq!(asc, ascending, "{what}");
            assert_eq!(desc, ascending.iter().rev().copied().collect::<Vec<_>>(), "{what}: descending is the reverse");
        }
    }

    #[test]
    fn ties_keep_their_stored_order() {
        let resources = users(
            "displayName",
            &[("1", json!("same")), ("2", json!("SAME")), ("3", json!("a")), ("4", json!("Same"))],
        );
        let (asc, desc) = sorted_ids(&resources, AttrPath::new("displayName"));
        assert_eq!(asc, ["3", "1", "2", "4"]);
        assert_eq!(desc, ["1", "2", "4", "3"]);
    }

    #[test]
    fn multi_valued_sorts_by_primary_else_first() {
        let resources = vec![
            json!({"id": "no-primary", "emails": [{"value": "m@x"}, {"value": "a@x"}]}),
            json!({"id": "primary-second", "emails": [{"value": "z@x"}, {"value": "b@x", "primary": true}]}),
            json!({"id": "empty", "emails": []}),
            json!({"id": "none"}),
        ];
        for path in
            [AttrPath::with_sub("emails", "value"), AttrPath::new("emails"), AttrPath::with_sub("EMAILS", "Value")]
        {
            let (asc, _) = sorted_ids(&resources, path.clone());
            assert_eq!(asc, ["primary-second", "no-primary", "empty", "none"], "{path}");
        }
    }

    #[test]
    fn sorts_by_sub_attributes_and_extension_attributes() {
        let meta = |id: &str, modified: &str| json!({"id": id, "meta": {"lastModified": modified}});
        let resources = vec![
            meta("later-text-earlier-time", "2024-01-01T10:00:00+02:00"),
            meta("utc", "2024-01-01T09:00:00Z"),
            meta("fraction", "2024-01-01T08:00:00.5Z"),
        ];
        let (asc, _) = sorted_ids(&resources, AttrPath::with_sub("meta", "lastModified"));
        assert_eq!(asc, ["later-text-earlier-time", "fraction", "utc"]);

        let ext = |id: &str, n: &str| json!({"id": id, ENTERPRISE_USER_URN: {"employeeNumber": n}});
        let resources = vec![ext("1", "b"), ext("2", "A"), json!({"id": "3"})];
        let path = AttrPath { urn: Some(ENTERPRISE_USER_URN.into()), name: "employeeNumber".into(), sub: None };
        assert_eq!(sorted_ids(&resources, path).0, ["2", "1", "3"]);
    }
}
