//! The admin UI's Jira reads over `MemoryHost`: a small scripted Jira that pages by the
//! offsets in the request, so the tests see exactly which requests the core made.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{json, Value};

use super::*;
use crate::admin::{create_connection, set_jira_settings, JiraSettingsInput, NewConnection};
use crate::host::{block_on, HostError, HttpResponse, MemoryHost};
use crate::service::http::parse_query;

const SITE: &str = "https://acme.atlassian.net";
/// `Basic base64("admin@acme.com:api-token")`.
const BASIC: &str = "Basic YWRtaW5AYWNtZS5jb206YXBpLXRva2Vu";

fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => panic!("unexpected error: {e:?}"),
    }
}

/// A host with one connection whose Jira site is set; returns its id.
fn configured() -> (MemoryHost, String) {
    let host = MemoryHost::new();
    let new = NewConnection { name: "A".into(), ..NewConnection::default() };
    let id = ok(block_on(create_connection(&host, new))).connection.id;
    let input = JiraSettingsInput {
        site_url: format!("{SITE}/"),
        admin_email: "admin@acme.com".into(),
        api_token: Some("api-token".into()),
        ..JiraSettingsInput::default()
    };
    ok(block_on(set_jira_settings(&host, &id, input)));
    (host, id)
}

fn query_u64(url: &str, name: &str) -> u64 {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    parse_query(query).into_iter().find(|(k, _)| k == name).and_then(|(_, v)| v.parse().ok()).unwrap_or(0)
}

/// Answers `group/bulk` from `names`, `per_page` at a time, as Jira's `PageBean`; every
/// page carries a `nextPage` link to `next_link_base` (Jira's own, or somewhere else).
fn serve_groups(host: &MemoryHost, names: Vec<String>, per_page: usize, next_link_base: &'static str) {
    host.respond_with(move |request| {
        let start = query_u64(&request.url, "startAt") as usize;
        let values: Vec<Value> = names
            .iter()
            .enumerate()
            .skip(start)
            .take(per_page)
            .map(|(i, name)| json!({"name": name, "groupId": format!("g{i}")}))
            .collect();
        let is_last = start + values.len() >= names.len();
        let next = format!("{next_link_base}/rest/api/3/group/bulk?startAt={}", start + per_page);
        let body = json!({"startAt": start, "maxResults": per_page, "total": names.len(), "isLast": is_last,
                          "nextPage": next, "values": values});
        Ok(HttpResponse::new(200, body.to_string()))
    });
}

#[test]
fn test_reports_who_the_credentials_sign_in_as_on_which_site() {
    let (host, id) = configured();
    let me = r#"{"accountId":"5b10a2844c20165700ede21g","accountType":"atlassian","emailAddress":"admin@acme.com",
        "displayName":"Site Admin","active":true,"timeZone":"Europe/Berlin"}"#;
    host.push_response(HttpResponse::new(200, me));
    let identity = ok(block_on(test_jira(&host, &id)));
    assert_eq!(
        identity,
        JiraIdentity {
            site_url: SITE.into(),
            account_id: "5b10a2844c20165700ede21g".into(),
            display_name: Some("Site Admin".into()),
            email_address: Some("admin@acme.com".into()),
            account_type: Some("atlassian".into()),
        }
    );
    let sent = host.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].method, sent[0].url.as_str()),
        (crate::host::Method::Get, "https://acme.atlassian.net/rest/api/3/myself")
    );
    assert_eq!(sent[0].header("authorization"), Some(BASIC));
}

#[test]
fn groups_walk_every_page_and_come_back_sorted_by_name() {
    let (host, id) = configured();
    let names: Vec<String> = ["sales", "Admins", "jira-users", "beta", "ops"].iter().map(|s| s.to_string()).collect();
    serve_groups(&host, names, 2, SITE);
    let list = ok(block_on(jira_groups(&host, &id)));
    let got: Vec<(&str, &str)> = list.items.iter().map(|g| (g.name.as_str(), g.group_id.as_str())).collect();
    assert_eq!(got, [("Admins", "g1"), ("beta", "g3"), ("jira-users", "g2"), ("ops", "g4"), ("sales", "g0")]);
    assert!(!list.truncated);
    let starts: Vec<u64> = host.requests().iter().map(|r| query_u64(&r.url, "startAt")).collect();
    assert_eq!(starts, [0, 2, 4]);
}

#[test]
fn a_paging_link_off_the_site_is_never_followed() {
    // Jira's own `nextPage` is ignored too: every page is asked for by offset on the site.
    for link_base in ["https://evil.example", "https://acme.atlassian.net.evil.com", SITE] {
        let (host, id) = configured();
        serve_groups(&host, (0..5).map(|i| format!("group-{i}")).collect(), 2, link_base);
        let list = ok(block_on(jira_groups(&host, &id)));
        assert_eq!(list.items.len(), 5, "{link_base}");
        for request in host.requests() {
            assert!(request.url.starts_with(&format!("{SITE}/rest/api/3/group/bulk?")), "{link_base}: {}", request.url);
        }
    }
}

#[test]
fn long_listings_stop_at_the_cap_and_say_so() {
    let cases = [
        // (groups on the site, per page, items returned, truncated, requests made)
        (MAX_ITEMS, 50, MAX_ITEMS, false, MAX_ITEMS / 50),
        (MAX_ITEMS + 1, 50, MAX_ITEMS, true, MAX_ITEMS / 50),
        (MAX_ITEMS + 1, 1100, MAX_ITEMS, true, 1),
        (MAX_PAGES * 2 + 1, 2, MAX_PAGES * 2, true, MAX_PAGES),
        (0, 50, 0, false, 1),
    ];
    for (total, per_page, items, truncated, calls) in cases {
        let (host, id) = configured();
        serve_groups(&host, (0..total).map(|i| format!("g{i:05}")).collect(), per_page, SITE);
        let list = ok(block_on(jira_groups(&host, &id)));
        let row = format!("{total} groups, {per_page} a page");
        assert_eq!((list.items.len(), list.truncated, host.requests().len()), (items, truncated, calls), "{row}");
    }
}

#[test]
fn service_desks_page_by_start_and_limit() {
    let (host, id) = configured();
    host.respond_with(|request| {
        let start = query_u64(&request.url, "start");
        let desks = [("1", "ITH", "IT Help"), ("2", "HR", "HR Desk"), ("3", "FAC", "Facilities")];
        let values: Vec<Value> = desks
            .iter()
            .skip(start as usize)
            .take(2)
            .map(|(id, key, name)| json!({"id": id, "projectId": "100", "projectKey": key, "projectName": name}))
            .collect();
        let last = start as usize + values.len() >= desks.len();
        let body = json!({"size": values.len(), "start": start, "limit": 2, "isLastPage": last, "values": values,
                          "_links": {"next": "https://evil.example/next"}});
        Ok(HttpResponse::new(200, body.to_string()))
    });
    let list = ok(block_on(jira_service_desks(&host, &id)));
    let keys: Vec<_> = list.items.iter().map(|d| (d.id.as_str(), d.project_key.as_deref().unwrap_or(""))).collect();
    assert_eq!(keys, [("1", "ITH"), ("2", "HR"), ("3", "FAC")]);
    assert!(!list.truncated);
    let urls: Vec<String> = host.requests().into_iter().map(|r| r.url).collect();
    assert_eq!(
        urls,
        [
            "https://acme.atlassian.net/rest/servicedeskapi/servicedesk?start=0&limit=50",
            "https://acme.atlassian.net/rest/servicedeskapi/servicedesk?start=2&limit=50",
        ]
    );
}

#[test]
fn jira_failures_become_admin_errors_that_say_what_to_do() {
    let refused = |status| JiraReadError::Refused { site: SITE.into(), status };
    let cases: Vec<(Result<HttpResponse, HostError>, JiraReadError, u16, &str)> = vec![
        (Ok(HttpResponse::new(401, "")), refused(401), 502, "Jira refused the credentials (401)"),
        (
            Ok(HttpResponse::new(403, r#"{"errorMessages":["no"]}"#)),
            refused(403),
            502,
            "check the admin email and API token",
        ),
        (
            Ok(HttpResponse::new(429, "").with_header("Retry-After", "30")),
            JiraReadError::Throttled { retry_after_secs: Some(30) },
            503,
            "retry later (Retry-After: 30 s)",
        ),
        (Ok(HttpResponse::new(429, "")), JiraReadError::Throttled { retry_after_secs: None }, 503, "retry later"),
        (
            Ok(HttpResponse::new(500, r#"{"errorMessages":["Internal server error"]}"#)),
            JiraReadError::Status {
                status: 500,
                call: "GET /rest/api/3/myself".into(),
                message: "Internal server error".into(),
            },
            502,
            "Jira answered 500 to GET /rest/api/3/myself",
        ),
        (
            Ok(HttpResponse::new(302, "")),
            JiraReadError::Status { status: 302, call: "GET /rest/api/3/myself".into(), message: "HTTP 302".into() },
            502,
            "302",
        ),
        (
            Err(HostError::Timeout { after_ms: 20_000 }),
            JiraReadError::Unreachable { site: SITE.into(), detail: "request timed out after 20000 ms".into() },
            504,
            "Jira did not answer",
        ),
    ];
    for (answer, expected, status, words) in cases {
        let (host, id) = configured();
        match answer.clone() {
            Ok(response) => host.push_response(response),
            Err(error) => host.push_fetch_error(error),
        }
        let err = block_on(test_jira(&host, &id));
        let Err(AdminError::JiraRead(found)) = err else { panic!("{answer:?}: {err:?}") };
        assert_eq!(found, expected, "{answer:?}");
        let admin = AdminError::JiraRead(found);
        assert_eq!(admin.status(), status, "{answer:?}");
        assert!(admin.to_string().contains(words), "{answer:?}: {admin}");
    }
}

#[test]
fn a_refusal_mid_walk_fails_the_whole_listing() {
    let (host, id) = configured();
    let first = json!({"startAt": 0, "maxResults": 1, "isLast": false, "values": [{"name": "a", "groupId": "g"}]});
    host.push_response(HttpResponse::new(200, first.to_string()));
    host.push_response(HttpResponse::new(401, ""));
    let err = block_on(jira_groups(&host, &id));
    assert!(matches!(err, Err(AdminError::JiraRead(JiraReadError::Refused { status: 401, .. }))), "{err:?}");
}

#[test]
fn unreadable_answers_and_missing_sites_are_errors_without_a_call() {
    let (host, id) = configured();
    host.push_response(HttpResponse::new(200, "<html>login</html>"));
    let err = block_on(test_jira(&host, &id));
    assert!(
        matches!(&err, Err(e @ AdminError::JiraRead(JiraReadError::Unreadable(_))) if e.status() == 502),
        "{err:?}"
    );

    let host = MemoryHost::new();
    let id = ok(block_on(create_connection(&host, NewConnection { name: "B".into(), ..NewConnection::default() })))
        .connection
        .id;
    let cases = [
        (block_on(test_jira(&host, &id)).err(), 409),
        (block_on(jira_groups(&host, &id)).err(), 409),
        (block_on(jira_service_desks(&host, &id)).err(), 409),
        (block_on(jira_groups(&host, "nope")).err(), 404),
    ];
    for (err, status) in cases {
        assert_eq!(err.as_ref().map(AdminError::status), Some(status), "{err:?}");
    }
    assert!(host.requests().is_empty());
}
