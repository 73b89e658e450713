//! Reading Jira's error bodies, and the errors of reading its success bodies.
//!
//! Three shapes come back: the platform's `{"errorMessages":[…],"errors":{field:msg}}`,
//! JSM's `{"errorMessage":"…"}`, and the admin API's `{"errors":[{"title","detail"}]}`
//! (older gateways send `{"message":"…"}`). [`error_message`] turns any of them, or a
//! non-JSON body, into one readable line.

use serde_json::Value;

/// The longest message kept from an error body; the rest is cut.
const MAX_MESSAGE_CHARS: usize = 500;

/// Why a 2xx body could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResponseError {
    /// The body is not JSON, e.g. an HTML page from a proxy.
    #[error("{op}: expected a JSON body, found {found:?}")]
    NotJson { op: &'static str, found: String },
    /// The JSON lacks a field the operation needs, e.g. `accountId` after creating a user.
    #[error("{op}: expected {expected} in the response, found {found}")]
    Missing { op: &'static str, expected: &'static str, found: String },
}

impl ResponseError {
    /// A `Missing` error whose `found` is a short rendering of the JSON that came back.
    pub(crate) fn missing(op: &'static str, expected: &'static str, found: &Value) -> Self {
        ResponseError::Missing { op, expected, found: clip(&found.to_string(), 120) }
    }
}

/// Parses a 2xx body as JSON.
pub(crate) fn json_body(op: &'static str, body: &str) -> Result<Value, ResponseError> {
    serde_json::from_str(body).map_err(|_| ResponseError::NotJson { op, found: clip(body, 80) })
}

/// One readable line from an error response: every message Jira gave, joined with `; `,
/// else the body's text, else `HTTP <status>`.
pub fn error_message(status: u16, body: &str) -> String {
    let messages = match serde_json::from_str::<Value>(body) {
        Ok(json) => messages_in(&json),
        Err(_) => plain_text(body).into_iter().collect(),
    };
    if messages.is_empty() {
        format!("HTTP {status}")
    } else {
        clip(&messages.join("; "), MAX_MESSAGE_CHARS)
    }
}

fn messages_in(json: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let text = |v: &Value| v.as_str().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    if let Some(list) = json.get("errorMessages").and_then(Value::as_array) {
        out.extend(list.iter().filter_map(text));
    }
    match json.get("errors") {
        Some(Value::Object(fields)) => {
            out.extend(fields.iter().filter_map(|(field, msg)| text(msg).map(|m| format!("{field}: {m}"))));
        }
        Some(Value::Array(items)) => out.extend(items.iter().filter_map(admin_error)),
        _ => {}
    }
    for key in ["errorMessage", "message", "detail"] {
        out.extend(json.get(key).and_then(text));
    }
    out
}

/// `{"title":"Not Found","detail":"User not found","code":"ADMIN-404"}` as `Not Found: User not found`.
fn admin_error(item: &Value) -> Option<String> {
    let field = |k: &str| item.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    match (field("title"), field("detail")) {
        (Some(title), Some(detail)) => Some(format!("{title}: {detail}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_string()),
        (None, None) => field("code").map(str::to_string),
    }
}

/// A non-JSON body worth showing: short text, not an HTML page.
fn plain_text(body: &str) -> Option<String> {
    let trimmed = body.trim();
    if trimmed.is_empty() || trimmed.starts_with('<') {
        return None;
    }
    Some(clip(trimmed, 200))
}

fn clip(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn error_message_table() {
        let cases = [
            (
                404,
                r#"{"errorMessages":["Specified user does not exist or you do not have required permissions"],"errors":{}}"#,
                "Specified user does not exist or you do not have required permissions",
            ),
            (
                400,
                r#"{"errorMessages":[],"errors":{"name":"A group with this name already exists."}}"#,
                "name: A group with this name already exists.",
            ),
            (400, r#"{"errorMessages":["One","Two"],"errors":{"products":"Unknown"}}"#, "One; Two; products: Unknown"),
            (
                400,
                r#"{"errorMessage":"An account already exists for this email","i18nErrorMessage":{"i18nKey":"k","parameters":[]}}"#,
                "An account already exists for this email",
            ),
            (
                404,
                r#"{"errors":[{"id":"x","status":"404","code":"ADMIN-UAM-404-1","title":"Unknown Resource","detail":"User not found"}]}"#,
                "Unknown Resource: User not found",
            ),
            (401, r#"{"code":401,"message":"Unauthorized"}"#, "Unauthorized"),
            (502, "<html><body>Bad gateway</body></html>", "HTTP 502"),
            (500, "", "HTTP 500"),
            (503, "upstream connect error", "upstream connect error"),
            (400, r#"{"errorMessages":["  "],"errors":{"x":1}}"#, "HTTP 400"),
            (400, "[1,2]", "HTTP 400"),
        ];
        for (status, body, expected) in cases {
            assert_eq!(error_message(status, body), expected, "{body}");
        }
    }

    #[test]
    fn long_messages_are_cut() {
        let body = format!(r#"{{"errorMessages":["{}"]}}"#, "é".repeat(900));
        let msg = error_message(400, &body);
        assert_eq!(msg.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert!(msg.ends_with('…'));
    }

    #[test]
    fn json_body_says_what_it_found() {
        assert!(json_body("op", "{}").is_ok());
        let err = json_body("createUser", "<html>");
        assert_eq!(err, Err(ResponseError::NotJson { op: "createUser", found: "<html>".into() }));
    }
}
