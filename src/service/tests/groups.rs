//! `/Groups` end to end: members in and out, the PATCH fast path, renames, ETags.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

fn member_ids(body: &Value) -> Vec<String> {
    let mut ids: Vec<String> = body["members"]
        .as_array()
        .map(|m| m.iter().filter_map(|x| x["value"].as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    ids.sort();
    ids
}

fn sorted(ids: &[&String]) -> Vec<String> {
    let mut v: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn create_with_members_then_read_them_back() {
    let env = Env::new();
    let (a, b) = (env.user("a@example.com"), env.user("b@example.com"));
    let resp = env.call("POST", "/Groups", Some(group_body("Engineering", &[&a, &b])));
    assert_eq!(resp.status, 201, "{:?}", resp.body);
    let id = resp.id();
    assert_eq!(member_ids(&resp.body), sorted(&[&a, &b]));
    let got = env.call("GET", &format!("/Groups/{id}"), None);
    assert_eq!(member_ids(&got.body), sorted(&[&a, &b]));
    let member = &got.body["members"][0];
    assert_eq!(member["type"], json!("User"));
    assert!(member["$ref"]
        .as_str()
        .is_some_and(|r| r.ends_with(&format!("/Users/{}", member["value"].as_str().unwrap_or_default()))));
    let lean = env.call("GET", &format!("/Groups/{id}?excludedAttributes=members"), None);
    assert!(lean.body.get("members").is_none());
    assert_eq!(lean.body["displayName"], json!("Engineering"));
    // The store holds the group without members, and one key per member each way.
    let keys = env.data_keys();
    assert_eq!(keys.iter().filter(|k| k.starts_with("gm:")).count(), 2);
    assert_eq!(keys.iter().filter(|k| k.starts_with("um:")).count(), 2);
    let tasks: Vec<Value> =
        env.queued().into_iter().filter(|t| t["group"] == json!(id)).map(|t| t["task"].clone()).collect();
    assert_eq!(tasks, [json!("syncGroup"), json!("addMember"), json!("addMember")]);
}

#[test]
fn unknown_members_are_refused() {
    let env = Env::new();
    let resp = env.call("POST", "/Groups", Some(group_body("G", &["0123456789abcdef0123456789abcdef"])));
    assert_eq!((resp.status, resp.scim_type()), (400, Some("invalidValue")));
    assert!(env.data_keys().iter().all(|k| !k.starts_with("g:") && !k.starts_with("ix:")), "{:?}", env.data_keys());
}

#[test]
fn membership_patches_touch_only_the_members_they_name() {
    let env = Env::new();
    let users: Vec<String> = (0..4).map(|i| env.user(&format!("u{i}@example.com"))).collect();
    let id = env.call("POST", "/Groups", Some(group_body("G", &[&users[0], &users[1]]))).id();
    let path = format!("/Groups/{id}");
    let cases: Vec<(Value, Vec<&String>)> = vec![
        // Okta: add one.
        (
            json!([{"op": "add", "path": "members", "value": [{"value": users[2], "display": "u2"}]}]),
            vec![&users[0], &users[1], &users[2]],
        ),
        // Adding one already there changes nothing.
        (
            json!([{"op": "add", "path": "members", "value": [{"value": users[0]}]}]),
            vec![&users[0], &users[1], &users[2]],
        ),
        // Okta: remove by filter; a member not there is a no-op.
        (
            json!([{"op": "remove", "path": format!("members[value eq \"{}\"]", users[1])}, {"op": "remove", "path": format!("members[value eq \"{}\"]", users[3])}]),
            vec![&users[0], &users[2]],
        ),
        // Entra: Remove with a value list, Add in the same request.
        (
            json!([{"op": "Remove", "path": "members", "value": [{"value": users[0]}]}, {"op": "Add", "path": "members", "value": [{"value": users[3]}]}]),
            vec![&users[2], &users[3]],
        ),
        // Replace the whole list: the slow path.
        (json!([{"op": "replace", "path": "members", "value": [{"value": users[1]}]}]), vec![&users[1]]),
        // Remove all.
        (json!([{"op": "remove", "path": "members"}]), vec![]),
    ];
    for (ops, want) in cases {
        let resp = env.call("PATCH", &path, Some(patch_body(ops.clone())));
        assert_eq!(resp.status, 204, "{ops}: {:?}", resp.body);
        assert_eq!(member_ids(&env.call("GET", &path, None).body), sorted(&want), "{ops}");
    }
    let adds = env.queued().iter().filter(|t| t["task"] == json!("addMember")).count();
    let removes = env.queued().iter().filter(|t| t["task"] == json!("removeMember")).count();
    assert_eq!((adds, removes), (2 + 1 + 1 + 1, 1 + 1 + 2 + 1), "only real changes are queued");
}

#[test]
fn a_patch_that_asks_for_attributes_gets_the_group() {
    let env = Env::new();
    let u = env.user("u@example.com");
    let id = env.call("POST", "/Groups", Some(group_body("G", &[]))).id();
    let ops = json!([{"op": "add", "path": "members", "value": [{"value": u}]}]);
    let resp = env.call("PATCH", &format!("/Groups/{id}?attributes=members"), Some(patch_body(ops)));
    assert_eq!(resp.status, 200);
    assert_eq!(member_ids(&resp.body), vec![u]);
}

#[test]
fn renames_keep_names_unique_and_members_in_place() {
    let env = Env::new();
    let u = env.user("u@example.com");
    let sales = env.call("POST", "/Groups", Some(group_body("Sales", &[&u]))).id();
    env.call("POST", "/Groups", Some(group_body("Marketing", &[])));
    let dup = env.call("POST", "/Groups", Some(group_body("SALES", &[])));
    assert_eq!((dup.status, dup.scim_type()), (409, Some("uniqueness")));
    let clash = env.call(
        "PATCH",
        &format!("/Groups/{sales}"),
        Some(patch_body(json!([{"op": "replace", "value": {"displayName": "marketing"}}]))),
    );
    assert_eq!(clash.status, 409);
    let renamed = env.call(
        "PATCH",
        &format!("/Groups/{sales}"),
        Some(patch_body(json!([{"op": "replace", "value": {"id": sales, "displayName": "Sales EMEA"}}]))),
    );
    assert_eq!(renamed.status, 204, "{:?}", renamed.body);
    let found =
        env.call("GET", "/Groups?filter=displayName%20eq%20%22sales%20emea%22&excludedAttributes=members", None);
    assert_eq!(found.body["totalResults"], json!(1));
    assert!(found.body["Resources"][0].get("members").is_none());
    let listed = env.call("GET", "/Groups?filter=displayName%20eq%20%22Sales%20EMEA%22", None);
    assert_eq!(member_ids(&listed.body["Resources"][0]), vec![u.clone()]);
    assert_eq!(env.call("POST", "/Groups", Some(group_body("Sales", &[]))).status, 201);
    let renames = env.queued().iter().filter(|t| t["task"] == json!("syncGroup") && t["group"] == json!(sales)).count();
    assert_eq!(renames, 2, "create and rename");
}

#[test]
fn filters_on_members_see_the_members() {
    let env = Env::new();
    let (a, b) = (env.user("a@example.com"), env.user("b@example.com"));
    let g1 = env.call("POST", "/Groups", Some(group_body("G1", &[&a]))).id();
    env.call("POST", "/Groups", Some(group_body("G2", &[&b])));
    let query = format!("/Groups?filter=members%5Bvalue%20eq%20%22{a}%22%5D&excludedAttributes=members");
    let resp = env.call("GET", &query, None);
    assert_eq!(resp.body["totalResults"], json!(1), "{:?}", resp.body);
    assert_eq!(resp.body["Resources"][0]["id"], json!(g1));
}

#[test]
fn put_replaces_members_and_etag_follows_membership() {
    let env = Env::new();
    let (a, b) = (env.user("a@example.com"), env.user("b@example.com"));
    let id = env.call("POST", "/Groups", Some(group_body("G", &[&a]))).id();
    let path = format!("/Groups/{id}");
    let etag = env.call("GET", &path, None).header("etag").unwrap_or_default().to_string();
    let put = env.with_header("PUT", &path, Some(group_body("G", &[&b])), "If-Match", &etag);
    assert_eq!(put.status, 200, "{:?}", put.body);
    assert_eq!(member_ids(&put.body), vec![b.clone()]);
    let new_etag = put.header("etag").unwrap_or_default().to_string();
    assert_ne!(new_etag, etag, "a membership change is a new version");
    assert_eq!(env.with_header("PUT", &path, Some(group_body("G", &[&a])), "If-Match", &etag).status, 412);
    assert_eq!(env.with_header("GET", &path, None, "If-None-Match", &new_etag).status, 304);
}

#[test]
fn deleting_cleans_memberships_both_ways() {
    let env = Env::new();
    let (a, b) = (env.user("a@example.com"), env.user("b@example.com"));
    let g = env.call("POST", "/Groups", Some(group_body("G", &[&a, &b]))).id();
    assert_eq!(env.call("DELETE", &format!("/Users/{a}"), None).status, 204);
    assert_eq!(member_ids(&env.call("GET", &format!("/Groups/{g}"), None).body), vec![b.clone()]);
    assert_eq!(env.call("DELETE", &format!("/Groups/{g}"), None).status, 204);
    let left: Vec<String> = env
        .data_keys()
        .into_iter()
        .filter(|k| k.starts_with("gm:") || k.starts_with("um:") || k.starts_with("g:"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let removed: Vec<Value> =
        env.queued().into_iter().filter(|t| t["task"] == json!("removeMember")).map(|t| t["user"].clone()).collect();
    assert_eq!(removed, vec![json!(b)], "the delete tells the sync which members went");
}

#[test]
fn member_values_that_are_no_ids_are_refused_or_ignored_never_500() {
    let env = Env::new();
    let id = env.call("POST", "/Groups", Some(group_body("G", &[]))).id();
    let path = format!("/Groups/{id}");
    let add = env.call(
        "PATCH",
        &path,
        Some(patch_body(json!([{"op": "add", "path": "members", "value": [{"value": "a/b:c"}]}]))),
    );
    assert_eq!((add.status, add.scim_type()), (400, Some("invalidValue")));
    let remove =
        env.call("PATCH", &path, Some(patch_body(json!([{"op": "remove", "path": "members[value eq \"a/b:c\"]"}]))));
    assert_eq!(remove.status, 204);
    let create = env.call("POST", "/Groups", Some(group_body("H", &["a/b:c"])));
    assert_eq!(create.status, 400);
}
