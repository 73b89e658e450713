//! Jira Cloud platform group endpoints (REST v3): create, find by name, delete, and
//! membership (add, remove, list). Groups are addressed by `groupId`, which survives renames.

use super::errors::{json_body, ResponseError};
use super::request::{site_request, with_json};
use super::site::JiraSite;
use super::users::{parse_users, JiraUser};
use super::Page;
use crate::host::{HttpRequest, Method};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Members are read this many at a time (Jira's maximum for this endpoint).
pub const MEMBERS_PAGE: u64 = 50;

/// A group's name and id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupRef {
    pub name: String,
    pub group_id: String,
}

/// `POST /rest/api/3/group` with `{name}`; 201 with the group.
pub fn create_group(site: &JiraSite, name: &str) -> HttpRequest {
    with_json(site_request(site, Method::Post, "/rest/api/3/group", &[]), &json!({ "name": name }))
}

/// `GET /rest/api/3/group/bulk?groupName=`: a page of groups with that name.
pub fn find_group(site: &JiraSite, name: &str) -> HttpRequest {
    site_request(site, Method::Get, "/rest/api/3/group/bulk", &[("groupName", name)])
}

/// `DELETE /rest/api/3/group?groupId=`.
pub fn delete_group(site: &JiraSite, group_id: &str) -> HttpRequest {
    site_request(site, Method::Delete, "/rest/api/3/group", &[("groupId", group_id)])
}

/// `POST /rest/api/3/group/user?groupId=` with `{accountId}`; 201.
pub fn add_member(site: &JiraSite, group_id: &str, account_id: &str) -> HttpRequest {
    let request = site_request(site, Method::Post, "/rest/api/3/group/user", &[("groupId", group_id)]);
    with_json(request, &json!({ "accountId": account_id }))
}

/// `DELETE /rest/api/3/group/user?groupId=&accountId=`; 200.
pub fn remove_member(site: &JiraSite, group_id: &str, account_id: &str) -> HttpRequest {
    let query = [("groupId", group_id), ("accountId", account_id)];
    site_request(site, Method::Delete, "/rest/api/3/group/user", &query)
}

/// `GET /rest/api/3/group/member?groupId=&startAt=&maxResults=50&includeInactiveUsers=true`.
pub fn list_members(site: &JiraSite, group_id: &str, start_at: u64) -> HttpRequest {
    let start = start_at.to_string();
    let max = MEMBERS_PAGE.to_string();
    let query = [("groupId", group_id), ("startAt", &start), ("maxResults", &max), ("includeInactiveUsers", "true")];
    site_request(site, Method::Get, "/rest/api/3/group/member", &query)
}

/// The group in a create response: `{"name":…,"groupId":…,…}`.
pub fn parse_group(op: &'static str, body: &str) -> Result<GroupRef, ResponseError> {
    let json = json_body(op, body)?;
    group_from(op, &json)
}

fn group_from(op: &'static str, json: &Value) -> Result<GroupRef, ResponseError> {
    match serde_json::from_value::<GroupRef>(json.clone()) {
        Ok(group) if !group.group_id.is_empty() => Ok(group),
        _ => Err(ResponseError::missing(op, "a group with name and groupId", json)),
    }
}

/// The group named `name` in a `group/bulk` page: an exact match first, else one that
/// differs only in case (Jira treats group names case-insensitively).
pub fn parse_found_group(op: &'static str, body: &str, name: &str) -> Result<Option<GroupRef>, ResponseError> {
    let json = json_body(op, body)?;
    let Some(values) = json.get("values").and_then(Value::as_array) else {
        return Err(ResponseError::missing(op, "a page with values", &json));
    };
    let groups: Vec<GroupRef> = values.iter().map(|v| group_from(op, v)).collect::<Result<_, _>>()?;
    let exact = groups.iter().position(|g| g.name == name);
    let loose = groups.iter().position(|g| g.name.eq_ignore_ascii_case(name));
    Ok(exact.or(loose).and_then(|i| groups.into_iter().nth(i)))
}

/// A platform `PageBean` of users: `{startAt, maxResults, total, isLast, values}`.
pub fn parse_member_page(op: &'static str, body: &str) -> Result<Page<JiraUser>, ResponseError> {
    let json = json_body(op, body)?;
    let Some(values) = json.get("values") else {
        return Err(ResponseError::missing(op, "a page with values", &json));
    };
    let items = parse_users(op, values)?;
    let start_at = json.get("startAt").and_then(Value::as_u64).unwrap_or(0);
    let is_last = json.get("isLast").and_then(Value::as_bool).unwrap_or(true);
    // An empty page ends the walk even if isLast says otherwise, so it can't loop.
    let next_start = (!is_last && !items.is_empty()).then(|| start_at + items.len() as u64);
    Ok(Page { items, next_start })
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn parse_group_reads_name_and_id() {
        let body = r#"{"name":"power-users","groupId":"276f955c-63d7-42c8-9520-92d01dca0625","self":"https://x","users":{"size":1,"items":[]},"expand":"users"}"#;
        let expected = GroupRef { name: "power-users".into(), group_id: "276f955c-63d7-42c8-9520-92d01dca0625".into() };
        assert_eq!(parse_group("createGroup", body), Ok(expected));
        assert!(parse_group("createGroup", r#"{"name":"x"}"#).is_err());
        assert!(parse_group("createGroup", r#"{"name":"x","groupId":""}"#).is_err());
    }

    #[test]
    fn found_group_prefers_exact_then_case_insensitive() {
        let page =
            |values: &str| format!(r#"{{"isLast":true,"maxResults":50,"startAt":0,"total":2,"values":{values}}}"#);
        let both = page(r#"[{"name":"Admins","groupId":"g1"},{"name":"admins","groupId":"g2"}]"#);
        let id = |r: Result<Option<GroupRef>, _>| r.ok().flatten().map(|g| g.group_id);
        assert_eq!(id(parse_found_group("findGroup", &both, "admins")), Some("g2".into()));
        assert_eq!(id(parse_found_group("findGroup", &both, "Admins")), Some("g1".into()));
        assert_eq!(id(parse_found_group("findGroup", &both, "ADMINS")), Some("g1".into()));
        assert_eq!(id(parse_found_group("findGroup", &page("[]"), "x")), None);
        assert!(parse_found_group("findGroup", "[]", "x").is_err());
    }

    #[test]
    fn member_pages_say_where_the_next_starts() {
        let body = |start: u64, last: bool, n: usize| {
            let users: Vec<String> = (0..n).map(|i| format!(r#"{{"accountId":"u{i}","active":true}}"#)).collect();
            format!(
                r#"{{"startAt":{start},"maxResults":50,"total":120,"isLast":{last},"values":[{}]}}"#,
                users.join(",")
            )
        };
        let cases =
            [(0, false, 50, Some(50)), (50, false, 50, Some(100)), (100, true, 20, None), (100, false, 0, None)];
        for (start, last, n, next) in cases {
            let Ok(page) = parse_member_page("listGroupMembers", &body(start, last, n)) else { panic!() };
            assert_eq!(page.items.len(), n);
            assert_eq!(page.next_start, next, "start {start}");
        }
        assert!(parse_member_page("listGroupMembers", r#"{"isLast":true}"#).is_err());
    }
}
