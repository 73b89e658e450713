//! PATCH against every SCIM 2.0 PATCH fixture in tests/fixtures: the resulting resource
//! must contain `expect.resource` (README "Matching"), lack `expect.absent`, and report
//! exactly `changed`, `membersAdded` and `membersRemoved`; a 400 must carry the fixture's
//! `scimType`. Statuses the store decides (404, 409, 412) are the service's, so skipped.
//! Walks the directory, so it runs natively only (no filesystem on wasm32).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeSet;

use serde_json::Value;
use usersync::scim::changes::ChangeSet;
use usersync::scim::filter::parse_attr_path;
use usersync::scim::patch::{apply, parse_request};
use usersync::scim::schema::{ResourceType, Returned};
use usersync::scim::schemas::{GROUP_TYPE, USER_TYPE};
use usersync::ScimError;

/// Whether `actual` contains `expected`, per the fixtures README.
fn contains(actual: &Value, expected: &Value, unordered: bool) -> bool {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => e.iter().all(|(k, ev)| {
            a.iter().find(|(ak, _)| ak.eq_ignore_ascii_case(k)).is_some_and(|(_, av)| contains(av, ev, unordered))
        }),
        (Value::Array(a), Value::Array(e)) if a.len() == e.len() => {
            if !unordered {
                return a.iter().zip(e).all(|(av, ev)| contains(av, ev, unordered));
            }
            let mut used = vec![false; a.len()];
            e.iter().all(|ev| {
                let hit = (0..a.len()).find(|&i| !used[i] && contains(&a[i], ev, unordered));
                hit.map(|i| used[i] = true).is_some()
            })
        }
        _ => actual == expected,
    }
}

/// The value at an attribute path (`name.givenName`, `urn:…:User:manager`), if present.
fn lookup<'a>(resource: &'a Value, path: &str) -> Option<&'a Value> {
    let attr = parse_attr_path(path).ok()?;
    let get =
        |v: &'a Value, k: &str| v.as_object()?.iter().find(|(key, _)| key.eq_ignore_ascii_case(k)).map(|(_, v)| v);
    let holder = match &attr.urn {
        Some(urn) if !urn.to_ascii_lowercase().contains(":core:") => get(resource, urn)?,
        _ => resource,
    };
    let top = get(holder, &attr.name)?;
    match &attr.sub {
        Some(sub) => get(top, sub),
        None => Some(top),
    }
}

fn strings(v: &Value) -> Option<BTreeSet<String>> {
    v.as_array().map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
}

fn check_success(after: &Value, changes: &ChangeSet, expect: &Value, rt: &ResourceType) -> Vec<String> {
    let mut problems = Vec::new();
    let unordered = expect["unorderedArrays"] == true;
    if let Some(want) = expect.get("resource") {
        if !contains(after, want, unordered) {
            problems.push(format!("resource {after} does not contain {want}"));
        }
    }
    for path in expect["absent"].as_array().into_iter().flatten().filter_map(Value::as_str) {
        // `returned: never` values are dropped from responses by the service, not by PATCH.
        let never =
            parse_attr_path(path).ok().and_then(|p| rt.attribute(&p)).is_some_and(|a| a.returned == Returned::Never);
        if !never && lookup(after, path).is_some_and(|v| !v.is_null()) {
            problems.push(format!("{path} should be absent"));
        }
    }
    let sets = [
        ("changed", changes.attributes.iter().cloned().collect::<BTreeSet<_>>()),
        ("membersAdded", changes.members_added.iter().cloned().collect()),
        ("membersRemoved", changes.members_removed.iter().cloned().collect()),
    ];
    for (key, got) in sets {
        if let Some(want) = strings(&expect[key]) {
            if want != got {
                problems.push(format!("{key}: expected {want:?}, got {got:?}"));
            }
        }
    }
    problems
}

/// The problems with one fixture, or `None` if it is not a 2.0 PATCH this layer decides.
fn verdict(fixture: &Value) -> Option<Vec<String>> {
    if fixture["dialect"] != "2.0" || fixture["request"]["method"] != "PATCH" {
        return None;
    }
    let rt = match fixture["resourceType"].as_str()? {
        "User" => &USER_TYPE,
        "Group" => &GROUP_TYPE,
        _ => return None,
    };
    let before = fixture.get("before")?;
    let expect = &fixture["expect"];
    let result = parse_request(&fixture["request"]["body"]).and_then(|ops| apply(before, &ops, rt));
    match (expect["status"].as_u64()?, result) {
        (200 | 204, Ok((after, changes))) => Some(check_success(&after, &changes, expect, rt)),
        (400, Err(e)) => {
            let got = ScimError::from(e.clone()).scim_type.map(|t| t.as_str());
            Some(if got == expect["scimType"].as_str() { vec![] } else { vec![format!("scimType {got:?} for {e}")] })
        }
        (200 | 204 | 400, result) => Some(vec![format!("expected {}, got {result:?}", expect["status"])]),
        _ => None,
    }
}

#[test]
fn patch_agrees_with_every_2_0_patch_fixture() {
    let (mut checked, mut disagreements) = (0, Vec::new());
    for path in common::fixture_files() {
        let Some(problems) = verdict(&common::read_fixture(&path)) else { continue };
        checked += 1;
        disagreements.extend(problems.into_iter().map(|p| format!("{}: {p}", path.display())));
    }
    assert!(checked >= 30, "only {checked} PATCH fixtures found under {}", common::root().display());
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
