//! The one place where values cross between JS and Rust: JSON text in, JSON text out,
//! and every error mapped to a JS `Error` the same way.

use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::scim::schema::ResourceType;
use crate::scim::schemas::{GROUP_TYPE, USER_TYPE};
use crate::ScimError;

/// A JS `Error` carrying the SCIM status, `scimType` and the RFC 7644 error body.
pub fn scim_error(error: ScimError) -> JsValue {
    let js = js_sys::Error::new(&error.detail);
    let fields = [
        ("status", JsValue::from(error.status)),
        ("scimType", error.scim_type.map_or(JsValue::NULL, |t| JsValue::from_str(t.as_str()))),
        ("body", JsValue::from_str(&error.to_v2_body().to_string())),
    ];
    for (name, value) in fields {
        // Setting a plain property on a fresh Error cannot fail.
        let _ = js_sys::Reflect::set(&js, &JsValue::from_str(name), &value);
    }
    js.into()
}

/// Parses JSON text from JS; bad text is a SCIM `invalidSyntax` error like any request body.
pub fn parse_json(text: &str) -> Result<Value, JsValue> {
    crate::scim::body::parse_body(text.as_bytes()).map_err(|e| scim_error(e.into()))
}

/// The resource type named `User` or `Group`.
pub fn resource_type(name: &str) -> Result<&'static ResourceType, JsValue> {
    match name {
        "User" => Ok(&USER_TYPE),
        "Group" => Ok(&GROUP_TYPE),
        other => Err(scim_error(ScimError::status(404, format!("unknown resource type {other:?}")))),
    }
}

/// A small structured value from JS (serde-wasm-bindgen), with a readable error.
pub fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| js_sys::TypeError::new(&format!("{what}: {e}")).into())
}
