//! Jira Cloud platform user endpoints (REST v3): create, get, search by email, delete.
//!
//! Creating needs a site admin's Basic auth. Searching may hide `emailAddress` (the
//! user's privacy setting), so a search can find candidates it cannot confirm.

use super::errors::{json_body, ResponseError};
use super::request::{site_request, with_json};
use super::site::JiraSite;
use crate::host::{HttpRequest, Method};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The fields of a Jira user the core reads. Others are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JiraUser {
    pub account_id: String,
    /// `atlassian`, `app` or `customer`.
    #[serde(default)]
    pub account_type: Option<String>,
    /// Hidden (absent or empty) when the user's privacy settings say so.
    #[serde(default)]
    pub email_address: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub active: Option<bool>,
    /// The groups `expand=groups` lists (`GET /user` asks for them); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<UserGroups>,
}

/// `groups` of a user with `expand=groups`: `{size, items: [{name, groupId, self}]}`; only
/// the items' names are read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserGroups {
    #[serde(default)]
    pub items: Vec<UserGroup>,
}

/// One group a user is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserGroup {
    pub name: String,
}

/// The accounts a search by email turned up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserMatches {
    /// Results whose `emailAddress` equals the email, ignoring case.
    pub exact: Vec<JiraUser>,
    /// Results with a hidden email: they might be the one, but Jira won't say.
    pub email_hidden: Vec<JiraUser>,
}

/// `POST /rest/api/3/user` with `{emailAddress, displayName?, products}`. Jira answers 201
/// with the user, also when the account already existed with Jira access.
pub fn create_user(site: &JiraSite, email: &str, display_name: Option<&str>) -> HttpRequest {
    let mut body = json!({ "emailAddress": email, "products": site.products() });
    if let (Some(name), Some(map)) = (display_name, body.as_object_mut()) {
        map.insert("displayName".into(), Value::String(name.to_string()));
    }
    with_json(site_request(site, Method::Post, "/rest/api/3/user", &[]), &body)
}

/// `GET /rest/api/3/user?accountId=&expand=groups`: the account, with its groups (reconcile
/// reads product access from them at no extra call).
pub fn get_user(site: &JiraSite, account_id: &str) -> HttpRequest {
    site_request(site, Method::Get, "/rest/api/3/user", &[("accountId", account_id), ("expand", "groups")])
}

/// `GET /rest/api/3/user/search?query=<email>`: matches display names and emails by prefix.
pub fn search_by_email(site: &JiraSite, email: &str) -> HttpRequest {
    site_request(site, Method::Get, "/rest/api/3/user/search", &[("query", email), ("maxResults", "50")])
}

/// `GET /rest/api/3/myself`: the account the site credentials sign in as (the admin UI's
/// "test connection").
pub fn myself(site: &JiraSite) -> HttpRequest {
    site_request(site, Method::Get, "/rest/api/3/myself", &[])
}

/// `DELETE /rest/api/3/user?accountId=`: removes the user from the site (204).
pub fn delete_user(site: &JiraSite, account_id: &str) -> HttpRequest {
    site_request(site, Method::Delete, "/rest/api/3/user", &[("accountId", account_id)])
}

/// A user body (`POST /user` 201, `GET /user` 200, JSM customer 201).
pub fn parse_user(op: &'static str, body: &str) -> Result<JiraUser, ResponseError> {
    let json = json_body(op, body)?;
    user_from(op, &json)
}

fn user_from(op: &'static str, json: &Value) -> Result<JiraUser, ResponseError> {
    match serde_json::from_value::<JiraUser>(json.clone()) {
        Ok(user) if !user.account_id.is_empty() => Ok(user),
        _ => Err(ResponseError::missing(op, "a user with a non-empty accountId", json)),
    }
}

/// A list of users (`GET /user/search`), or the `values` of a page.
pub fn parse_users(op: &'static str, json: &Value) -> Result<Vec<JiraUser>, ResponseError> {
    let Some(items) = json.as_array() else {
        return Err(ResponseError::missing(op, "an array of users", json));
    };
    items.iter().map(|item| user_from(op, item)).collect()
}

/// Sorts search results into exact matches on `email` (case-insensitive) and hidden emails.
pub fn parse_search(op: &'static str, body: &str, email: &str) -> Result<UserMatches, ResponseError> {
    let users = parse_users(op, &json_body(op, body)?)?;
    let mut matches = UserMatches::default();
    for user in users {
        match user.email_address.as_deref().map(str::trim) {
            Some(found) if found.eq_ignore_ascii_case(email.trim()) => matches.exact.push(user),
            None | Some("") => matches.email_hidden.push(user),
            Some(_) => {}
        }
    }
    Ok(matches)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn parse_user_reads_the_documented_fields() {
        let body = r#"{"self":"https://your-domain.atlassian.net/rest/api/3/user?accountId=5b10a2844c20165700ede21g",
            "accountId":"5b10a2844c20165700ede21g","accountType":"atlassian","emailAddress":"mia@example.com",
            "displayName":"Mia Krystof","active":true,"timeZone":"Australia/Sydney",
            "groups":{"size":1,"items":[{"name":"jira-software-users","groupId":"g1","self":"https://x"}]}}"#;
        let user = parse_user("getUser", body);
        assert_eq!(
            user,
            Ok(JiraUser {
                account_id: "5b10a2844c20165700ede21g".into(),
                account_type: Some("atlassian".into()),
                email_address: Some("mia@example.com".into()),
                display_name: Some("Mia Krystof".into()),
                active: Some(true),
                groups: Some(UserGroups { items: vec![UserGroup { name: "jira-software-users".into() }] }),
            })
        );
    }

    #[test]
    fn parse_user_needs_an_account_id() {
        for body in [r#"{"displayName":"x"}"#, r#"{"accountId":""}"#, r#"{"accountId":5}"#, "[]"] {
            assert!(matches!(parse_user("createUser", body), Err(ResponseError::Missing { .. })), "{body}");
        }
        assert!(matches!(parse_user("createUser", "oops"), Err(ResponseError::NotJson { .. })));
    }

    #[test]
    fn search_sorts_exact_hidden_and_other() {
        let body = r#"[
            {"accountId":"a1","emailAddress":"Ann@Example.com","displayName":"Ann"},
            {"accountId":"a2","emailAddress":"ann@example.com.au","displayName":"Ann AU"},
            {"accountId":"a3","displayName":"Private Ann"},
            {"accountId":"a4","emailAddress":"","displayName":"Blank"}
        ]"#;
        let Ok(found) = parse_search("findUserByEmail", body, "ann@example.com") else { panic!() };
        let ids = |users: &[JiraUser]| users.iter().map(|u| u.account_id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&found.exact), ["a1"]);
        assert_eq!(ids(&found.email_hidden), ["a3", "a4"]);
        let Ok(none) = parse_search("findUserByEmail", "[]", "x@y.z") else { panic!() };
        assert_eq!(none, UserMatches::default());
        assert!(parse_search("findUserByEmail", "{}", "x@y.z").is_err());
    }
}
