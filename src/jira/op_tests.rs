//! Every request builder, through `JiraOp::request`: method, URL (with encoding), auth,
//! headers and body.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::host::Method;
use crate::token::Secret;
use serde_json::{json, Value};

const SITE: &str = "https://acme.atlassian.net";
const ADMIN: &str = "https://api.atlassian.com/admin/v2/orgs/org-1/directories/dir-1/users";
const BASIC: &str = "Basic YWRtaW5AYWNtZS5jb206dG9r"; // admin@acme.com:tok

fn site(with_org: bool) -> JiraSite {
    let settings = SiteSettings {
        site_url: SITE.into(),
        admin_email: "admin@acme.com".into(),
        products: vec!["jira-software".into(), "jira-servicedesk".into()],
        org_id: Some("org-1".into()),
        directory_id: Some("dir-1".into()),
    };
    let org_key = with_org.then(|| Secret::new("orgkey"));
    match JiraSite::new(&settings, Secret::new("tok"), org_key, None) {
        Ok(site) => site,
        Err(e) => panic!("test site refused: {e}"),
    }
}

struct Expect {
    method: Method,
    url: String,
    body: Option<Value>,
    experimental: bool,
    admin: bool,
}

fn expect(method: Method, url: &str, body: Option<Value>) -> Expect {
    Expect { method, url: url.to_string(), body, experimental: false, admin: false }
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn every_op_builds_its_documented_request() {
    use JiraOp as Op;
    use Method::{Delete, Get, Post};
    let aid = "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077";
    let cases: Vec<(JiraOp, Expect)> = vec![
        (
            Op::CreateUser { email: "a+b@x.com".into(), display_name: Some("A B".into()) },
            expect(
                Post,
                &format!("{SITE}/rest/api/3/user"),
                Some(json!({
                    "emailAddress": "a+b@x.com", "products": ["jira-software", "jira-servicedesk"], "displayName": "A B"
                })),
            ),
        ),
        (
            Op::CreateUser { email: "c@x.com".into(), display_name: None },
            expect(
                Post,
                &format!("{SITE}/rest/api/3/user"),
                Some(json!({
                    "emailAddress": "c@x.com", "products": ["jira-software", "jira-servicedesk"]
                })),
            ),
        ),
        (
            Op::GetUser { account_id: aid.into() },
            expect(
                Get,
                &format!(
                    "{SITE}/rest/api/3/user?accountId=557058%3Af58131cb-b67d-43c7-b30d-6b58d40bd077&expand=groups"
                ),
                None,
            ),
        ),
        (
            Op::FindUserByEmail { email: "a+b@x.com".into() },
            expect(Get, &format!("{SITE}/rest/api/3/user/search?query=a%2Bb%40x.com&maxResults=50"), None),
        ),
        (
            Op::DeleteUser { account_id: "u1".into() },
            expect(Delete, &format!("{SITE}/rest/api/3/user?accountId=u1"), None),
        ),
        (
            Op::CreateGroup { name: "R&D team".into() },
            expect(Post, &format!("{SITE}/rest/api/3/group"), Some(json!({ "name": "R&D team" }))),
        ),
        (
            Op::FindGroupByName { name: "R&D team".into() },
            expect(Get, &format!("{SITE}/rest/api/3/group/bulk?groupName=R%26D%20team"), None),
        ),
        (
            Op::DeleteGroup { group_id: "g-1".into() },
            expect(Delete, &format!("{SITE}/rest/api/3/group?groupId=g-1"), None),
        ),
        (
            Op::AddToGroup { group_id: "g-1".into(), account_id: "u1".into() },
            expect(Post, &format!("{SITE}/rest/api/3/group/user?groupId=g-1"), Some(json!({ "accountId": "u1" }))),
        ),
        (
            Op::RemoveFromGroup { group_id: "g-1".into(), account_id: "u1".into() },
            expect(Delete, &format!("{SITE}/rest/api/3/group/user?groupId=g-1&accountId=u1"), None),
        ),
        (
            Op::ListGroupMembers { group_id: "g-1".into(), start_at: 100 },
            expect(
                Get,
                &format!(
                    "{SITE}/rest/api/3/group/member?groupId=g-1&startAt=100&maxResults=50&includeInactiveUsers=true"
                ),
                None,
            ),
        ),
        (
            Op::CreateCustomer { email: "a+b@x.com".into(), display_name: "A B".into() },
            expect(
                Post,
                &format!("{SITE}/rest/servicedeskapi/customer?strictConflictStatusCode=true"),
                Some(json!({ "email": "a+b@x.com", "displayName": "A B" })),
            ),
        ),
        (
            Op::ListServiceDesks { start: 0 },
            expect(Get, &format!("{SITE}/rest/servicedeskapi/servicedesk?start=0&limit=50"), None),
        ),
        (
            Op::AddCustomers { service_desk_id: "10".into(), account_ids: ids(&["u1", "u2"]) },
            expect(
                Post,
                &format!("{SITE}/rest/servicedeskapi/servicedesk/10/customer"),
                Some(json!({ "accountIds": ["u1", "u2"] })),
            ),
        ),
        (
            Op::RemoveCustomers { service_desk_id: "10".into(), account_ids: ids(&["u1"]) },
            Expect {
                experimental: true,
                ..expect(
                    Delete,
                    &format!("{SITE}/rest/servicedeskapi/servicedesk/10/customer"),
                    Some(json!({ "accountIds": ["u1"] })),
                )
            },
        ),
        (
            Op::ListCustomers { service_desk_id: "10/../1".into(), start: 50 },
            Expect {
                experimental: true,
                ..expect(
                    Get,
                    &format!("{SITE}/rest/servicedeskapi/servicedesk/10%2F..%2F1/customer?start=50&limit=50"),
                    None,
                )
            },
        ),
        (
            Op::SuspendUser { account_id: aid.into() },
            Expect { admin: true, ..expect(Post, &format!("{ADMIN}/{aid}/suspend"), None) },
        ),
        (
            Op::RestoreUser { account_id: "u/1".into() },
            Expect { admin: true, ..expect(Post, &format!("{ADMIN}/u%2F1/restore"), None) },
        ),
    ];
    let site = site(true);
    for (op, want) in cases {
        let Ok(req) = op.request(&site) else { panic!("{} did not build", op.kind()) };
        let name = op.kind();
        assert_eq!(req.method, want.method, "{name}");
        assert_eq!(req.url, want.url, "{name}");
        assert_eq!(req.header("Accept"), Some("application/json"), "{name}");
        let auth = if want.admin { "Bearer orgkey" } else { BASIC };
        assert_eq!(req.header("Authorization"), Some(auth), "{name}");
        let experimental = req.header("X-ExperimentalApi");
        assert_eq!(experimental, want.experimental.then_some("opt-in"), "{name}");
        let body: Option<Value> = req.body.as_deref().and_then(|b| serde_json::from_str(b).ok());
        assert_eq!(body, want.body, "{name}");
        let content_type = req.header("Content-Type");
        assert_eq!(content_type, want.body.as_ref().map(|_| "application/json"), "{name}");
    }
}

#[test]
fn admin_ops_need_org_access() {
    let site = site(false);
    for op in [JiraOp::SuspendUser { account_id: "u1".into() }, JiraOp::RestoreUser { account_id: "u1".into() }] {
        let got = op.request(&site);
        assert_eq!(got, Err(RequestError::AdminApiNotConfigured { op: op.kind() }));
        let Err(e) = got else { continue };
        let outcome = Outcome::from(e);
        assert!(matches!(outcome, Outcome::Failed(JiraFailure { kind: FailureKind::NotConfigured, .. })));
    }
}

#[test]
fn ops_round_trip_through_serde_with_stable_names() {
    let cases = [
        (
            JiraOp::AddToGroup { group_id: "g".into(), account_id: "u".into() },
            json!({"op": "addToGroup", "groupId": "g", "accountId": "u"}),
        ),
        (
            JiraOp::CreateUser { email: "e@x.com".into(), display_name: None },
            json!({"op": "createUser", "email": "e@x.com", "displayName": null}),
        ),
        (
            JiraOp::ListGroupMembers { group_id: "g".into(), start_at: 50 },
            json!({"op": "listGroupMembers", "groupId": "g", "startAt": 50}),
        ),
        (
            JiraOp::AddCustomers { service_desk_id: "10".into(), account_ids: ids(&["a"]) },
            json!({"op": "addCustomers", "serviceDeskId": "10", "accountIds": ["a"]}),
        ),
    ];
    for (op, stored) in cases {
        assert_eq!(serde_json::to_value(&op).ok(), Some(stored.clone()), "{}", op.kind());
        assert_eq!(serde_json::from_value::<JiraOp>(stored).ok(), Some(op));
    }
    assert!(serde_json::from_value::<JiraOp>(json!({"op": "formatDisk"})).is_err());
}

#[test]
fn idempotency_keys_name_the_effect_and_fit_kv() {
    let add = |g: &str, u: &str| JiraOp::AddToGroup { group_id: g.into(), account_id: u.into() };
    let key = add("g1", "u1").idempotency_key();
    assert!(key.starts_with("addToGroup:"));
    assert_eq!(key.len(), "addToGroup:".len() + 32);
    assert_eq!(key, add("g1", "u1").idempotency_key(), "same op, same key");
    assert_ne!(key, add("g1", "u2").idempotency_key());
    assert_ne!(key, JiraOp::RemoveFromGroup { group_id: "g1".into(), account_id: "u1".into() }.idempotency_key());
    let with_email = JiraOp::CreateUser { email: "a+b@x.com".into(), display_name: Some("Ä/B".into()) };
    assert!(crate::host::validate_key(&with_email.idempotency_key()).is_ok());
}
