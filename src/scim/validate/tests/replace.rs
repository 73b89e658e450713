//! PUT (`Mode::Replace`): stored readOnly values survive, immutable ones must not change.

use serde_json::{json, Value};

use super::types::{TEST_EXT_URN, TEST_URN, THING_TYPE};
use super::*;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn replace(body: &Value, existing: &Value, rt: &ResourceType) -> Result<Value, ValidationError> {
    validate(body, rt, Mode::Replace { existing }, &ValidateOptions::default())
}

#[test]
fn stored_read_only_values_are_kept() {
    let existing = {
        let mut user = create(&examples::minimal_user(), &USER_TYPE).unwrap_or_default();
        user["id"] = json!(examples::BJENSEN_ID);
        user["meta"] = json!({"resourceType": "User", "created": "2010-01-23T04:56:22Z"});
        user["groups"] = json!([{"value": examples::GROUP_ID, "display": "Tour Guides"}]);
        user
    };
    // Okta sends `id` in PUT bodies; a different one is ignored like any readOnly input.
    let body = json!({"schemas": [USER_TYPE.schema.id], "id": "other", "userName": "babs", "groups": [], "meta": {}});
    let out = replace(&body, &existing, &USER_TYPE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out["id"], examples::BJENSEN_ID);
    assert_eq!(out["userName"], "babs");
    assert_eq!(out["meta"], existing["meta"]);
    assert_eq!(out["groups"], existing["groups"]);
}

#[test]
fn attributes_left_out_of_a_put_are_cleared() {
    let existing =
        json!({"schemas": [USER_TYPE.schema.id], "id": "1", "userName": "b", "displayName": "B", "active": true});
    let body = json!({"schemas": [USER_TYPE.schema.id], "userName": "b"});
    let out = replace(&body, &existing, &USER_TYPE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out, json!({"schemas": [USER_TYPE.schema.id], "userName": "b", "id": "1"}));
}

#[test]
fn immutable_attributes() {
    let stored = json!({"schemas": [TEST_URN], "code": "AbC", "label": "Red", "c": {"req": "r", "imm": "one"}, "parts": [{"id": "p1"}]});
    let empty = json!({"schemas": [TEST_URN]});
    // (name, body without `schemas`, existing, Ok(expected fields) or Err(path))
    let rows: Vec<(&str, Value, &Value, Result<Value, &str>)> = vec![
        ("unchanged", json!({"code": "AbC"}), &stored, Ok(json!({"code": "AbC", "label": "Red"}))),
        ("omitted keeps the stored value", json!({}), &stored, Ok(json!({"code": "AbC", "label": "Red"}))),
        ("caseExact value changed in case", json!({"code": "abc"}), &stored, Err("code")),
        ("changed", json!({"code": "XYZ"}), &stored, Err("code")),
        ("not caseExact: case is not a change", json!({"label": "RED"}), &stored, Ok(json!({"label": "RED"}))),
        ("not caseExact: changed", json!({"label": "Blue"}), &stored, Err("label")),
        ("unset before: may be set", json!({"code": "new"}), &empty, Ok(json!({"code": "new"}))),
        (
            "sub-attribute unchanged",
            json!({"c": {"req": "r2", "imm": "one"}}),
            &stored,
            Ok(json!({"c": {"req": "r2", "imm": "one"}})),
        ),
        ("sub-attribute omitted", json!({"c": {"req": "r2"}}), &stored, Ok(json!({"c": {"req": "r2", "imm": "one"}}))),
        ("sub-attribute changed", json!({"c": {"req": "r", "imm": "two"}}), &stored, Err("c.imm")),
        // Whole elements of a multi-valued attribute come and go (see replace.rs).
        ("elements replaced", json!({"parts": [{"id": "p2"}]}), &stored, Ok(json!({"parts": [{"id": "p2"}]}))),
    ];
    for (name, mut body, existing, expected) in rows {
        body["schemas"] = json!([TEST_URN]);
        let result = replace(&body, existing, &THING_TYPE);
        match expected {
            Ok(fields) => {
                let out = result.unwrap_or_else(|e| panic!("{name}: {e}"));
                for (key, value) in fields.as_object().into_iter().flatten() {
                    assert_eq!(&out[key], value, "{name}: {key} in {out}");
                }
            }
            Err(path) => assert_error(name, result, ScimType::Mutability, path),
        }
    }
}

#[test]
fn group_members_can_change_in_a_put() {
    let existing = create(&examples::group(), &GROUP_TYPE).unwrap_or_default();
    let body = json!({"schemas": [GROUP_TYPE.schema.id], "displayName": "Tour Guides", "members": [{"value": "someone-else"}]});
    let out = replace(&body, &existing, &GROUP_TYPE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out["members"], json!([{"value": "someone-else"}]));
}

#[test]
fn required_is_checked_after_the_merge() {
    let existing = json!({"schemas": [USER_TYPE.schema.id], "id": "1", "userName": "b"});
    let body = json!({"schemas": [USER_TYPE.schema.id], "displayName": "B"});
    assert_error("PUT without userName", replace(&body, &existing, &USER_TYPE), ScimType::InvalidValue, "userName");
}

#[test]
fn immutable_extension_values_survive_a_put_that_omits_the_extension() {
    let existing = json!({"schemas": [TEST_URN, TEST_EXT_URN], TEST_EXT_URN: {"serial": "S1", "note": "old"}});
    let out = replace(&json!({"schemas": [TEST_URN]}), &existing, &THING_TYPE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out, json!({"schemas": [TEST_URN, TEST_EXT_URN], TEST_EXT_URN: {"serial": "S1"}}));
    let changed = json!({"schemas": [TEST_URN, TEST_EXT_URN], TEST_EXT_URN: {"serial": "S2"}});
    assert_error(
        "extension serial changed",
        replace(&changed, &existing, &THING_TYPE),
        ScimType::Mutability,
        &format!("{TEST_EXT_URN}:serial"),
    );
}
