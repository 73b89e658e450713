//! PATCH rules from RFC 7644 §3.5.2: parsing the request, then add, replace and remove, one
//! table per rule. The RFC's own examples are in `tests_rfc.rs`, the IdPs' in `tests_idp.rs`.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{json, Value};

use super::testkit::{at, body, check, check_err, group, patch, user, GROUP_TYPE, USER_TYPE};
use super::{apply, parse_request, OpKind, PatchError};
use crate::error::ScimType::{self, *};

#[test]
fn parse_accepts_any_op_case_and_an_empty_list() {
    let ops = parse_request(&body(json!([
        {"op": "Add", "path": "title", "value": "x"},
        {"op": "REPLACE", "value": {"title": "y"}},
        {"op": "remove", "path": "title"}
    ])));
    let kinds: Vec<OpKind> = ops
        .map(|o| o.into_iter().map(|o| o.op).collect())
        .unwrap_or_default();
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
        (
            "wrong schema",
            json!({"schemas": ["urn:x"], "Operations": []}),
            InvalidSyntax,
        ),
        (
            "Operations not an array",
            json!({"schemas": [super::PATCH_OP_URN], "Operations": {}}),
            InvalidSyntax,
        ),
        (
            "no Operations",
            json!({"schemas": [super::PATCH_OP_URN]}),
            InvalidSyntax,
        ),
        ("op not an object", body(json!(["add"])), InvalidSyntax),
        (
            "unknown op",
            op(json!({"op": "move", "path": "title"})),
            InvalidSyntax,
        ),
        (
            "missing op",
            op(json!({"path": "title", "value": "x"})),
            InvalidSyntax,
        ),
        (
            "unparsable path",
            op(json!({"op": "add", "path": "emails[type eq", "value": "x"})),
            InvalidPath,
        ),
        (
            "path not a string",
            op(json!({"op": "add", "path": 7, "value": "x"})),
            InvalidPath,
        ),
        (
            "add without value",
            op(json!({"op": "add", "path": "title"})),
            InvalidValue,
        ),
        (
            "add with null",
            op(json!({"op": "add", "path": "title", "value": null})),
            InvalidValue,
        ),
        (
            "replace without value",
            op(json!({"op": "replace", "path": "title"})),
            InvalidValue,
        ),
        (
            "path-less add of a string",
            op(json!({"op": "add", "value": "x"})),
            InvalidValue,
        ),
        ("remove without path", op(json!({"op": "remove"})), NoTarget),
        (
            "remove with blank path",
            op(json!({"op": "remove", "path": "  "})),
            NoTarget,
        ),
    ];
    for (name, request, want) in rows {
        match parse_request(request) {
            Ok(ops) => panic!("{name}: parsed as {ops:?}"),
            Err(e) => assert_eq!(
                super::testkit::scim_type(e.clone()),
                Some(*want),
                "{name}: {e}"
            ),
        }
    }
}

#[test]
fn parse_keeps_a_null_replace_which_unassigns() {
    let ops = parse_request(&body(
        json!([{"op": "replace", "path": "title", "value": null}]),
    ));
    assert!(ops.is_ok_and(|o| o[0].value == Some(Value::Null)));
}

#[test]
fn error_details_say_what_was_expected_and_found() {
    let e = parse_request(&body(json!([{"op": "move"}])))
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some(r#"Operations[0]: expected an object with "op" add, remove or replace, found "move""#)
    );
    let e = patch(
        &user(),
        &USER_TYPE,
        json!([{"op": "replace", "path": "active", "value": "maybe"}]),
    )
    .err();
    assert_eq!(
        e.map(|e| e.to_string()).as_deref(),
        Some(r#"active: expected a boolean, found "maybe""#)
    );
}

#[test]
fn add_rules() {
    let u = user();
    let rows: Vec<(&str, Value, Vec<(&str, Value)>)> = vec![
        (
            "singular attribute is set",
            json!([{"op": "add", "path": "displayName", "value": "Babs"}]),
            vec![("/displayName", json!("Babs"))],
        ),
        (
            "absent attribute is added",
            json!([{"op": "add", "path": "title", "value": "Tour Guide"}]),
            vec![("/title", json!("Tour Guide"))],
        ),
        (
            "name matches in any case",
            json!([{"op": "add", "path": "DISPLAYNAME", "value": "B"}]),
            vec![("/displayName", json!("B"))],
        ),
        (
            "complex singular merges sub-attributes",
            json!([{"op": "add", "path": "name", "value": {"givenName": "Babs", "formatted": "Babs Jensen"}}]),
            vec![
                ("/name/givenName", json!("Babs")),
                ("/name/familyName", json!("Jensen")),
                ("/name/formatted", json!("Babs Jensen")),
            ],
        ),
        (
            "sub-attribute path",
            json!([{"op": "add", "path": "name.givenName", "value": "Babs"}]),
            vec![
                ("/name/givenName", json!("Babs")),
                ("/name/familyName", json!("Jensen")),
            ],
        ),
        (
            "multi-valued appends a new value",
            json!([{"op": "add", "path": "emails", "value": [{"value": "b@x.org", "type": "other"}]}]),
            vec![
                ("/emails/2/value", json!("b@x.org")),
                ("/emails/0/primary", json!(true)),
            ],
        ),
        (
            "multi-valued takes a single element too",
            json!([{"op": "add", "path": "phoneNumbers", "value": {"value": "555-1234", "type": "work"}}]),
            vec![("/phoneNumbers/0/value", json!("555-1234"))],
        ),
        (
            "a held value is merged, not repeated (compared by value, ignoring case)",
            json!([{"op": "add", "path": "emails", "value": [{"value": "BABS@jensen.org", "display": "Babs"}]}]),
            vec![
                ("/emails/1/display", json!("Babs")),
                ("/emails/1/value", json!("babs@jensen.org")),
                ("/emails/2", Value::Null),
            ],
        ),
        (
            "primary on a new element clears the others",
            json!([{"op": "add", "path": "emails", "value": [{"value": "n@x.org", "primary": true}]}]),
            vec![
                ("/emails/0/primary", json!(false)),
                ("/emails/2/primary", json!(true)),
            ],
        ),
        (
            "path-less: names, dotted paths, URN keys and URN paths",
            json!([{"op": "add", "value": {
                "NickName": "Babs",
                "name.honorificPrefix": "Ms.",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "701984"},
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Tour Operations"
            }}]),
            vec![
                ("/nickName", json!("Babs")),
                ("/name/honorificPrefix", json!("Ms.")),
                (
                    "/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/employeeNumber",
                    json!("701984"),
                ),
                (
                    "/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/department",
                    json!("Tour Operations"),
                ),
                (
                    "/schemas/1",
                    json!("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"),
                ),
            ],
        ),
        (
            "value filter with no match creates the element from eq terms joined by and",
            json!([{"op": "add", "path": "phoneNumbers[type eq \"work\" and primary eq true].value", "value": "555-0000"}]),
            vec![(
                "/phoneNumbers/0",
                json!({"type": "work", "primary": true, "value": "555-0000"}),
            )],
        ),
        (
            "value filter with a match writes into it",
            json!([{"op": "add", "path": "emails[type eq \"home\"].display", "value": "Home"}]),
            vec![
                ("/emails/1/display", json!("Home")),
                ("/emails/2", Value::Null),
            ],
        ),
        (
            "an attribute no schema defines is kept as sent",
            json!([{"op": "add", "path": "favoriteColor", "value": "green"}]),
            vec![("/favoriteColor", json!("green"))],
        ),
        (
            "an unknown extension object is kept under its URN",
            json!([{"op": "add", "value": {"urn:example:custom:2.0:User": {"shoeSize": "9"}}}]),
            vec![("/urn:example:custom:2.0:User/shoeSize", json!("9"))],
        ),
        (
            "immutable may be added when it has no value",
            json!([{"op": "add", "path": "badge", "value": "B-17"}]),
            vec![("/badge", json!("B-17"))],
        ),
    ];
    for (name, ops, expect) in rows {
        check(name, &u, &USER_TYPE, ops, &expect);
    }
}

#[test]
fn replace_rules() {
    let u = user();
    let rows: Vec<(&str, Value, Vec<(&str, Value)>)> = vec![
        (
            "attribute",
            json!([{"op": "replace", "path": "displayName", "value": "B"}]),
            vec![("/displayName", json!("B"))],
        ),
        (
            "absent attribute is added",
            json!([{"op": "replace", "path": "title", "value": "T"}]),
            vec![("/title", json!("T"))],
        ),
        (
            "multi-valued is replaced whole",
            json!([{"op": "replace", "path": "emails", "value": [{"value": "only@x.org"}]}]),
            vec![("/emails", json!([{"value": "only@x.org"}]))],
        ),
        (
            "complex keeps sub-attributes not given",
            json!([{"op": "replace", "path": "name", "value": {"givenName": "Babs"}}]),
            vec![(
                "/name",
                json!({"familyName": "Jensen", "givenName": "Babs"}),
            )],
        ),
        (
            "value filter with sub-attribute",
            json!([{"op": "replace", "path": "emails[type eq \"work\"].value", "value": "new@example.com"}]),
            vec![
                ("/emails/0/value", json!("new@example.com")),
                ("/emails/1/value", json!("babs@jensen.org")),
            ],
        ),
        (
            "value filter merges into the element",
            json!([{"op": "replace", "path": "emails[type eq \"home\"]", "value": {"display": "Home"}}]),
            vec![(
                "/emails/1",
                json!({"value": "babs@jensen.org", "type": "home", "display": "Home"}),
            )],
        ),
        (
            "primary moves to the element set primary",
            json!([{"op": "replace", "path": "emails[type eq \"home\"].primary", "value": true}]),
            vec![
                ("/emails/0/primary", json!(false)),
                ("/emails/1/primary", json!(true)),
            ],
        ),
        (
            "path-less with dotted and URN keys in one object",
            json!([{"op": "replace", "value": {
                "name.familyName": "Jensen-Smith",
                "active": false,
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "42"
            }}]),
            vec![
                ("/name/familyName", json!("Jensen-Smith")),
                ("/active", json!(false)),
                (
                    "/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/employeeNumber",
                    json!("42"),
                ),
            ],
        ),
        (
            "null unassigns",
            json!([{"op": "replace", "path": "displayName", "value": null}]),
            vec![("/displayName", Value::Null)],
        ),
        (
            "an empty list unassigns",
            json!([{"op": "replace", "path": "emails", "value": []}]),
            vec![("/emails", Value::Null)],
        ),
        (
            "a whole extension path merges its object",
            json!([{"op": "replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "value": {"department": "Ops"}}]),
            vec![(
                "/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/department",
                json!("Ops"),
            )],
        ),
        (
            "immutable with the same value is accepted",
            json!([{"op": "add", "path": "badge", "value": "B"}, {"op": "replace", "path": "badge", "value": "B"}]),
            vec![("/badge", json!("B"))],
        ),
    ];
    for (name, ops, expect) in rows {
        check(name, &u, &USER_TYPE, ops, &expect);
    }
}

#[test]
fn remove_rules() {
    let u = user();
    let rows: Vec<(&str, Value, Vec<(&str, Value)>)> = vec![
        (
            "attribute",
            json!([{"op": "remove", "path": "displayName"}]),
            vec![("/displayName", Value::Null)],
        ),
        (
            "an absent attribute is a no-op",
            json!([{"op": "remove", "path": "title"}]),
            vec![
                ("/title", Value::Null),
                ("/displayName", json!("Babs Jensen")),
            ],
        ),
        (
            "sub-attribute",
            json!([{"op": "remove", "path": "name.givenName"}]),
            vec![("/name", json!({"familyName": "Jensen"}))],
        ),
        (
            "last sub-attribute unassigns the attribute",
            json!([{"op": "remove", "path": "name.givenName"}, {"op": "remove", "path": "name.familyName"}]),
            vec![("/name", Value::Null)],
        ),
        (
            "value filter",
            json!([{"op": "remove", "path": "emails[type eq \"work\"]"}]),
            vec![(
                "/emails",
                json!([{"value": "babs@jensen.org", "type": "home"}]),
            )],
        ),
        (
            "value filter sub-attribute",
            json!([{"op": "remove", "path": "emails[type eq \"work\"].primary"}]),
            vec![(
                "/emails/0",
                json!({"value": "bjensen@example.com", "type": "work"}),
            )],
        ),
        (
            "every element removed unassigns",
            json!([{"op": "remove", "path": "emails[value pr]"}]),
            vec![("/emails", Value::Null)],
        ),
        (
            "multi-valued whole",
            json!([{"op": "remove", "path": "emails"}]),
            vec![("/emails", Value::Null)],
        ),
        (
            "an absent extension attribute is a no-op",
            json!([{"op": "remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}]),
            vec![("/active", json!(true))],
        ),
    ];
    for (name, ops, expect) in rows {
        check(name, &u, &USER_TYPE, ops, &expect);
    }
}

#[test]
fn whole_extension_is_added_then_removed_with_its_schemas_entry() {
    let urn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    let (added, _) = check(
        "add",
        &user(),
        &USER_TYPE,
        json!([{"op": "add", "path": format!("{urn}:employeeNumber"), "value": "7"}]),
        &[("/schemas/1", json!(urn))],
    );
    let (removed, changes) = check(
        "remove",
        &added,
        &USER_TYPE,
        json!([{"op": "remove", "path": urn}]),
        &[("/schemas", json!([crate::scim::schemas::USER_URN]))],
    );
    assert!(removed.get(urn).is_none());
    assert_eq!(
        changes.attributes.into_iter().collect::<Vec<_>>(),
        [format!("{urn}:employeeNumber")]
    );
}

#[test]
fn refusals_map_to_their_scim_type() {
    let u = user();
    let rows: &[(&str, Value, ScimType)] = &[
        (
            "remove required userName",
            json!([{"op": "remove", "path": "userName"}]),
            Mutability,
        ),
        (
            "replace required with null",
            json!([{"op": "replace", "path": "userName", "value": null}]),
            Mutability,
        ),
        (
            "path-less replace of required with null",
            json!([{"op": "replace", "value": {"userName": null}}]),
            Mutability,
        ),
        (
            "replace readOnly id",
            json!([{"op": "replace", "path": "id", "value": "x"}]),
            Mutability,
        ),
        (
            "remove readOnly meta sub-attribute",
            json!([{"op": "remove", "path": "meta.version"}]),
            Mutability,
        ),
        (
            "add to readOnly groups",
            json!([{"op": "add", "path": "groups", "value": [{"value": "g"}]}]),
            Mutability,
        ),
        (
            "replace schemas",
            json!([{"op": "replace", "path": "schemas", "value": []}]),
            Mutability,
        ),
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
        (
            "boolean that is not one",
            json!([{"op": "replace", "path": "active", "value": "maybe"}]),
            InvalidValue,
        ),
        (
            "string given a number",
            json!([{"op": "replace", "path": "displayName", "value": 5}]),
            InvalidValue,
        ),
        (
            "integer given a string",
            json!([{"op": "replace", "path": "loginCount", "value": "3"}]),
            InvalidValue,
        ),
        (
            "integer given a fraction",
            json!([{"op": "replace", "path": "loginCount", "value": 3.5}]),
            InvalidValue,
        ),
        (
            "complex given a number",
            json!([{"op": "replace", "path": "name", "value": 5}]),
            InvalidValue,
        ),
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
            "value filter on a singular attribute",
            json!([{"op": "replace", "path": "name[givenName eq \"B\"].familyName", "value": "x"}]),
            InvalidPath,
        ),
        (
            "path-less key that does not parse",
            json!([{"op": "replace", "value": {"emails[type": "x"}}]),
            InvalidPath,
        ),
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
fn all_or_nothing_when_an_operation_mid_list_fails() {
    let before = user();
    let ops = parse_request(&body(json!([
        {"op": "replace", "path": "displayName", "value": "Changed"},
        {"op": "remove", "path": "userName"},
        {"op": "add", "path": "title", "value": "Never"}
    ])));
    let result = ops.map(|ops| apply(&before, &ops, &USER_TYPE));
    assert!(
        matches!(result, Ok(Err(PatchError::Mutability { .. }))),
        "{result:?}"
    );
    assert_eq!(before, user());
}

#[test]
fn operations_apply_in_order() {
    let (after, _) = check(
        "remove then add",
        &user(),
        &USER_TYPE,
        json!([
            {"op": "remove", "path": "emails"},
            {"op": "add", "path": "emails", "value": [{"value": "fresh@x.org"}]},
            {"op": "replace", "path": "emails[value eq \"fresh@x.org\"].type", "value": "work"}
        ]),
        &[("/emails", json!([{"value": "fresh@x.org", "type": "work"}]))],
    );
    assert_eq!(at(&after, "/userName"), json!("bjensen@example.com"));
}

#[test]
fn no_op_patches_yield_an_empty_change_set() {
    let rows = [
        json!([{"op": "replace", "path": "displayName", "value": "Babs Jensen"}]),
        json!([{"op": "add", "path": "emails", "value": [{"value": "babs@jensen.org", "type": "home"}]}]),
        json!([{"op": "remove", "path": "title"}]),
        json!([{"op": "replace", "value": {"id": "ignored", "active": true}}]),
    ];
    for ops in rows {
        let result = patch(&user(), &USER_TYPE, ops.clone());
        assert!(
            result
                .as_ref()
                .is_ok_and(|(after, c)| c.is_empty() && *after == user()),
            "{ops}: {result:?}"
        );
    }
}
