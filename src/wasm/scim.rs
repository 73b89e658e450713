//! Pure SCIM library calls for JS: used by the benchmarks, the browser harness's console
//! and JS tests. Each is a thin wrapper; the work happens in `crate::scim`.

use std::collections::BTreeMap;

use serde_json::json;
use wasm_bindgen::prelude::*;

use super::interop::{from_js, parse_json, resource_type, scim_error};
use crate::scim::list::{run_list, ListLimits, ListQuery};
use crate::scim::validate::{validate, Mode, ValidateOptions};
use crate::scim::{filter, patch};

/// Parses a SCIM filter and returns its canonical text (throws a SCIM `invalidFilter` error).
#[wasm_bindgen(js_name = parseFilter)]
pub fn parse_filter(text: &str) -> Result<String, JsValue> {
    filter::parse(text).map(|f| f.to_string()).map_err(|e| scim_error(e.into()))
}

/// Applies a PatchOp request to a resource; returns `{resource, changes}` as JSON text.
#[wasm_bindgen(js_name = applyPatch)]
pub fn apply_patch(resource_json: &str, patch_json: &str, resource_type_name: &str) -> Result<String, JsValue> {
    let rt = resource_type(resource_type_name)?;
    let resource = parse_json(resource_json)?;
    let ops = patch::parse_request(&parse_json(patch_json)?).map_err(|e| scim_error(e.into()))?;
    let (after, changes) = patch::apply(&resource, &ops, rt).map_err(|e| scim_error(e.into()))?;
    let body = json!({
        "resource": after,
        "changes": {
            "attributes": changes.attributes,
            "membersAdded": changes.members_added,
            "membersRemoved": changes.members_removed,
        },
    });
    Ok(body.to_string())
}

/// Validates a POST body; returns the normalized resource as JSON text.
#[wasm_bindgen(js_name = validateResource)]
pub fn validate_resource(body_json: &str, resource_type_name: &str) -> Result<String, JsValue> {
    let rt = resource_type(resource_type_name)?;
    let body = parse_json(body_json)?;
    let resource = validate(&body, rt, Mode::Create, &ValidateOptions::default()).map_err(|e| scim_error(e.into()))?;
    Ok(resource.to_string())
}

/// Filters, sorts, pages and projects a JSON array of resources with SCIM query
/// parameters (`{filter, sortBy, startIndex, count, attributes, …}`, already decoded);
/// returns the ListResponse as JSON text.
#[wasm_bindgen(js_name = listResources)]
pub fn list_resources(resources_json: &str, params: JsValue, resource_type_name: &str) -> Result<String, JsValue> {
    let rt = resource_type(resource_type_name)?;
    // A resource array is not a request body: no 1 MiB cap, no object requirement.
    let resources: Vec<serde_json::Value> = serde_json::from_str(resources_json)
        .map_err(|e| js_sys::TypeError::new(&format!("resources: {e}")))?;
    let params: BTreeMap<String, String> = from_js(params, "query parameters")?;
    let params: Vec<(String, String)> = params.into_iter().collect();
    let query = ListQuery::from_params(&params).map_err(|e| scim_error(e.into()))?;
    let list = run_list(&resources, &query, rt, &ListLimits::default()).map_err(|e| scim_error(e.into()))?;
    Ok(list.into_v2_body().to_string())
}
