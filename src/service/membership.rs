//! Group members between the SCIM shape (`members: [{value, type, display, $ref}]`) and
//! the store's one-key-per-member layout, and the PATCH fast path: the operations IdPs
//! send for membership (add to `members`, remove `members[value eq "…"]`, Entra's remove
//! with a value list) touch only the members they name, so a change to a 50 000-member
//! group reads and writes a few keys instead of the whole list.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use super::ctx::Ctx;
use crate::error::{ScimError, ScimType};
use crate::host::Host;
use crate::scim::filter::{CompareOp, Filter};
use crate::scim::patch::{OpKind, PatchOp};
use crate::scim::resource::{remove_ci, value_ci};
use crate::scim::schemas::{GROUP_TYPE, USER_TYPE};
use crate::store::{self, MemberEntry};

/// Removes `members` from a validated group resource and returns them, each id once.
pub fn take_members(resource: &mut Value) -> Result<Vec<(String, MemberEntry)>, ScimError> {
    let Some(map) = resource.as_object_mut() else { return Ok(Vec::new()) };
    let members = match remove_ci(map, "members") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(other) => return Err(invalid(format!("expected \"members\" to be an array, found {other}"))),
    };
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for item in &members {
        let (id, entry) = member(item)?;
        if seen.insert(id.clone()) {
            out.push((id, entry));
        }
    }
    Ok(out)
}

/// One `members` element: its `value` and what else the IdP said.
fn member(item: &Value) -> Result<(String, MemberEntry), ScimError> {
    let map =
        item.as_object().ok_or_else(|| invalid(format!("expected a member object with a \"value\", found {item}")))?;
    let id = value_ci(map, "value").and_then(Value::as_str).filter(|v| !v.is_empty());
    let id = id.ok_or_else(|| invalid(format!("expected a member with a string \"value\", found {item}")))?;
    let text = |name| value_ci(map, name).and_then(Value::as_str).map(str::to_string);
    Ok((id.to_string(), MemberEntry { kind: text("type"), display: text("display") }))
}

/// `resource` with its members in SCIM shape (none: no `members` attribute).
pub fn with_members<H: Host>(ctx: &Ctx<'_, H>, mut resource: Value, members: &[(String, MemberEntry)]) -> Value {
    if members.is_empty() {
        return resource;
    }
    let items: Vec<Value> = members
        .iter()
        .map(|(id, entry)| {
            let rt = if entry.kind.as_deref().is_some_and(|k| k.eq_ignore_ascii_case("Group")) {
                &GROUP_TYPE
            } else {
                &USER_TYPE
            };
            let mut item = Map::new();
            item.insert("value".into(), json!(id));
            item.insert("$ref".into(), json!(ctx.location(rt, id)));
            item.insert("type".into(), json!(entry.kind.clone().unwrap_or_else(|| rt.name.to_string())));
            if let Some(display) = &entry.display {
                item.insert("display".into(), json!(display));
            }
            Value::Object(item)
        })
        .collect();
    if let Some(map) = resource.as_object_mut() {
        map.insert("members".into(), Value::Array(items));
    }
    resource
}

/// A membership change the fast path can make by itself.
#[derive(Debug, Clone, PartialEq)]
pub enum MemberOp {
    Add(Vec<(String, MemberEntry)>),
    Remove(Vec<String>),
}

/// A PATCH split into membership changes and everything else.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Split {
    pub members: Vec<MemberOp>,
    /// Operations that don't touch `members`, for `patch::apply` on the stored resource.
    pub other: Vec<PatchOp>,
    /// An operation touches `members` in a way only the full list can answer (replace,
    /// remove all, a filter on `display`, …): apply everything to the full resource.
    pub needs_all: bool,
}

/// Sorts `ops` into the fast path's kinds.
pub fn split(ops: &[PatchOp]) -> Split {
    let mut out = Split::default();
    for op in ops {
        match classify(op) {
            Class::Other => out.other.push(op.clone()),
            Class::Member(m) => out.members.push(m),
            Class::NeedsAll => out.needs_all = true,
        }
    }
    out
}

enum Class {
    Other,
    Member(MemberOp),
    NeedsAll,
}

fn classify(op: &PatchOp) -> Class {
    let Some(path) = &op.path else {
        let names_members =
            op.value.as_ref().and_then(Value::as_object).is_some_and(|m| value_ci(m, "members").is_some());
        return if names_members { Class::NeedsAll } else { Class::Other };
    };
    let core = path.attr.urn.as_deref().is_none_or(|u| u.eq_ignore_ascii_case(GROUP_TYPE.schema.id));
    if !(core && path.attr.is("members")) {
        return Class::Other;
    }
    let whole = path.attr.sub.is_none() && path.sub.is_none();
    let listed = || op.value.as_ref().and_then(member_list);
    match (op.op, &path.filter) {
        (OpKind::Add, None) if whole => listed().map_or(Class::NeedsAll, |m| Class::Member(MemberOp::Add(m))),
        (OpKind::Remove, None) if whole && op.value.is_some() => listed()
            .map_or(Class::NeedsAll, |m| Class::Member(MemberOp::Remove(m.into_iter().map(|(id, _)| id).collect()))),
        (OpKind::Remove, Some(filter)) if whole => {
            value_eq(filter).map_or(Class::NeedsAll, |id| Class::Member(MemberOp::Remove(vec![id])))
        }
        _ => Class::NeedsAll,
    }
}

/// `[{"value": "…"}, …]` (or one such object) as members; `None` if any element isn't one.
fn member_list(value: &Value) -> Option<Vec<(String, MemberEntry)>> {
    match value {
        Value::Array(items) => items.iter().map(|item| member(item).ok()).collect(),
        Value::Object(_) => member(value).ok().map(|m| vec![m]),
        _ => None,
    }
}

/// `value eq "id"`, the filter IdPs remove one member with.
fn value_eq(filter: &Filter) -> Option<String> {
    match filter {
        Filter::Compare { path, op: CompareOp::Eq, value: Value::String(id) }
            if path.is("value") && path.sub.is_none() && path.urn.is_none() =>
        {
            Some(id.clone())
        }
        _ => None,
    }
}

/// Checks that every id is a user or group of this connection; 400 `invalidValue` for the
/// first that isn't (a member that names nothing would be silently dropped by the sync).
pub async fn check_exist<H: Host>(ctx: &Ctx<'_, H>, ids: &[&str]) -> Result<(), ScimError> {
    for id in ids {
        let known = super::users::is_id(id)
            && (store::get_user(ctx.host, &ctx.conn.id, id).await?.is_some()
                || store::get_group(ctx.host, &ctx.conn.id, id).await?.is_some());
        if !known {
            return Err(invalid(format!("member {id:?} is not a User or Group of this connection")));
        }
    }
    Ok(())
}

fn invalid(detail: String) -> ScimError {
    ScimError::typed(ScimType::InvalidValue, detail)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::scim::patch::parse_request;

    fn split_of(ops: Value) -> Split {
        let body = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": ops});
        match parse_request(&body) {
            Ok(ops) => split(&ops),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn idp_membership_ops_take_the_fast_path() {
        let entry = MemberEntry::default();
        let cases = [
            // Okta 2.0 group push: add members.
            (
                json!([{"op": "add", "path": "members", "value": [{"value": "u1", "display": "a"}]}]),
                vec![MemberOp::Add(vec![("u1".into(), MemberEntry { display: Some("a".into()), ..entry.clone() })])],
                false,
                0,
            ),
            // Okta 2.0: remove one member by filter.
            (
                json!([{"op": "remove", "path": "members[value eq \"u1\"]"}]),
                vec![MemberOp::Remove(vec!["u1".into()])],
                false,
                0,
            ),
            // Entra: Remove with a value list.
            (
                json!([{"op": "Remove", "path": "members", "value": [{"value": "u1"}, {"value": "u2"}]}]),
                vec![MemberOp::Remove(vec!["u1".into(), "u2".into()])],
                false,
                0,
            ),
            // A rename rides along without touching members.
            (
                json!([{"op": "replace", "value": {"displayName": "x"}}, {"op": "add", "path": "members", "value": [{"value": "u2"}]}]),
                vec![MemberOp::Add(vec![("u2".into(), entry.clone())])],
                false,
                1,
            ),
            // Only the full list can answer these.
            (json!([{"op": "replace", "path": "members", "value": [{"value": "u1"}]}]), vec![], true, 0),
            (json!([{"op": "remove", "path": "members"}]), vec![], true, 0),
            (json!([{"op": "remove", "path": "members[display eq \"a\"]"}]), vec![], true, 0),
            (json!([{"op": "replace", "value": {"members": []}}]), vec![], true, 0),
        ];
        for (ops, members, needs_all, other) in cases {
            let got = split_of(ops.clone());
            assert_eq!((got.members, got.needs_all, got.other.len()), (members, needs_all, other), "{ops}");
        }
    }

    #[test]
    fn members_are_taken_once_each() {
        let mut group = json!({"displayName": "g", "members": [{"value": "u1", "type": "User"}, {"value": "u1"}, {"value": "g2", "type": "Group"}]});
        let members = take_members(&mut group).unwrap_or_default();
        assert_eq!(members.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(), ["u1", "g2"]);
        assert_eq!(members[0].1.kind.as_deref(), Some("User"));
        assert!(group.get("members").is_none());
        let mut bad = json!({"members": [{"display": "no value"}]});
        assert!(take_members(&mut bad).is_err());
    }
}
