//! `POST /.search` at the base URL (RFC 7644 §3.4.3): one query over Users and Groups.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

/// A SearchRequest with `fields` added to its `schemas`.
fn search(env: &Env, fields: Value) -> Resp {
    let mut body = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"]});
    if let (Some(body), Some(fields)) = (body.as_object_mut(), fields.as_object()) {
        body.extend(fields.clone());
    }
    env.call("POST", "/.search", Some(body))
}

fn ids(resp: &Resp) -> Vec<String> {
    resp.body["Resources"].as_array().into_iter().flatten().filter_map(|r| r["id"].as_str().map(String::from)).collect()
}

#[test]
fn root_search_spans_users_and_groups_in_one_list() {
    let env = Env::new();
    let ann = env.user("ann@example.com");
    let bob = env.user("bob@example.com");
    let zeta = env.call("POST", "/Groups", Some(group_body("Zeta", &[&ann]))).id();
    let admins = env.call("POST", "/Groups", Some(group_body("Admins", &[]))).id();

    let all = search(&env, json!({}));
    assert_eq!(all.status, 200, "{:?}", all.body);
    assert_eq!(all.body["totalResults"], json!(4));
    assert_eq!(ids(&all), [ann.clone(), bob.clone(), zeta.clone(), admins.clone()]);

    // A filter only one type can match.
    assert_eq!(ids(&search(&env, json!({"filter": "displayName eq \"Admins\""}))), vec![admins.clone()]);

    // Paging runs over the combined list.
    let page = search(&env, json!({"startIndex": 2, "count": 2}));
    assert_eq!((&page.body["totalResults"], &page.body["itemsPerPage"]), (&json!(4), &json!(2)));
    assert_eq!(ids(&page), [bob.clone(), zeta.clone()]);

    // sortBy orders across types: groups by displayName, users (none) last, in stored order.
    assert_eq!(
        ids(&search(&env, json!({"sortBy": "displayName"}))),
        [admins.clone(), zeta.clone(), ann.clone(), bob.clone()]
    );

    // Projection applies per type after paging; `id` is always returned.
    let lean = search(&env, json!({"attributes": ["userName"], "count": 3}));
    let resources = lean.body["Resources"].as_array().cloned().unwrap_or_default();
    assert_eq!(resources[0]["userName"], json!("ann@example.com"));
    assert!(resources[0].get("emails").is_none());
    assert_eq!(resources[2]["id"], json!(zeta));
    assert!(resources[2].get("members").is_none() && resources[2].get("displayName").is_none());
}

#[test]
fn root_search_is_not_a_scim_1_1_endpoint() {
    let env = Env::with(ScimVersion::V1_1, SyncMode::User);
    assert_eq!(env.call("POST", "/.search", Some(json!({}))).status, 404);
}
