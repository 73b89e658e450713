//! The whole path: SCIM requests through `service::handle` (real PATCH change sets,
//! the service's write order), the sync's planning and outbox, the site from the admin's
//! settings, and the scripted Jira. Okta and Entra lifecycles, step by step, with the Jira
//! calls each step made.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::fake_jira::{template, Jira, Shared};
use crate::admin::{self, JiraSettingsInput, NewConnection};
use crate::connection::{Deactivation, GroupDelete, Policies, RenamePolicy};
use crate::host::{block_on, HttpRequest, MemoryHost};
use crate::outbox::{self, StoreSites};
use crate::service::{handle, ScimRequest};
use serde_json::{json, Value};

struct Idp {
    host: MemoryHost,
    jira: Shared,
    conn: String,
    token: String,
}

impl Idp {
    fn new() -> Idp {
        let host = MemoryHost::new();
        let jira = Jira::shared();
        let answering = jira.clone();
        host.respond_with(move |request: &HttpRequest| answering.borrow_mut().answer(request));
        let policies = Policies {
            deactivation: Deactivation::Suspend,
            rename: RenamePolicy::Recreate,
            group_delete: GroupDelete::Delete,
            products: vec!["jira-software".into()],
            ..Policies::default()
        };
        let new = NewConnection { name: "IdP".into(), policies, ..NewConnection::default() };
        let Ok(created) = block_on(admin::create_connection(&host, new)) else { panic!("connection") };
        let conn = created.connection.id;
        assert!(block_on(admin::set_simulator(&host, Some("http://jira.test"))).is_ok());
        let settings = JiraSettingsInput {
            site_url: "http://jira.test".into(),
            admin_email: "admin@example.com".into(),
            api_token: Some("api-token".into()),
            products: None,
            org_id: Some("org1".into()),
            directory_id: Some("dir1".into()),
            org_api_key: Some("org-key".into()),
        };
        let set = block_on(admin::set_jira_settings(&host, &conn, settings));
        assert!(set.is_ok(), "{set:?}");
        Idp { host, jira, conn, token: created.token }
    }

    fn send(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let request = ScimRequest {
            method: method.into(),
            path: format!("/{}/v2{path}", self.conn),
            headers: vec![("Authorization".into(), format!("Bearer {}", self.token))],
            body: body.map(|b| b.to_string()),
            ..ScimRequest::default()
        };
        let response = block_on(handle(&self.host, request));
        assert!(response.status < 300, "{method} {path}: {} {}", response.status, response.body);
        self.host.advance(1);
        serde_json::from_str(&response.body).unwrap_or(Value::Null)
    }

    /// Background drains until the queue is empty (past settle times and retry waits);
    /// the Jira calls made, as `METHOD /path`.
    fn sync(&self) -> Vec<String> {
        for _ in 0..20 {
            let report = block_on(outbox::drain(&self.host, &StoreSites, 55_000));
            let Ok(report) = report else { panic!("{report:?}") };
            assert!(report.paused.is_empty() && report.dead_lettered == 0, "{report:?}");
            match report.next_due {
                Some(due) if report.pending > 0 => self.host.set_now(due.max(crate::host::Host::now(&self.host))),
                _ => break,
            }
        }
        let requests = self.host.take_requests();
        requests
            .iter()
            .map(|r| {
                let endpoint = crate::audit::endpoint(r.method.as_str(), &r.url);
                let (method, path) = endpoint.split_once(' ').unwrap_or(("", ""));
                format!("{method} {}", template(path))
            })
            .collect()
    }

    fn account(&self, email: &str) -> String {
        self.jira.borrow().account_by_email(email).map(|a| a.id).unwrap_or_default()
    }
}

fn patch(ops: Value) -> Option<Value> {
    Some(json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": ops}))
}

fn okta_user(email: &str) -> Option<Value> {
    Some(json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": email,
        "name": {"givenName": "Ann", "familyName": "Lee"}, "emails": [{"primary": true, "value": email, "type": "work"}],
        "displayName": "Ann Lee", "active": true}))
}

#[test]
fn an_okta_lifecycle_end_to_end() {
    let okta = Idp::new();
    // Idp's "test connector configuration" probe: a filter that finds nobody.
    okta.send("GET", "/Users?filter=userName%20eq%20%22probe%40example.com%22", None);
    assert!(okta.sync().is_empty());

    let user = okta.send("POST", "/Users", okta_user("ann@example.com"))["id"].as_str().unwrap_or_default().to_string();
    assert_eq!(okta.sync(), ["GET /rest/api/3/user/search", "POST /rest/api/3/user"]);
    let ann = okta.account("ann@example.com");
    assert!(!ann.is_empty());

    okta.send("PATCH", &format!("/Users/{user}"), patch(json!([{"op": "replace", "value": {"title": "Lead"}}])));
    assert!(okta.sync().is_empty(), "a title Jira doesn't hold");

    okta.send("PATCH", &format!("/Users/{user}"), patch(json!([{"op": "replace", "value": {"active": false}}])));
    assert_eq!(okta.sync(), ["POST /admin/v2/orgs/{org}/directories/{dir}/users/{id}/suspend"]);
    assert!(okta.jira.borrow().suspended.contains(&ann));
    okta.send("PATCH", &format!("/Users/{user}"), patch(json!([{"op": "replace", "value": {"active": true}}])));
    assert_eq!(okta.sync(), ["POST /admin/v2/orgs/{org}/directories/{dir}/users/{id}/restore"]);

    let group = okta.send("POST", "/Groups", Some(json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Idp Sales", "members": []})));
    let group = group["id"].as_str().unwrap_or_default().to_string();
    assert_eq!(okta.sync(), ["GET /rest/api/3/group/bulk", "POST /rest/api/3/group"]);

    okta.send(
        "PATCH",
        &format!("/Groups/{group}"),
        patch(json!([{"op": "add", "path": "members", "value": [{"value": user}]}])),
    );
    assert_eq!(okta.sync(), ["POST /rest/api/3/group/user"]);
    assert!(okta.jira.borrow().members_of("Idp Sales").contains(&ann));

    okta.send(
        "PATCH",
        &format!("/Groups/{group}"),
        patch(json!([{"op": "replace", "value": {"id": group, "displayName": "Idp Revenue"}}])),
    );
    assert_eq!(
        okta.sync(),
        [
            "GET /rest/api/3/group/bulk",
            "POST /rest/api/3/group",
            "POST /rest/api/3/group/user",
            "DELETE /rest/api/3/group"
        ]
    );
    assert!(okta.jira.borrow().group_named("Idp Sales").is_none());
    assert!(okta.jira.borrow().members_of("Idp Revenue").contains(&ann));

    okta.send(
        "PATCH",
        &format!("/Groups/{group}"),
        patch(json!([{"op": "remove", "path": format!("members[value eq \"{user}\"]")}])),
    );
    assert_eq!(okta.sync(), ["DELETE /rest/api/3/group/user"]);
    assert!(okta.jira.borrow().members_of("Idp Revenue").is_empty());

    okta.send("DELETE", &format!("/Groups/{group}"), None);
    assert_eq!(okta.sync(), ["DELETE /rest/api/3/group"]);
    okta.send("DELETE", &format!("/Users/{user}"), None);
    assert_eq!(okta.sync(), ["POST /admin/v2/orgs/{org}/directories/{dir}/users/{id}/suspend"]);
    assert_eq!(okta.jira.borrow().accounts.len(), 1, "the account is suspended, never deleted");
}

/// The request body of an Entra fixture (tests/fixtures/entra).
fn entra(fixture: &str) -> Option<Value> {
    let text = match fixture {
        "create_user" => include_str!("../../../tests/fixtures/entra/create_user.json"),
        "disable_user_string_false" => include_str!("../../../tests/fixtures/entra/disable_user_string_false.json"),
        "enable_user_string_true" => include_str!("../../../tests/fixtures/entra/enable_user_string_true.json"),
        "update_work_email_and_family_name" => {
            include_str!("../../../tests/fixtures/entra/update_work_email_and_family_name.json")
        }
        _ => "{}",
    };
    let fixture: Value = serde_json::from_str(text).unwrap_or_default();
    Some(fixture["request"]["body"].clone()).filter(|b| !b.is_null())
}

#[test]
fn an_entra_lifecycle_end_to_end() {
    let entra_idp = Idp::new();
    let created = entra_idp.send("POST", "/Users", entra("create_user"));
    let user = created["id"].as_str().unwrap_or_default().to_string();
    let email = created["emails"][0]["value"].as_str().unwrap_or_default().to_string();
    assert_eq!(entra_idp.sync(), ["GET /rest/api/3/user/search", "POST /rest/api/3/user"]);
    let account = entra_idp.account(&email);
    // Entra sends booleans as strings: "False" (tests/fixtures/entra/disable_user_string_false.json).
    entra_idp.send("PATCH", &format!("/Users/{user}"), entra("disable_user_string_false"));
    assert_eq!(entra_idp.sync(), ["POST /admin/v2/orgs/{org}/directories/{dir}/users/{id}/suspend"]);
    assert!(entra_idp.jira.borrow().suspended.contains(&account));
    entra_idp.send("PATCH", &format!("/Users/{user}"), entra("enable_user_string_true"));
    assert_eq!(entra_idp.sync(), ["POST /admin/v2/orgs/{org}/directories/{dir}/users/{id}/restore"]);
    // A new work email: Jira can't follow; no call, a note on the link.
    entra_idp.send("PATCH", &format!("/Users/{user}"), entra("update_work_email_and_family_name"));
    assert!(entra_idp.sync().is_empty());
    let link = block_on(crate::sync::links::user_link(&entra_idp.host, &entra_idp.conn, &user)).unwrap_or_default();
    assert!(link.note.unwrap_or_default().contains("kimberly.reyes@contoso.example"));
    // Entra deletes after its soft delete, when the user is already disabled.
    entra_idp.send("PATCH", &format!("/Users/{user}"), entra("disable_user_string_false"));
    entra_idp.sync();
    entra_idp.send("DELETE", &format!("/Users/{user}"), None);
    assert!(entra_idp.sync().is_empty(), "already suspended: the delete costs no call");
    assert!(entra_idp.jira.borrow().suspended.contains(&account));
}
