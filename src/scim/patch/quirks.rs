//! Value shapes that identity providers send against the schema's types, converted where they
//! are unambiguous. Each names the IdP and the fixture that shows it; the callers are in
//! `conform.rs`. (Request-shape quirks sit with the operation they bend: see `remove.rs`
//! and `mod.rs`.)

use serde_json::{Map, Value};

/// Entra sends booleans as strings in any case: `"value": "False"` for `active`, `"True"` for
/// `primary` — fixtures/entra/disable_user.json. Anything other than true/false stays invalid.
pub(super) fn boolean_from_string(s: &str) -> Option<bool> {
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// Entra sends the enterprise `manager` as the manager's id alone
/// (`"path": "urn:…:enterprise:2.0:User:manager", "value": "<id>"`) —
/// fixtures/entra/set_manager.json. A singular complex attribute with a `value` sub-attribute
/// receiving a bare string gets `{"value": string}`.
pub(super) fn bare_value(s: String) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("value".into(), Value::String(s));
    map
}
