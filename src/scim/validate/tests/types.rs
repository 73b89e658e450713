//! Every RFC 7643 §2.3 data type, through a test schema that has one attribute of each.

use serde_json::{json, Value};

use super::*;
use crate::scim::schema::{attr, AttrType::*, Mutability::Immutable, Schema};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

pub const TEST_URN: &str = "urn:test:params:scim:schemas:core:2.0:Thing";
pub const TEST_EXT_URN: &str = "urn:test:params:scim:schemas:extension:2.0:Thing";

pub static THING: Schema = Schema {
    id: TEST_URN,
    name: "Thing",
    description: "One attribute per data type",
    attributes: &[
        attr("s", String, ""),
        attr("b", Boolean, ""),
        attr("d", Decimal, ""),
        attr("i", Integer, ""),
        attr("t", DateTime, ""),
        attr("r", Reference, "").refs(&["external"]),
        attr("x", Binary, ""),
        attr("tags", String, "").multi(),
        attr("c", Complex, "")
            .subs(&[attr("req", String, "").required(), attr("imm", String, "").mutability(Immutable)]),
        attr("code", String, "").case_exact().mutability(Immutable),
        attr("label", String, "").mutability(Immutable),
        attr("parts", Complex, "").multi().subs(&[attr("id", String, "").mutability(Immutable)]),
    ],
};

pub static THING_EXT: Schema = Schema {
    id: TEST_EXT_URN,
    name: "ThingExtension",
    description: "An extension with an immutable attribute",
    attributes: &[attr("serial", String, "").mutability(Immutable), attr("note", String, "")],
};

pub static THING_TYPE: ResourceType = ResourceType {
    id: "Thing",
    name: "Thing",
    endpoint: "/Things",
    description: "Test resource type",
    schema: &THING,
    extensions: &[(&THING_EXT, false)],
};

/// Like [`THING_TYPE`], with the extension required.
pub static STRICT_THING_TYPE: ResourceType = ResourceType { extensions: &[(&THING_EXT, true)], ..THING_TYPE };

/// Validates `{"<name>": value}` as a Thing and returns what became of the value.
fn check(name: &str, value: Value) -> Result<Option<Value>, ValidationError> {
    let body = json!({"schemas": [TEST_URN], name: value});
    let out = create(&body, &THING_TYPE)?;
    Ok(out.get(name).cloned())
}

#[test]
fn accepted_values_and_their_normal_form() {
    let rows: Vec<(&str, Value, Option<Value>)> = vec![
        ("s", json!("text"), Some(json!("text"))),
        ("s", json!(""), Some(json!(""))),
        ("b", json!(true), Some(json!(true))),
        ("b", json!("True"), Some(json!(true))),
        ("b", json!("fAlSe"), Some(json!(false))),
        ("d", json!(1.5), Some(json!(1.5))),
        ("d", json!(-2), Some(json!(-2))),
        ("i", json!(3), Some(json!(3))),
        ("i", json!(-3), Some(json!(-3))),
        ("i", json!(u64::MAX), Some(json!(u64::MAX))),
        ("t", json!("2015-09-23T04:56:22Z"), Some(json!("2015-09-23T04:56:22Z"))),
        ("t", json!("2015-09-23T04:56:22.123+02:00"), Some(json!("2015-09-23T04:56:22.123+02:00"))),
        ("t", json!("2015-09-23T04:56:22"), Some(json!("2015-09-23T04:56:22"))),
        ("t", json!("2024-02-29t23:59:60z"), Some(json!("2024-02-29t23:59:60z"))),
        ("t", json!("2000-02-29T00:00:00-05:30"), Some(json!("2000-02-29T00:00:00-05:30"))),
        ("r", json!("https://example.com/x"), Some(json!("https://example.com/x"))),
        ("x", json!("TWFu"), Some(json!("TWFu"))),
        ("x", json!("TWE="), Some(json!("TWE="))),
        ("x", json!("TQ=="), Some(json!("TQ=="))),
        ("x", json!("a+/9"), Some(json!("a+/9"))),
        ("tags", json!(["a", "b"]), Some(json!(["a", "b"]))),
        ("tags", json!([]), None),
        ("c", json!({"REQ": "v"}), Some(json!({"req": "v"}))),
        ("c", json!({}), None),
    ];
    for (name, value, expected) in rows {
        let got = check(name, value.clone()).unwrap_or_else(|e| panic!("{name} = {value}: {e}"));
        assert_eq!(got, expected, "{name} = {value}");
    }
}

#[test]
fn refused_values() {
    let rows: Vec<(&str, Value, &str)> = vec![
        ("s", json!(1), "s"),
        ("s", json!(["a"]), "s"),
        ("s", json!({"a": 1}), "s"),
        ("b", json!(1), "b"),
        ("b", json!("yes"), "b"),
        ("b", json!([true]), "b"),
        ("d", json!("1.5"), "d"),
        ("i", json!(3.5), "i"),
        ("i", json!("3"), "i"),
        ("t", json!("2023-02-29T00:00:00Z"), "t"),
        ("t", json!("1900-02-29T00:00:00Z"), "t"),
        ("t", json!("2015-13-01T00:00:00Z"), "t"),
        ("t", json!("2015-04-31T00:00:00Z"), "t"),
        ("t", json!("2015-09-23T24:00:00Z"), "t"),
        ("t", json!("2015-09-23T04:60:00Z"), "t"),
        ("t", json!("2015-09-23 04:56:22Z"), "t"),
        ("t", json!("2015-09-23"), "t"),
        ("t", json!("2015-09-23T04:56:22+0200"), "t"),
        ("t", json!("2015-09-23T04:56:22.Z"), "t"),
        ("t", json!("2015-09-23T04:56:22Zjunk"), "t"),
        ("t", json!("15-09-23T04:56:22Z"), "t"),
        ("t", json!(1442984182), "t"),
        ("r", json!(42), "r"),
        ("x", json!("TWF"), "x"),
        ("x", json!("TW=u"), "x"),
        ("x", json!("T==="), "x"),
        ("x", json!("TWF!"), "x"),
        ("x", json!("TW-_"), "x"),
        ("tags", json!("a"), "tags"),
        ("tags", json!([["a"]]), "tags[0]"),
        ("tags", json!(["a", 1]), "tags[1]"),
        ("c", json!("v"), "c"),
        ("c", json!({"imm": "v"}), "c.req"),
        ("c", json!({"req": ""}), "c.req"),
    ];
    for (name, value, path) in rows {
        assert_error(
            &format!("{name} = {value}"),
            check(name, value.clone()).map(|v| v.unwrap_or_default()),
            ScimType::InvalidValue,
            path,
        );
    }
}

#[test]
fn a_required_extension_must_be_present() {
    let body = json!({"schemas": [TEST_URN, TEST_EXT_URN], TEST_EXT_URN: {"note": "n"}});
    assert!(create(&body, &STRICT_THING_TYPE).is_ok());
    let body = json!({"schemas": [TEST_URN, TEST_EXT_URN], TEST_EXT_URN: {}});
    assert_error("empty required extension", create(&body, &STRICT_THING_TYPE), ScimType::InvalidValue, TEST_EXT_URN);
    assert!(create(&body, &THING_TYPE).is_ok());
}
