//! Multi-valued attributes (RFC 7643 §2.4): the value must be an array, each element is
//! checked as a singular value, and `"primary": true` appears at most once.

use serde_json::Value;

use super::{types, Cx, ValidationError};
use crate::scim::schema::{Attribute, Returned};

/// Checks a multi-valued attribute's array. `None` means unassigned (`[]`, or only empty
/// elements), which RFC 7643 §2.5 treats like an absent attribute.
pub(super) fn normalize(
    attr: &'static Attribute,
    value: &Value,
    path: &str,
    cx: &Cx,
) -> Result<Option<Value>, ValidationError> {
    let reveal = attr.returned != Returned::Never;
    // A lone object or string is refused rather than wrapped: see the module doc of `validate`.
    let Value::Array(items) = value else {
        return Err(types::wrong(path, "an array (the attribute is multi-valued)", value, reveal));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let here = format!("{path}[{i}]");
        if item.is_null() || item.is_array() {
            return Err(types::wrong(&here, "a single value inside the array", item, reveal));
        }
        if let Some(v) = types::singular(attr, item, &here, cx)? {
            out.push(v);
        }
    }
    let primaries = out.iter().filter(|v| v.get("primary") == Some(&Value::Bool(true))).count();
    if primaries > 1 {
        return Err(ValidationError::MultiplePrimary { path: path.to_string(), count: primaries });
    }
    Ok((!out.is_empty()).then_some(Value::Array(out)))
}
