//! Jira Cloud platform group endpoints (REST v3): create, find by name, delete, and
//! membership (add, remove, list). Groups are addressed by `groupId`, which survives renames.

use super::errors::{json_body, ResponseError};
use super::request::{site_request, with_json};
use super::site::JiraSite;
use super::users::{parse_users, JiraUser};
use super::{Page, PageShape};
use crate::host::{HttpRequest, Method};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Members are read this many at a time (Jira's maximum for this endpoint).
pub const MEMBERS_PAGE: u64 = 50;

/// Groups are listed this many at a time (`group/bulk`'s default and documented maximum).
pub const GROUPS_PAGE: u64 = 50;

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

/// `GET /rest/api/3/group/bulk?startAt=&maxResults=50`: a page of all the site's groups.
pub fn list_groups(site: &JiraSite, start_at: u64) -> HttpRequest {
    let (start, max) = (start_at.to_string(), GROUPS_PAGE.to_string());
    site_request(site, Method::Get, "/rest/api/3/group/bulk", &[("startAt", &start), ("maxResults", &max)])
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
    parse_page_bean(op, body, |values| parse_users(op, values))
}

/// A `group/bulk` `PageBean` of groups. Its `nextPage` link is not read: the next page is
/// asked for by offset on the configured site, so a link can't send credentials elsewhere.
pub fn parse_group_page(op: &'static str, body: &str) -> Result<Page<GroupRef>, ResponseError> {
    parse_page_bean(op, body, |values| match values.as_array() {
        Some(items) => items.iter().map(|v| group_from(op, v)).collect(),
        None => Err(ResponseError::missing(op, "an array of groups", values)),
    })
}

/// A platform `PageBean` `{startAt, maxResults, isLast, values}`, items read by `items`.
fn parse_page_bean<T>(
    op: &'static str,
    body: &str,
    items: impl Fn(&Value) -> Result<Vec<T>, ResponseError>,
) -> Result<Page<T>, ResponseError> {
    Page::parse(op, body, PageShape { start: "startAt", is_last: "isLast" }, items)
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

    #[test]
    fn group_pages_read_name_and_id_and_the_next_offset() {
        let body = r#"{"maxResults":2,"startAt":2,"total":5,"isLast":false,
            "nextPage":"https://elsewhere.example/rest/api/3/group/bulk?startAt=4",
            "values":[{"name":"jira-admins","groupId":"g1"},{"name":"sales","groupId":"g2"}]}"#;
        let Ok(page) = parse_group_page("listGroups", body) else { panic!() };
        let names: Vec<&str> = page.items.iter().map(|g| g.name.as_str()).collect();
        assert_eq!((names, page.next_start), (vec!["jira-admins", "sales"], Some(4)));
        let last = r#"{"startAt":0,"isLast":true,"values":[{"name":"a","groupId":"g"}]}"#;
        assert_eq!(parse_group_page("listGroups", last).map(|p| p.next_start), Ok(None));
        for bad in [r#"{"isLast":true}"#, r#"{"values":{}}"#, r#"{"values":[{"name":"x"}]}"#, "<html>"] {
            assert!(parse_group_page("listGroups", bad).is_err(), "{bad}");
        }
    }
}
