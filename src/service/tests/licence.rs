//! An unlicensed installation (`licensed: false` from the host): every authenticated request
//! gets 403 in its connection's dialect, nothing is stored or queued, nothing goes to Jira.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::admin::JiraSettingsInput;
use crate::host::HttpResponse;
use crate::service::{CONTENT_TYPE_V1, CONTENT_TYPE_V2, UNLICENSED_DETAIL};

fn unlicensed(env: &Env, method: &str, path: &str, body: Option<Value>) -> Resp {
    let mut request = env.request(method, path, body);
    request.licensed = Some(false);
    env.send(request)
}

/// Audit entries (`au:` keys), as JSON.
fn audit(env: &Env) -> Vec<Value> {
    let entries = env.host.kv_snapshot().into_iter().filter(|(k, _)| k.starts_with("au:"));
    entries.filter_map(|(_, v)| serde_json::from_str(&v).ok()).collect()
}

#[test]
fn unlicensed_requests_get_403_in_the_connections_dialect_and_change_nothing() {
    for dialect in [ScimVersion::V2, ScimVersion::V1_1] {
        let env = Env::with(dialect, SyncMode::User);
        let existing = env.user("kept@example.com");
        let (keys, queued) = (env.data_keys(), env.queued());
        let requests = [
            ("POST", "/Users".to_string(), Some(user_body("new@example.com"))),
            ("GET", "/Users".to_string(), None),
            ("GET", format!("/Users/{existing}"), None),
            (
                "PATCH",
                format!("/Users/{existing}"),
                Some(patch_body(json!([{"op": "replace", "value": {"active": false}}]))),
            ),
            ("DELETE", format!("/Users/{existing}"), None),
            ("POST", "/Groups".to_string(), Some(group_body("Sales", &[&existing]))),
            ("POST", "/Bulk".to_string(), Some(json!({"Operations": []}))),
            ("GET", "/ServiceProviderConfig".to_string(), None),
            ("POST", "/Users".to_string(), Some(json!("not a user"))),
        ];
        for (method, path, body) in requests {
            let row = format!("{dialect:?} {method} {path}");
            let resp = unlicensed(&env, method, &path, body);
            assert_eq!(resp.status, 403, "{row}: {:?}", resp.body);
            let expected = match dialect {
                ScimVersion::V2 => json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
                                          "status": "403", "detail": UNLICENSED_DETAIL}),
                ScimVersion::V1_1 => json!({"Errors": [{"description": UNLICENSED_DETAIL, "code": "403"}]}),
            };
            assert_eq!(resp.body, expected, "{row}");
            let content_type = if dialect == ScimVersion::V2 { CONTENT_TYPE_V2 } else { CONTENT_TYPE_V1 };
            assert!(resp.header("content-type").is_some_and(|c| c.starts_with(content_type)), "{row}");
        }
        assert_eq!(env.data_keys(), keys, "{dialect:?}: nothing stored");
        assert_eq!(env.queued(), queued, "{dialect:?}: nothing queued");
        let refused = audit(&env).iter().filter(|e| e["status"] == json!(403)).count();
        assert_eq!(refused, 9, "{dialect:?}: each refusal is audited like any answer");
    }
}

#[test]
fn authentication_comes_first_and_a_licensed_flag_changes_nothing() {
    let env = Env::new();
    let mut request = env.request("GET", "/Users", None);
    request.headers.clear();
    request.licensed = Some(false);
    let resp = env.send(request);
    assert_eq!(resp.status, 401, "no token, no licence information: {:?}", resp.body);
    assert!(!resp.raw.body.contains("licence"), "{}", resp.raw.body);

    for licensed in [None, Some(true)] {
        let mut request = env.request("POST", "/Users", Some(user_body(&format!("{licensed:?}@example.com"))));
        request.licensed = licensed;
        assert_eq!(env.send(request).status, 201, "{licensed:?}");
    }
}

#[test]
fn unlicensed_requests_drain_nothing_to_jira() {
    let env = Env::new();
    let site = JiraSettingsInput {
        site_url: "https://acme.atlassian.net".into(),
        admin_email: "admin@acme.com".into(),
        api_token: Some("api-token".into()),
        ..JiraSettingsInput::default()
    };
    assert!(block_on(admin::set_jira_settings(&*env.host, &env.conn, site)).is_ok());
    env.host.respond_with(|_| Ok(HttpResponse::new(503, "")));
    env.user("queued@example.com");
    assert!(!env.queued().is_empty());
    assert!(env.host.requests().is_empty());
    env.host.advance(600_000); // past any settle time: the queued item is due

    let mut request = env.request("GET", "/Users", None);
    request.drain_budget_ms = Some(5_000);
    request.licensed = Some(false);
    assert_eq!(env.send(request.clone()).status, 403);
    assert!(env.host.requests().is_empty(), "{:?}", env.host.requests());
    // The same request, licensed, does drain the queued work: the check above can fail.
    request.licensed = None;
    assert_eq!(env.send(request).status, 200);
    assert!(!env.host.requests().is_empty());
}
