//! Resources are generic JSON objects first: attribute names match case-insensitively
//! (RFC 7643 §2.1), and unknown and extension attributes survive in the map.

use serde_json::{Map, Value};

/// The entry whose key equals `name` ignoring ASCII case.
pub fn get_ci<'a>(map: &'a Map<String, Value>, name: &str) -> Option<(&'a String, &'a Value)> {
    map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name))
}

/// The value under `name`, ignoring ASCII case.
pub fn value_ci<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    get_ci(map, name).map(|(_, v)| v)
}

/// The key under which `name` is stored, ignoring ASCII case.
pub fn key_ci(map: &Map<String, Value>, name: &str) -> Option<String> {
    get_ci(map, name).map(|(k, _)| k.clone())
}

/// Removes the entry for `name`, ignoring ASCII case.
pub fn remove_ci(map: &mut Map<String, Value>, name: &str) -> Option<Value> {
    let key = key_ci(map, name)?;
    map.remove(&key)
}
