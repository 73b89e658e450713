//! Resource translation: Okta's documented 1.1 bodies (shapes from the Okta SCIM 1.1
//! reference, values ours) survive 1.1 → 2.0 → 1.1 unchanged, and the 2.0 form is exact.

use serde_json::{json, Value};

use super::*;
use crate::scim::schemas::{ENTERPRISE_USER_URN, GROUP_TYPE, GROUP_URN, USER_TYPE, USER_URN};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// Okta's POST /Users body for a 1.1 app.
fn okta_create_user() -> Value {
    json!({
        "schemas": ["urn:scim:schemas:core:1.0"],
        "userName": "grace.hopper@example.org",
        "name": {"givenName": "Grace", "familyName": "Hopper"},
        "emails": [{"primary": true, "value": "grace.hopper@example.org", "type": "work"}],
        "displayName": "Grace Hopper",
        "locale": "en_US",
        "externalId": "00u1a2b3c4D5e6F7g8h9",
        "groups": [],
        "password": "t0pS3cret",
        "active": true
    })
}

/// A user with the 1.1 enterprise extension, including the 1.1 `manager` shape.
fn enterprise_user() -> Value {
    json!({
        "schemas": ["urn:scim:schemas:core:1.0", "urn:scim:schemas:extension:enterprise:1.0"],
        "id": "7f3c",
        "userName": "alan@example.org",
        "urn:scim:schemas:extension:enterprise:1.0": {
            "employeeNumber": "1701",
            "department": "Research",
            "manager": {"managerId": "26b1", "displayName": "Grace Hopper"}
        },
        "meta": {"created": "2024-03-01T10:00:00Z", "lastModified": "2024-03-02T10:00:00Z", "version": "W/\"3\""}
    })
}

/// Okta's POST /Groups body when the Okta group has a description.
fn okta_group_with_description() -> Value {
    json!({
        "schemas": ["urn:scim:schemas:core:1.0", "urn:okta:custom:group:1.0"],
        "displayName": "Night Shift",
        "urn:okta:custom:group:1.0": {"description": "Everyone on call after 18:00"}
    })
}

/// Okta's group as returned to it, with members.
fn group_with_members() -> Value {
    json!({
        "schemas": ["urn:scim:schemas:core:1.0"],
        "id": "g-42",
        "displayName": "Night Shift",
        "members": [{"value": "7f3c", "display": "alan@example.org"}, {"value": "26b1", "display": "grace@example.org"}]
    })
}

#[test]
fn okta_bodies_round_trip() {
    let rows: &[(&ResourceType, Value)] = &[
        (&USER_TYPE, okta_create_user()),
        (&USER_TYPE, enterprise_user()),
        (&GROUP_TYPE, json!({"schemas": ["urn:scim:schemas:core:1.0"], "displayName": "Night Shift"})),
        (&GROUP_TYPE, okta_group_with_description()),
        (&GROUP_TYPE, group_with_members()),
    ];
    for (rt, v1) in rows {
        let v2 = match to_v2(v1, rt) {
            Ok(v2) => v2,
            Err(e) => panic!("{v1}: {e}"),
        };
        let text = v2.to_string();
        assert!(!text.contains("urn:scim:schemas:"), "1.1 URN left in 2.0 form: {text}");
        assert!(!text.contains("managerId"), "1.1 sub-attribute left in 2.0 form: {text}");
        assert_eq!(&from_v2(&v2, rt), v1, "round trip through {v2}");
    }
}

#[test]
fn to_v2_maps_urns_containers_and_manager() {
    let rows: &[(&ResourceType, Value, Value)] = &[
        (
            &USER_TYPE,
            enterprise_user(),
            json!({
                "schemas": [USER_URN, ENTERPRISE_USER_URN],
                "id": "7f3c",
                "userName": "alan@example.org",
                ENTERPRISE_USER_URN: {
                    "employeeNumber": "1701",
                    "department": "Research",
                    "manager": {"value": "26b1", "displayName": "Grace Hopper"}
                },
                "meta": {"created": "2024-03-01T10:00:00Z", "lastModified": "2024-03-02T10:00:00Z", "version": "W/\"3\""}
            }),
        ),
        // the one 1.1 core URN names the endpoint's schema; unknown extensions survive
        (
            &GROUP_TYPE,
            okta_group_with_description(),
            json!({
                "schemas": [GROUP_URN, "urn:okta:custom:group:1.0"],
                "displayName": "Night Shift",
                "urn:okta:custom:group:1.0": {"description": "Everyone on call after 18:00"}
            }),
        ),
        // missing schemas: core first; a present extension container is declared (RFC 7643 §3)
        (
            &USER_TYPE,
            json!({"userName": "x", "URN:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:1.0": {"division": "East"}}),
            json!({"schemas": [USER_URN, ENTERPRISE_USER_URN], "userName": "x", ENTERPRISE_USER_URN: {"division": "East"}}),
        ),
        // PATCH markers stay for patch_to_ops; a client already speaking 2.0 URNs is fine
        (
            &GROUP_TYPE,
            json!({"meta": {"attributes": ["members"]}, "schemas": [GROUP_URN, "urn:scim:schemas:core:1.0"],
                   "members": [{"value": "1", "operation": "delete"}]}),
            json!({"meta": {"attributes": ["members"]}, "schemas": [GROUP_URN],
                   "members": [{"value": "1", "operation": "delete"}]}),
        ),
    ];
    for (rt, v1, expected) in rows {
        assert_eq!(to_v2(v1, rt).as_ref(), Ok(expected), "from {v1}");
    }
}

#[test]
fn from_v2_keeps_2_0_extras() {
    let v2 = json!({
        "schemas": [USER_URN, ENTERPRISE_USER_URN],
        "id": "7f3c",
        ENTERPRISE_USER_URN: {"manager": {"value": "26b1", "$ref": "../Users/26b1"}},
        "meta": {"resourceType": "User", "location": "https://example.org/scim/v1/Users/7f3c"}
    });
    let expected = json!({
        "schemas": ["urn:scim:schemas:core:1.0", "urn:scim:schemas:extension:enterprise:1.0"],
        "id": "7f3c",
        "urn:scim:schemas:extension:enterprise:1.0": {"manager": {"managerId": "26b1", "$ref": "../Users/26b1"}},
        "meta": {"resourceType": "User", "location": "https://example.org/scim/v1/Users/7f3c"}
    });
    assert_eq!(from_v2(&v2, &USER_TYPE), expected);
}

#[test]
fn malformed_bodies_are_rejected() {
    let rows: &[(Value, &str)] = &[
        (json!([]), "expected the request body to be a JSON object, found an array"),
        (
            json!({"schemas": "urn:scim:schemas:core:1.0"}),
            "expected `schemas` to be an array of URN strings, found a string",
        ),
        (json!({"schemas": [1]}), "expected `schemas` to be an array of URN strings, found an element 1"),
    ];
    for (body, message) in rows {
        match to_v2(body, &USER_TYPE) {
            Ok(v2) => panic!("{body} translated to {v2}"),
            Err(e) => assert_eq!(e.to_string(), *message),
        }
    }
}

#[test]
fn errors_map_to_400_with_a_scim_type() {
    let e = crate::ScimError::from(V1Error::UnknownOperation { attribute: "members".into(), found: "\"add\"".into() });
    assert_eq!((e.status, e.scim_type), (400, Some(crate::ScimType::InvalidValue)));
    let e = crate::ScimError::from(V1Error::BadSchemas { found: "a string".into() });
    assert_eq!(e.scim_type, Some(crate::ScimType::InvalidSyntax));
    assert_eq!(e.to_v1_body()["Errors"][0]["code"], "400");
}
