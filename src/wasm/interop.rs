//! Every conversion between JS values and Rust values, in one place. Small structured
//! values go through serde-wasm-bindgen (as plain objects, never `Map`s); bodies and
//! resources cross as JSON text. Headers may come as an object (`{"Authorization": "…"}`)
//! or as pairs (`[["Authorization", "…"]]`) and always go out as an object. Errors become
//! `JsValue`s in `errors`, the one place that maps them.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use super::errors::{bad_input, JsFailure};
use crate::host::{HostError, HttpRequest, HttpResponse, ListPage};
use crate::service::{ScimRequest, ScimResponse};

/// A Rust value as a plain JS value (objects, not `Map`s; 64-bit numbers as numbers).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsFailure> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsFailure(super::errors::js_error(&format!("could not convert a result for JS: {e}"), 500)))
}

/// A small structured value from JS (serde-wasm-bindgen), or a 400 naming what was expected.
pub fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| bad_input(what, e).into())
}

/// Headers as JS hosts write them.
#[derive(Deserialize)]
#[serde(untagged)]
enum Headers {
    Pairs(Vec<(String, String)>),
    Object(BTreeMap<String, String>),
}

impl Default for Headers {
    fn default() -> Self {
        Headers::Pairs(Vec::new())
    }
}

impl Headers {
    fn into_pairs(self) -> Vec<(String, String)> {
        match self {
            Headers::Pairs(pairs) => pairs,
            Headers::Object(map) => map.into_iter().collect(),
        }
    }
}

fn header_object(headers: &[(String, String)]) -> serde_json::Map<String, serde_json::Value> {
    headers.iter().map(|(name, value)| (name.clone(), serde_json::Value::String(value.clone()))).collect()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsScimRequest {
    method: String,
    path: String,
    #[serde(default)]
    query: Option<String>,
    #[serde(default)]
    headers: Option<Headers>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    drain_budget_ms: Option<u64>,
}

/// `core.handle(request)`'s argument.
pub fn scim_request(value: JsValue) -> Result<ScimRequest, JsFailure> {
    let what = "request (expected {method, path, query?, headers?, body?, baseUrl?, drainBudgetMs?})";
    let r: JsScimRequest = serde_wasm_bindgen::from_value(value).map_err(|e| bad_input(what, e))?;
    Ok(ScimRequest {
        method: r.method,
        path: r.path,
        query: r.query.unwrap_or_default(),
        headers: r.headers.unwrap_or_default().into_pairs(),
        body: r.body,
        base_url: r.base_url,
        drain_budget_ms: r.drain_budget_ms,
    })
}

/// `core.handle`'s result: `{status, headers: {…}, body, dryRun?}`.
pub fn scim_response(response: &ScimResponse) -> Result<JsValue, JsFailure> {
    let mut out = serde_json::Map::new();
    out.insert("status".into(), response.status.into());
    out.insert("headers".into(), serde_json::Value::Object(header_object(&response.headers)));
    out.insert("body".into(), response.body.clone().into());
    if let Some(report) = &response.dry_run {
        out.insert("dryRun".into(), serde_json::to_value(report).unwrap_or_default());
    }
    to_js(&out)
}

/// What `host.fetch` gets: `{method, url, headers: {…}, body: string | null}`.
pub fn http_request(request: &HttpRequest) -> Result<JsValue, HostError> {
    let value = serde_json::json!({
        "method": request.method.as_str(),
        "url": request.url,
        "headers": header_object(&request.headers),
        "body": request.body,
    });
    to_js(&value).map_err(|_| HostError::Protocol { op: "fetch", detail: "could not build the request object".into() })
}

#[derive(Deserialize)]
struct JsHttpResponse {
    status: u16,
    #[serde(default)]
    headers: Option<Headers>,
    #[serde(default)]
    body: Option<String>,
}

/// What `host.fetch` resolves to: `{status, headers?, body?}`.
pub fn http_response(value: &JsValue) -> Result<HttpResponse, HostError> {
    let r: JsHttpResponse = serde_wasm_bindgen::from_value(value.clone())
        .map_err(|e| HostError::Protocol { op: "fetch", detail: format!("expected {{status, headers, body}}: {e}") })?;
    Ok(HttpResponse {
        status: r.status,
        headers: r.headers.unwrap_or_default().into_pairs(),
        body: r.body.unwrap_or_default(),
    })
}

/// A string, or `null`/`undefined` for none.
pub fn optional_string(op: &'static str, value: &JsValue) -> Result<Option<String>, HostError> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| HostError::Protocol { op, detail: "expected a string, null or undefined".into() })
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Entry {
    Pair(String, String),
    Object { key: String, value: String },
}

#[derive(Deserialize)]
struct JsListPage {
    entries: Vec<Entry>,
    #[serde(default)]
    cursor: Option<String>,
}

/// What `host.kvList` resolves to: `{entries: [[key, value]] | [{key, value}], cursor?}`.
pub fn list_page(value: &JsValue) -> Result<ListPage, HostError> {
    let page: JsListPage = serde_wasm_bindgen::from_value(value.clone())
        .map_err(|e| HostError::Protocol { op: "kvList", detail: format!("expected {{entries, cursor}}: {e}") })?;
    let entries = page
        .entries
        .into_iter()
        .map(|e| match e {
            Entry::Pair(k, v) | Entry::Object { key: k, value: v } => (k, v),
        })
        .collect();
    Ok(ListPage { entries, next_cursor: page.cursor.filter(|c| !c.is_empty()) })
}

/// The message of a thrown JS value.
pub fn error_text(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

/// A fetch that threw: a time-out (`TimeoutError`/`AbortError`, or `timeout: true`), a
/// refusal (`refused: true`, e.g. an egress rule), or a network failure.
pub fn fetch_error(value: &JsValue) -> HostError {
    let detail = error_text(value);
    let field = |name: &str| js_sys::Reflect::get(value, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined());
    let name = field("name").and_then(|n| n.as_string()).unwrap_or_default();
    if field("timeout").and_then(|v| v.as_bool()) == Some(true) || name == "TimeoutError" || name == "AbortError" {
        let after_ms = field("afterMs").and_then(|v| v.as_f64()).unwrap_or(0.0) as u64;
        return HostError::Timeout { after_ms };
    }
    if field("refused").and_then(|v| v.as_bool()) == Some(true) {
        return HostError::Refused { detail };
    }
    HostError::Network { detail }
}
