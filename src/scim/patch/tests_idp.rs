//! The PATCH requests Microsoft Entra ID and Okta send, in the shapes their SCIM docs show
//! (Entra's "Develop a SCIM endpoint" and "Known issues … SCIM 2.0 protocol compliance" pages,
//! Okta's SCIM 2.0 protocol reference), including the deviations from RFC 7644.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{json, Value};

use super::testkit::{at, check, group, patch, user, GROUP_TYPE, USER_TYPE};
use super::{apply, parse_request};
use crate::scim::schemas;

const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const BABS: &str = "2819c223-7f76-453a-919d-413861904646";
const MANDY: &str = "902c246b-6245-4190-8e05-00816be7344a";

#[test]
fn entra_disable_user_with_a_string_boolean() {
    for value in [json!("False"), json!("false"), json!("FALSE"), json!(false)] {
        let ops = json!([{"op": "Replace", "path": "active", "value": value}]);
        let (_, changes) = check("disable", &user(), &USER_TYPE, ops, &[("/active", json!(false))]);
        assert_eq!(changes.attributes.iter().collect::<Vec<_>>(), ["active"]);
    }
    // The crate's own User table, not only the test schema.
    let ops = parse_request(&json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "Replace", "path": "active", "value": "False"}]
    }));
    let result = ops.and_then(|ops| apply(&user(), &ops, &schemas::USER_TYPE));
    assert!(result.is_ok_and(|(after, _)| after["active"] == json!(false)));
}

#[test]
fn entra_string_booleans_in_elements_and_value_objects() {
    check(
        "primary \"True\"",
        &user(),
        &USER_TYPE,
        json!([{"op": "Replace", "path": "emails[type eq \"home\"].primary", "value": "True"}]),
        &[("/emails/1/primary", json!(true)), ("/emails/0/primary", json!(false))],
    );
    check(
        "value object",
        &user(),
        &USER_TYPE,
        json!([{"op": "Replace", "value": {"active": "False"}}]),
        &[("/active", json!(false))],
    );
}

#[test]
fn entra_update_user_attributes() {
    let ops = json!([
        {"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "updatedEmail@microsoft.com"},
        {"op": "Replace", "path": "name.familyName", "value": "updatedFamilyName"}
    ]);
    let (_, changes) = check(
        "update",
        &user(),
        &USER_TYPE,
        ops,
        &[("/emails/0/value", json!("updatedEmail@microsoft.com")), ("/name/familyName", json!("updatedFamilyName"))],
    );
    assert_eq!(changes.attributes.iter().collect::<Vec<_>>(), ["emails", "name"]);
    let ops =
        json!([{"op": "Replace", "path": "userName", "value": "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"}]);
    check(
        "userName",
        &user(),
        &USER_TYPE,
        ops,
        &[("/userName", json!("5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"))],
    );
}

#[test]
fn entra_adds_a_work_email_the_user_lacks() {
    let mut u = user();
    u["emails"] = json!([{"value": "babs@jensen.org", "type": "home"}]);
    let ops = json!([{"op": "Add", "path": "emails[type eq \"work\"].value", "value": "babs@contoso.com"}]);
    check(
        "add work email",
        &u,
        &USER_TYPE,
        ops,
        &[("/emails/1", json!({"type": "work", "value": "babs@contoso.com"}))],
    );
}

#[test]
fn entra_flattened_replace_without_a_path() {
    let ops = json!([{"op": "replace", "value": {
        "displayName": "Barbara Jensen",
        "emails[type eq \"work\"].value": "barbara@contoso.com",
        "name.givenName": "Barbara-Ann",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "1001"
    }}]);
    let (_, changes) = check(
        "flattened",
        &user(),
        &USER_TYPE,
        ops,
        &[
            ("/displayName", json!("Barbara Jensen")),
            ("/emails/0/value", json!("barbara@contoso.com")),
            ("/name/givenName", json!("Barbara-Ann")),
            (&format!("/{ENTERPRISE}/employeeNumber"), json!("1001")),
        ],
    );
    let want =
        ["displayName", "emails", "name", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"];
    assert_eq!(changes.attributes.iter().collect::<Vec<_>>(), want);
}

#[test]
fn entra_manager_as_a_bare_id_then_removed() {
    let ops = json!([{"op": "Add", "path": format!("{ENTERPRISE}:manager"), "value": "26118915-6090-4610-87a4-49d0767e9fde"}]);
    let (with_manager, changes) = check(
        "set manager",
        &user(),
        &USER_TYPE,
        ops,
        &[(&format!("/{ENTERPRISE}/manager"), json!({"value": "26118915-6090-4610-87a4-49d0767e9fde"}))],
    );
    assert!(changes.attributes.contains(&format!("{ENTERPRISE}:manager")));
    let ops = json!([{"op": "Remove", "path": format!("{ENTERPRISE}:manager")}]);
    let (after, _) = check("remove manager", &with_manager, &USER_TYPE, ops, &[]);
    assert!(after.get(ENTERPRISE).is_none(), "{after:#}");
    assert_eq!(after["schemas"], json!([schemas::USER_URN]));
    // The manager's displayName is readOnly: ignored inside a value, refused as a path.
    let ops = json!([{"op": "replace", "path": format!("{ENTERPRISE}:manager"), "value": {"value": "m1", "displayName": "Boss"}}]);
    check(
        "readOnly sub dropped",
        &user(),
        &USER_TYPE,
        ops,
        &[(&format!("/{ENTERPRISE}/manager"), json!({"value": "m1"}))],
    );
}

#[test]
fn entra_group_membership() {
    let add = json!([{"op": "Add", "path": "members", "value": [{"value": "6c0f9dab-ccd8-4d96-a1e6-f7e2c4b7d4b5"}]}]);
    let (_, changes) = check(
        "add",
        &group(),
        &GROUP_TYPE,
        add,
        &[("/members/2/value", json!("6c0f9dab-ccd8-4d96-a1e6-f7e2c4b7d4b5"))],
    );
    assert_eq!(changes.members_added, ["6c0f9dab-ccd8-4d96-a1e6-f7e2c4b7d4b5"]);

    // Remove with `path: members` and a value list removes only those members.
    let remove = json!([{"op": "Remove", "path": "members", "value": [{"value": BABS}, {"value": "not-a-member"}]}]);
    let (_, changes) = check(
        "remove listed",
        &group(),
        &GROUP_TYPE,
        remove,
        &[("/members", json!([{"value": MANDY, "display": "Mandy Pepperidge"}]))],
    );
    assert_eq!((changes.members_added.len(), changes.members_removed), (0, vec![BABS.to_string()]));

    let remove = json!([{"op": "remove", "path": format!("members[value eq \"{MANDY}\"]")}]);
    check(
        "remove by filter",
        &group(),
        &GROUP_TYPE,
        remove,
        &[("/members/1", Value::Null), ("/members/0/value", json!(BABS))],
    );
}

#[test]
fn entra_rename_group_both_shapes() {
    let rows = [
        json!([{"op": "Replace", "path": "displayName", "value": "Tour Guides (EU)"}]),
        json!([{"op": "replace", "value": {"id": "e9e30dba-f08f-4109-8486-d5c6a331660a", "displayName": "Tour Guides (EU)"}}]),
    ];
    for ops in rows {
        let (_, changes) = check(
            "rename",
            &group(),
            &GROUP_TYPE,
            ops,
            &[("/displayName", json!("Tour Guides (EU)")), ("/id", json!("e9e30dba-f08f-4109-8486-d5c6a331660a"))],
        );
        assert_eq!(changes.attributes.iter().collect::<Vec<_>>(), ["displayName"]);
    }
}

#[test]
fn entra_empty_operations_change_nothing() {
    let result =
        parse_request(&json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": []}))
            .and_then(|ops| apply(&group(), &ops, &GROUP_TYPE));
    assert!(result.is_ok_and(|(after, changes)| changes.is_empty() && after == group()));
}

#[test]
fn okta_deactivate_user_ignoring_id() {
    let rows = [
        json!([{"op": "replace", "value": {"active": false}}]),
        json!([{"op": "replace", "value": {"id": "2819c223-7f76-453a-919d-413861904646", "active": false, "meta": {"version": "x"}, "schemas": []}}]),
    ];
    for ops in rows {
        let (after, changes) = check("deactivate", &user(), &USER_TYPE, ops, &[("/active", json!(false))]);
        assert_eq!((after["id"].clone(), after["meta"].clone()), (user()["id"].clone(), user()["meta"].clone()));
        assert_eq!(changes.attributes.iter().collect::<Vec<_>>(), ["active"]);
    }
}

#[test]
fn okta_group_membership_in_one_request() {
    let ops = json!([
        {"op": "remove", "path": format!("members[value eq \"{BABS}\"]")},
        {"op": "add", "path": "members", "value": [{"value": "23a35c27-23d3-4c03-b4c5-6443c09e7173", "display": "test.user@okta.local"}]}
    ]);
    let (_, changes) =
        check("membership", &group(), &GROUP_TYPE, ops, &[("/members/1/display", json!("test.user@okta.local"))]);
    assert_eq!(changes.members_added, ["23a35c27-23d3-4c03-b4c5-6443c09e7173"]);
    assert_eq!(changes.members_removed, [BABS]);
}

#[test]
fn okta_rename_and_membership_in_one_request() {
    let ops = json!([
        {"op": "replace", "value": {"id": "e9e30dba-f08f-4109-8486-d5c6a331660a", "displayName": "Test SCIMv2"}},
        {"op": "add", "path": "members", "value": [{"value": "23a35c27-23d3-4c03-b4c5-6443c09e7173", "display": "test.user@okta.local"}]},
        {"op": "remove", "path": format!("members[value eq \"{MANDY}\"]")}
    ]);
    let (after, changes) =
        check("rename and members", &group(), &GROUP_TYPE, ops, &[("/displayName", json!("Test SCIMv2"))]);
    assert_eq!(at(&after, "/members/1/value"), json!("23a35c27-23d3-4c03-b4c5-6443c09e7173"));
    assert_eq!(changes.attributes.iter().collect::<Vec<_>>(), ["displayName", "members"]);
    assert_eq!((changes.members_added.len(), changes.members_removed), (1, vec![MANDY.to_string()]));
}

#[test]
fn readding_a_member_is_a_no_op() {
    let ops = json!([{"op": "add", "path": "members", "value": [{"value": BABS, "display": "Babs Jensen"}]}]);
    let result = patch(&group(), &GROUP_TYPE, ops);
    assert!(result.is_ok_and(|(after, changes)| changes.is_empty() && after == group()));
}

#[test]
fn entra_manager_without_urn_as_a_one_element_array() {
    let ops =
        json!([{"op": "Add", "path": "manager", "value": [{"$ref": "https://example.com/Users/m1", "value": "m1"}]}]);
    let (_, changes) = check(
        "manager array",
        &user(),
        &USER_TYPE,
        ops,
        &[(&format!("/{ENTERPRISE}/manager"), json!({"$ref": "https://example.com/Users/m1", "value": "m1"}))],
    );
    assert_eq!(changes.attributes.iter().collect::<Vec<_>>(), [&format!("{ENTERPRISE}:manager")]);
    let two = json!([{"op": "Add", "path": "manager", "value": [{"value": "m1"}, {"value": "m2"}]}]);
    assert!(matches!(patch(&user(), &USER_TYPE, two), Err(super::PatchError::InvalidValue { .. })));
}

#[test]
fn entra_removes_the_manager_through_a_value_filter() {
    let mut u = user();
    u[ENTERPRISE] = json!({"employeeNumber": "1", "manager": {"value": "m1"}});
    let ops = json!([{"op": "remove", "path": "manager[value eq \"m1\"]"}]);
    let (after, changes) = check(
        "remove manager",
        &u,
        &USER_TYPE,
        ops,
        &[(&format!("/{ENTERPRISE}/manager"), Value::Null), (&format!("/{ENTERPRISE}/employeeNumber"), json!("1"))],
    );
    assert!(changes.attributes.contains(&format!("{ENTERPRISE}:manager")), "{after:#}");
    let other = json!([{"op": "remove", "path": "manager[value eq \"m2\"]"}]);
    assert!(matches!(patch(&u, &USER_TYPE, other), Err(super::PatchError::NoMatch { .. })));
}

#[test]
fn a_password_never_appears_in_an_error() {
    let ops = json!([{"op": "replace", "value": {"password": 123456}}]);
    let detail = patch(&user(), &schemas::USER_TYPE, ops).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(detail.contains("password") && !detail.contains("123456"), "{detail}");
}
