//! The JS bindings: they convert values and do nothing else. [`core::UsersyncCore`] wraps a
//! host object (the imports in [`host`]) and exposes the service, the admin API and the
//! drain; [`helpers`] exposes the pure SCIM library for tests and benchmarks. Conversions
//! live in [`interop`], the mapping of errors to `JsValue` in [`errors`], and the
//! hand-written TypeScript in [`types`].

mod core;
mod errors;
mod helpers;
mod host;
mod interop;
mod types;

use wasm_bindgen::prelude::*;

/// The crate version, so hosts can report what they loaded.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
