//! The request-body guard: every SCIM body passes here before anything reads it.
//!
//! It bounds size (1 MiB) and nesting (64) *before* serde_json sees the bytes, so a hostile
//! body can neither exhaust memory nor the stack, and it says where a bad body went wrong.

use serde_json::Value;

/// The largest body accepted, in bytes. SCIM bodies are a few KiB; a group PATCH adding
/// thousands of members stays well under this.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// The deepest nesting of arrays and objects accepted. A SCIM resource nests 3–4 levels;
/// serde_json's own limit is 128, so this check is what bounds the stack.
pub const MAX_DEPTH: usize = 64;

/// Why a request body was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    /// More than [`MAX_BODY_BYTES`]: RFC 7644 §3.12 answers 413.
    #[error("request body is {size} bytes; the limit is {max} bytes")]
    TooLarge { size: usize, max: usize },
    /// No body, or only whitespace, where the operation needs one (`POST`, `PUT`, `PATCH`).
    #[error("request body is empty; expected a JSON object")]
    Empty,
    /// Bytes that are not UTF-8 (RFC 8259 §8.1), e.g. a Latin-1 `\xff`.
    #[error("request body is not valid UTF-8 at byte offset {offset}")]
    InvalidUtf8 { offset: usize },
    /// Arrays/objects nested deeper than [`MAX_DEPTH`], e.g. `[[[[…`.
    #[error("request body nests deeper than {max} levels at line {line} column {column}")]
    TooDeep { max: usize, line: usize, column: usize },
    /// Not JSON: truncated, a trailing comma, a bare word, … (serde_json's reason).
    #[error("request body is not valid JSON: {reason} at line {line} column {column}")]
    Syntax { reason: String, line: usize, column: usize },
    /// Valid JSON but not an object: every SCIM request body is one (RFC 7644 §3.3–§3.7).
    #[error("request body must be a JSON object, found {found}")]
    NotAnObject { found: &'static str },
}

/// Checks and parses a required request body into a JSON object.
pub fn parse_body(bytes: &[u8]) -> Result<Value, BodyError> {
    if bytes.len() > MAX_BODY_BYTES {
        return Err(BodyError::TooLarge { size: bytes.len(), max: MAX_BODY_BYTES });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| BodyError::InvalidUtf8 { offset: e.valid_up_to() })?;
    if text.trim().is_empty() {
        return Err(BodyError::Empty);
    }
    if let Some(offset) = first_too_deep(bytes, MAX_DEPTH) {
        let (line, column) = line_column(bytes, offset);
        return Err(BodyError::TooDeep { max: MAX_DEPTH, line, column });
    }
    let value: Value = serde_json::from_str(text).map_err(syntax_error)?;
    match value {
        Value::Object(_) => Ok(value),
        other => Err(BodyError::NotAnObject { found: json_kind(&other) }),
    }
}

/// The byte offset of the first `[`/`{` (outside strings) that opens level `max + 1`.
/// A linear scan with no recursion, so it is safe on any input, valid JSON or not.
fn first_too_deep(bytes: &[u8], max: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (offset, &b) in bytes.iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Some(offset);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// 1-based line and column (in bytes) of `offset`, as serde_json reports positions.
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    (line, offset - line_start + 1)
}

/// serde_json's message without the position suffix, which we keep as numbers.
fn syntax_error(e: serde_json::Error) -> BodyError {
    let (line, column) = (e.line(), e.column());
    let full = e.to_string();
    let suffix = format!(" at line {line} column {column}");
    let reason = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    BodyError::Syntax { reason, line, column }
}

/// The JSON type name, for "expected an object, found …" messages.
pub fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    /// `depth` nested arrays around an object, as bytes: `[[…{}…]]`.
    fn nested(depth: usize) -> Vec<u8> {
        let mut s = "[".repeat(depth);
        s.push_str(&"]".repeat(depth));
        s.into_bytes()
    }

    /// An object nesting `depth` levels in total: `{"a":{"a":…{}}}`.
    fn nested_object(depth: usize) -> Vec<u8> {
        let mut s = r#"{"a":"#.repeat(depth - 1);
        s.push_str("{}");
        s.push_str(&"}".repeat(depth - 1));
        s.into_bytes()
    }

    fn padded_object(len: usize) -> Vec<u8> {
        let mut s = String::from(r#"{"pad":""#);
        s.push_str(&"x".repeat(len - s.len() - 2));
        s.push_str("\"}");
        s.into_bytes()
    }

    #[test]
    fn accepts_objects_up_to_the_limits() {
        for body in [
            br#"{"userName":"bjensen"}"#.to_vec(),
            b" \n {\"a\": [1, {\"b\": null}]} \n".to_vec(),
            nested_object(MAX_DEPTH),
            padded_object(MAX_BODY_BYTES),
            // brackets inside strings are not nesting
            format!(r#"{{"s":"{}"}}"#, "[{".repeat(1000)).into_bytes(),
            br#"{"s":"quote \" then [[[ and \\"}"#.to_vec(),
        ] {
            let parsed = parse_body(&body);
            assert!(parsed.as_ref().is_ok_and(Value::is_object), "{parsed:?}");
        }
        assert_eq!(padded_object(MAX_BODY_BYTES).len(), MAX_BODY_BYTES);
    }

    #[test]
    fn refuses_each_bad_body_with_its_reason() {
        use BodyError::*;
        let too_large = TooLarge { size: MAX_BODY_BYTES + 1, max: MAX_BODY_BYTES };
        let cases: Vec<(&str, Vec<u8>, BodyError)> = vec![
            ("1 MiB + 1 byte", padded_object(MAX_BODY_BYTES + 1), too_large),
            ("empty", vec![], Empty),
            ("whitespace", b" \r\n\t".to_vec(), Empty),
            ("latin-1 byte", b"{\"a\":\"\xff\"}".to_vec(), InvalidUtf8 { offset: 6 }),
            ("65 deep", nested(65), TooDeep { max: 64, line: 1, column: 65 }),
            ("65 deep objects", nested_object(65), TooDeep { max: 64, line: 1, column: 321 }),
            ("128 deep", nested(128), TooDeep { max: 64, line: 1, column: 65 }),
            ("100k deep", nested(100_000), TooDeep { max: 64, line: 1, column: 65 }),
            (
                "deep on line 2",
                [b"{\"a\":\n".as_slice(), &nested(64)].concat(),
                TooDeep { max: 64, line: 2, column: 64 },
            ),
            ("array", b"[1,2]".to_vec(), NotAnObject { found: "an array" }),
            ("string", b"\"x\"".to_vec(), NotAnObject { found: "a string" }),
            ("null", b"null".to_vec(), NotAnObject { found: "null" }),
        ];
        for (name, body, want) in cases {
            assert_eq!(parse_body(&body), Err(want), "{name}");
        }
    }

    #[test]
    fn syntax_errors_say_where() {
        let cases: &[(&str, &[u8], usize, usize)] = &[
            ("truncated", b"{\"userName\": \"bjen", 1, 18),
            ("truncated object", b"{\"a\":1,\n\"b\":", 2, 4),
            ("trailing comma", b"{\"a\":1,}", 1, 8),
            ("bare word", b"{\"a\": yes}", 1, 7),
            ("two values", b"{} {}", 1, 4),
        ];
        for &(name, body, line, column) in cases {
            match parse_body(body) {
                Err(BodyError::Syntax { line: l, column: c, reason }) => {
                    assert_eq!((l, c), (line, column), "{name}: {reason}");
                    assert!(!reason.contains(" at line "), "{name}: {reason}");
                }
                other => panic!("{name}: {other:?}"),
            }
        }
    }

    #[test]
    fn maps_to_the_rfc_status_and_scim_type() {
        use crate::{ScimError, ScimType};
        let too_large: ScimError = BodyError::TooLarge { size: 2, max: 1 }.into();
        assert_eq!((too_large.status, too_large.scim_type), (413, None));
        for e in [BodyError::Empty, BodyError::InvalidUtf8 { offset: 0 }, BodyError::NotAnObject { found: "null" }] {
            let mapped: ScimError = e.clone().into();
            assert_eq!((mapped.status, mapped.scim_type), (400, Some(ScimType::InvalidSyntax)), "{e:?}");
            assert_eq!(mapped.detail, e.to_string());
        }
    }
}
