//! The SCIM 1.1 dialect end to end (Okta's 1.1 apps): the same handlers behind
//! `scim::v1`'s translation.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

const V1: &str = "urn:scim:schemas:core:1.0";

fn v1_env() -> Env {
    Env::with(ScimVersion::V1_1, SyncMode::User)
}

fn v1_user(name: &str) -> Value {
    json!({"schemas": [V1], "userName": name, "name": {"givenName": "G", "familyName": "F"},
           "emails": [{"primary": true, "value": name, "type": "work"}], "active": true, "password": "pw", "groups": []})
}

#[test]
fn users_speak_1_1_both_ways() {
    let env = v1_env();
    let created = env.call("POST", "/Users", Some(v1_user("kj@example.com")));
    assert_eq!(created.status, 201, "{:?}", created.body);
    assert_eq!(created.body["schemas"], json!([V1]));
    assert!(created.header("content-type").is_some_and(|c| c.starts_with("application/json")));
    let id = created.id();
    let found = env.call("GET", "/Users?filter=userName%20eq%20%22kj%40example.com%22&startIndex=1&count=100", None);
    assert_eq!(found.body["schemas"], json!([V1]));
    assert_eq!(found.body["totalResults"], json!(1));
    assert_eq!(found.body["Resources"][0]["id"], json!(id));
    // Okta 1.1 deactivates with PUT of the whole user.
    let mut put = v1_user("kj@example.com");
    put["active"] = json!(false);
    put["id"] = json!(id);
    let updated = env.call("PUT", &format!("/Users/{id}"), Some(put));
    assert_eq!((updated.status, &updated.body["active"]), (200, &json!(false)));
    // and with a partial-resource PATCH.
    let patched = env.call("PATCH", &format!("/Users/{id}"), Some(json!({"schemas": [V1], "id": id, "active": true})));
    assert_eq!((patched.status, &patched.body["active"]), (200, &json!(true)));
    let dup = env.call("POST", "/Users", Some(v1_user("KJ@example.com")));
    assert_eq!(dup.status, 409);
    assert_eq!(dup.body["Errors"][0]["code"], json!("409"), "1.1 error shape: {:?}", dup.body);
}

#[test]
fn groups_patch_members_the_1_1_way() {
    let env = v1_env();
    let a = env.call("POST", "/Users", Some(v1_user("a@example.com"))).id();
    let b = env.call("POST", "/Users", Some(v1_user("b@example.com"))).id();
    let c = env.call("POST", "/Users", Some(v1_user("c@example.com"))).id();
    let created =
        env.call("POST", "/Groups", Some(json!({"schemas": [V1], "displayName": "G", "members": [{"value": a}]})));
    assert_eq!(created.status, 201, "{:?}", created.body);
    let path = format!("/Groups/{}", created.id());
    let members = |body: &Value| {
        let mut ids: Vec<String> = body["members"]
            .as_array()
            .map(|m| m.iter().filter_map(|x| x["value"].as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        ids.sort();
        ids
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let cases = [
        (json!({"schemas": [V1], "members": [{"value": b, "display": "b"}]}), vec![a.clone(), b.clone()]),
        (json!({"schemas": [V1], "members": [{"value": a, "operation": "delete"}]}), vec![b.clone()]),
        (json!({"schemas": [V1], "members": [{"value": a, "operation": "delete"}]}), vec![b.clone()]),
        (json!({"schemas": [V1], "meta": {"attributes": ["members"]}, "members": [{"value": c}]}), vec![c.clone()]),
    ];
    for (body, want) in cases {
        let resp = env.call("PATCH", &path, Some(body.clone()));
        assert_eq!(resp.status, 200, "{body}: {:?}", resp.body);
        assert_eq!(members(&resp.body), sorted(want), "{body}");
    }
}

#[test]
fn service_provider_configs_is_the_1_1_document_without_bulk() {
    let env = v1_env();
    let doc = env.call("GET", "/ServiceProviderConfigs", None);
    assert_eq!(doc.status, 200);
    assert_eq!(doc.body["schemas"], json!([V1]));
    assert_eq!(doc.body["bulk"]["supported"], json!(false));
    assert_eq!(env.call("POST", "/Bulk", Some(json!({"Operations": []}))).status, 404);
}
