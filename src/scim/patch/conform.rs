//! Type checks on the values a PATCH writes (RFC 7643 §2.3): each value is checked against its
//! attribute's definition and returned in canonical form (schema spelling of sub-attribute
//! names, IdP quirks converted, readOnly sub-attributes dropped).

use serde_json::{Map, Value};

use super::{describe, quirks, PatchError};
use crate::scim::body::json_kind;
use crate::scim::schema::{AttrType, Attribute, Mutability, Returned};

/// `value` as a whole value of `def`: an array of elements when multi-valued (a single element
/// is wrapped), otherwise one value. `null` passes: it unassigns. Undefined attributes pass as sent.
pub(super) fn whole(value: Value, def: Option<&Attribute>, label: &str) -> Result<Value, PatchError> {
    let Some(def) = def else { return Ok(value) };
    if !def.multi_valued || value.is_null() {
        return single(value, Some(def), label);
    }
    let elements = match value {
        Value::Array(list) => list,
        one => vec![one],
    };
    elements.into_iter().map(|e| single(e, Some(def), label)).collect::<Result<Vec<_>, _>>().map(Value::Array)
}

/// `value` as one value (one element, if multi-valued) of `def`.
pub(super) fn single(value: Value, def: Option<&Attribute>, label: &str) -> Result<Value, PatchError> {
    let Some(def) = def else { return Ok(value) };
    // A `returned: never` value (a password) is not echoed back in the error.
    let reveal = def.returned != Returned::Never;
    let wrong = |expected: &'static str, v: &Value| PatchError::InvalidValue {
        path: label.to_string(),
        expected,
        found: if reveal { describe(v) } else { json_kind(v).into() },
    };
    match (def.ty, value) {
        (_, Value::Null) => Ok(Value::Null),
        (AttrType::Complex, Value::Object(map)) => complex(map, def, label),
        (AttrType::Complex, Value::String(s)) if !def.multi_valued && def.sub("value").is_some() => {
            complex(quirks::bare_value(s), def, label)
        }
        (AttrType::Complex, Value::Array(list)) if !def.multi_valued && list.len() == 1 => {
            match quirks::lone_element(list) {
                Some(element @ Value::Object(_)) => single(element, Some(def), label),
                other => Err(wrong("an object", &other.unwrap_or_default())),
            }
        }
        (AttrType::Complex, v) => Err(wrong("an object", &v)),
        (AttrType::Boolean, Value::Bool(b)) => Ok(Value::Bool(b)),
        (AttrType::Boolean, Value::String(s)) => match quirks::boolean_from_string(&s) {
            Some(b) => Ok(Value::Bool(b)),
            None => Err(wrong("a boolean", &Value::String(s))),
        },
        (AttrType::Boolean, v) => Err(wrong("a boolean", &v)),
        (AttrType::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(Value::Number(n)),
        (AttrType::Integer, v) => Err(wrong("an integer", &v)),
        (AttrType::Decimal, Value::Number(n)) => Ok(Value::Number(n)),
        (AttrType::Decimal, v) => Err(wrong("a number", &v)),
        (_, Value::String(s)) => Ok(Value::String(s)),
        (_, v) => Err(wrong("a string", &v)),
    }
}

/// A complex value: known sub-attributes checked and spelled as the schema spells them,
/// readOnly ones dropped (as PUT ignores them, RFC 7644 §3.5.1), unknown ones kept.
fn complex(map: Map<String, Value>, def: &Attribute, label: &str) -> Result<Value, PatchError> {
    let mut out = Map::new();
    for (key, v) in map {
        match def.sub(&key) {
            Some(sub) if sub.mutability == Mutability::ReadOnly => {}
            Some(sub) => {
                let v = whole(v, Some(sub), &format!("{label}.{}", sub.name))?;
                out.insert(sub.name.to_string(), v);
            }
            None => {
                out.insert(key, v);
            }
        }
    }
    Ok(Value::Object(out))
}
