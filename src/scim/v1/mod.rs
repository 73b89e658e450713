//! The SCIM 1.1 dialect (draft-scim-core-schema-01, draft-scim-api-01), as spoken by
//! Okta's SCIM 1.1 apps: a translation layer over the one 2.0 model. Requests are turned
//! into 2.0 shapes on the way in and responses back into 1.1 shapes on the way out.
//!
//! What differs between the dialects, and where it is handled:
//! - schema URNs and the extension container key: [`resource`] (`to_v2`, `from_v2`);
//! - `manager.managerId` (1.1) vs `manager.value` (2.0): the [`SUB_RENAMES`] table;
//! - attribute names in filters, `attributes=` and `sortBy` (1.1 URN prefixes): [`paths`];
//! - PATCH as a partial resource with `meta.attributes` and `"operation": "delete"`: [`patch`];
//! - list responses: [`list`]; `/ServiceProviderConfigs`: [`discovery`];
//! - Bulk's URN and per-operation `status` object: [`bulk`];
//! - errors: `ScimError::to_v1_body` (in `crate::error`), not repeated here.

pub mod bulk;
pub mod discovery;
pub mod list;
pub mod patch;
pub mod paths;
pub mod resource;

pub use discovery::{service_provider_config_to_v1, service_provider_configs};
pub use list::list_to_v1;
pub use patch::patch_to_ops;
pub use paths::{attr_path_to_v2, filter_to_v2};
pub use resource::{from_v2, to_v2};

use super::schema::ResourceType;
use super::schemas::ENTERPRISE_USER_URN;

/// The 1.1 core schema: one URN for Users, Groups and the protocol messages alike.
pub const V1_CORE_URN: &str = "urn:scim:schemas:core:1.0";
/// The 1.1 enterprise User extension.
pub const V1_ENTERPRISE_URN: &str = "urn:scim:schemas:extension:enterprise:1.0";

/// Sub-attributes renamed between the dialects: (2.0 extension URN, attribute, 1.1 name,
/// 2.0 name). draft-scim-core-schema-01 §7 calls the manager's id `managerId`;
/// RFC 7643 §4.3 calls it `value` (and adds `$ref`).
pub const SUB_RENAMES: &[(&str, &str, &str, &str)] = &[(ENTERPRISE_USER_URN, "manager", "managerId", "value")];

/// The 2.0 URN a 1.1 URN stands for in `rt`: the core URN names `rt`'s own schema
/// (1.1 has one core URN for every resource type). `None` for URNs with no 2.0 twin.
pub fn urn_to_v2(v1: &str, rt: &ResourceType) -> Option<&'static str> {
    if v1.eq_ignore_ascii_case(V1_CORE_URN) {
        Some(rt.schema.id)
    } else if v1.eq_ignore_ascii_case(V1_ENTERPRISE_URN) {
        Some(ENTERPRISE_USER_URN)
    } else {
        None
    }
}

/// The 1.1 URN for a 2.0 URN: every 2.0 core resource schema maps to the one 1.1 core URN.
pub fn urn_from_v2(v2: &str) -> Option<&'static str> {
    let is_core = super::schemas::RESOURCE_TYPES.iter().any(|rt| rt.schema.id.eq_ignore_ascii_case(v2));
    if is_core {
        Some(V1_CORE_URN)
    } else if v2.eq_ignore_ascii_case(ENTERPRISE_USER_URN) {
        Some(V1_ENTERPRISE_URN)
    } else {
        None
    }
}

/// The 2.0 name of sub-attribute `sub` of `attr` in the schema `urn` (the name itself
/// when the dialects agree).
pub fn sub_to_v2<'a>(urn: Option<&str>, attr: &str, sub: &'a str) -> &'a str {
    renames(urn, attr).find(|row| row.2.eq_ignore_ascii_case(sub)).map_or(sub, |row| row.3)
}

/// The 1.1 name of a 2.0 sub-attribute (the inverse of [`sub_to_v2`]).
pub fn sub_from_v2<'a>(urn: Option<&str>, attr: &str, sub: &'a str) -> &'a str {
    renames(urn, attr).find(|row| row.3.eq_ignore_ascii_case(sub)).map_or(sub, |row| row.2)
}

fn renames<'t>(
    urn: Option<&'t str>,
    attr: &'t str,
) -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str, &'static str)> + 't {
    SUB_RENAMES
        .iter()
        .filter(move |row| urn.is_some_and(|u| row.0.eq_ignore_ascii_case(u)) && row.1.eq_ignore_ascii_case(attr))
}

/// Why a SCIM 1.1 request could not be translated to the 2.0 model.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum V1Error {
    /// The body (or a part that must be an object) is another JSON type, e.g. `[]` as a body.
    #[error("expected {what} to be a JSON object, found {found}")]
    NotAnObject { what: String, found: &'static str },
    /// `schemas` is not an array of strings, e.g. `"schemas": "urn:scim:schemas:core:1.0"`.
    #[error("expected `schemas` to be an array of URN strings, found {found}")]
    BadSchemas { found: String },
    /// `meta.attributes` is not an array of attribute names, e.g. `"attributes": "members"`.
    #[error("expected `meta.attributes` to be an array of attribute names, found {found}")]
    BadMetaAttributes { found: String },
    /// An attribute name that is not `[urn:]name[.subAttr]`, e.g. `"name..givenName"`.
    #[error("expected an attribute name like `name.givenName`, found {found:?}: {reason}")]
    BadAttrPath { found: String, reason: &'static str },
    /// A multi-valued element's `operation` is not `delete`, the only one 1.1 defines,
    /// e.g. `{"value": "x", "operation": "add"}`.
    #[error("expected `operation` of a `{attribute}` value to be \"delete\", found {found}")]
    UnknownOperation { attribute: String, found: String },
    /// A `delete` element with nothing to identify the value, e.g. `{"operation": "delete"}`.
    #[error("a value of `{attribute}` marked \"operation\": \"delete\" has no sub-attribute to match it by")]
    NothingToMatch { attribute: String },
    /// A `value` sub-attribute that is an object or array, so it cannot be matched.
    #[error("expected `{attribute}.value` to be a string, number or boolean, found {found}")]
    ValueNotScalar { attribute: String, found: &'static str },
}

/// The JSON type name of `v`, for error messages.
pub(crate) fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod e2e_tests;
