//! Routing and bearer auth: a token reaches its own connection's data and nothing else.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

#[test]
fn requests_without_a_valid_token_get_401_with_a_challenge() {
    let env = Env::new();
    let with_suffix = format!("Bearer {}x", env.token);
    let cases: &[(&str, Option<&str>)] = &[
        ("no header", None),
        ("basic", Some("Basic dXNlcjpwYXNz")),
        ("unknown token", Some("Bearer usy_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")),
        ("not a token", Some("Bearer hunter2")),
        ("token with a suffix", Some(&with_suffix)),
    ];
    for (what, header) in cases {
        let mut request = env.request("GET", "/Users", None);
        request.headers = header.map(|h| vec![("Authorization".to_string(), h.to_string())]).unwrap_or_default();
        let resp = env.send(request);
        assert_eq!(resp.status, 401, "{what}: {:?}", resp.body);
        assert!(resp.header("www-authenticate").is_some_and(|h| h.starts_with("Bearer")), "{what}");
        assert_eq!(resp.body["schemas"], json!(["urn:ietf:params:scim:api:messages:2.0:Error"]), "{what}");
    }
}

#[test]
fn a_token_never_reaches_another_connections_data() {
    let a = Env::new();
    let b = a.sibling(ScimVersion::V2, SyncMode::User);
    let alice = a.user("alice@example.com");
    // b's token on a's path: 401, as for any wrong token.
    let mut request = a.request("GET", &format!("/Users/{alice}"), None);
    request.headers = vec![("Authorization".into(), format!("Bearer {}", b.token))];
    assert_eq!(a.send(request).status, 401);
    // b's own path can't see a's user, by id, by filter or by listing.
    assert_eq!(b.call("GET", &format!("/Users/{alice}"), None).status, 404);
    let found = b.call("GET", "/Users?filter=userName%20eq%20%22alice%40example.com%22", None);
    assert_eq!(found.body["totalResults"], json!(0));
    assert_eq!(b.call("GET", "/Users", None).body["totalResults"], json!(0));
    // Names are unique per connection, not across them.
    assert_eq!(b.call("POST", "/Users", Some(user_body("alice@example.com"))).status, 201);
    assert_eq!(b.call("DELETE", &format!("/Users/{alice}"), None).status, 404);
    assert_eq!(a.call("GET", &format!("/Users/{alice}"), None).status, 200);
}

#[test]
fn a_rotated_or_removed_connection_stops_authenticating() {
    let env = Env::new();
    assert_eq!(env.call("GET", "/Users", None).status, 200);
    let fresh = match block_on(admin::rotate_token(&*env.host, &env.conn)) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(env.call("GET", "/Users", None).status, 401);
    let rotated = Env { host: env.host.clone(), conn: env.conn.clone(), token: fresh, dialect: env.dialect };
    assert_eq!(rotated.call("GET", "/Users", None).status, 200);
    assert!(block_on(admin::remove_connection(&*env.host, &env.conn)).is_ok());
    assert_eq!(rotated.call("GET", "/Users", None).status, 401);
}

#[test]
fn paths_route_or_answer_404() {
    let env = Env::new();
    let cases = [
        ("GET", "/Users", 200),
        ("GET", "/users", 200),
        // RFC 7644 §3.11: a provider without /Me answers 501.
        ("GET", "/Me", 501),
        ("GET", "/Users/a/b", 404),
        ("GET", "/Users/not-an-id!", 404),
        ("DELETE", "/Users", 405),
        ("PATCH", "/ServiceProviderConfig", 405),
    ];
    for (method, path, status) in cases {
        let resp = env.call(method, path, None);
        assert_eq!(resp.status, status, "{method} {path}: {:?}", resp.body);
    }
    // No connection and dialect in the path.
    let mut request = env.request("GET", "/Users", None);
    request.path = "/Users".into();
    assert_eq!(env.send(request).status, 404);
    // The connection speaks 2.0; its /v1 base answers 404 in 1.1's shape.
    let mut request = env.request("GET", "/Users", None);
    request.path = format!("/{}/v1/Users", env.conn);
    let resp = env.send(request);
    assert_eq!(resp.status, 404);
    assert!(resp.body["Errors"].is_array(), "{:?}", resp.body);
}

/// `request` with the given Authorization header, or none.
fn authorized(mut request: ScimRequest, header: Option<&str>) -> ScimRequest {
    request.headers = header.map(|h| vec![("Authorization".to_string(), h.to_string())]).unwrap_or_default();
    request
}

#[test]
fn discovery_answers_without_a_token_but_never_with_a_wrong_one() {
    for dialect in [ScimVersion::V2, ScimVersion::V1_1] {
        let env = Env::with(dialect, SyncMode::User);
        let spc = if dialect == ScimVersion::V2 { "/ServiceProviderConfig" } else { "/ServiceProviderConfigs" };
        let schema = "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User";
        // (method, path, Authorization header, status)
        let cases: &[(&str, &str, Option<&str>, u16)] = &[
            ("GET", spc, None, 200),
            ("GET", "/ResourceTypes", None, 200),
            ("GET", "/ResourceTypes/User", None, 200),
            ("GET", "/Schemas", None, 200),
            ("GET", schema, None, 200),
            ("GET", "/Schemas/urn:nope", None, 404),
            // A credential that is presented is checked, whatever the endpoint.
            ("GET", spc, Some("Bearer usy_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), 401),
            ("GET", "/Schemas", Some("Bearer hunter2"), 401),
            ("GET", "/ResourceTypes", Some("Basic dXNlcjpwYXNz"), 401),
            ("GET", spc, Some("Bearer"), 401),
            ("GET", spc, Some(""), 401),
            // Only reads of discovery go without a token.
            ("PATCH", spc, None, 401),
            ("GET", "/Users", None, 401),
            ("GET", "/Groups", None, 401),
            ("POST", "/Users/.search", None, 401),
            ("POST", "/Bulk", None, 401),
            ("GET", "/Me", None, 401),
        ];
        for (method, path, header, status) in cases {
            let resp = env.send(authorized(env.request(method, path, None), *header));
            assert_eq!(resp.status, *status, "{dialect:?} {method} {path} {header:?}: {:?}", resp.body);
            if *status == 401 {
                assert!(resp.header("www-authenticate").is_some(), "{dialect:?} {method} {path} {header:?}");
            }
        }
        let anonymous = env.send(authorized(env.request("GET", spc, None), None));
        let with_token = env.call("GET", spc, None);
        assert_eq!(anonymous.body, with_token.body, "{dialect:?}: one document, with or without a token");
        let v1 = dialect == ScimVersion::V1_1;
        assert_eq!(
            anonymous.body["schemas"][0].as_str().is_some_and(|s| s.starts_with("urn:scim:")),
            v1,
            "{dialect:?}"
        );
        assert!(anonymous.body["authenticationSchemes"][0]["description"]
            .as_str()
            .is_some_and(|d| d.contains("without")));
    }
}

#[test]
fn token_less_discovery_does_not_tell_which_connections_exist() {
    let env = Env::new();
    let before = env.host.kv_snapshot();
    let ask = |conn: &str, path: &str| {
        let mut request = authorized(env.request("GET", path, None), None);
        request.path = format!("/{conn}/v2{path}");
        env.send(request)
    };
    let unknown = "0123456789abcdef0123456789abcdef";
    for path in ["/ServiceProviderConfig", "/ResourceTypes", "/Schemas"] {
        let (real, made_up) = (ask(&env.conn, path), ask(unknown, path));
        assert_eq!((real.status, made_up.status), (200, 200), "{path}");
        assert_eq!(real.raw.body.replace(&env.conn, unknown), made_up.raw.body, "{path}: the same answer for any id");
    }
    // Everything else is 401 for both, as before.
    assert_eq!((ask(&env.conn, "/Users").status, ask(unknown, "/Users").status), (401, 401));
    assert_eq!(env.host.kv_snapshot(), before, "nothing stored, nothing audited");
}

#[test]
fn the_admin_dry_run_needs_no_token_and_the_scim_one_still_does() {
    for dialect in [ScimVersion::V2, ScimVersion::V1_1] {
        let env = Env::with(dialect, SyncMode::User);
        let before = env.host.kv_snapshot();
        let body = if dialect == ScimVersion::V2 {
            user_body("dry@example.com")
        } else {
            json!({"schemas": ["urn:scim:schemas:core:1.0"], "userName": "dry@example.com",
                   "emails": [{"value": "dry@example.com", "primary": true}]})
        };
        // The admin's request: relative path, no Authorization header.
        let request = ScimRequest {
            method: "POST".into(),
            path: "/Users".into(),
            body: Some(body.to_string()),
            ..ScimRequest::default()
        };
        let answer = block_on(admin::dry_run(&*env.host, &env.conn, request.clone()));
        let Ok(answer) = answer else { panic!("{dialect:?}: {answer:?}") };
        assert_eq!(answer.status, 201, "{dialect:?}: {}", answer.body);
        let report = answer.dry_run.clone().unwrap_or_default();
        let calls: Vec<&str> = report.jira_calls.iter().map(|c| c.op.kind()).collect();
        assert_eq!(calls, ["findUserByEmail", "createUser"], "{dialect:?}");
        assert_eq!(env.host.kv_snapshot(), before, "{dialect:?}: nothing stored");
        // An unknown connection is the admin API's 404, not a SCIM answer.
        let missing = block_on(admin::dry_run(&*env.host, "0123456789abcdef", request));
        assert!(matches!(missing, Err(admin::AdminError::NotFound { .. })), "{missing:?}");
        // From the SCIM side, the dry-run header opens nothing without the token.
        let mut scim = env.request("POST", "/Users", Some(body));
        scim.headers = vec![("X-Usersync-Dry-Run".into(), "true".into())];
        let refused = env.send(scim);
        assert_eq!((refused.status, refused.raw.dry_run.is_none()), (401, true), "{dialect:?}");
    }
}
