//! Bulk in the 1.1 dialect (SCIM 1.1 protocol §3.5, draft-scim-api-01): the same
//! request and response as RFC 7644 §3.7, except that both name the one 1.1 core URN as
//! their schema and an operation's `status` is an object, `{"code": "201"}`, which on an
//! error carries the `description` too (2.0 puts a string there and the error body under
//! `response`). The operations' `data` are 1.1 resources, translated like any 1.1 body by
//! the handlers they reach.

use serde_json::{json, Value};

use crate::error::ScimError;

/// The `schemas` of a 1.1 Bulk request and of its response.
pub const BULK_URN: &str = super::V1_CORE_URN;

/// An operation's 1.1 `status`: `{"code": "201"}`, or `{"code": "409", "description": …}`.
pub fn op_status(status: u16, error: Option<&ScimError>) -> Value {
    match error {
        Some(e) => json!({"code": e.status.to_string(), "description": e.detail}),
        None => json!({"code": status.to_string()}),
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn status_objects_follow_the_1_1_examples() {
        // SCIM 1.1 protocol §3.5: `"status": {"code": "201"}` on success and
        // `{"code": "400", "description": "…"}` on failure.
        let cases = [
            (201, None, json!({"code": "201"})),
            (204, None, json!({"code": "204"})),
            (
                409,
                Some(ScimError::status(409, "userName taken")),
                json!({"code": "409", "description": "userName taken"}),
            ),
        ];
        for (status, error, want) in cases {
            assert_eq!(op_status(status, error.as_ref()), want);
        }
    }
}
