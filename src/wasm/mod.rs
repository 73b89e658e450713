//! The JS bindings: they convert values and do nothing else.

use wasm_bindgen::prelude::*;

/// The crate version, so hosts can report what they loaded.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

mod interop;
mod scim;
