//! The one SCIM error type and the RFC 7644 §3.12 table, as data.
//!
//! Every per-operation error (`FilterError`, `PatchError`, `ValidationError`, …) converts
//! into [`ScimError`] here, in one place; the dialect modules render it (2.0 or 1.1).

use serde_json::{json, Value};

/// The `scimType` values of RFC 7644 §3.12 (Table 9), each with the HTTP status it goes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScimType {
    InvalidFilter,
    TooMany,
    Uniqueness,
    Mutability,
    InvalidSyntax,
    InvalidPath,
    NoTarget,
    InvalidValue,
    InvalidVers,
    Sensitive,
}

/// (scimType, wire name, status): the RFC's table, read by both directions of conversion.
const TABLE: &[(ScimType, &str, u16)] = &[
    (ScimType::InvalidFilter, "invalidFilter", 400),
    (ScimType::TooMany, "tooMany", 400),
    (ScimType::Uniqueness, "uniqueness", 409),
    (ScimType::Mutability, "mutability", 400),
    (ScimType::InvalidSyntax, "invalidSyntax", 400),
    (ScimType::InvalidPath, "invalidPath", 400),
    (ScimType::NoTarget, "noTarget", 400),
    (ScimType::InvalidValue, "invalidValue", 400),
    (ScimType::InvalidVers, "invalidVers", 400),
    (ScimType::Sensitive, "sensitive", 403),
];

impl ScimType {
    /// The keyword as it appears in an error body's `scimType`.
    pub fn as_str(self) -> &'static str {
        TABLE.iter().find(|row| row.0 == self).map_or("invalidValue", |row| row.1)
    }

    /// The HTTP status RFC 7644 §3.12 pairs with this keyword.
    pub fn status(self) -> u16 {
        TABLE.iter().find(|row| row.0 == self).map_or(400, |row| row.2)
    }

    /// Parses a wire keyword (case-sensitive, as the RFC spells them).
    pub fn parse(s: &str) -> Option<ScimType> {
        TABLE.iter().find(|row| row.1 == s).map(|row| row.0)
    }
}

/// A SCIM protocol error: what the client gets back as an error body.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{status} {}: {detail}", scim_type.map_or("-", ScimType::as_str))]
pub struct ScimError {
    pub status: u16,
    pub scim_type: Option<ScimType>,
    pub detail: String,
}

impl ScimError {
    /// An error whose status comes from the RFC table for `scim_type`.
    pub fn typed(scim_type: ScimType, detail: impl Into<String>) -> Self {
        ScimError { status: scim_type.status(), scim_type: Some(scim_type), detail: detail.into() }
    }

    /// An error with a status and no `scimType` (401, 404, 412, 413, 500, …).
    pub fn status(status: u16, detail: impl Into<String>) -> Self {
        ScimError { status, scim_type: None, detail: detail.into() }
    }

    pub fn not_found(what: impl std::fmt::Display) -> Self {
        Self::status(404, format!("Resource {what} not found"))
    }

    /// The RFC 7644 §3.12 body (`urn:ietf:params:scim:api:messages:2.0:Error`).
    pub fn to_v2_body(&self) -> Value {
        let mut body = json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
            "status": self.status.to_string(),
            "detail": self.detail,
        });
        if let (Some(t), Some(map)) = (self.scim_type, body.as_object_mut()) {
            map.insert("scimType".into(), Value::String(t.as_str().into()));
        }
        body
    }

    /// The SCIM 1.1 body (draft-scim-api-01 §3.9): `{"Errors":[{"description","code"}]}`.
    pub fn to_v1_body(&self) -> Value {
        json!({ "Errors": [{ "description": self.detail, "code": self.status.to_string() }] })
    }
}

/// A host failure seen by a SCIM client: 503 when trying again may work, else 500.
impl From<crate::host::HostError> for ScimError {
    fn from(error: crate::host::HostError) -> Self {
        let status = if error.is_transient() { 503 } else { 500 };
        ScimError::status(status, error.to_string())
    }
}

impl From<crate::scim::validate::ValidationError> for ScimError {
    /// Structure problems are `invalidSyntax`, a changed immutable value is `mutability`,
    /// everything else about values is `invalidValue` (RFC 7644 §3.12).
    fn from(e: crate::scim::validate::ValidationError) -> Self {
        use crate::scim::validate::ValidationError as V;
        let scim_type = match &e {
            V::NotAnObject { .. }
            | V::UndeclaredExtension { .. }
            | V::UnknownAttribute { .. }
            | V::DuplicateAttribute { .. } => ScimType::InvalidSyntax,
            V::Immutable { .. } => ScimType::Mutability,
            _ => ScimType::InvalidValue,
        };
        ScimError::typed(scim_type, e.to_string())
    }
}

impl From<crate::scim::body::BodyError> for ScimError {
    /// 413 for size (RFC 7644 §3.12 has no scimType for it); the rest are `invalidSyntax`.
    fn from(e: crate::scim::body::BodyError) -> Self {
        match e {
            crate::scim::body::BodyError::TooLarge { .. } => ScimError::status(413, e.to_string()),
            _ => ScimError::typed(ScimType::InvalidSyntax, e.to_string()),
        }
    }
}

impl From<crate::scim::list::QueryError> for ScimError {
    /// A bad filter is `invalidFilter`; a malformed request shape `invalidSyntax`; a bad
    /// parameter value `invalidValue`.
    fn from(e: crate::scim::list::QueryError) -> Self {
        use crate::scim::list::QueryError as Q;
        let scim_type = match e {
            Q::Filter { .. } => ScimType::InvalidFilter,
            Q::BothAttributeLists | Q::NotAnObject { .. } | Q::NotASearchRequest { .. } => ScimType::InvalidSyntax,
            Q::AttrPath { .. } | Q::NotAnInteger { .. } | Q::SortOrder { .. } | Q::WrongType { .. } => {
                ScimType::InvalidValue
            }
        };
        ScimError::typed(scim_type, e.to_string())
    }
}

impl From<crate::scim::list::ListError> for ScimError {
    fn from(e: crate::scim::list::ListError) -> Self {
        use crate::scim::list::ListError as L;
        let scim_type = match e {
            L::Filter(_) => ScimType::InvalidFilter,
            L::TooMany { .. } => ScimType::TooMany,
        };
        ScimError::typed(scim_type, e.to_string())
    }
}

/// Filter syntax and filter type errors are 400 invalidFilter (RFC 7644 §3.4.2.2). PATCH
/// paths reuse the filter parser but map its errors to invalidPath themselves.
impl From<crate::scim::filter::FilterError> for ScimError {
    fn from(err: crate::scim::filter::FilterError) -> Self {
        ScimError::typed(ScimType::InvalidFilter, err.to_string())
    }
}

impl From<crate::scim::v1::V1Error> for ScimError {
    fn from(e: crate::scim::v1::V1Error) -> Self {
        use crate::scim::v1::V1Error::*;
        let scim_type = match &e {
            NotAnObject { .. } | BadSchemas { .. } => ScimType::InvalidSyntax,
            BadMetaAttributes { .. } | BadAttrPath { .. } => ScimType::InvalidPath,
            UnknownOperation { .. } | NothingToMatch { .. } | ValueNotScalar { .. } => ScimType::InvalidValue,
        };
        ScimError::typed(scim_type, e.to_string())
    }
}

/// PATCH errors (RFC 7644 §3.5.2) to their §3.12 `scimType`.
impl From<crate::scim::patch::PatchError> for ScimError {
    fn from(e: crate::scim::patch::PatchError) -> Self {
        use crate::scim::patch::PatchError as P;
        let scim_type = match &e {
            P::NotPatchOp { .. } | P::UnknownOp { .. } => ScimType::InvalidSyntax,
            P::InvalidPath { .. } => ScimType::InvalidPath,
            P::MissingValue { .. } | P::InvalidValue { .. } => ScimType::InvalidValue,
            P::RemoveWithoutPath { .. } | P::NoMatch { .. } => ScimType::NoTarget,
            P::Mutability { .. } => ScimType::Mutability,
        };
        ScimError::typed(scim_type, e.to_string())
    }
}

/// Store failures: a record too large for a KV value is 413 (the client sent too much);
/// a host failure is 503 when it may pass, else 500; anything else is ours (500).
impl From<crate::store::StoreError> for ScimError {
    fn from(e: crate::store::StoreError) -> Self {
        use crate::store::StoreError as S;
        match e {
            S::Host(host) => host.into(),
            S::TooLarge { .. } => ScimError::status(413, e.to_string()),
            S::Corrupt { .. } | S::Random(_) => ScimError::status(500, e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn every_keyword_round_trips_with_its_status() {
        for &(t, name, status) in TABLE {
            assert_eq!(ScimType::parse(name), Some(t));
            assert_eq!(t.as_str(), name);
            assert_eq!(ScimError::typed(t, "x").status, status);
        }
        assert_eq!(ScimType::parse("InvalidFilter"), None);
    }

    #[test]
    fn v2_body_has_string_status_and_scim_type() {
        let body = ScimError::typed(ScimType::Uniqueness, "userName taken").to_v2_body();
        assert_eq!(body["status"], "409");
        assert_eq!(body["scimType"], "uniqueness");
        assert_eq!(body["schemas"][0], "urn:ietf:params:scim:api:messages:2.0:Error");
        let body = ScimError::not_found("User 1").to_v2_body();
        assert!(body.get("scimType").is_none());
        assert_eq!(body["status"], "404");
    }

    #[test]
    fn v1_body_uses_errors_array() {
        let body = ScimError::status(401, "bad token").to_v1_body();
        assert_eq!(body["Errors"][0]["code"], "401");
        assert_eq!(body["Errors"][0]["description"], "bad token");
    }
}
