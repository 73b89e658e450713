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
fn service_provider_configs_advertises_the_bulk_it_serves() {
    let env = v1_env();
    let doc = env.call("GET", "/ServiceProviderConfigs", None);
    assert_eq!(doc.status, 200);
    assert_eq!(doc.body["schemas"], json!([V1]));
    let bulk = &doc.body["bulk"];
    assert_eq!(bulk["supported"], json!(true));
    assert_eq!(bulk["maxOperations"], json!(crate::service::bulk::MAX_OPERATIONS));
    assert_eq!(bulk["maxPayloadSize"], json!(crate::scim::body::MAX_BODY_BYTES));
    let v2 = Env::new().call("GET", "/ServiceProviderConfig", None);
    assert_eq!(bulk, &v2.body["bulk"], "both dialects advertise one Bulk");
}

fn v1_bulk(ops: Value, fail_on_errors: Option<u64>) -> Value {
    let mut body = json!({"schemas": [V1], "Operations": ops});
    if let Some(n) = fail_on_errors {
        body["failOnErrors"] = json!(n);
    }
    body
}

#[test]
fn bulk_speaks_1_1() {
    // The shapes of SCIM 1.1 protocol §3.5: the core URN on request and response, 1.1
    // resources as data, and `status` as an object.
    let env = v1_env();
    let ops = json!([
        {"method": "POST", "path": "/Groups", "bulkId": "g", "data": {"schemas": [V1], "displayName": "Tour Guides", "members": [{"value": "bulkId:u"}]}},
        {"method": "POST", "path": "/Users", "bulkId": "u", "data": v1_user("alice@example.com")},
        {"method": "PATCH", "path": "/Users/bulkId:u", "data": {"schemas": [V1], "title": "Guide"}},
        {"method": "POST", "path": "/Users", "bulkId": "dup", "data": v1_user("ALICE@example.com")},
        {"method": "DELETE", "path": "/Users/0123456789abcdef0123456789abcdef"},
    ]);
    let resp = env.call("POST", "/Bulk", Some(v1_bulk(ops, None)));
    assert_eq!(resp.status, 200, "{:?}", resp.body);
    assert!(resp.header("content-type").is_some_and(|c| c.starts_with("application/json")));
    assert_eq!(resp.body["schemas"], json!([V1]));
    let statuses: Vec<Value> = resp.body["Operations"]
        .as_array()
        .map(|o| o.iter().map(|op| op["status"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(statuses[..3], [json!({"code": "201"}), json!({"code": "201"}), json!({"code": "200"})]);
    assert_eq!(statuses[3]["code"], json!("409"));
    assert!(statuses[3]["description"].as_str().is_some_and(|d| d.contains("already in use")), "{:?}", statuses[3]);
    assert_eq!(statuses[4]["code"], json!("404"));
    assert!(resp.body["Operations"][3].get("response").is_none(), "1.1 has no `response` member");
    let location = resp.body["Operations"][1]["location"].as_str().unwrap_or_default();
    assert!(location.contains("/v1/Users/"), "{location}");
    let user_id = location.rsplit('/').next().unwrap_or_default();
    let user = env.call("GET", &format!("/Users/{user_id}"), None);
    assert_eq!((user.body["schemas"].clone(), user.body["title"].clone()), (json!([V1]), json!("Guide")));
    let group_id = resp.body["Operations"][0]["location"]
        .as_str()
        .and_then(|l| l.rsplit('/').next())
        .unwrap_or_default()
        .to_string();
    assert_eq!(env.call("GET", &format!("/Groups/{group_id}"), None).body["members"][0]["value"], json!(user_id));
}

#[test]
fn bulk_request_errors_have_the_1_1_error_shape() {
    let env = v1_env();
    let too_many: Vec<Value> = (0..=crate::service::bulk::MAX_OPERATIONS)
        .map(|i| json!({"method": "DELETE", "path": format!("/Users/{i}")}))
        .collect();
    let cases = [
        (v1_bulk(Value::Array(too_many), None), 413),
        // The 2.0 URN is not the 1.1 dialect's.
        (json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": []}), 400),
        (v1_bulk(json!([{"method": "GET", "path": "/Users"}]), None), 400),
        (v1_bulk(json!([]), Some(0)), 400),
    ];
    for (body, status) in cases {
        let resp = env.call("POST", "/Bulk", Some(body.clone()));
        assert_eq!(resp.status, status, "{body}: {:?}", resp.body);
        assert_eq!(resp.body["Errors"][0]["code"], json!(status.to_string()), "{:?}", resp.body);
    }
    let stopped = env.call(
        "POST",
        "/Bulk",
        Some(v1_bulk(
            json!([
                {"method": "DELETE", "path": "/Users/nope", "bulkId": "1"},
                {"method": "POST", "path": "/Users", "bulkId": "2", "data": v1_user("never@example.com")},
            ]),
            Some(1),
        )),
    );
    assert_eq!(
        stopped.body["Operations"].as_array().map(Vec::len),
        Some(1),
        "failOnErrors stops the run: {:?}",
        stopped.body
    );
}

#[test]
fn a_1_1_delete_answers_200_with_no_body_and_2_0_answers_204() {
    for (env, want) in [(v1_env(), 200), (Env::new(), 204)] {
        let id = env.user("gone@example.com");
        let deleted = env.call("DELETE", &format!("/Users/{id}"), None);
        assert_eq!((deleted.status, deleted.raw.body.as_str()), (want, ""), "{:?}", env.dialect);
        assert_eq!(env.call("GET", &format!("/Users/{id}"), None).status, 404);
    }
}
