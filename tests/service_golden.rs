//! Every golden fixture (tests/fixtures/*/*.json) through the whole service: the fixture's
//! state is stored the way the service stores it, the request goes through
//! `service::handle` with a bearer token, and the answer (or, after a 204, a GET of the
//! resource) is matched as tests/fixtures/README.md describes.
//!
//! One difference from the library runners: without `sortBy`, the service lists in id
//! order (creation order for the ids it makes), not the fixture's store order, so
//! `matches` is compared as a set unless the fixture sorts.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

use serde_json::{json, Value};
use usersync::admin::{self, NewConnection};
use usersync::connection::ScimVersion;
use usersync::host::{block_on, Host, MemoryHost};
use usersync::service::{handle, ScimRequest};
use usersync::store::{self, keys, GroupRecord, MemberEntry, NameKind, UserRecord};

fn is_group(resource: &Value, fixture: &Value) -> bool {
    let schemas = resource["schemas"].to_string();
    schemas.contains(":Group") || (fixture["resourceType"] == "Group" && !schemas.contains(":User"))
}

/// Stores a fixture resource as the service would have: record, name claim, indexes, members.
fn seed(host: &MemoryHost, conn: &str, resource: &Value, fixture: &Value) {
    let id = resource["id"].as_str().unwrap_or_default().to_string();
    let mut resource = resource.clone();
    block_on(async {
        if is_group(&resource, fixture) {
            let members = resource.as_object_mut().and_then(|m| m.remove("members"));
            let name = resource["displayName"].as_str().unwrap_or_default().to_string();
            let _ = store::claim(host, conn, NameKind::DisplayName, &name, &id).await;
            let _ = store::save_group(host, conn, &id, &GroupRecord { resource, version: 1 }).await;
            for member in members.as_ref().and_then(Value::as_array).into_iter().flatten() {
                let value = member["value"].as_str().unwrap_or_default();
                let entry = MemberEntry {
                    kind: member["type"].as_str().map(String::from),
                    display: member["display"].as_str().map(String::from),
                };
                let _ = store::members::add(host, conn, &id, value, &entry).await;
            }
        } else {
            let name = resource["userName"].as_str().unwrap_or_default().to_string();
            let _ = store::claim(host, conn, NameKind::UserName, &name, &id).await;
            if let Some(ext) = resource["externalId"].as_str() {
                let _ = host.set(&keys::external_id_index(conn, ext, &id), "").await;
            }
            let _ = store::save_user(host, conn, &id, &UserRecord { resource, version: 1 }).await;
        }
    });
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `expected` is a deep subset of `actual` (README "Matching").
fn subset(expected: &Value, actual: &Value, unordered: bool) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e.iter().all(|(k, ev)| {
            a.iter().find(|(ak, _)| ak.eq_ignore_ascii_case(k)).is_some_and(|(_, av)| subset(ev, av, unordered))
        }),
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            if !unordered {
                return e.iter().zip(a).all(|(x, y)| subset(x, y, unordered));
            }
            let mut used = vec![false; a.len()];
            e.iter().all(|x| {
                let found = a.iter().enumerate().position(|(i, y)| !used[i] && subset(x, y, unordered));
                found.map(|i| used[i] = true).is_some()
            })
        }
        _ => expected == actual,
    }
}

fn has_path(resource: &Value, path: &str) -> bool {
    let (container, rest) = match path.rfind(':') {
        Some(i) if path.starts_with("urn:") => (&resource[&path[..i]], &path[i + 1..]),
        _ => (resource, path),
    };
    let mut parts = rest.splitn(2, '.');
    let name = parts.next().unwrap_or_default();
    let found =
        container.as_object().and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v));
    match (found, parts.next()) {
        (None, _) => false,
        (Some(v), None) => !v.is_null(),
        (Some(v), Some(sub)) => match v {
            Value::Array(items) => items.iter().any(|i| has_path(i, sub)),
            other => has_path(other, sub),
        },
    }
}

/// Runs one fixture; `Err` says what differed.
fn run(path: &Path) -> Result<(), String> {
    let fixture = common::read_fixture(path);
    let dialect = if fixture["dialect"] == "1.1" { ScimVersion::V1_1 } else { ScimVersion::V2 };
    let host = MemoryHost::new();
    let created = block_on(admin::create_connection(
        &host,
        NewConnection { name: "golden".into(), scim: dialect, ..Default::default() },
    ))
    .map_err(|e| e.to_string())?;
    let conn = created.connection.id.clone();
    for resource in fixture["store"].as_array().into_iter().flatten().chain(fixture.get("before")) {
        seed(&host, &conn, resource, &fixture);
    }
    let request = &fixture["request"];
    let base = format!("/{conn}/{}", dialect.segment());
    let query: Vec<String> = request["query"]
        .as_object()
        .map(|q| q.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v.as_str().unwrap_or_default()))).collect())
        .unwrap_or_default();
    let send = |method: &str, path: &str, query: String, body: Option<String>| {
        block_on(handle(
            &host,
            ScimRequest {
                method: method.into(),
                path: format!("{base}{path}"),
                query,
                headers: vec![("Authorization".into(), format!("Bearer {}", created.token))],
                body,
                base_url: None,
                drain_budget_ms: None,
            },
        ))
    };
    let method = request["method"].as_str().unwrap_or("GET");
    let req_path = request["path"].as_str().unwrap_or("/");
    let response = send(method, req_path, query.join("&"), request.get("body").map(Value::to_string));
    let expect = &fixture["expect"];
    let want_status = expect["status"].as_u64().unwrap_or(200) as u16;
    let patch_204 = method == "PATCH" && want_status == 200 && response.status == 204;
    if response.status != want_status && !patch_204 {
        return Err(format!("status {} (expected {want_status}): {}", response.status, response.body));
    }
    let body: Value = serde_json::from_str(&response.body).unwrap_or(Value::Null);
    if let Some(scim_type) = expect["scimType"].as_str() {
        let got = body["scimType"].as_str().or_else(|| body.pointer("/Errors/0/description").and(None));
        if got != Some(scim_type) && dialect == ScimVersion::V2 {
            return Err(format!("scimType {got:?} (expected {scim_type}): {}", response.body));
        }
    }
    let resource = if patch_204 {
        serde_json::from_str(&send("GET", req_path, String::new(), None).body).unwrap_or(Value::Null)
    } else {
        body.clone()
    };
    let unordered = expect["unorderedArrays"] == json!(true);
    if let Some(want) = expect.get("resource") {
        if !subset(want, &resource, unordered) {
            return Err(format!("resource {resource} does not contain {want}"));
        }
    }
    let listed: Vec<Value> = match resource.get("Resources").and_then(Value::as_array) {
        Some(items) => items.clone(),
        None => vec![resource.clone()],
    };
    for attr in expect["absent"].as_array().into_iter().flatten().filter_map(Value::as_str) {
        if let Some(r) = listed.iter().find(|r| has_path(r, attr)) {
            return Err(format!("{attr} is present in {r}"));
        }
    }
    if let Some(total) = expect.get("totalResults") {
        if &resource["totalResults"] != total {
            return Err(format!("totalResults {} (expected {total})", resource["totalResults"]));
        }
    }
    if let Some(matches) = expect["matches"].as_array() {
        let mut got: Vec<Value> = listed.iter().map(|r| r["id"].clone()).collect();
        let mut want = matches.clone();
        let sorted = request["query"].get("sortBy").is_some();
        let paged = request["query"].get("startIndex").is_some() || request["query"].get("count").is_some();
        if !sorted {
            let key = |v: &Value| v.to_string();
            got.sort_by_key(key);
            want.sort_by_key(key);
        }
        if (sorted || !paged) && got != want || got.len() != want.len() {
            return Err(format!("matches {got:?} (expected {want:?})"));
        }
    }
    Ok(())
}

#[test]
fn every_fixture_through_the_service() {
    let files = common::fixture_files();
    assert!(files.len() > 50, "fixtures not found: {}", files.len());
    let name = |f: &Path| f.strip_prefix(common::root()).unwrap_or(f).display().to_string();
    let mut failures = Vec::new();
    for file in &files {
        if let Err(e) = run(file) {
            failures.push(format!("{}: {e}", name(file)));
        }
    }
    assert!(failures.is_empty(), "{} of {} fixtures failed:\n{}", failures.len(), files.len(), failures.join("\n"));
}
