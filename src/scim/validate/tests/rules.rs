//! One row per rule against the real User and Group tables: what is refused, and how
//! accepted bodies are normalized.

use serde_json::{json, Value};

use super::*;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";

/// A User body with `extra` merged over `{"schemas":[User], "userName":"bjensen"}`.
fn user_with(extra: Value) -> Value {
    let mut body = json!({"schemas": [USER], "userName": "bjensen"});
    if let (Some(map), Value::Object(extra)) = (body.as_object_mut(), extra) {
        map.extend(extra);
    }
    body
}

#[test]
fn refused_bodies() {
    use ScimType::{InvalidSyntax as Syntax, InvalidValue as Value_};
    let ent = ENTERPRISE_USER_URN;
    let strict = ValidateOptions { reject_unknown: true, ..ValidateOptions::default() };
    let lax = ValidateOptions::default();
    // (name, body, resource type, options, scimType, path named)
    let rows: Vec<(&str, Value, &ResourceType, ValidateOptions, ScimType, String)> = vec![
        ("array body", json!([]), &USER_TYPE, lax, Syntax, "".into()),
        ("no schemas", json!({"userName": "b"}), &USER_TYPE, lax, Value_, "".into()),
        ("schemas not an array", json!({"schemas": USER, "userName": "b"}), &USER_TYPE, lax, Value_, "schemas".into()),
        (
            "schemas holds a number",
            json!({"schemas": [USER, 7], "userName": "b"}),
            &USER_TYPE,
            lax,
            Value_,
            "schemas".into(),
        ),
        ("core URN missing", json!({"schemas": [ent], "userName": "b"}), &USER_TYPE, lax, Value_, "".into()),
        ("Group URN on /Users", json!({"schemas": [GROUP], "displayName": "g"}), &USER_TYPE, lax, Value_, "".into()),
        (
            "extension not declared",
            user_with(json!({ent: {"employeeNumber": "1"}})),
            &USER_TYPE,
            lax,
            Syntax,
            ent.into(),
        ),
        (
            "unknown extension not declared",
            user_with(json!({"urn:x:Badge": {"n": "1"}})),
            &USER_TYPE,
            lax,
            Syntax,
            "urn:x:Badge".into(),
        ),
        (
            "unknown URN with a body",
            user_with(json!({"schemas": [USER, "urn:x:Badge"], "urn:x:Badge": {"n": "1"}})),
            &USER_TYPE,
            lax,
            Value_,
            "urn:x:Badge".into(),
        ),
        ("userName missing", json!({"schemas": [USER]}), &USER_TYPE, lax, Value_, "userName".into()),
        ("userName null", user_with(json!({"userName": null})), &USER_TYPE, lax, Value_, "userName".into()),
        ("userName empty", user_with(json!({"userName": ""})), &USER_TYPE, lax, Value_, "userName".into()),
        ("userName an array", user_with(json!({"userName": ["b"]})), &USER_TYPE, lax, Value_, "userName".into()),
        (
            "group displayName missing",
            json!({"schemas": [GROUP], "members": []}),
            &GROUP_TYPE,
            lax,
            Value_,
            "displayName".into(),
        ),
        ("active a number", user_with(json!({"active": 1})), &USER_TYPE, lax, Value_, "active".into()),
        ("active \"yes\"", user_with(json!({"active": "yes"})), &USER_TYPE, lax, Value_, "active".into()),
        ("name a string", user_with(json!({"name": "Barbara"})), &USER_TYPE, lax, Value_, "name".into()),
        (
            "name.givenName a number",
            user_with(json!({"name": {"givenName": 5}})),
            &USER_TYPE,
            lax,
            Value_,
            "name.givenName".into(),
        ),
        (
            "emails a single object",
            user_with(json!({"emails": {"value": "a@b.c"}})),
            &USER_TYPE,
            lax,
            Value_,
            "emails".into(),
        ),
        ("emails a string", user_with(json!({"emails": "a@b.c"})), &USER_TYPE, lax, Value_, "emails".into()),
        ("emails holds null", user_with(json!({"emails": [null]})), &USER_TYPE, lax, Value_, "emails[0]".into()),
        (
            "email value a number",
            user_with(json!({"emails": [{"value": "a@b.c"}, {"value": 5}]})),
            &USER_TYPE,
            lax,
            Value_,
            "emails[1].value".into(),
        ),
        (
            "two primary emails",
            user_with(json!({"emails": [{"value": "a@b.c", "primary": true}, {"value": "d@e.f", "primary": "True"}]})),
            &USER_TYPE,
            lax,
            Value_,
            "emails".into(),
        ),
        (
            "certificate not base64",
            user_with(json!({"x509Certificates": [{"value": "not base64!"}]})),
            &USER_TYPE,
            lax,
            Value_,
            "x509Certificates[0].value".into(),
        ),
        (
            "photo value not a string",
            user_with(json!({"photos": [{"value": true}]})),
            &USER_TYPE,
            lax,
            Value_,
            "photos[0].value".into(),
        ),
        (
            "employeeNumber a number",
            user_with(json!({"schemas": [USER, ent], ent: {"employeeNumber": 5}})),
            &USER_TYPE,
            lax,
            Value_,
            format!("{ent}:employeeNumber"),
        ),
        (
            "manager.value a number",
            user_with(json!({"schemas": [USER, ent], ent: {"manager": {"value": 5}}})),
            &USER_TYPE,
            lax,
            Value_,
            format!("{ent}:manager.value"),
        ),
        (
            "extension a string",
            user_with(json!({"schemas": [USER, ent], ent: "x"})),
            &USER_TYPE,
            lax,
            Value_,
            ent.into(),
        ),
        ("userName twice", user_with(json!({"USERNAME": "other"})), &USER_TYPE, lax, Syntax, "userName".into()),
        (
            "givenName twice",
            user_with(json!({"name": {"givenName": "a", "GivenName": "b"}})),
            &USER_TYPE,
            lax,
            Syntax,
            "name.givenName".into(),
        ),
        ("unknown attribute, strict", user_with(json!({"shoeSize": 9})), &USER_TYPE, strict, Syntax, "shoeSize".into()),
        (
            "unknown sub-attribute, strict",
            user_with(json!({"name": {"nick": "B"}})),
            &USER_TYPE,
            strict,
            Syntax,
            "name.nick".into(),
        ),
        (
            "unknown extension attribute, strict",
            user_with(json!({"schemas": [USER, ent], ent: {"badge": "7"}})),
            &USER_TYPE,
            strict,
            Syntax,
            format!("{ent}:badge"),
        ),
    ];
    for (name, body, rt, opts, scim_type, path) in rows {
        assert_error(name, validate(&body, rt, Mode::Create, &opts), scim_type, &path);
    }
}

#[test]
fn password_never_appears_in_an_error() {
    let err = create(&user_with(json!({"password": 123456})), &USER_TYPE).err();
    let detail = err.map(|e| ScimError::from(e).detail).unwrap_or_default();
    assert!(detail.contains("password") && !detail.contains("123456"), "{detail}");
}

/// Accepted bodies: (name, body, the normalized result expected).
#[test]
fn normalization() {
    let ent = ENTERPRISE_USER_URN;
    let rows: Vec<(&str, Value, Value)> = vec![
        (
            "names take the schema's spelling",
            json!({"SCHEMAS": [USER.to_uppercase()], "USERNAME": "b", "Name": {"GIVENNAME": "B"}, "Emails": [{"VALUE": "a@b.c", "Primary": true}]}),
            json!({"schemas": [USER], "userName": "b", "name": {"givenName": "B"}, "emails": [{"value": "a@b.c", "primary": true}]}),
        ),
        (
            "extension key takes the canonical URN",
            json!({"schemas": [USER, ent.to_lowercase()], "userName": "b", ent.to_lowercase(): {"DEPARTMENT": "Tours"}}),
            json!({"schemas": [USER, ent], "userName": "b", ent: {"department": "Tours"}}),
        ),
        (
            "readOnly input is dropped, never refused",
            user_with(json!({"id": "mine", "meta": {"created": "junk"}, "groups": "not even an array",
                "schemas": [USER, ent], ent: {"manager": {"value": "42", "displayName": "Boss"}}})),
            json!({"schemas": [USER, ent], "userName": "bjensen", ent: {"manager": {"value": "42"}}}),
        ),
        (
            "unassigned values are dropped",
            user_with(json!({"displayName": null, "emails": [], "name": {}, "addresses": [{}]})),
            json!({"schemas": [USER], "userName": "bjensen"}),
        ),
        (
            // Entra sends booleans as strings — tests/fixtures/entra/disable_user_string_false.json.
            "Entra's string booleans become booleans",
            user_with(json!({"active": "False", "emails": [{"value": "a@b.c", "primary": "TRUE"}]})),
            json!({"schemas": [USER], "userName": "bjensen", "active": false, "emails": [{"value": "a@b.c", "primary": true}]}),
        ),
        (
            // Entra lists Microsoft's ADSCIM URI with no body — tests/fixtures/entra/create_group.json.
            "an unknown URN with nothing under it is dropped",
            user_with(
                json!({"schemas": [USER, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/User"]}),
            ),
            json!({"schemas": [USER], "userName": "bjensen"}),
        ),
        (
            "unknown attributes survive by default",
            user_with(json!({"shoeSize": 9, "name": {"givenName": "B", "nick": "Babs"}})),
            json!({"schemas": [USER], "userName": "bjensen", "shoeSize": 9, "name": {"givenName": "B", "nick": "Babs"}}),
        ),
        (
            "canonical values are advisory",
            user_with(
                json!({"emails": [{"value": "a@b.c", "type": "pager"}], "phoneNumbers": [{"value": "1", "type": "satellite"}]}),
            ),
            json!({"schemas": [USER], "userName": "bjensen", "emails": [{"value": "a@b.c", "type": "pager"}], "phoneNumbers": [{"value": "1", "type": "satellite"}]}),
        ),
        (
            // Okta sends a password on create when password sync is on.
            "Okta's password is accepted and kept for forwarding",
            user_with(json!({"password": "t1meMa$heen"})),
            json!({"schemas": [USER], "userName": "bjensen", "password": "t1meMa$heen"}),
        ),
        (
            "one primary per attribute is fine",
            user_with(json!({"emails": [{"value": "a", "primary": true}, {"value": "b", "primary": false}],
                "addresses": [{"locality": "X", "primary": true}]})),
            json!({"schemas": [USER], "userName": "bjensen", "emails": [{"value": "a", "primary": true}, {"value": "b", "primary": false}],
                "addresses": [{"locality": "X", "primary": true}]}),
        ),
    ];
    for (name, body, expected) in rows {
        let out = create(&body, &USER_TYPE).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(out, expected, "{name}");
    }
}

#[test]
fn unknown_schemas_can_be_allowed_and_their_objects_survive() {
    let custom = "urn:ietf:params:scim:schemas:extension:CustomExtension:2.0:User";
    let body = user_with(json!({"schemas": [USER, custom], custom: {"badge": 7}}));
    let allow = ValidateOptions { allow_unknown_schemas: true, reject_unknown: true };
    let out = validate(&body, &USER_TYPE, Mode::Create, &allow).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out, body);
    assert_error("custom extension refused by default", create(&body, &USER_TYPE), ScimType::InvalidValue, custom);
}

#[test]
fn take_write_only_removes_the_password() {
    let mut out = create(&user_with(json!({"password": "pw", "displayName": "B"})), &USER_TYPE).unwrap_or_default();
    let taken = take_write_only(&mut out, &USER_TYPE);
    assert_eq!(Value::Object(taken), json!({"password": "pw"}));
    assert_eq!(out, user_with(json!({"displayName": "B"})));
}
