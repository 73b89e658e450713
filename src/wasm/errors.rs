//! The one place errors become `JsValue`s: a JS `Error` whose message says what went wrong,
//! with `status` (the HTTP status a host should answer) and, for SCIM errors, `scimType`
//! and the RFC 7644 `body`, so hosts never parse messages.

use js_sys::{Error, Reflect};
use wasm_bindgen::JsValue;

use crate::admin::AdminError;
use crate::error::ScimError;
use crate::outbox::OutboxError;

/// An error with its HTTP status.
pub fn js_error(message: &str, status: u16) -> JsValue {
    let error = Error::new(message);
    set(&error, "status", &JsValue::from(status));
    error.into()
}

fn set(target: &Error, key: &str, value: &JsValue) {
    // Setting a property on a fresh Error can't fail; a failure would only lose the field.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// A JS `Error` carrying the SCIM status, `scimType` (or `null`) and the RFC 7644 error body.
pub fn scim_error(e: ScimError) -> JsValue {
    let error = Error::new(&e.detail);
    set(&error, "status", &JsValue::from(e.status));
    set(&error, "scimType", &e.scim_type.map_or(JsValue::NULL, |t| JsValue::from_str(t.as_str())));
    set(&error, "body", &JsValue::from_str(&e.to_v2_body().to_string()));
    error.into()
}

impl From<ScimError> for JsFailure {
    fn from(e: ScimError) -> Self {
        JsFailure(scim_error(e))
    }
}

impl From<JsValue> for JsFailure {
    fn from(value: JsValue) -> Self {
        JsFailure(value)
    }
}

impl From<AdminError> for JsFailure {
    fn from(e: AdminError) -> Self {
        JsFailure(js_error(&e.to_string(), e.status()))
    }
}

impl From<OutboxError> for JsFailure {
    fn from(e: OutboxError) -> Self {
        let status = match e {
            OutboxError::BadId { .. } => 400,
            _ => 500,
        };
        JsFailure(js_error(&e.to_string(), status))
    }
}

impl From<crate::reconcile::ReconcileError> for JsFailure {
    fn from(e: crate::reconcile::ReconcileError) -> Self {
        use crate::reconcile::ReconcileError as R;
        match e {
            R::NoConnection(_) => JsFailure(js_error(&e.to_string(), 404)),
            R::NoSite { .. } => JsFailure(js_error(&e.to_string(), 409)),
            R::Outbox(inner) => inner.into(),
        }
    }
}

impl From<crate::host::HostError> for JsFailure {
    fn from(e: crate::host::HostError) -> Self {
        JsFailure(js_error(&e.to_string(), if e.is_transient() { 503 } else { 500 }))
    }
}

/// Any error on its way to JS; `?` converts, `.0` (or `Into<JsValue>`) hands it over.
pub struct JsFailure(pub JsValue);

impl From<JsFailure> for JsValue {
    fn from(f: JsFailure) -> JsValue {
        f.0
    }
}

/// A value JS passed that doesn't have the expected shape (400).
pub fn bad_input(what: &str, detail: impl std::fmt::Display) -> JsFailure {
    JsFailure(js_error(&format!("{what}: {detail}"), 400))
}
