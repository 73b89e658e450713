//! Refusals: malformed requests and operations the RFC forbids, each with the scimType it
//! maps to (RFC 7644 §3.12), and the wording of error details.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{json, Value};

use super::testkit::{body, check_err, group, patch, scim_type, user, GROUP_TYPE, USER_TYPE};
use super::{parse_request, OpKind};
use crate::error::ScimType::{self, *};

#[test]
fn parse_accepts_any_op_case_and_an_empty_list() {
    let ops = parse_request(&body(json!([
        {"op": "Add", "path": "title", "value": "x"},
        {"op": "REPLACE", "value": {"title": "y"}},
        {"op": "remove", "path": "title"}
    ])));
    let kinds: Vec<OpKind> = ops.map(|o| o.into_iter().map(|o| o.op).collect()).unwrap_or_default();
    assert_eq!(kinds, [OpKind::Add, OpKind::Replace, OpKind::Remove]);
    assert_eq!(parse_request(&body(json!([]))), Ok(vec![]));
    // Member names match ignoring case, like attribute names.
    let lower = json!({"schemas": [super::PATCH_OP_URN], "operations": [{"OP": "add", "Path": "title", "Value": "x"}]});
    assert!(parse_request(&lower).is_ok_and(|o| o.len() == 1 && o[0].value == Some(json!("x"))));
}

#[test]
fn parse_refusals_map_to_their_scim_type() {
    let op = |o: Value| body(json!([o]));
    let rows: &[(&str, Value, ScimType)] = &[
        ("not an object", json!([1]), InvalidSyntax),
        ("no schemas", json!({"Operations": []}), InvalidSyntax),
        ("wrong schema", json!({"schemas": ["urn:x"], "Operations": []}), InvalidSyntax),
        ("Operations not an array", json!({"schemas": [super::PATCH_OP_URN], "Operations": {}}), InvalidSyntax),
        ("no Operations", json!({"schemas": [super::PATCH_OP_URN]}), InvalidSyntax),
        ("op not an object", body(json!(["add"])), InvalidSyntax),
        ("unknown op", op(json!({"op": "move", "path": "title"})), InvalidSyntax),
        ("missing op", op(json!({"path": "title", "value": "x"})), InvalidSyntax),
        ("unparsable path", op(json!({"op": "add", "path": "emails[type eq", "value": "x"})), InvalidPath),
        ("path not a string", op(json!({"op": "add", "path": 7, "value": "x"})), InvalidPath),
        ("add without value", op(json!({"op": "add", "path": "title"})), InvalidValue),
        ("add with null", op(json!({"op": "add", "path": "title", "value": null})), InvalidValue),
        ("replace without value", op(json!({"op": "replace", "path": "title"})), InvalidValue),
        ("path-less add of a string", op(json!({"op": "add", "value": "x"})), InvalidValue),
        ("remove without path", op(json!({"op": "remove"})), NoTarget),
        ("remove with blank path", op(json!({"op": "remove", "path": "  "})), NoTarget),
    ];
    for (name, request, want) in rows {
        match parse_request(request) {
            Ok(ops) => panic!("{name}: parsed as {ops:?}"),
            Err(e) => assert_eq!(scim_type(e.clone()), Some(*want), "{name}: {e}"),
        }
    }
}

#[test]
fn parse_keeps_a_null_replace_which_unassigns() {
    let ops = parse_request(&body(json!([{"op": "replace", "path": "title", "value": null}])));
    assert!(ops.is_ok_and(|o| o[0].value == Some(Value::Null)));
}

#[test]
fn error_details_say_what_was_expected_and_found() {
    let e = parse_request(&body(json!([{"op": "move"}]))).err().map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some(r#"Operations[0]: expected an object with "op" add, remove or replace, found "move""#)
    );
    let e = patch(&user(), &USER_TYPE, json!([{"op": "replace", "path": "active", "value": "maybe"}])).err();
    assert_eq!(e.map(|e| e.to_string()).as_deref(), Some(r#"active: expected a boolean, found "maybe""#));
}

#[test]
fn refusals_map_to_their_scim_type() {
    let u = user();
    let rows: &[(&str, Value, ScimType)] = &[
        ("remove required userName", json!([{"op": "remove", "path": "userName"}]), Mutability),
        ("replace required with null", json!([{"op": "replace", "path": "userName", "value": null}]), Mutability),
        (
            "path-less replace of required with null",
            json!([{"op": "replace", "value": {"userName": null}}]),
            Mutability,
        ),
        ("replace readOnly id", json!([{"op": "replace", "path": "id", "value": "x"}]), Mutability),
        ("remove readOnly meta sub-attribute", json!([{"op": "remove", "path": "meta.version"}]), Mutability),
        ("add to readOnly groups", json!([{"op": "add", "path": "groups", "value": [{"value": "g"}]}]), Mutability),
        ("replace schemas", json!([{"op": "replace", "path": "schemas", "value": []}]), Mutability),
        (
            "immutable given a different value",
            json!([{"op": "add", "path": "badge", "value": "A"}, {"op": "replace", "path": "badge", "value": "B"}]),
            Mutability,
        ),
        (
            "replace through a filter that matches nothing",
            json!([{"op": "replace", "path": "emails[type eq \"other\"].value", "value": "x"}]),
            NoTarget,
        ),
        (
            "remove through a filter that matches nothing",
            json!([{"op": "remove", "path": "emails[type eq \"other\"]"}]),
            NoTarget,
        ),
        (
            "add through a filter that cannot seed an element",
            json!([{"op": "add", "path": "phoneNumbers[type eq \"a\" or type eq \"b\"].value", "value": "1"}]),
            NoTarget,
        ),
        (
            "add through a filter with ne",
            json!([{"op": "add", "path": "phoneNumbers[type ne \"a\"].value", "value": "1"}]),
            NoTarget,
        ),
        ("boolean that is not one", json!([{"op": "replace", "path": "active", "value": "maybe"}]), InvalidValue),
        ("string given a number", json!([{"op": "replace", "path": "displayName", "value": 5}]), InvalidValue),
        ("integer given a string", json!([{"op": "replace", "path": "loginCount", "value": "3"}]), InvalidValue),
        ("integer given a fraction", json!([{"op": "replace", "path": "loginCount", "value": 3.5}]), InvalidValue),
        ("complex given a number", json!([{"op": "replace", "path": "name", "value": 5}]), InvalidValue),
        (
            "element sub-attribute of the wrong type",
            json!([{"op": "add", "path": "emails", "value": [{"value": "a@b", "primary": "yes"}]}]),
            InvalidValue,
        ),
        (
            "value filter on a whole element given a string",
            json!([{"op": "replace", "path": "emails[type eq \"work\"]", "value": "x"}]),
            InvalidValue,
        ),
        (
            "sub-attribute of a simple attribute",
            json!([{"op": "replace", "path": "displayName.first", "value": "x"}]),
            InvalidPath,
        ),
        (
            "value filter on a simple singular attribute",
            json!([{"op": "replace", "path": "displayName[value eq \"B\"]", "value": "x"}]),
            InvalidPath,
        ),
        (
            "value filter on a complex singular attribute that does not match",
            json!([{"op": "replace", "path": "name[givenName eq \"B\"].familyName", "value": "x"}]),
            NoTarget,
        ),
        ("path-less key that does not parse", json!([{"op": "replace", "value": {"emails[type": "x"}}]), InvalidPath),
    ];
    for (name, ops, want) in rows {
        check_err(name, &u, &USER_TYPE, ops.clone(), *want);
    }
    check_err(
        "remove required Group displayName",
        &group(),
        &GROUP_TYPE,
        json!([{"op": "remove", "path": "displayName"}]),
        Mutability,
    );
    check_err(
        "immutable member value replaced",
        &group(),
        &GROUP_TYPE,
        json!([{"op": "replace", "path": "members[value eq \"902c246b-6245-4190-8e05-00816be7344a\"].value", "value": "other"}]),
        Mutability,
    );
}

#[test]
fn errors_never_print_objects_which_may_hold_a_password() {
    let rows = [json!({"op": "bad", "value": {"password": "pw"}}), json!([{"op": "add", "value": {"password": "pw"}}])];
    let bodies =
        [body(json!([rows[0].clone()])), json!({"schemas": [super::PATCH_OP_URN], "Operations": {"password": "pw"}})];
    for request in bodies.iter().chain([&rows[1]]) {
        let detail = parse_request(request).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(!detail.is_empty() && !detail.contains("pw"), "{detail}");
    }
}
