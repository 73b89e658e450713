//! 1.1 PATCH → 2.0 operations, one row per translation rule. Okta's bodies follow the
//! shapes in the Okta SCIM 1.1 reference (deactivate, rename, member add/remove); ids
//! and names are ours. Operations are compared in a compact text form.

use serde_json::{json, Value};

use super::*;
use crate::scim::schemas::{GROUP_TYPE, USER_TYPE};
use crate::scim::v1::{V1_CORE_URN, V1_ENTERPRISE_URN};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const ENT: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/// `op path[filter].sub value`, e.g. `remove members[value eq "u1"]`.
fn render(op: &PatchOp) -> String {
    let kind = match op.op {
        OpKind::Add => "add",
        OpKind::Remove => "remove",
        OpKind::Replace => "replace",
    };
    let mut text = kind.to_string();
    if let Some(path) = &op.path {
        text.push(' ');
        text.push_str(&path.attr.to_string());
        if let Some(f) = &path.filter {
            text.push_str(&format!("[{}]", render_filter(f)));
        }
        if let Some(sub) = &path.sub {
            text.push_str(&format!(".{sub}"));
        }
    }
    if let Some(value) = &op.value {
        text.push_str(&format!(" {value}"));
    }
    text
}

fn render_filter(f: &Filter) -> String {
    match f {
        Filter::Compare { path, op: CompareOp::Eq, value } => format!("{path} eq {value}"),
        Filter::And(a, b) => format!("{} and {}", render_filter(a), render_filter(b)),
        other => format!("{other:?}"),
    }
}

fn check(rt: &ResourceType, existing: &Value, body: Value, expected: &[&str]) {
    match patch_to_ops(&body, existing, rt) {
        Ok(ops) => assert_eq!(ops.iter().map(render).collect::<Vec<_>>(), expected, "PATCH {body}"),
        Err(e) => panic!("PATCH {body}: {e}"),
    }
}

fn user() -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENT],
        "id": "u1",
        "userName": "ada@example.org",
        "name": {"givenName": "Ada", "middleName": "King", "familyName": "Lovelace"},
        "title": "Countess",
        "active": true,
        "emails": [
            {"value": "ada@example.org", "type": "work", "primary": true},
            {"value": "ada@example.org", "type": "home"}
        ],
        "addresses": [{"type": "work", "locality": "London"}],
        ENT: {"department": "Analytics", "manager": {"value": "u0"}},
        "meta": {"resourceType": "User", "version": "W/\"1\""}
    })
}

fn group() -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "id": "g1",
        "displayName": "Night Shift",
        "members": [{"value": "u1", "display": "ada@example.org"}, {"value": "u2", "display": "bob@example.org"}]
    })
}

#[test]
fn okta_deactivates_with_active_false() {
    // `schemas` and the read-only `id` Okta sends along are not operations.
    check(
        &USER_TYPE,
        &user(),
        json!({"schemas": [V1_CORE_URN], "id": "u1", "active": false}),
        &["replace active false"],
    );
}

#[test]
fn okta_renames_a_group() {
    let body = json!({"schemas": [V1_CORE_URN], "id": "g1", "displayName": "Late Shift"});
    check(&GROUP_TYPE, &group(), body, &[r#"replace displayName "Late Shift""#]);
}

#[test]
fn okta_adds_and_removes_members() {
    let rows: &[(Value, &[&str])] = &[
        (
            json!({"schemas": [V1_CORE_URN], "members": [{"value": "u3", "display": "cy@example.org"}]}),
            &[r#"add members [{"value":"u3","display":"cy@example.org"}]"#],
        ),
        // already a member, even with another display: nothing to do
        (json!({"members": [{"value": "u2", "display": "robert@example.org"}]}), &[]),
        (
            json!({"members": [{"value": "u2", "display": "bob@example.org", "operation": "delete"}]}),
            &[r#"remove members[value eq "u2"]"#],
        ),
        // removing a non-member is a no-op, not an error: Okta retries removals
        (json!({"members": [{"value": "u9", "operation": "delete"}]}), &[]),
        // a member's `type` does not narrow the match; its id is enough
        (
            json!({"members": [{"value": "u1", "type": "User", "operation": "DELETE"}]}),
            &[r#"remove members[value eq "u1"]"#],
        ),
        (
            json!({"members": [{"value": "u1", "operation": "delete"}, {"value": "u4"}, {"value": "u5"}]}),
            &[r#"remove members[value eq "u1"]"#, r#"add members [{"value":"u4"},{"value":"u5"}]"#],
        ),
        (json!({"members": []}), &[]),
    ];
    for (body, expected) in rows {
        check(&GROUP_TYPE, &group(), body.clone(), expected);
    }
}

#[test]
fn meta_attributes_are_removed_first() {
    let rows: &[(Value, &[&str])] = &[
        // "replace all members": clear, then add; deletes of a cleared attribute are ignored
        (
            json!({"members": [{"value": "u3"}, {"value": "u1", "operation": "delete"}, {"value": "u1"}],
                   "meta": {"attributes": ["members"]}}),
            &["remove members", r#"add members [{"value":"u3"},{"value":"u1"}]"#],
        ),
        (
            json!({"meta": {"attributes": ["members", "urn:scim:schemas:core:1.0:displayName"]}}),
            &["remove members", "remove displayName"],
        ),
    ];
    for (body, expected) in rows {
        check(&GROUP_TYPE, &group(), body.clone(), expected);
    }
    let emptied = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "id": "g1", "displayName": "x"});
    check(
        &GROUP_TYPE,
        &emptied,
        json!({"meta": {"attributes": ["members"]}, "members": [{"value": "u3"}]}),
        &[r#"add members [{"value":"u3"}]"#],
    );
    let body = json!({
        "name": {"givenName": "Augusta"},
        "meta": {"attributes": ["name.middleName", "nickName", "urn:scim:schemas:extension:enterprise:1.0:department",
                                "urn:scim:schemas:extension:enterprise:1.0:manager.managerId"]}
    });
    let expected = [
        "remove name.middleName".to_string(),
        format!("remove {ENT}:department"),
        format!("remove {ENT}:manager.value"),
        r#"replace name.givenName "Augusta""#.to_string(),
    ];
    check(&USER_TYPE, &user(), body, &expected.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn singular_and_complex_attributes() {
    let rows: &[(Value, &[&str])] = &[
        (
            json!({"title": "Analyst", "userName": "ada@example.com"}),
            &[r#"replace title "Analyst""#, r#"replace userName "ada@example.com""#],
        ),
        // Okta's password sync PATCH
        (
            json!({"schemas": [V1_CORE_URN], "id": "u1", "password": "n3w-Secret"}),
            &[r#"replace password "n3w-Secret""#],
        ),
        // null clears what is there and ignores what is not
        (json!({"title": null, "nickName": null}), &["remove title"]),
        (
            json!({"name": {"givenName": "Augusta", "middleName": null, "honorificPrefix": null}}),
            &[r#"replace name.givenName "Augusta""#, "remove name.middleName"],
        ),
        // read-only data rides along with Okta's bodies and is ignored, as in a PUT
        (json!({"id": "other", "groups": [{"value": "g1"}], "meta": {"version": "W/\"9\""}}), &[]),
    ];
    for (body, expected) in rows {
        check(&USER_TYPE, &user(), body.clone(), expected);
    }
}

#[test]
fn multi_valued_user_attributes() {
    let rows: &[(Value, &[&str])] = &[
        // the same address as work and home: the type picks which one goes
        (
            json!({"emails": [{"value": "ada@example.org", "type": "home", "operation": "delete"}]}),
            &[r#"remove emails[value eq "ada@example.org" and type eq "home"]"#],
        ),
        (
            json!({"emails": [{"value": "ada@example.org", "display": "Ada"}, {"value": "ada@home.example", "type": "home"}]}),
            &[
                r#"replace emails[value eq "ada@example.org"].display "Ada""#,
                r#"add emails [{"value":"ada@home.example","type":"home"}]"#,
            ],
        ),
        // no `value`: every sub-attribute given must match
        (
            json!({"addresses": [{"type": "work", "locality": "London", "operation": "delete"}]}),
            &[r#"remove addresses[type eq "work" and locality eq "London"]"#],
        ),
        (
            json!({"addresses": [{"type": "home", "locality": "Paris"}]}),
            &[r#"add addresses [{"type":"home","locality":"Paris"}]"#],
        ),
        // OneLogin's 1.1 template: a lone object for a multi-valued attribute is read as a list of one
        (json!({"emails": {"value": "a@b.example"}}), &[r#"add emails [{"value":"a@b.example"}]"#]),
    ];
    for (body, expected) in rows {
        check(&USER_TYPE, &user(), body.clone(), expected);
    }
}

#[test]
fn enterprise_extension_in_1_1_spelling() {
    let body = json!({
        "schemas": [V1_CORE_URN, V1_ENTERPRISE_URN],
        V1_ENTERPRISE_URN: {"department": "Engines", "manager": {"managerId": "u7", "displayName": "Charles Babbage"}}
    });
    let expected = [format!(r#"replace {ENT}:department "Engines""#), format!(r#"replace {ENT}:manager.value "u7""#)];
    check(&USER_TYPE, &user(), body, &expected.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn malformed_patch_bodies_are_rejected() {
    let rows: &[(Value, &str)] = &[
        (json!("active=false"), "expected the request body to be a JSON object, found a string"),
        (json!({"members": [{"value": "u1", "operation": "add"}]}), r#"expected `operation` of a `members` value to be "delete", found "add""#),
        (json!({"addresses": [{"operation": "delete"}]}), r#"a value of `addresses` marked "operation": "delete" has no sub-attribute to match it by"#),
        (json!({"emails": [{"value": {"x": 1}, "operation": "delete"}]}), "expected `emails.value` to be a string, number or boolean, found an object"),
        (json!({"meta": {"attributes": "members"}}), "expected `meta.attributes` to be an array of attribute names, found a string"),
        (json!({"meta": {"attributes": [7]}}), "expected `meta.attributes` to be an array of attribute names, found an element 7"),
        (json!({"meta": {"attributes": ["emails[type eq \"work\"]"]}}), "expected an attribute name like `name.givenName`, found \"emails[type eq \\\"work\\\"]\": the attribute name must start with a letter and hold letters, digits, '-' or '_'"),
    ];
    for (body, message) in rows {
        match patch_to_ops(body, &user(), &USER_TYPE) {
            Ok(ops) => panic!("PATCH {body} gave {:?}", ops.iter().map(render).collect::<Vec<_>>()),
            Err(e) => assert_eq!(e.to_string(), *message, "PATCH {body}"),
        }
    }
}
