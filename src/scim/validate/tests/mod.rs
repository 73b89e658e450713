//! Validator tests: the RFC 7643 §8 examples, then one table per rule.

mod examples;
mod replace;
mod rules;
mod types;

use serde_json::Value;

use super::*;
use crate::error::{ScimError, ScimType};
use crate::scim::schemas::{ENTERPRISE_USER_URN, GROUP_TYPE, USER_TYPE};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn create(body: &Value, rt: &ResourceType) -> Result<Value, ValidationError> {
    validate(body, rt, Mode::Create, &ValidateOptions::default())
}

/// The path an error names, for rows that check it.
fn path_of(e: &ValidationError) -> String {
    use ValidationError as V;
    match e {
        V::Required { path }
        | V::WrongType { path, .. }
        | V::MultiplePrimary { path, .. }
        | V::UnknownAttribute { path, .. }
        | V::DuplicateAttribute { path, .. }
        | V::Immutable { path } => path.clone(),
        V::UnknownSchema { urn, .. } => urn.clone(),
        V::UndeclaredExtension { urn } => urn.clone(),
        V::MissingExtension { urn, .. } => urn.to_string(),
        V::NotAnObject { .. } | V::MissingSchemas { .. } | V::MissingCoreSchema { .. } => String::new(),
    }
}

/// Asserts `result` failed with `scim_type` naming `path`, and that the detail says so.
fn assert_error(name: &str, result: Result<Value, ValidationError>, scim_type: ScimType, path: &str) {
    let err = match result {
        Ok(v) => panic!("{name}: expected {scim_type:?} at {path:?}, got Ok({v})"),
        Err(e) => e,
    };
    assert_eq!(path_of(&err), path, "{name}: {err}");
    let scim = ScimError::from(err.clone());
    assert_eq!(scim.scim_type, Some(scim_type), "{name}: {err}");
    assert_eq!(scim.status, 400, "{name}");
    assert!(scim.detail.contains(path), "{name}: detail {:?} should name {path:?}", scim.detail);
}

#[test]
fn rfc_examples_validate_and_lose_only_read_only_attributes() {
    let rows: [(&str, Value, &ResourceType); 4] = [
        ("8.1 minimal user", examples::minimal_user(), &USER_TYPE),
        ("8.2 full user", examples::full_user(), &USER_TYPE),
        ("8.3 enterprise user", examples::enterprise_user(), &USER_TYPE),
        ("8.4 group", examples::group(), &GROUP_TYPE),
    ];
    for (name, body, rt) in rows {
        let out = create(&body, rt).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut expected = body.clone();
        if let Some(map) = expected.as_object_mut() {
            for read_only in ["id", "meta", "groups"] {
                map.remove(read_only);
            }
        }
        if let Some(manager) = expected.pointer_mut(&format!("/{ENTERPRISE_USER_URN}/manager")) {
            manager.as_object_mut().map(|m| m.remove("displayName"));
        }
        assert_eq!(out, expected, "{name}");
    }
}

#[test]
fn error_kinds_map_to_the_rfc_7644_table() {
    use ValidationError as V;
    let rows = [
        (V::NotAnObject { found: "an array".into() }, ScimType::InvalidSyntax),
        (V::UnknownAttribute { path: "x".into(), resource_type: "User" }, ScimType::InvalidSyntax),
        (V::DuplicateAttribute { path: "a".into(), first: "a".into(), second: "A".into() }, ScimType::InvalidSyntax),
        (V::Immutable { path: "x".into() }, ScimType::Mutability),
        (V::Required { path: "userName".into() }, ScimType::InvalidValue),
        (V::MultiplePrimary { path: "emails".into(), count: 2 }, ScimType::InvalidValue),
        (V::UndeclaredExtension { urn: ENTERPRISE_USER_URN.into() }, ScimType::InvalidSyntax),
        (V::MissingExtension { urn: ENTERPRISE_USER_URN, resource_type: "User" }, ScimType::InvalidValue),
    ];
    for (err, scim_type) in rows {
        let scim = ScimError::from(err.clone());
        assert_eq!((scim.status, scim.scim_type), (400, Some(scim_type)), "{err}");
        assert_eq!(scim.detail, err.to_string());
    }
}
