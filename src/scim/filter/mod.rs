//! SCIM filters (RFC 7644 §3.4.2.2): lexing, parsing with the RFC's precedence,
//! display back to text, and evaluation against a resource.
//!
//! STUB: the filter work replaces the bodies below; the types are the contract.

use std::fmt;

use serde_json::Value;

use super::path::AttrPath;
use super::schema::ResourceType;

/// Comparison operators (case-insensitive on input, lower-case on display).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Co,
    Sw,
    Ew,
    Gt,
    Ge,
    Lt,
    Le,
}

/// A filter expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// `path op value`; `value` is a JSON string, number, boolean or null.
    Compare { path: AttrPath, op: CompareOp, value: Value },
    /// `path pr`
    Present(AttrPath),
    And(Box<Filter>, Box<Filter>),
    Or(Box<Filter>, Box<Filter>),
    Not(Box<Filter>),
    /// `path[filter]`: some element of the multi-valued `path` matches `filter`,
    /// whose paths are relative to the element.
    ValuePath { path: AttrPath, filter: Box<Filter> },
}

/// A PATCH `path` (RFC 7644 §3.5.2): `attrPath` or `valuePath ["." subAttr]`.
#[derive(Debug, Clone, PartialEq)]
pub struct PatchPath {
    pub attr: AttrPath,
    pub filter: Option<Filter>,
    /// The sub-attribute after a value filter: `emails[type eq "work"].value`.
    pub sub: Option<String>,
}

/// Why a filter or path did not parse.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FilterError {
    #[error("filter parsing is not implemented yet")]
    Unimplemented,
}

/// Parses a `filter=` expression.
pub fn parse(_input: &str) -> Result<Filter, FilterError> {
    Err(FilterError::Unimplemented)
}

/// Parses a bare attribute path (`attributes=`, `excludedAttributes=`, `sortBy=`).
pub fn parse_attr_path(_input: &str) -> Result<AttrPath, FilterError> {
    Err(FilterError::Unimplemented)
}

/// Parses a PATCH `path`.
pub fn parse_path(_input: &str) -> Result<PatchPath, FilterError> {
    Err(FilterError::Unimplemented)
}

/// Whether `resource` matches `filter`, with caseExact taken from `rt`'s schemas.
pub fn matches(_filter: &Filter, _resource: &Value, _rt: &ResourceType) -> bool {
    false
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}
