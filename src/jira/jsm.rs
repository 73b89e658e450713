//! Jira Service Management endpoints: customers, service desks, and who is a customer of
//! which desk. Removing and listing desk customers are experimental endpoints and need
//! `X-ExperimentalApi: opt-in`.

use super::errors::ResponseError;
use super::request::{encode_path, experimental, site_request, with_json};
use super::site::JiraSite;
use super::users::{parse_users, JiraUser};
use super::{Page, PageShape};
use crate::host::{HttpRequest, Method};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// JSM listings are read this many at a time.
pub const JSM_PAGE: u64 = 50;

/// A service desk and the project behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceDesk {
    pub id: String,
    #[serde(default)]
    pub project_id: Option<String>,
    #[serde(default)]
    pub project_key: Option<String>,
    #[serde(default)]
    pub project_name: Option<String>,
}

/// `POST /rest/servicedeskapi/customer?strictConflictStatusCode=true` with
/// `{email, displayName}`: 201 with the customer; 409 if the email has an account already.
pub fn create_customer(site: &JiraSite, email: &str, display_name: &str) -> HttpRequest {
    let query = [("strictConflictStatusCode", "true")];
    let request = site_request(site, Method::Post, "/rest/servicedeskapi/customer", &query);
    with_json(request, &json!({ "email": email, "displayName": display_name }))
}

/// `GET /rest/servicedeskapi/servicedesk?start=&limit=50`.
pub fn list_service_desks(site: &JiraSite, start: u64) -> HttpRequest {
    let (start, limit) = (start.to_string(), JSM_PAGE.to_string());
    site_request(site, Method::Get, "/rest/servicedeskapi/servicedesk", &[("start", &start), ("limit", &limit)])
}

fn desk_customers_path(service_desk_id: &str) -> String {
    format!("/rest/servicedeskapi/servicedesk/{}/customer", encode_path(service_desk_id))
}

/// `POST /rest/servicedeskapi/servicedesk/{id}/customer` with `{accountIds}`; 204.
pub fn add_customers(site: &JiraSite, service_desk_id: &str, account_ids: &[String]) -> HttpRequest {
    let request = site_request(site, Method::Post, &desk_customers_path(service_desk_id), &[]);
    with_json(request, &json!({ "accountIds": account_ids }))
}

/// `DELETE` of the same path with `{accountIds}` (experimental); 204.
pub fn remove_customers(site: &JiraSite, service_desk_id: &str, account_ids: &[String]) -> HttpRequest {
    let request = site_request(site, Method::Delete, &desk_customers_path(service_desk_id), &[]);
    experimental(with_json(request, &json!({ "accountIds": account_ids })))
}

/// `GET` of the same path, paged (experimental).
pub fn list_customers(site: &JiraSite, service_desk_id: &str, start: u64) -> HttpRequest {
    let (start, limit) = (start.to_string(), JSM_PAGE.to_string());
    let query = [("start", start.as_str()), ("limit", limit.as_str())];
    experimental(site_request(site, Method::Get, &desk_customers_path(service_desk_id), &query))
}

/// A JSM paged body `{size, start, limit, isLastPage, values}`, items read by `items`.
fn parse_paged<T>(
    op: &'static str,
    body: &str,
    items: impl Fn(&Value) -> Result<Vec<T>, ResponseError>,
) -> Result<Page<T>, ResponseError> {
    Page::parse(op, body, PageShape { start: "start", is_last: "isLastPage" }, items)
}

/// A page of service desks.
pub fn parse_service_desks(op: &'static str, body: &str) -> Result<Page<ServiceDesk>, ResponseError> {
    parse_paged(op, body, |values| {
        let desks = serde_json::from_value::<Vec<ServiceDesk>>(values.clone());
        desks.map_err(|_| ResponseError::missing(op, "service desks with string ids", values))
    })
}

/// A page of a desk's customers.
pub fn parse_customers(op: &'static str, body: &str) -> Result<Page<JiraUser>, ResponseError> {
    parse_paged(op, body, |values| parse_users(op, values))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn service_desk_pages() {
        let body = r#"{"_expands":[],"size":2,"start":0,"limit":2,"isLastPage":false,
            "_links":{"base":"https://your-domain.atlassian.net","next":"…"},
            "values":[{"id":"10","projectId":"11001","projectName":"IT Help Desk","projectKey":"ITH"},
                      {"id":"11","projectId":"11002","projectName":"HR Self Serve Desk","projectKey":"HR"}]}"#;
        let Ok(page) = parse_service_desks("listServiceDesks", body) else { panic!() };
        assert_eq!(page.next_start, Some(2));
        assert_eq!(page.items.len(), 2);
        assert_eq!(page.items[1].id, "11");
        assert_eq!(page.items[1].project_key.as_deref(), Some("HR"));
        let last = r#"{"size":0,"start":0,"limit":50,"isLastPage":true,"values":[]}"#;
        assert_eq!(parse_service_desks("listServiceDesks", last), Ok(Page { items: vec![], next_start: None }));
        assert!(parse_service_desks("listServiceDesks", r#"{"values":[{"id":10}]}"#).is_err());
    }

    #[test]
    fn customer_pages() {
        let body = r#"{"size":1,"start":50,"limit":50,"isLastPage":false,
            "values":[{"accountId":"qm:a713c8ea","emailAddress":"fred@example.com","displayName":"Fred F. User","active":true}]}"#;
        let Ok(page) = parse_customers("listCustomers", body) else { panic!() };
        assert_eq!(page.next_start, Some(51));
        assert_eq!(page.items[0].account_id, "qm:a713c8ea");
        assert!(parse_customers("listCustomers", r#"{"size":0}"#).is_err());
    }
}
