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
