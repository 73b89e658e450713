//! Checks one singular value against its RFC 7643 §2.3 data type and normalizes it:
//! string, boolean, decimal, integer, dateTime, reference, binary, complex.

use serde_json::Value;

use super::{normalize_fields, Cx, ValidationError};
use crate::scim::schema::{AttrType, Attribute, Returned};

/// Checks a singular value (or one element of a multi-valued attribute). `None` means
/// the value is unassigned after normalization (an empty complex value).
pub(super) fn singular(
    attr: &'static Attribute,
    value: &Value,
    path: &str,
    cx: &Cx,
) -> Result<Option<Value>, ValidationError> {
    let reveal = attr.returned != Returned::Never;
    let wrong_type = |expected| Err(wrong(path, expected, value, reveal));
    let ok = |v: &Value| Ok(Some(v.clone()));
    match (attr.ty, value) {
        (AttrType::String | AttrType::Reference, Value::String(_)) => ok(value),
        (AttrType::String, _) => wrong_type("a string"),
        (AttrType::Reference, _) => wrong_type("a reference (a URI string)"),
        (AttrType::Boolean, Value::Bool(_)) => ok(value),
        // Entra sends booleans as strings, "True"/"False" — tests/fixtures/entra/disable_user_string_false.json.
        (AttrType::Boolean, Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(Some(Value::Bool(true))),
        (AttrType::Boolean, Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(Some(Value::Bool(false))),
        (AttrType::Boolean, _) => wrong_type("a boolean"),
        (AttrType::Decimal, Value::Number(_)) => ok(value),
        (AttrType::Decimal, _) => wrong_type("a decimal number"),
        (AttrType::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => ok(value),
        (AttrType::Integer, _) => wrong_type("an integer"),
        (AttrType::DateTime, Value::String(s)) if is_date_time(s) => ok(value),
        (AttrType::DateTime, _) => wrong_type("an xsd:dateTime such as \"2015-09-23T04:56:22Z\""),
        (AttrType::Binary, Value::String(s)) if is_base64(s) => ok(value),
        (AttrType::Binary, _) => wrong_type("base64-encoded binary (RFC 4648 §4)"),
        (AttrType::Complex, Value::Object(fields)) => {
            let normalized = normalize_fields(fields, attr.sub_attributes, path, cx)?;
            Ok((!normalized.is_empty()).then_some(Value::Object(normalized)))
        }
        (AttrType::Complex, _) => wrong_type("an object"),
    }
}

/// A [`ValidationError::WrongType`] for `value` at `path`.
pub(super) fn wrong(path: &str, expected: &'static str, value: &Value, reveal: bool) -> ValidationError {
    ValidationError::WrongType { path: path.to_string(), expected, found: describe(value, reveal) }
}

/// Describes a value for an error message; with `reveal` false (a `returned: never`
/// attribute such as `password`) only its JSON kind is given.
pub(super) fn describe(value: &Value, reveal: bool) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) if reveal => format!("the boolean {b}"),
        Value::Bool(_) => "a boolean".into(),
        Value::Number(n) if reveal => format!("the number {n}"),
        Value::Number(_) => "a number".into(),
        Value::String(s) if reveal => format!("the string {:?}", truncate(s, 40)),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn truncate(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((end, _)) => format!("{}…", &s[..end]),
        None => s.to_string(),
    }
}

/// xsd:dateTime (RFC 7643 §2.3.5): `YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm]`. The time
/// zone is optional in xsd; RFC 3339's lower-case `t`/`z` and leap second `60` are
/// accepted. Years have exactly four digits (no BCE or year-10000 dates).
pub(super) fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0u32, |acc, &d| d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0')))
    };
    let at = |i: usize, c: u8| b.get(i).is_some_and(|&x| x.eq_ignore_ascii_case(&c));
    let (Some(year), Some(month), Some(day)) = (num(0, 4), num(5, 2), num(8, 2)) else { return false };
    let (Some(hour), Some(minute), Some(second)) = (num(11, 2), num(14, 2), num(17, 2)) else { return false };
    let separators = at(4, b'-') && at(7, b'-') && at(10, b'T') && at(13, b':') && at(16, b':');
    let in_range = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour <= 23
        && minute <= 59
        && second <= 60;
    if !(separators && in_range) {
        return false;
    }
    let mut i = 19;
    if at(i, b'.') {
        let digits = b.get(i + 1..).map_or(0, |rest| rest.iter().take_while(|d| d.is_ascii_digit()).count());
        if digits == 0 {
            return false;
        }
        i += 1 + digits;
    }
    match b.get(i) {
        None => true,
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            let offset_ok =
                num(i + 1, 2).is_some_and(|h| h <= 23) && at(i + 3, b':') && num(i + 4, 2).is_some_and(|m| m <= 59);
            offset_ok && i + 6 == b.len()
        }
        Some(_) => false,
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Standard base64 with padding (RFC 4648 §4), as RFC 7643 §2.3.6 requires.
pub(super) fn is_base64(s: &str) -> bool {
    let b = s.as_bytes();
    if !b.len().is_multiple_of(4) {
        return false;
    }
    let padding = b.iter().rev().take_while(|&&c| c == b'=').count();
    padding <= 2 && b[..b.len() - padding].iter().all(|&c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/')
}
