#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::host::{block_on, MemoryHost};

const HOUR: i64 = 3_600_000;

fn jira_entry(host: &MemoryHost, conn: &str, statuses: &[u16], result: &str) -> AuditEntry {
    let calls =
        statuses.iter().map(|&status| JiraCall { endpoint: "POST /rest/api/3/user".into(), status, attempt: 1 });
    AuditEntry {
        id: new_id(host.now()),
        at: host.now(),
        conn: conn.into(),
        event: AuditEvent::Jira {
            task: "syncUser".into(),
            subject: "u:1".into(),
            origin: None,
            calls: calls.collect(),
            result: result.into(),
            detail: None,
        },
    }
}

fn scim(host: &MemoryHost, conn: &str, method: &str, path: &str, status: u16) {
    let id = new_id(host.now());
    assert_eq!(block_on(record_scim(host, &id, conn, method, path, status)), Ok(()));
}

fn ids(page: &Result<AuditPage, HostError>) -> Vec<String> {
    page.as_ref().map(|p| p.entries.iter().map(|e| e.id.clone()).collect()).unwrap_or_default()
}

#[test]
fn endpoints_drop_origin_and_query() {
    let cases = [
        ("POST", "https://acme.atlassian.net/rest/api/3/user", "POST /rest/api/3/user"),
        ("GET", "https://acme.atlassian.net/rest/api/3/user/search?query=a%40b.c", "GET /rest/api/3/user/search"),
        (
            "DELETE",
            "http://127.0.0.1:8081/rest/api/3/group/user?groupId=1&accountId=2",
            "DELETE /rest/api/3/group/user",
        ),
        ("GET", "https://acme.atlassian.net", "GET /"),
        ("GET", "/scim/v2/Users?filter=userName%20eq%20%22x%22", "GET /scim/v2/Users"),
    ];
    for (method, url, expected) in cases {
        assert_eq!(endpoint(method, url), expected, "{url}");
    }
}

#[test]
fn scim_requests_are_recorded_without_query_strings() {
    let host = MemoryHost::new();
    scim(&host, "c1", "GET", "/c1/v2/Users?filter=userName eq \"ann@example.com\"", 200);
    let page = block_on(query(&host, &AuditFilter::default(), 10));
    let Ok(page) = page else { panic!("{page:?}") };
    assert_eq!(page.entries.len(), 1);
    assert_eq!(
        page.entries[0].event,
        AuditEvent::Scim { method: "GET".into(), path: "/c1/v2/Users".into(), status: 200 }
    );
    assert!(!host.kv_snapshot().values().any(|v| v.contains("ann@example.com")));
}

#[test]
fn filters_table() {
    let host = MemoryHost::new();
    scim(&host, "c1", "POST", "/c1/v2/Users", 201);
    host.advance(1);
    scim(&host, "c2", "POST", "/c2/v2/Users", 409);
    host.advance(HOUR);
    let since = host.now();
    let entry = jira_entry(&host, "c1", &[429, 201], "done");
    assert_eq!(block_on(record(&host, &entry)), Ok(()));
    host.advance(1);
    let dead = jira_entry(&host, "c1", &[400], "deadLetter");
    assert_eq!(block_on(record(&host, &dead)), Ok(()));

    let status = |s: &str| s.parse::<StatusFilter>().ok();
    let cases: Vec<(AuditFilter, usize)> = vec![
        (AuditFilter::default(), 4),
        (AuditFilter { conn: Some("c1".into()), ..Default::default() }, 3),
        (AuditFilter { conn: Some("c3".into()), ..Default::default() }, 0),
        (AuditFilter { since: Some(since), ..Default::default() }, 2),
        (AuditFilter { status: status("409"), ..Default::default() }, 1),
        (AuditFilter { status: status("2xx"), ..Default::default() }, 2),
        (AuditFilter { status: status("4xx"), ..Default::default() }, 3),
        (AuditFilter { status: status("failed"), ..Default::default() }, 3),
        (AuditFilter { conn: Some("c1".into()), status: status("failed"), ..Default::default() }, 2),
    ];
    for (filter, expected) in cases {
        let page = block_on(query(&host, &filter, 50));
        assert_eq!(ids(&page).len(), expected, "{filter:?}");
    }
}

#[test]
fn status_filter_parsing_table() {
    let cases = [
        ("404", Some(StatusFilter::Exact(404))),
        ("4xx", Some(StatusFilter::Class(4))),
        ("5XX", Some(StatusFilter::Class(5))),
        ("failed", Some(StatusFilter::Failed)),
        ("6xx", None),
        ("42", None),
        ("", None),
        ("abc", None),
    ];
    for (text, expected) in cases {
        assert_eq!(text.parse::<StatusFilter>().ok(), expected, "{text}");
    }
}

#[test]
fn pages_come_newest_first_and_the_cursor_walks_on() {
    let host = MemoryHost::new();
    for _ in 0..7 {
        scim(&host, "c1", "GET", "/c1/v2/Users", 200);
        host.advance(HOUR / 2);
    }
    let first = block_on(query(&host, &AuditFilter::default(), 3));
    let Ok(first_page) = &first else { panic!() };
    let mut seen = ids(&first);
    assert_eq!(seen.len(), 3);
    let mut before = first_page.next_before.clone();
    while let Some(cursor) = before {
        let page = block_on(query(&host, &AuditFilter { before: Some(cursor), ..Default::default() }, 3));
        seen.extend(ids(&page));
        before = page.ok().and_then(|p| p.next_before);
    }
    let mut sorted = seen.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    sorted.dedup();
    assert_eq!(seen, sorted, "newest first, no repeats");
    assert_eq!(seen.len(), 7);
}

#[test]
fn pruning_drops_old_buckets_and_keeps_the_newest_entries() {
    let host = MemoryHost::new();
    scim(&host, "c1", "GET", "/old", 200);
    host.advance(RETAIN_MS + HOUR);
    for _ in 0..3 {
        scim(&host, "c1", "GET", "/new", 200);
    }
    let pruned = block_on(prune_if_due(&host));
    assert_eq!(pruned, Ok(Some(Pruned { buckets: 1, entries: 1 })));
    assert_eq!(block_on(prune_if_due(&host)), Ok(None), "not again so soon");
    let page = block_on(query(&host, &AuditFilter::default(), 50));
    assert_eq!(ids(&page).len(), 3);
}

#[test]
fn pruning_caps_the_count_by_whole_buckets_but_never_the_current_hour() {
    let host = MemoryHost::new();
    // Three hour buckets, the oldest two claiming (via their counters) 6 000 entries each.
    for hour in 0..3 {
        scim(&host, "c1", "GET", &format!("/h{hour}"), 200);
        if hour < 2 {
            let key = format!("aub:{:08}", host.now() / HOUR);
            assert_eq!(block_on(host.set(&key, "6000")), Ok(()));
        }
        host.advance(HOUR);
    }
    host.advance(-HOUR);
    let pruned = block_on(prune(&host));
    assert_eq!(pruned, Ok(Pruned { buckets: 1, entries: 1 }), "newest (1) + middle (6000) fit; oldest goes");
    let page = block_on(query(&host, &AuditFilter::default(), 50));
    let paths: Vec<String> = page
        .map(|p| {
            p.entries
                .into_iter()
                .filter_map(|e| match e.event {
                    AuditEvent::Scim { path, .. } => Some(path),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(paths, ["/h2", "/h1"]);
}
