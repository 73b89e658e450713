//! The pure SCIM library for JS tests and benchmarks: thin wrappers that take and return
//! JSON text, so a benchmark measures the library and one boundary crossing each way.
//! Errors throw (`errors`) with the RFC 7644 body and status.

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::errors::JsFailure;
use crate::error::{ScimError, ScimType};
use crate::scim::body::parse_body;
use crate::scim::list::{run_list, ListLimits, ListQuery};
use crate::scim::schema::ResourceType;
use crate::scim::schemas::RESOURCE_TYPES;
use crate::scim::validate::{validate, Mode, ValidateOptions};
use crate::scim::{filter, patch};
use crate::service::http::parse_query;

fn resource_type(name: &str) -> Result<&'static ResourceType, JsFailure> {
    RESOURCE_TYPES
        .iter()
        .copied()
        .find(|rt| rt.name.eq_ignore_ascii_case(name) || rt.id.eq_ignore_ascii_case(name))
        .ok_or_else(|| {
            ScimError::typed(ScimType::InvalidValue, format!("unknown resource type {name:?}; expected User or Group"))
                .into()
        })
}

fn json(text: &str) -> Result<Value, JsFailure> {
    Ok(parse_body(text.as_bytes()).map_err(ScimError::from)?)
}

/// A filter in its canonical form: `userName Eq "x"` → `userName eq "x"`.
#[wasm_bindgen(js_name = parseFilter)]
pub fn parse_filter(text: &str) -> Result<String, JsValue> {
    let parsed = filter::parse(text).map_err(|e| JsFailure::from(ScimError::from(e)))?;
    Ok(parsed.to_string())
}

/// A resource after a PATCH request: `(resourceJson, patchJson, "User") → resourceJson`.
#[wasm_bindgen(js_name = applyPatch)]
pub fn apply_patch(resource_json: &str, patch_json: &str, resource_type_name: &str) -> Result<String, JsValue> {
    let rt = resource_type(resource_type_name)?;
    let resource = json(resource_json)?;
    let ops = patch::parse_request(&json(patch_json)?).map_err(|e| JsFailure::from(ScimError::from(e)))?;
    let (patched, _) = patch::apply(&resource, &ops, rt).map_err(|e| JsFailure::from(ScimError::from(e)))?;
    Ok(patched.to_string())
}

/// A POST body validated and normalized, as it would be stored.
#[wasm_bindgen(js_name = validateResource)]
pub fn validate_resource(body_json: &str, resource_type_name: &str) -> Result<String, JsValue> {
    let rt = resource_type(resource_type_name)?;
    let opts = ValidateOptions { reject_unknown: false, allow_unknown_schemas: true };
    let valid =
        validate(&json(body_json)?, rt, Mode::Create, &opts).map_err(|e| JsFailure::from(ScimError::from(e)))?;
    Ok(valid.to_string())
}

/// A ListResponse over a JSON array of resources for a query string
/// (`filter=…&sortBy=…&startIndex=…&count=…&attributes=…`).
#[wasm_bindgen(js_name = listResources)]
pub fn list_resources(resources_json: &str, query: &str, resource_type_name: &str) -> Result<String, JsValue> {
    let rt = resource_type(resource_type_name)?;
    // An array, so not a request body: serde_json's own nesting limit (128) bounds it.
    let not_array = |detail: String| {
        JsFailure::from(ScimError::typed(
            ScimType::InvalidSyntax,
            format!("expected a JSON array of resources: {detail}"),
        ))
    };
    let resources: Value = serde_json::from_str(resources_json).map_err(|e| not_array(e.to_string()))?;
    let items = resources.as_array().ok_or_else(|| not_array("found another JSON type".into()))?;
    let query = ListQuery::from_params(&parse_query(query)).map_err(|e| JsFailure::from(ScimError::from(e)))?;
    let page = run_list(items, &query, rt, &ListLimits { max_results: usize::MAX, max_matches: None })
        .map_err(|e| JsFailure::from(ScimError::from(e)))?;
    Ok(page.into_v2_body().to_string())
}
