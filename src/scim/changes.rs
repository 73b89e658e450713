//! What a write changed: the attributes that differ and the group members that came
//! and went. The sync engine diffs on this, so a no-op write makes no Jira call.

use std::collections::{BTreeSet, HashSet};

use serde_json::{Map, Value};

use super::resource::value_ci;
use super::schemas::{common, RESOURCE_TYPES};

/// The difference between two versions of one resource.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSet {
    /// Top-level attribute names whose value differs, in their schema spelling;
    /// extension attributes as `urn:…:name`.
    pub attributes: BTreeSet<String>,
    /// Group member `value`s present after and not before.
    pub members_added: Vec<String>,
    /// Group member `value`s present before and not after.
    pub members_removed: Vec<String>,
}

impl ChangeSet {
    pub fn is_empty(&self) -> bool {
        self.attributes.is_empty() && self.members_added.is_empty() && self.members_removed.is_empty()
    }
}

/// Server-kept attributes that say nothing about the user or group: never reported.
const IGNORED: &[&str] = &["meta", "schemas"];

/// Compares two versions of a resource. Keys match ignoring case; null, `[]`, `{}` and absence
/// are the same state (RFC 7643 §2.5). Extension objects (keys starting `urn:`) are compared
/// attribute by attribute. `members` is reported as an attribute too when it differs at all.
pub fn diff(before: &Value, after: &Value) -> ChangeSet {
    let empty = Map::new();
    let before = before.as_object().unwrap_or(&empty);
    let after = after.as_object().unwrap_or(&empty);
    let mut set = ChangeSet::default();
    for key in union_keys(before, after) {
        if IGNORED.iter().any(|i| i.eq_ignore_ascii_case(key)) {
            continue;
        }
        let (old, new) = (value_ci(before, key), value_ci(after, key));
        if is_urn(key) && (old.is_some_and(Value::is_object) || new.is_some_and(Value::is_object)) {
            let (old, new) =
                (old.and_then(Value::as_object).unwrap_or(&empty), new.and_then(Value::as_object).unwrap_or(&empty));
            for name in union_keys(old, new) {
                if !same_state(value_ci(old, name), value_ci(new, name)) {
                    set.attributes.insert(extension_name(key, name));
                }
            }
        } else if !same_state(old, new) {
            set.attributes.insert(core_name(key));
        }
    }
    let (old, new) = (member_values(before), member_values(after));
    let (old_set, new_set): (HashSet<&str>, HashSet<&str>) =
        (old.iter().copied().collect(), new.iter().copied().collect());
    set.members_added = new.iter().filter(|v| !old_set.contains(*v)).map(|v| v.to_string()).collect();
    set.members_removed = old.iter().filter(|v| !new_set.contains(*v)).map(|v| v.to_string()).collect();
    set
}

/// Keys of `a`, then keys of `b` that `a` lacks, ignoring case.
fn union_keys<'a>(a: &'a Map<String, Value>, b: &'a Map<String, Value>) -> Vec<&'a str> {
    let extra = b.keys().filter(|k| value_ci(a, k).is_none());
    a.keys().chain(extra).map(String::as_str).collect()
}

fn is_urn(key: &str) -> bool {
    key.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("urn:"))
}

/// The schema spelling of a top-level name, looked up in every resource type.
fn core_name(key: &str) -> String {
    common(key)
        .or_else(|| RESOURCE_TYPES.iter().find_map(|rt| rt.schema.attribute(key)))
        .map_or_else(|| key.to_string(), |a| a.name.to_string())
}

/// `urn:name`, with the schema's spelling of both when the extension is known.
fn extension_name(urn: &str, name: &str) -> String {
    let schema = RESOURCE_TYPES.iter().find_map(|rt| rt.extension(urn));
    let urn = schema.map_or(urn, |s| s.id);
    let name = schema.and_then(|s| s.attribute(name)).map_or(name, |a| a.name);
    format!("{urn}:{name}")
}

/// The `value`s of `members`, in order, without repeats. Hash sets keep this linear: groups
/// can hold tens of thousands of members.
fn member_values(res: &Map<String, Value>) -> Vec<&str> {
    let members = value_ci(res, "members").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    let mut seen = HashSet::with_capacity(members.len());
    members
        .iter()
        .filter_map(|m| m.as_object().and_then(|m| value_ci(m, "value")).and_then(Value::as_str))
        .filter(|v| seen.insert(*v))
        .collect()
}

/// RFC 7643 §2.5: unassigned, null and an empty array are the same state; an empty complex
/// value has no sub-attributes assigned, so it is unassigned too.
pub(crate) fn is_unassigned(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(list) => list.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

fn same_state(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a.filter(|v| !is_unassigned(v)), b.filter(|v| !is_unassigned(v))) {
        (None, None) => true,
        (Some(a), Some(b)) => same_json(a, b),
        _ => false,
    }
}

/// JSON equality with object keys compared ignoring case (RFC 7643 §2.1).
pub(crate) fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| value_ci(y, k).is_some_and(|w| same_json(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same_json(v, w)),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::{json, Value};

    use super::diff;

    const EXT: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    fn attributes(before: Value, after: Value) -> Vec<String> {
        diff(&before, &after).attributes.into_iter().collect()
    }

    #[test]
    fn attributes_that_differ_in_schema_spelling() {
        let rows: Vec<(&str, Value, Value, Vec<&str>)> = vec![
            ("nothing", json!({"userName": "a"}), json!({"userName": "a"}), vec![]),
            (
                "changed, spelled as the schema does",
                json!({"username": "a"}),
                json!({"USERNAME": "b"}),
                vec!["userName"],
            ),
            ("key case alone is no change", json!({"displayname": "A"}), json!({"displayName": "A"}), vec![]),
            ("value case is a change", json!({"displayName": "a"}), json!({"displayName": "A"}), vec!["displayName"]),
            ("added", json!({}), json!({"active": false}), vec!["active"]),
            ("removed", json!({"externalid": "x"}), json!({}), vec!["externalId"]),
            ("null, [] and absent are one state", json!({"title": null, "emails": []}), json!({}), vec![]),
            (
                "nested key case is no change",
                json!({"name": {"givenName": "B"}}),
                json!({"name": {"GIVENNAME": "B"}}),
                vec![],
            ),
            (
                "meta and schemas are ignored",
                json!({"meta": {"version": "1"}, "schemas": []}),
                json!({"meta": {"version": "2"}, "schemas": [EXT]}),
                vec![],
            ),
            ("unknown names keep their spelling", json!({}), json!({"favoriteColor": "green"}), vec!["favoriteColor"]),
        ];
        for (name, before, after, want) in rows {
            assert_eq!(attributes(before, after), want, "{name}");
        }
    }

    #[test]
    fn extension_attributes_are_reported_one_by_one() {
        let before = json!({(EXT.to_lowercase()): {"employeenumber": "1", "department": "A"}});
        let after = json!({EXT: {"employeeNumber": "2", "department": "A", "costCenter": "9"}});
        let want = [format!("{EXT}:costCenter"), format!("{EXT}:employeeNumber")];
        assert_eq!(attributes(before, after), want);
        assert_eq!(attributes(json!({EXT: {"department": "A"}}), json!({})), [format!("{EXT}:department")]);
    }

    #[test]
    fn members_added_and_removed_in_order_without_repeats() {
        let before = json!({"members": [{"value": "a"}, {"value": "b"}, {"value": "c"}, {"value": "b"}]});
        let after = json!({"Members": [{"value": "c"}, {"value": "e"}, {"value": "d"}, {"value": "e"}, {"display": "no value"}]});
        let changes = diff(&before, &after);
        assert_eq!(changes.members_added, ["e", "d"]);
        assert_eq!(changes.members_removed, ["a", "b"]);
        assert!(changes.attributes.contains("members"));
        let same = json!({"members": [{"value": "a", "display": "A"}]});
        assert!(diff(&same, &same).is_empty());
    }

    #[test]
    fn a_member_whose_display_changes_is_no_membership_change() {
        let changes = diff(
            &json!({"members": [{"value": "a", "display": "A"}]}),
            &json!({"members": [{"value": "a", "display": "Ann"}]}),
        );
        assert!(changes.members_added.is_empty() && changes.members_removed.is_empty());
        assert_eq!(changes.attributes.into_iter().collect::<Vec<_>>(), ["members"]);
    }
}
