#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

fn host() -> MemoryHost {
    MemoryHost::new()
}

#[test]
fn key_validation_table() {
    let long_ok = "k".repeat(500);
    let too_long = "k".repeat(501);
    let cases: &[(&str, bool)] = &[
        ("user:42", true),
        ("scim:Users:abc-DEF_1.2#x", true),
        ("with space", true),
        (" leading", true),
        (&long_ok, true),
        ("", false),
        ("   ", false),
        ("\t", false),
        (&too_long, false),
        ("a/b", false),
        ("a@b", false),
        ("a+b", false),
        ("é", false),
        ("key\u{0}", false),
        ("a%2Fb", false),
    ];
    for (key, ok) in cases {
        let got = validate_key(key);
        assert_eq!(got.is_ok(), *ok, "key {key:?}: {got:?}");
        if !ok {
            assert!(matches!(got, Err(HostError::InvalidKey { .. })), "{key:?}");
        }
    }
}

#[test]
fn prefix_may_be_empty_but_not_foreign() {
    assert!(validate_prefix("").is_ok());
    assert!(validate_prefix("scim:").is_ok());
    assert!(validate_prefix("a/").is_err());
}

#[test]
fn value_size_counts_json_escapes() {
    let exact = "x".repeat(MAX_VALUE_BYTES - 2);
    assert!(check_value("k", &exact).is_ok());
    let over = "x".repeat(MAX_VALUE_BYTES - 1);
    assert!(
        matches!(check_value("k", &over), Err(HostError::ValueTooLarge { size, .. }) if size == MAX_VALUE_BYTES + 1)
    );
    // Quotes take two bytes each once escaped.
    let quotes = "\"".repeat(MAX_VALUE_BYTES / 2);
    assert!(check_value("k", &quotes).is_err());
    assert_eq!(json_string_len("a\u{1}"), 2 + 1 + 6);
    assert_eq!(json_string_len("é"), 2 + 2);
}

#[test]
fn set_get_delete_round_trip() {
    let h = host();
    block_on(async {
        assert_eq!(h.get("a").await, Ok(None));
        assert_eq!(h.set("a", "1").await, Ok(()));
        assert_eq!(h.get("a").await, Ok(Some("1".into())));
        assert_eq!(h.set("a", "2").await, Ok(()));
        assert_eq!(h.get("a").await, Ok(Some("2".into())));
        assert_eq!(h.delete("a").await, Ok(()));
        assert_eq!(h.delete("a").await, Ok(()), "deleting a missing key is fine");
        assert_eq!(h.get("a").await, Ok(None));
    });
}

#[test]
fn create_is_create_only() {
    let h = host();
    block_on(async {
        assert_eq!(h.create("lock:x", "first").await, Ok(true));
        assert_eq!(h.create("lock:x", "second").await, Ok(false));
        assert_eq!(h.get("lock:x").await, Ok(Some("first".into())), "the loser changes nothing");
        h.delete("lock:x").await.ok();
        assert_eq!(h.create("lock:x", "third").await, Ok(true));
    });
}

#[test]
fn every_kv_call_checks_the_key_before_the_host() {
    let h = host();
    block_on(async {
        assert!(matches!(h.set("bad/key", "v").await, Err(HostError::InvalidKey { .. })));
        assert!(matches!(h.create("", "v").await, Err(HostError::InvalidKey { .. })));
        assert!(matches!(h.get("a@b").await, Err(HostError::InvalidKey { .. })));
        assert!(matches!(h.delete("a+b").await, Err(HostError::InvalidKey { .. })));
        assert!(matches!(h.list("a/", None, 5).await, Err(HostError::InvalidKey { .. })));
        assert!(matches!(h.set_secret("x y/z", "v").await, Err(HostError::InvalidKey { .. })));
        let big = "x".repeat(MAX_VALUE_BYTES);
        assert!(matches!(h.set("k", &big).await, Err(HostError::ValueTooLarge { .. })));
        assert!(matches!(h.create("k", &big).await, Err(HostError::ValueTooLarge { .. })));
    });
    assert!(h.kv_snapshot().is_empty(), "nothing reached the store");
}

#[test]
fn list_pages_with_cursors() {
    let h = host();
    block_on(async {
        for i in 0..45 {
            h.set(&format!("item:{i:03}"), &i.to_string()).await.ok();
        }
        h.set("other:1", "x").await.ok();
        let mut seen = Vec::new();
        let mut cursor = None;
        let mut pages = 0;
        loop {
            let Ok(page) = h.list("item:", cursor.take(), 100).await else { panic!("list failed") };
            assert!(page.entries.len() <= MAX_LIST_PAGE, "a limit over 20 is clamped");
            seen.extend(page.entries.into_iter().map(|(k, _)| k));
            pages += 1;
            match page.next_cursor {
                Some(c) => cursor = Some(c),
                None => break,
            }
        }
        assert_eq!(pages, 3);
        assert_eq!(seen.len(), 45);
        assert!(seen.iter().all(|k| k.starts_with("item:")));
        let mut sorted = seen.clone();
        sorted.dedup();
        assert_eq!(sorted.len(), 45, "no entry twice");
    });
}

#[test]
fn list_exact_page_ends_without_cursor() {
    let h = host();
    block_on(async {
        for i in 0..4 {
            h.set(&format!("p:{i}"), "v").await.ok();
        }
        let Ok(page) = h.list("p:", None, 4).await else { panic!() };
        assert_eq!(page.entries.len(), 4);
        assert_eq!(page.next_cursor, None);
        let Ok(page) = h.list("p:", None, 0).await else { panic!() };
        assert_eq!(page.entries.len(), 1, "limit 0 is clamped to 1");
        assert!(page.next_cursor.is_some());
        let Ok(empty) = h.list("none:", None, 5).await else { panic!() };
        assert_eq!(empty, ListPage::default());
    });
}

#[test]
fn secrets_live_apart_from_data() {
    let h = host();
    block_on(async {
        assert_eq!(h.set_secret("jira:apiToken", "s3cret").await, Ok(()));
        assert_eq!(h.get("jira:apiToken").await, Ok(None));
        assert_eq!(h.get_secret("jira:apiToken").await, Ok(Some("s3cret".into())));
        let Ok(page) = h.list("", None, 20).await else { panic!() };
        assert!(page.entries.is_empty(), "secrets are never listed");
    });
}

#[test]
fn injected_kv_faults_fail_one_call_each() {
    let h = host();
    let outage = HostError::Storage { op: "set", key: "a".into(), detail: "quota".into() };
    h.fail_next_kv(outage.clone());
    block_on(async {
        assert_eq!(h.set("a", "1").await, Err(outage));
        assert_eq!(h.set("a", "1").await, Ok(()));
    });
}

#[test]
fn fetch_answers_from_the_script_and_records_requests() {
    let h = host();
    let req = |url: &str| HttpRequest { method: Method::Get, url: url.into(), headers: vec![], body: None };
    h.push_response(HttpResponse::new(200, "one"));
    h.push_fetch_error(HostError::Timeout { after_ms: 25_000 });
    h.respond_with(|r| Ok(HttpResponse::new(404, format!("no {}", r.url))));
    block_on(async {
        assert_eq!(h.fetch(req("https://a")).await.map(|r| r.body), Ok("one".into()));
        assert_eq!(h.fetch(req("https://b")).await, Err(HostError::Timeout { after_ms: 25_000 }));
        assert_eq!(h.fetch(req("https://c")).await.map(|r| r.body), Ok("no https://c".into()));
    });
    let urls: Vec<String> = h.take_requests().into_iter().map(|r| r.url).collect();
    assert_eq!(urls, ["https://a", "https://b", "https://c"]);
    assert!(h.requests().is_empty());
}

#[test]
fn unscripted_fetch_is_a_network_error() {
    let h = host();
    let req = HttpRequest { method: Method::Post, url: "https://x".into(), headers: vec![], body: None };
    let got = block_on(h.fetch(req));
    assert!(matches!(got, Err(HostError::Network { .. })));
    assert!(got.is_err_and(|e| e.is_transient()));
}

#[test]
fn clock_moves_only_when_told() {
    let h = host();
    let start = h.now();
    assert_eq!(h.now(), start);
    h.advance(5_000);
    assert_eq!(h.now(), start + 5_000);
    h.set_now(42);
    assert_eq!(h.now(), 42);
}

#[test]
fn log_keeps_events() {
    let h = host();
    h.log(LogLevel::Warn, r#"{"event":"retry"}"#);
    assert_eq!(h.logs(), vec![LogEntry { level: LogLevel::Warn, event: r#"{"event":"retry"}"#.into() }]);
}

#[test]
fn request_debug_hides_credentials() {
    let req = HttpRequest {
        method: Method::Get,
        url: "https://x.atlassian.net/rest/api/3/myself".into(),
        headers: vec![("Authorization".into(), "Basic c2VjcmV0".into()), ("Accept".into(), "application/json".into())],
        body: None,
    };
    let shown = format!("{req:?}");
    assert!(!shown.contains("c2VjcmV0"), "{shown}");
    assert!(shown.contains("<redacted>") && shown.contains("application/json"));
    assert_eq!(req.header("authorization"), Some("Basic c2VjcmV0"));
}

#[test]
fn response_headers_match_any_case() {
    let resp = HttpResponse::new(429, "").with_header("retry-after", "7");
    assert_eq!(resp.header("Retry-After"), Some("7"));
    assert_eq!(resp.header("X-Other"), None);
}

#[test]
fn transient_errors_are_the_retryable_ones() {
    let cases = [
        (HostError::Network { detail: "reset".into() }, true),
        (HostError::Timeout { after_ms: 1 }, true),
        (HostError::Storage { op: "get", key: "k".into(), detail: "down".into() }, true),
        (HostError::Refused { detail: "egress".into() }, false),
        (HostError::InvalidKey { key: "".into(), reason: "empty" }, false),
        (HostError::ValueTooLarge { key: "k".into(), size: 2, max: 1 }, false),
        (HostError::Protocol { op: "get", detail: "not a string".into() }, false),
    ];
    for (error, transient) in cases {
        assert_eq!(error.is_transient(), transient, "{error}");
    }
}
