//! PATCH rules from RFC 7644 §3.5.2 as tables: add, replace and remove, order, and the
//! change set. Refusals are in `tests_errors.rs`, the RFC's examples in `tests_rfc.rs`,
//! the IdPs' requests in `tests_idp.rs`.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{json, Value};

use super::testkit::{at, body, check, patch, user, Row, USER_TYPE};
use super::{apply, parse_request, PatchError};

#[test]
fn add_rules() {
    let u = user();
    let rows: Vec<Row> = vec![
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
            vec![("/name/givenName", json!("Babs")), ("/name/familyName", json!("Jensen"))],
        ),
        (
            "multi-valued appends a new value",
            json!([{"op": "add", "path": "emails", "value": [{"value": "b@x.org", "type": "other"}]}]),
            vec![("/emails/2/value", json!("b@x.org")), ("/emails/0/primary", json!(true))],
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
                ("/emails/1/value", json!("BABS@jensen.org")),
                ("/emails/2", Value::Null),
            ],
        ),
        (
            "primary on a new element clears the others",
            json!([{"op": "add", "path": "emails", "value": [{"value": "n@x.org", "primary": true}]}]),
            vec![("/emails/0/primary", json!(false)), ("/emails/2/primary", json!(true))],
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
                ("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/employeeNumber", json!("701984")),
                ("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/department", json!("Tour Operations")),
                ("/schemas/1", json!("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")),
            ],
        ),
        (
            "value filter with no match creates the element from eq terms joined by and",
            json!([{"op": "add", "path": "phoneNumbers[type eq \"work\" and primary eq true].value", "value": "555-0000"}]),
            vec![("/phoneNumbers/0", json!({"type": "work", "primary": true, "value": "555-0000"}))],
        ),
        (
            "value filter with a match writes into it",
            json!([{"op": "add", "path": "emails[type eq \"home\"].display", "value": "Home"}]),
            vec![("/emails/1/display", json!("Home")), ("/emails/2", Value::Null)],
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
    let rows: Vec<Row> = vec![
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
            vec![("/name", json!({"familyName": "Jensen", "givenName": "Babs"}))],
        ),
        (
            "value filter with sub-attribute",
            json!([{"op": "replace", "path": "emails[type eq \"work\"].value", "value": "new@example.com"}]),
            vec![("/emails/0/value", json!("new@example.com")), ("/emails/1/value", json!("babs@jensen.org"))],
        ),
        (
            "value filter merges into the element",
            json!([{"op": "replace", "path": "emails[type eq \"home\"]", "value": {"display": "Home"}}]),
            vec![("/emails/1", json!({"value": "babs@jensen.org", "type": "home", "display": "Home"}))],
        ),
        (
            "primary moves to the element set primary",
            json!([{"op": "replace", "path": "emails[type eq \"home\"].primary", "value": true}]),
            vec![("/emails/0/primary", json!(false)), ("/emails/1/primary", json!(true))],
        ),
        (
            "value filter on a singular complex attribute",
            json!([{"op": "replace", "path": "name[familyName eq \"Jensen\"].givenName", "value": "Babs"}]),
            vec![("/name", json!({"familyName": "Jensen", "givenName": "Babs"}))],
        ),
        (
            "a bare extension attribute name resolves to its extension",
            json!([{"op": "replace", "path": "department", "value": "Tours"}]),
            vec![
                ("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/department", json!("Tours")),
                ("/department", Value::Null),
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
                ("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/employeeNumber", json!("42")),
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
            vec![("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/department", json!("Ops"))],
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
    let rows: Vec<Row> = vec![
        ("attribute", json!([{"op": "remove", "path": "displayName"}]), vec![("/displayName", Value::Null)]),
        (
            "an absent attribute is a no-op",
            json!([{"op": "remove", "path": "title"}]),
            vec![("/title", Value::Null), ("/displayName", json!("Babs Jensen"))],
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
            vec![("/emails", json!([{"value": "babs@jensen.org", "type": "home"}]))],
        ),
        (
            "value filter sub-attribute",
            json!([{"op": "remove", "path": "emails[type eq \"work\"].primary"}]),
            vec![("/emails/0", json!({"value": "bjensen@example.com", "type": "work"}))],
        ),
        (
            "every element removed unassigns",
            json!([{"op": "remove", "path": "emails[value pr]"}]),
            vec![("/emails", Value::Null)],
        ),
        ("multi-valued whole", json!([{"op": "remove", "path": "emails"}]), vec![("/emails", Value::Null)]),
        (
            "a singular complex value its filter selects",
            json!([{"op": "remove", "path": "name[givenName eq \"barbara\"]"}]),
            vec![("/name", Value::Null), ("/userName", json!("bjensen@example.com"))],
        ),
        (
            "a sub-attribute of a singular complex value its filter selects",
            json!([{"op": "remove", "path": "name[givenName eq \"Barbara\"].familyName"}]),
            vec![("/name", json!({"givenName": "Barbara"}))],
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
    assert_eq!(changes.attributes.into_iter().collect::<Vec<_>>(), [format!("{urn}:employeeNumber")]);
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
    assert!(matches!(result, Ok(Err(PatchError::Mutability { .. }))), "{result:?}");
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
        assert!(result.as_ref().is_ok_and(|(after, c)| c.is_empty() && *after == user()), "{ops}: {result:?}");
    }
}
