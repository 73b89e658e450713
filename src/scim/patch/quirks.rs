//! Value shapes that identity providers send against the schema's types, converted where they
//! are unambiguous. Each names the IdP and the fixture that shows it; the callers are in
//! `conform.rs`. (Request-shape quirks sit with the operation they bend: see `remove.rs`
//! and `mod.rs`.)

use serde_json::{Map, Value};

/// Entra sends the enterprise `manager` as the manager's id alone
/// (`"path": "urn:…:enterprise:2.0:User:manager", "value": "<id>"`) —
/// tests/fixtures/entra/add_manager_string.json. A singular complex attribute with a `value` sub-attribute
/// receiving a bare string gets `{"value": string}`.
pub(super) fn bare_value(s: String) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("value".into(), Value::String(s));
    map
}

/// Entra sends the enterprise `manager` (single-valued) as a one-element array
/// `[{"$ref": …, "value": …}]` — tests/fixtures/entra/add_manager_reference_array.json.
/// A singular complex attribute receiving a one-element array takes its element.
pub(super) fn lone_element(list: Vec<Value>) -> Option<Value> {
    let mut list = list.into_iter();
    match (list.next(), list.next()) {
        (Some(element), None) => Some(element),
        _ => None,
    }
}
