//! Arbitrary bytes as a PATCH request, applied to a fixed User and Group: parsing and applying
//! must never panic, and a PATCH that leaves the resource equal must report no change.
//!
//! The bytes are tried as a whole body, and (to reach `apply` more often) as the
//! `Operations` of a well-formed body: an array as the list, anything else as one operation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use usersync::scim::patch::{apply, parse_request, PATCH_OP_URN};
use usersync::scim::schema::ResourceType;
use usersync::scim::schemas::{ENTERPRISE_USER_URN, GROUP_TYPE, USER_TYPE};

fn user() -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE_USER_URN],
        "id": "u1",
        "userName": "bjensen@example.com",
        "displayName": "Babs",
        "active": true,
        "name": {"givenName": "Barbara", "familyName": "Jensen"},
        "emails": [{"value": "b@example.com", "type": "work", "primary": true}, {"value": "b@home.org", "type": "home"}],
        ENTERPRISE_USER_URN: {"employeeNumber": "7", "manager": {"value": "m1"}},
        "meta": {"resourceType": "User"}
    })
}

fn group() -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "id": "g1",
        "displayName": "Tour Guides",
        "members": [{"value": "u1", "display": "Babs"}, {"value": "u2"}],
        "meta": {"resourceType": "Group"}
    })
}

fn run(body: &Value, resource: &Value, rt: &ResourceType) {
    let Ok(ops) = parse_request(body) else { return };
    if let Ok((after, changes)) = apply(resource, &ops, rt) {
        assert!(after.is_object());
        if after == *resource {
            assert!(changes.is_empty(), "{changes:?} for an unchanged resource");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<Value>(data) else { return };
    let operations = match &value {
        Value::Array(_) => value.clone(),
        other => Value::Array(vec![other.clone()]),
    };
    let wrapped = json!({"schemas": [PATCH_OP_URN], "Operations": operations});
    let (user, group) = (user(), group());
    for body in [&value, &wrapped] {
        run(body, &user, &USER_TYPE);
        run(body, &group, &GROUP_TYPE);
    }
});
