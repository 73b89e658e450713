//! 1.1 PATCH end to end: body → `patch_to_ops` → `patch::apply` → the resource and the
//! change set the sync engine sees. Okta's bodies follow the Okta SCIM 1.1 reference
//! (deactivate, rename, member add/remove); ids and names are ours.

use serde_json::{json, Value};

use super::{patch_to_ops, V1_CORE_URN, V1_ENTERPRISE_URN};
use crate::scim::changes::ChangeSet;
use crate::scim::patch::apply;
use crate::scim::schema::ResourceType;
use crate::scim::schemas::{ENTERPRISE_USER_URN as ENT, GROUP_TYPE, GROUP_URN, USER_TYPE, USER_URN};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// What one PATCH should leave behind.
struct Expect<'a> {
    after: Value,
    attributes: &'a [&'a str],
    added: &'a [&'a str],
    removed: &'a [&'a str],
}

fn check(rt: &ResourceType, existing: &Value, body: Value, expect: Expect) {
    let applied = patch_to_ops(&body, existing, rt)
        .map_err(|e| e.to_string())
        .and_then(|ops| apply(existing, &ops, rt).map_err(|e| format!("{e} (ops {ops:?})")));
    let (after, changes): (Value, ChangeSet) = match applied {
        Ok(done) => done,
        Err(e) => panic!("PATCH {body}: {e}"),
    };
    assert_eq!(after, expect.after, "PATCH {body}");
    let attributes: Vec<&str> = changes.attributes.iter().map(String::as_str).collect();
    assert_eq!(attributes, expect.attributes, "changed attributes for {body}");
    assert_eq!(changes.members_added, expect.added, "members added by {body}");
    assert_eq!(changes.members_removed, expect.removed, "members removed by {body}");
}

fn group(members: &[&str]) -> Value {
    let members: Vec<Value> =
        members.iter().map(|id| json!({"value": id, "display": format!("{id}@example.org")})).collect();
    json!({"schemas": [GROUP_URN], "id": "g1", "displayName": "Night Shift", "members": members})
}

fn user() -> Value {
    json!({
        "schemas": [USER_URN, ENT],
        "id": "u1",
        "userName": "ada@example.org",
        "name": {"givenName": "Ada", "middleName": "King", "familyName": "Lovelace"},
        "active": true,
        "emails": [{"value": "ada@example.org", "type": "work"}, {"value": "ada@example.org", "type": "home"}],
        ENT: {"department": "Analytics"}
    })
}

fn with(mut resource: Value, pointer: &str, value: Value) -> Value {
    if let Some(slot) = resource.pointer_mut(pointer) {
        *slot = value;
    }
    resource
}

#[test]
fn okta_group_membership() {
    let rows: Vec<(Value, Expect)> = vec![
        (
            json!({"schemas": [V1_CORE_URN], "members": [{"value": "u3", "display": "u3@example.org"}]}),
            Expect { after: group(&["u1", "u2", "u3"]), attributes: &["members"], added: &["u3"], removed: &[] },
        ),
        (
            json!({"schemas": [V1_CORE_URN], "members": [{"value": "u2", "display": "u2@example.org", "operation": "delete"}]}),
            Expect { after: group(&["u1"]), attributes: &["members"], added: &[], removed: &["u2"] },
        ),
        // replays: adding a member again or removing a non-member changes nothing
        (
            json!({"members": [{"value": "u1", "display": "renamed@example.org"}, {"value": "u9", "operation": "delete"}]}),
            Expect { after: group(&["u1", "u2"]), attributes: &[], added: &[], removed: &[] },
        ),
        // "replace all members" (draft-scim-api-01 §3.3.2): clear, then add
        (
            json!({"meta": {"attributes": ["members"]}, "members": [
                {"value": "u1", "display": "u1@example.org"}, {"value": "u4", "display": "u4@example.org"}]}),
            Expect { after: group(&["u1", "u4"]), attributes: &["members"], added: &["u4"], removed: &["u2"] },
        ),
        (
            json!({"meta": {"attributes": ["members"]}}),
            Expect {
                after: json!({"schemas": [GROUP_URN], "id": "g1", "displayName": "Night Shift"}),
                attributes: &["members"],
                added: &[],
                removed: &["u1", "u2"],
            },
        ),
        (
            json!({"schemas": [V1_CORE_URN], "id": "g1", "displayName": "Late Shift"}),
            Expect {
                after: with(group(&["u1", "u2"]), "/displayName", json!("Late Shift")),
                attributes: &["displayName"],
                added: &[],
                removed: &[],
            },
        ),
    ];
    for (body, expect) in rows {
        check(&GROUP_TYPE, &group(&["u1", "u2"]), body, expect);
    }
}

#[test]
fn okta_user_updates() {
    let rows: Vec<(Value, Expect)> = vec![
        (
            json!({"schemas": [V1_CORE_URN], "id": "u1", "active": false}),
            Expect { after: with(user(), "/active", json!(false)), attributes: &["active"], added: &[], removed: &[] },
        ),
        (
            json!({"schemas": [V1_CORE_URN], "id": "u1", "active": true}),
            Expect { after: user(), attributes: &[], added: &[], removed: &[] },
        ),
        (
            json!({"name": {"givenName": "Augusta"}, "meta": {"attributes": ["name.middleName"]}}),
            Expect {
                after: with(user(), "/name", json!({"givenName": "Augusta", "familyName": "Lovelace"})),
                attributes: &["name"],
                added: &[],
                removed: &[],
            },
        ),
        (
            json!({"emails": [{"value": "ada@example.org", "type": "home", "operation": "delete"}]}),
            Expect {
                after: with(user(), "/emails", json!([{"value": "ada@example.org", "type": "work"}])),
                attributes: &["emails"],
                added: &[],
                removed: &[],
            },
        ),
        (
            json!({"schemas": [V1_CORE_URN, V1_ENTERPRISE_URN],
                   V1_ENTERPRISE_URN: {"department": "Engines", "manager": {"managerId": "u7", "displayName": "Charles"}}}),
            Expect {
                after: with(user(), &format!("/{ENT}"), json!({"department": "Engines", "manager": {"value": "u7"}})),
                attributes: &[
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                ],
                added: &[],
                removed: &[],
            },
        ),
    ];
    for (body, expect) in rows {
        check(&USER_TYPE, &user(), body, expect);
    }
}
