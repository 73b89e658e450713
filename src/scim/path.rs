//! Attribute paths (RFC 7644 §3.10): `[urn ":"] name ["." subAttr]`.
//!
//! Shared by filters, PATCH paths, `attributes`/`excludedAttributes` and `sortBy`.
//! Parsing lives with the filter lexer; this is the value and its display.

use std::fmt;

/// A parsed attribute path. Names keep the client's spelling; comparisons are
/// case-insensitive (RFC 7643 §2.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrPath {
    /// The schema URN prefix, e.g. `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`.
    pub urn: Option<String>,
    pub name: String,
    pub sub: Option<String>,
}

impl AttrPath {
    pub fn new(name: impl Into<String>) -> Self {
        AttrPath { urn: None, name: name.into(), sub: None }
    }

    pub fn with_sub(name: impl Into<String>, sub: impl Into<String>) -> Self {
        AttrPath { urn: None, name: name.into(), sub: Some(sub.into()) }
    }

    /// Whether `self` names `name` (case-insensitively), ignoring URN and sub-attribute.
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

impl fmt::Display for AttrPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(urn) = &self.urn {
            write!(f, "{urn}:")?;
        }
        f.write_str(&self.name)?;
        if let Some(sub) = &self.sub {
            write!(f, ".{sub}")?;
        }
        Ok(())
    }
}
