//! Test helpers shared by the PATCH test modules: a User schema with every attribute the rules
//! need (a subset of RFC 7643 §4.1 and §4.3, plus two test-only attributes for the integer and
//! immutable rules), sample resources, and a runner from request JSON to result.

use serde_json::{json, Value};

use super::{apply, parse_request, PatchError, PATCH_OP_URN};
use crate::error::{ScimError, ScimType};
use crate::scim::changes::ChangeSet;
use crate::scim::schema::{attr, AttrType::*, Attribute, Mutability::*, ResourceType, Schema};
use crate::scim::schemas::{ENTERPRISE_USER_URN, USER_URN};

const MULTI_SUBS: &[Attribute] =
    &[attr("value", String, ""), attr("display", String, ""), attr("type", String, ""), attr("primary", Boolean, "")];

static USER: Schema = Schema {
    id: USER_URN,
    name: "User",
    description: "",
    attributes: &[
        attr("userName", String, "").required(),
        attr("name", Complex, "").subs(&[
            attr("formatted", String, ""),
            attr("familyName", String, ""),
            attr("givenName", String, ""),
        ]),
        attr("displayName", String, ""),
        attr("nickName", String, ""),
        attr("title", String, ""),
        attr("active", Boolean, ""),
        attr("emails", Complex, "").multi().subs(MULTI_SUBS),
        attr("phoneNumbers", Complex, "").multi().subs(MULTI_SUBS),
        attr("addresses", Complex, "").multi().subs(&[
            attr("streetAddress", String, ""),
            attr("locality", String, ""),
            attr("postalCode", String, ""),
            attr("country", String, ""),
            attr("type", String, ""),
            attr("primary", Boolean, ""),
        ]),
        attr("groups", Complex, "")
            .multi()
            .mutability(ReadOnly)
            .subs(&[attr("value", String, "").mutability(ReadOnly), attr("display", String, "").mutability(ReadOnly)]),
        // Test-only: the integer and immutable rules have no RFC 7643 User attribute to use.
        attr("loginCount", Integer, ""),
        attr("badge", String, "").mutability(Immutable),
    ],
};

static ENTERPRISE: Schema = Schema {
    id: ENTERPRISE_USER_URN,
    name: "EnterpriseUser",
    description: "",
    attributes: &[
        attr("employeeNumber", String, ""),
        attr("department", String, ""),
        attr("manager", Complex, "").subs(&[
            attr("value", String, ""),
            attr("$ref", Reference, ""),
            attr("displayName", String, "").mutability(ReadOnly),
        ]),
    ],
};

pub(super) static USER_TYPE: ResourceType = ResourceType {
    id: "User",
    name: "User",
    endpoint: "/Users",
    description: "",
    schema: &USER,
    extensions: &[(&ENTERPRISE, false)],
};

pub(super) use crate::scim::schemas::GROUP_TYPE;

pub(super) fn user() -> Value {
    json!({
        "schemas": [USER_URN],
        "id": "2819c223-7f76-453a-919d-413861904646",
        "externalId": "bjensen",
        "userName": "bjensen@example.com",
        "name": {"familyName": "Jensen", "givenName": "Barbara"},
        "displayName": "Babs Jensen",
        "active": true,
        "emails": [
            {"value": "bjensen@example.com", "type": "work", "primary": true},
            {"value": "babs@jensen.org", "type": "home"}
        ],
        "meta": {"resourceType": "User", "version": "W/\"1\""}
    })
}

pub(super) fn group() -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
        "displayName": "Tour Guides",
        "members": [
            {"value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen"},
            {"value": "902c246b-6245-4190-8e05-00816be7344a", "display": "Mandy Pepperidge"}
        ],
        "meta": {"resourceType": "Group"}
    })
}

/// A table row: name, operations, and `(JSON pointer, expected value)` checks.
pub(super) type Row = (&'static str, Value, Vec<(&'static str, Value)>);

/// The PatchOp body holding `ops`.
pub(super) fn body(ops: Value) -> Value {
    json!({"schemas": [PATCH_OP_URN], "Operations": ops})
}

/// Parses `{"schemas":[PatchOp], "Operations": ops}` and applies it to `resource`.
pub(super) fn patch(resource: &Value, rt: &ResourceType, ops: Value) -> Result<(Value, ChangeSet), PatchError> {
    let ops = parse_request(&body(ops))?;
    apply(resource, &ops, rt)
}

/// The value at a JSON pointer, `null` when absent.
pub(super) fn at(v: &Value, pointer: &str) -> Value {
    v.pointer(pointer).cloned().unwrap_or(Value::Null)
}

/// The `scimType` a PATCH error maps to.
pub(super) fn scim_type(e: PatchError) -> Option<ScimType> {
    ScimError::from(e).scim_type
}

/// Applies `ops`, panicking with `name` on error, and checks each `(pointer, value)`.
pub(super) fn check(
    name: &str,
    resource: &Value,
    rt: &ResourceType,
    ops: Value,
    expect: &[(&str, Value)],
) -> (Value, ChangeSet) {
    let (after, changes) = match patch(resource, rt, ops) {
        Ok(done) => done,
        Err(e) => panic!("{name}: {e}"),
    };
    for (pointer, want) in expect {
        assert_eq!(&at(&after, pointer), want, "{name}: {pointer} in {after:#}");
    }
    (after, changes)
}

/// Applies `ops`, expecting an error of `want`.
pub(super) fn check_err(name: &str, resource: &Value, rt: &ResourceType, ops: Value, want: ScimType) {
    match patch(resource, rt, ops) {
        Ok((after, _)) => panic!("{name}: expected {want:?}, got {after:#}"),
        Err(e) => assert_eq!(scim_type(e.clone()), Some(want), "{name}: {e}"),
    }
}
