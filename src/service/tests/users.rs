//! `/Users` end to end: CRUD, lookups, uniqueness, ETags, errors, the outbox.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

#[test]
fn create_answers_201_with_location_etag_and_no_password() {
    let env = Env::new();
    let mut body = user_body("bjensen@example.com");
    body["password"] = json!("t1meMa$heen");
    body["externalId"] = json!("ext-1");
    let resp = env.call("POST", "/Users", Some(body));
    assert_eq!(resp.status, 201, "{:?}", resp.body);
    let id = resp.id();
    let location = format!("https://scim.example.com/scim/{}/v2/Users/{id}", env.conn);
    assert_eq!(resp.header("location"), Some(location.as_str()));
    assert_eq!(resp.body["meta"]["location"], json!(location));
    assert_eq!(resp.body["meta"]["resourceType"], json!("User"));
    assert_eq!(resp.header("etag"), resp.body["meta"]["version"].as_str());
    assert!(resp.body.get("password").is_none());
    assert!(!format!("{:?}", env.host.kv_snapshot()).contains("t1meMa$heen"), "the password is not stored");
    assert_eq!(env.queued(), vec![json!({"task": "syncUser", "conn": env.conn, "user": id})]);
}

#[test]
fn get_put_patch_delete_round_trip() {
    let env = Env::new();
    let id = env.user("bjensen@example.com");
    let path = format!("/Users/{id}");
    assert_eq!(env.call("GET", &path, None).body["userName"], json!("bjensen@example.com"));

    let mut put = user_body("bjensen@example.com");
    put["title"] = json!("Tour Guide");
    let replaced = env.call("PUT", &path, Some(put));
    assert_eq!((replaced.status, &replaced.body["title"]), (200, &json!("Tour Guide")));

    let ops = json!([{"op": "replace", "path": "active", "value": false}]);
    let patched = env.call("PATCH", &path, Some(patch_body(ops)));
    assert_eq!((patched.status, &patched.body["active"]), (200, &json!(false)));
    assert_eq!(patched.body["title"], json!("Tour Guide"));

    assert_eq!(env.call("DELETE", &path, None).status, 204);
    assert_eq!(env.call("GET", &path, None).status, 404);
    assert_eq!(env.call("DELETE", &path, None).status, 404);
    let kinds: Vec<Value> = env.queued().iter().map(|t| t["task"].clone()).collect();
    // The title change is nothing Jira holds: no task for it.
    assert_eq!(kinds, [json!("syncUser"), json!("syncUser"), json!("deleteUser")]);
    assert!(env.data_keys().iter().all(|k| !k.starts_with("u:") && !k.starts_with("ix:")), "{:?}", env.data_keys());
}

#[test]
fn a_write_that_changes_nothing_stores_and_queues_nothing() {
    let env = Env::new();
    let id = env.user("bjensen@example.com");
    let before = env.host.kv_snapshot().into_iter().filter(|(k, _)| !k.starts_with("au")).collect::<Vec<_>>();
    let same = env.call("PUT", &format!("/Users/{id}"), Some(user_body("bjensen@example.com")));
    assert_eq!(same.status, 200);
    let noop = env.call(
        "PATCH",
        &format!("/Users/{id}"),
        Some(patch_body(json!([{"op": "replace", "path": "active", "value": true}]))),
    );
    assert_eq!(noop.status, 200);
    let after = env.host.kv_snapshot().into_iter().filter(|(k, _)| !k.starts_with("au")).collect::<Vec<_>>();
    assert_eq!(before, after);
}

#[test]
fn user_names_are_unique_ignoring_case_and_renames_move_the_claim() {
    let env = Env::new();
    let id = env.user("BJensen@example.com");
    let dup = env.call("POST", "/Users", Some(user_body("bjensen@EXAMPLE.com")));
    assert_eq!((dup.status, dup.scim_type()), (409, Some("uniqueness")));
    let other = env.user("other@example.com");
    // Renaming onto a taken name is a conflict and changes nothing.
    let clash = env.call(
        "PATCH",
        &format!("/Users/{other}"),
        Some(patch_body(json!([{"op": "replace", "path": "userName", "value": "bjensen@example.com"}]))),
    );
    assert_eq!((clash.status, clash.scim_type()), (409, Some("uniqueness")));
    assert_eq!(env.call("GET", &format!("/Users/{other}"), None).body["userName"], json!("other@example.com"));
    // A rename frees the old name.
    let renamed = env.call(
        "PATCH",
        &format!("/Users/{id}"),
        Some(patch_body(json!([{"op": "replace", "path": "userName", "value": "babs@example.com"}]))),
    );
    assert_eq!(renamed.status, 200, "{:?}", renamed.body);
    assert_eq!(env.call("POST", "/Users", Some(user_body("bjensen@example.com"))).status, 201);
    // And a delete frees the name it held.
    assert_eq!(env.call("DELETE", &format!("/Users/{id}"), None).status, 204);
    assert_eq!(env.call("POST", "/Users", Some(user_body("babs@example.com"))).status, 201);
}

#[test]
fn lookups_by_index_and_by_walk_agree() {
    let env = Env::new();
    let mut ids = Vec::new();
    for (i, name) in ["ada@example.com", "grace@example.com", "alan@example.com"].iter().enumerate() {
        let mut body = user_body(name);
        body["externalId"] = json!(format!("okta-{i}"));
        let resp = env.call("POST", "/Users", Some(body));
        ids.push(resp.id());
    }
    let list = |query: &str| env.call("GET", &format!("/Users?{query}"), None).body;
    let cases: &[(&str, &[usize])] = &[
        ("filter=userName%20eq%20%22GRACE%40example.com%22", &[1]),
        ("filter=userName%20eq%20%22nobody%40example.com%22", &[]),
        ("filter=externalId%20eq%20%22okta-2%22", &[2]),
        ("filter=externalId%20eq%20%22OKTA-2%22", &[]),
        ("filter=userName%20sw%20%22a%22", &[0, 2]),
        ("filter=userName%20eq%20%22ada%40example.com%22%20and%20active%20eq%20false", &[]),
        ("sortBy=userName&sortOrder=descending", &[1, 2, 0]),
        ("startIndex=2&count=1", &[1]),
        ("", &[0, 1, 2]),
    ];
    for (query, want) in cases {
        let body = list(query);
        let got: Vec<&str> = body["Resources"]
            .as_array()
            .map(|r| r.iter().filter_map(|u| u["id"].as_str()).collect())
            .unwrap_or_default();
        let want: Vec<&str> = want.iter().map(|&i| ids[i].as_str()).collect();
        assert_eq!(got, want, "{query}");
    }
    assert_eq!(list("startIndex=2&count=1")["totalResults"], json!(3));
    let id_filter = format!("filter=id%20eq%20%22{}%22", ids[0]);
    assert_eq!(list(&id_filter)["totalResults"], json!(1));
    let search = env.call("POST", "/Users/.search", Some(json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": "userName eq \"alan@example.com\"", "attributes": ["userName"]})));
    let schemas = json!(["urn:ietf:params:scim:schemas:core:2.0:User"]);
    assert_eq!(search.body["Resources"], json!([{"schemas": schemas, "id": ids[2], "userName": "alan@example.com"}]));
}

#[test]
fn etags_guard_writes_and_spare_reads() {
    let env = Env::new();
    let id = env.user("bjensen@example.com");
    let path = format!("/Users/{id}");
    let etag = env.call("GET", &path, None).header("etag").unwrap_or_default().to_string();
    assert!(etag.starts_with("W/\""), "{etag}");
    let unchanged = env.with_header("GET", &path, None, "If-None-Match", &etag);
    assert_eq!((unchanged.status, unchanged.raw.body.as_str()), (304, ""));
    assert_eq!(env.with_header("GET", &path, None, "If-None-Match", "W/\"other\"").status, 200);

    let ops = patch_body(json!([{"op": "replace", "path": "title", "value": "x"}]));
    let stale = env.with_header("PATCH", &path, Some(ops.clone()), "If-Match", "W/\"stale\"");
    assert_eq!(stale.status, 412);
    let fresh = env.with_header("PATCH", &path, Some(ops), "If-Match", &etag);
    assert_eq!(fresh.status, 200);
    let new_etag = fresh.header("etag").unwrap_or_default();
    assert_ne!(new_etag, etag);
    assert_eq!(env.with_header("DELETE", &path, None, "If-Match", &etag).status, 412);
    assert_eq!(env.with_header("DELETE", &path, None, "If-Match", "*").status, 204);
}

#[test]
fn errors_are_rfc_bodies_and_store_nothing() {
    let env = Env::new();
    let id = env.user("bjensen@example.com");
    let before = env.data_keys();
    // (method, path, body, status, scimType)
    type Case<'a> = (&'a str, String, Option<&'a str>, u16, Option<&'a str>);
    let cases: &[Case] = &[
        ("POST", "/Users".into(), Some("{not json"), 400, Some("invalidSyntax")),
        (
            "POST",
            "/Users".into(),
            Some(r#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}"#),
            400,
            Some("invalidValue"),
        ),
        (
            "POST",
            "/Users".into(),
            Some(r#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"x","active":"maybe"}"#),
            400,
            Some("invalidValue"),
        ),
        ("POST", "/Users".into(), None, 400, Some("invalidSyntax")),
        ("GET", "/Users?filter=userName%20eq".into(), None, 400, Some("invalidFilter")),
        ("GET", "/Users?sortOrder=sideways".into(), None, 400, Some("invalidValue")),
        (
            "PATCH",
            format!("/Users/{id}"),
            Some(
                r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"userName"}]}"#,
            ),
            400,
            Some("mutability"),
        ),
        (
            "PATCH",
            format!("/Users/{id}"),
            Some(
                r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"emails[type eq"}]}"#,
            ),
            400,
            Some("invalidPath"),
        ),
        ("PUT", "/Users/0123456789abcdef".into(), Some(&user_body("x@example.com").to_string()), 404, None),
    ];
    for (method, path, body, status, scim_type) in cases {
        let mut request = env.request(method, path, None);
        request.body = body.map(str::to_string);
        let resp = env.send(request);
        assert_eq!((resp.status, resp.scim_type()), (*status, *scim_type), "{method} {path}: {:?}", resp.body);
        assert_eq!(resp.body["status"], json!(status.to_string()));
        assert_eq!(resp.body["schemas"], json!(["urn:ietf:params:scim:api:messages:2.0:Error"]));
    }
    assert_eq!(env.data_keys(), before);
}

#[test]
fn a_record_too_large_for_the_store_is_413_and_frees_its_name() {
    let env = Env::new();
    let mut body = user_body("big@example.com");
    body["title"] = json!("t".repeat(300 * 1024));
    let resp = env.call("POST", "/Users", Some(body));
    assert_eq!(resp.status, 413, "{:?}", resp.body["detail"]);
    assert!(env.data_keys().iter().all(|k| !k.starts_with("u:") && !k.starts_with("ix:")));
    assert_eq!(env.call("POST", "/Users", Some(user_body("big@example.com"))).status, 201);
}

#[test]
fn a_store_failure_mid_write_gives_the_name_back() {
    let env = Env::new();
    // The outbox write fails after the name was claimed.
    let faulty = super::concurrency::Faulty::new(&env.host, |op, key| op == "create" && key.starts_with("ob:"));
    let resp = block_on(handle(&faulty, env.request("POST", "/Users", Some(user_body("flaky@example.com")))));
    assert_eq!(resp.status, 503, "{:?}", resp.body);
    assert!(
        env.data_keys().iter().all(|k| !k.starts_with("u:") && !k.starts_with("ix:") && !k.starts_with("ob:")),
        "{:?}",
        env.data_keys()
    );
    assert_eq!(env.call("POST", "/Users", Some(user_body("flaky@example.com"))).status, 201);
}

#[test]
fn a_request_with_a_drain_budget_runs_its_own_work_at_once() {
    let env = Env::new();
    let input = crate::admin::JiraSettingsInput {
        site_url: "https://acme.atlassian.net".into(),
        admin_email: "admin@acme.example".into(),
        api_token: Some("token".into()),
        ..Default::default()
    };
    assert!(block_on(crate::admin::set_jira_settings(&*env.host, &env.conn, input)).is_ok());
    env.host.respond_with(|request| {
        let body = match (request.method, request.url.contains("/user/search")) {
            (crate::host::Method::Get, true) => "[]".to_string(),
            _ => json!({"accountId": "acc-1", "emailAddress": "new@example.com", "active": true, "accountType": "atlassian"}).to_string(),
        };
        let status = if request.method == crate::host::Method::Post { 201 } else { 200 };
        Ok(crate::host::HttpResponse::new(status, body))
    });
    let mut request = env.request("POST", "/Users", Some(user_body("new@example.com")));
    request.drain_budget_ms = Some(10_000);
    assert_eq!(env.send(request).status, 201);
    let calls: Vec<String> = env
        .host
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.split('?').next().unwrap_or_default()))
        .collect();
    assert_eq!(
        calls,
        ["GET https://acme.atlassian.net/rest/api/3/user/search", "POST https://acme.atlassian.net/rest/api/3/user"]
    );
    assert!(env.queued().is_empty(), "the request's own task ran: {:?}", env.queued());
}
