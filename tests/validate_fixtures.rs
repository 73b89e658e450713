//! The validator against every SCIM 2.0 POST and PUT in tests/fixtures: a body the
//! fixture expects refused with 400 must be refused with the same `scimType`; any other
//! body must pass validation (409 uniqueness is the store's call, not the validator's).
//! Walks the directory, so it runs natively only (no filesystem on wasm32).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use serde_json::Value;
use usersync::scim::schemas::{GROUP_TYPE, USER_TYPE};
use usersync::scim::validate::{validate, Mode, ValidateOptions};
use usersync::ScimError;

/// What the validator says about one fixture, or `None` if the fixture isn't a 2.0 write.
fn verdict(fixture: &Value) -> Option<Result<(), ScimError>> {
    let method = fixture["request"]["method"].as_str()?;
    let rt = match fixture["resourceType"].as_str()? {
        "User" => &USER_TYPE,
        "Group" => &GROUP_TYPE,
        _ => return None,
    };
    if fixture["dialect"] != "2.0" {
        return None;
    }
    let body = &fixture["request"]["body"];
    let opts = ValidateOptions::default();
    let result = match method {
        "POST" => validate(body, rt, Mode::Create, &opts),
        "PUT" => validate(body, rt, Mode::Replace { existing: &fixture["before"] }, &opts),
        _ => return None,
    };
    Some(result.map(|_| ()).map_err(ScimError::from))
}

#[test]
fn validator_agrees_with_every_2_0_write_fixture() {
    let mut checked = 0;
    let mut disagreements = Vec::new();
    for path in common::fixture_files() {
        let fixture = common::read_fixture(&path);
        let Some(verdict) = verdict(&fixture) else { continue };
        checked += 1;
        let expect = &fixture["expect"];
        let refused = expect["status"] == 400;
        match (verdict, refused) {
            (Ok(()), false) => {}
            (Err(e), true) if e.scim_type.map(|t| t.as_str()) == expect["scimType"].as_str() => {}
            (got, _) => disagreements.push(format!("{}: expected {expect}, validator said {got:?}", path.display())),
        }
    }
    assert!(checked >= 20, "only {checked} write fixtures found under {}", common::root().display());
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
