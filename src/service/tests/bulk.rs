//! `POST /Bulk` (RFC 7644 §3.7): bulkId references, ordering, failOnErrors, limits.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

fn bulk(ops: Value, fail_on_errors: Option<u64>) -> Value {
    let mut body = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": ops});
    if let Some(n) = fail_on_errors {
        body["failOnErrors"] = json!(n);
    }
    body
}

fn statuses(resp: &Resp) -> Vec<(String, String)> {
    resp.body["Operations"]
        .as_array()
        .map(|ops| {
            ops.iter()
                .map(|o| {
                    (o["bulkId"].as_str().unwrap_or("-").to_string(), o["status"].as_str().unwrap_or("?").to_string())
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn bulk_ids_resolve_forward_and_backward() {
    let env = Env::new();
    let ops = json!([
        // The group names a user created later in the request: it waits for it.
        {"method": "POST", "path": "/Groups", "bulkId": "g1", "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Tour Guides", "members": [{"type": "User", "value": "bulkId:u1"}]}},
        {"method": "POST", "path": "/Users", "bulkId": "u1", "data": user_body("alice@example.com")},
        {"method": "PATCH", "path": "/Users/bulkId:u1", "data": patch_body(json!([{"op": "replace", "path": "title", "value": "Guide"}]))},
    ]);
    let resp = env.call("POST", "/Bulk", Some(bulk(ops, None)));
    assert_eq!(resp.status, 200, "{:?}", resp.body);
    assert_eq!(resp.body["schemas"], json!(["urn:ietf:params:scim:api:messages:2.0:BulkResponse"]));
    assert_eq!(statuses(&resp), [("g1".into(), "201".into()), ("u1".into(), "201".into()), ("-".into(), "200".into())]);
    let group_location = resp.body["Operations"][0]["location"].as_str().unwrap_or_default();
    let user_location = resp.body["Operations"][1]["location"].as_str().unwrap_or_default();
    let user_id = user_location.rsplit('/').next().unwrap_or_default();
    let group_id = group_location.rsplit('/').next().unwrap_or_default();
    let group = env.call("GET", &format!("/Groups/{group_id}"), None);
    assert_eq!(group.body["members"][0]["value"], json!(user_id));
    assert_eq!(env.call("GET", &format!("/Users/{user_id}"), None).body["title"], json!("Guide"));
    assert!(resp.body["Operations"][1]["version"].as_str().is_some());
}

#[test]
fn unresolvable_and_circular_references_are_409() {
    let env = Env::new();
    let group = |id: &str, name: &str, member: &str| json!({"method": "POST", "path": "/Groups", "bulkId": id, "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": name, "members": [{"type": "Group", "value": member}]}});
    let ops = json!([group("a", "A", "bulkId:b"), group("b", "B", "bulkId:a"), group("c", "C", "bulkId:nowhere")]);
    let resp = env.call("POST", "/Bulk", Some(bulk(ops, None)));
    let mut got = statuses(&resp);
    got.sort();
    assert_eq!(got, [("a".into(), "409".into()), ("b".into(), "409".into()), ("c".into(), "409".into())]);
    assert!(env.data_keys().iter().all(|k| !k.starts_with("g:")));
}

#[test]
fn fail_on_errors_stops_the_run() {
    let env = Env::new();
    let ops = json!([
        {"method": "POST", "path": "/Users", "bulkId": "1", "data": user_body("dup@example.com")},
        {"method": "POST", "path": "/Users", "bulkId": "2", "data": user_body("dup@example.com")},
        {"method": "DELETE", "path": "/Users/0123456789abcdef0123456789abcdef", "bulkId": "3"},
        {"method": "POST", "path": "/Users", "bulkId": "4", "data": user_body("never@example.com")},
    ]);
    let resp = env.call("POST", "/Bulk", Some(bulk(ops.clone(), Some(2))));
    assert_eq!(statuses(&resp), [("1".into(), "201".into()), ("2".into(), "409".into()), ("3".into(), "404".into())]);
    assert_eq!(resp.body["Operations"][1]["response"]["scimType"], json!("uniqueness"));
    let found = env.call("GET", "/Users?filter=userName%20eq%20%22never%40example.com%22", None);
    assert_eq!(found.body["totalResults"], json!(0));
}

#[test]
fn limits_and_shape_are_checked_first() {
    let env = Env::new();
    let too_many: Vec<Value> = (0..=super::super::bulk::MAX_OPERATIONS)
        .map(|i| json!({"method": "DELETE", "path": format!("/Users/{i}")}))
        .collect();
    let cases = [
        (bulk(Value::Array(too_many), None), 413, None),
        (
            json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": []}),
            400,
            Some("invalidSyntax"),
        ),
        (bulk(json!([{"method": "GET", "path": "/Users"}]), None), 400, Some("invalidSyntax")),
        (bulk(json!([]), Some(0)), 400, Some("invalidValue")),
    ];
    for (body, status, scim_type) in cases {
        let resp = env.call("POST", "/Bulk", Some(body));
        assert_eq!((resp.status, resp.scim_type()), (status, scim_type), "{:?}", resp.body);
    }
}
