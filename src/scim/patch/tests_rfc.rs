//! The examples of RFC 7644 §3.5.2.1–3, written out from the RFC's text, applied to the
//! RFC 7643 §8 sample User and Group.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{json, Value};

use super::testkit::{at, check, group, user, Row, GROUP_TYPE, USER_TYPE};

const BABS: &str = "2819c223-7f76-453a-919d-413861904646";
const MANDY: &str = "902c246b-6245-4190-8e05-00816be7344a";
const JAMES: &str = "08e1d05d-121c-4561-8b96-473d93df9210";

fn member(id: &str, display: &str) -> Value {
    json!({"display": display, "$ref": format!("https://example.com/v2/Users/{id}"), "value": id})
}

fn with_work_address() -> Value {
    let mut u = user();
    u["addresses"] = json!([
        {"type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood", "postalCode": "91608", "country": "US", "primary": true},
        {"type": "home", "streetAddress": "456 Hollywood Blvd", "locality": "Hollywood", "country": "US"}
    ]);
    u
}

#[test]
fn add_a_member_to_a_group() {
    let g =
        json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "id": "g1", "displayName": "Tour Guides"});
    let (_, changes) = check(
        "add member",
        &g,
        &GROUP_TYPE,
        json!([{"op": "add", "path": "members", "value": [member(BABS, "Babs Jensen")]}]),
        &[("/members/0/value", json!(BABS))],
    );
    assert_eq!(changes.members_added, [BABS]);
    assert!(changes.attributes.contains("members"));
}

#[test]
fn add_without_a_path() {
    let mut u = user();
    u["emails"] = json!([{"value": "bjensen@example.com", "type": "work", "primary": true}]);
    let ops =
        json!([{"op": "add", "value": {"emails": [{"value": "babs@jensen.org", "type": "home"}], "nickname": "Babs"}}]);
    let (_, changes) = check(
        "add no path",
        &u,
        &USER_TYPE,
        ops,
        &[("/emails/1/value", json!("babs@jensen.org")), ("/nickName", json!("Babs"))],
    );
    assert_eq!(changes.attributes.iter().collect::<Vec<_>>(), ["emails", "nickName"]);
}

#[test]
fn remove_examples() {
    let rows: Vec<Row> = vec![
        (
            "a single member",
            json!([{"op": "remove", "path": format!("members[value eq \"{BABS}\"]")}]),
            vec![("/members/0/value", json!(MANDY)), ("/members/1", Value::Null)],
        ),
        ("all members", json!([{"op": "remove", "path": "members"}]), vec![("/members", Value::Null)]),
        (
            "remove and add in one request",
            json!([
                {"op": "remove", "path": format!("members[value eq \"{BABS}\"]")},
                {"op": "add", "path": "members", "value": [member(JAMES, "James Smith")]}
            ]),
            vec![("/members/0/value", json!(MANDY)), ("/members/1/value", json!(JAMES))],
        ),
        (
            "replace all members by remove then add",
            json!([
                {"op": "remove", "path": "members"},
                {"op": "add", "path": "members", "value": [member(BABS, "Babs Jensen"), member(JAMES, "James Smith")]}
            ]),
            vec![("/members/0/value", json!(BABS)), ("/members/1/value", json!(JAMES)), ("/members/2", Value::Null)],
        ),
    ];
    for (name, ops, expect) in rows {
        check(name, &group(), &GROUP_TYPE, ops, &expect);
    }
    check(
        "emails matching a complex filter",
        &user(),
        &USER_TYPE,
        json!([{"op": "remove", "path": "emails[type eq \"work\" and value ew \"example.com\"]"}]),
        &[("/emails", json!([{"value": "babs@jensen.org", "type": "home"}]))],
    );
}

#[test]
fn replace_all_members() {
    let ops = json!([{"op": "replace", "path": "members", "value": [member(BABS, "Babs Jensen"), member(JAMES, "James Smith")]}]);
    let (_, changes) = check("replace members", &group(), &GROUP_TYPE, ops, &[("/members/1/value", json!(JAMES))]);
    assert_eq!(changes.members_added, [JAMES]);
    assert_eq!(changes.members_removed, [MANDY]);
}

#[test]
fn replace_the_work_address() {
    let address = json!({
        "type": "work", "streetAddress": "911 Universal City Plaza", "locality": "Hollywood",
        "region": "CA", "postalCode": "91608", "country": "US",
        "formatted": "911 Universal City Plaza\nHollywood, CA 91608 US", "primary": true
    });
    let ops = json!([{"op": "replace", "path": "addresses[type eq \"work\"]", "value": address}]);
    let (after, _) = check(
        "work address",
        &with_work_address(),
        &USER_TYPE,
        ops,
        &[("/addresses/0/streetAddress", json!("911 Universal City Plaza")), ("/addresses/0/region", json!("CA"))],
    );
    assert_eq!(at(&after, "/addresses/1/streetAddress"), json!("456 Hollywood Blvd"));
    let ops =
        json!([{"op": "replace", "path": "addresses[type eq \"work\"].streetAddress", "value": "1010 Broadway Ave"}]);
    check(
        "street only",
        &with_work_address(),
        &USER_TYPE,
        ops,
        &[("/addresses/0/streetAddress", json!("1010 Broadway Ave")), ("/addresses/0/locality", json!("Hollywood"))],
    );
}

#[test]
fn replace_without_a_path() {
    let mut u = user();
    u["emails"] = json!([{"value": "old@example.com", "type": "work"}]);
    let emails = json!([{"value": "bjensen@example.com", "type": "work", "primary": true}, {"value": "babs@jensen.org", "type": "home"}]);
    let ops = json!([{"op": "replace", "value": {"emails": emails, "nickname": "Babs"}}]);
    check("replace no path", &u, &USER_TYPE, ops, &[("/emails", emails.clone()), ("/nickName", json!("Babs"))]);
}
