//! The host imports: a JS object with the methods of `UsersyncHost` (see `types`), each
//! called with `catch` and awaited through wasm-bindgen-futures, and [`WasmHost`], the
//! [`Host`] the core runs on in JS. Methods may return a value or a promise of one.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::interop;
use crate::host::{Host, HostError, HttpRequest, HttpResponse, ListPage, LogLevel};

#[wasm_bindgen]
extern "C" {
    /// The host object JS passes to `new UsersyncCore(host)`.
    #[wasm_bindgen(typescript_type = "UsersyncHost")]
    pub type JsHost;

    #[wasm_bindgen(method, catch, js_name = fetch)]
    fn js_fetch(this: &JsHost, request: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = kvGet)]
    fn js_kv_get(this: &JsHost, key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = kvSet)]
    fn js_kv_set(this: &JsHost, key: &str, value: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = kvCreate)]
    fn js_kv_create(this: &JsHost, key: &str, value: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = kvDelete)]
    fn js_kv_delete(this: &JsHost, key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = kvList)]
    fn js_kv_list(this: &JsHost, prefix: &str, cursor: Option<String>, limit: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = getSecret)]
    fn js_get_secret(this: &JsHost, name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = setSecret)]
    fn js_set_secret(this: &JsHost, name: &str, value: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = now)]
    fn js_now(this: &JsHost) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = log)]
    fn js_log(this: &JsHost, level: &str, event: &str) -> Result<JsValue, JsValue>;
}

/// The core's [`Host`] over a JS host object.
pub struct WasmHost(pub JsHost);

/// Awaits what a host method returned: a promise, or a plain value.
async fn settle(returned: Result<JsValue, JsValue>) -> Result<JsValue, JsValue> {
    let value = returned?;
    JsFuture::from(Promise::resolve(&value)).await
}

fn storage<'k>(op: &'static str, key: &'k str) -> impl FnOnce(JsValue) -> HostError + 'k {
    move |e| HostError::Storage { op, key: key.to_string(), detail: interop::error_text(&e) }
}

impl Host for WasmHost {
    async fn fetch(&self, request: HttpRequest) -> Result<HttpResponse, HostError> {
        let js_request = interop::http_request(&request)?;
        let value = settle(self.0.js_fetch(js_request)).await.map_err(|e| interop::fetch_error(&e))?;
        interop::http_response(&value)
    }

    fn now(&self) -> i64 {
        let now = self.0.js_now().ok().and_then(|v| v.as_f64());
        now.unwrap_or_else(js_sys::Date::now) as i64
    }

    fn log(&self, level: LogLevel, event: &str) {
        // A host that can't log drops the line (the Host contract).
        let _ = self.0.js_log(level.as_str(), event);
    }

    async fn raw_get(&self, key: &str) -> Result<Option<String>, HostError> {
        let value = settle(self.0.js_kv_get(key)).await.map_err(storage("get", key))?;
        interop::optional_string("kvGet", &value)
    }

    async fn raw_set(&self, key: &str, value: &str) -> Result<(), HostError> {
        settle(self.0.js_kv_set(key, value)).await.map_err(storage("set", key))?;
        Ok(())
    }

    async fn raw_create(&self, key: &str, value: &str) -> Result<bool, HostError> {
        let created = settle(self.0.js_kv_create(key, value)).await.map_err(storage("create", key))?;
        created.as_bool().ok_or_else(|| HostError::Protocol { op: "kvCreate", detail: "expected true or false".into() })
    }

    async fn raw_delete(&self, key: &str) -> Result<(), HostError> {
        settle(self.0.js_kv_delete(key)).await.map_err(storage("delete", key))?;
        Ok(())
    }

    async fn raw_list(&self, prefix: &str, cursor: Option<&str>, limit: usize) -> Result<ListPage, HostError> {
        let limit = u32::try_from(limit).unwrap_or(u32::MAX);
        let page = settle(self.0.js_kv_list(prefix, cursor.map(str::to_string), limit))
            .await
            .map_err(storage("list", prefix))?;
        interop::list_page(&page)
    }

    async fn raw_get_secret(&self, name: &str) -> Result<Option<String>, HostError> {
        let value = settle(self.0.js_get_secret(name)).await.map_err(storage("getSecret", name))?;
        interop::optional_string("getSecret", &value)
    }

    async fn raw_set_secret(&self, name: &str, value: &str) -> Result<(), HostError> {
        settle(self.0.js_set_secret(name, value)).await.map_err(storage("setSecret", name))?;
        Ok(())
    }
}
