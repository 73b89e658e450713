//! PATCH (RFC 7644 §3.5.2): parse the `PatchOp` request, apply its operations in order
//! to a resource, and report what changed.
//!
//! STUB: the PATCH work replaces the bodies below; the types are the contract.

use serde_json::Value;

use super::changes::ChangeSet;
use super::filter::PatchPath;
use super::schema::ResourceType;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpKind {
    Add,
    Remove,
    Replace,
}

/// One operation of a PATCH request.
#[derive(Debug, Clone, PartialEq)]
pub struct PatchOp {
    pub op: OpKind,
    pub path: Option<PatchPath>,
    pub value: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PatchError {
    #[error("PATCH is not implemented yet")]
    Unimplemented,
}

/// Parses a `urn:ietf:params:scim:api:messages:2.0:PatchOp` body.
pub fn parse_request(_body: &Value) -> Result<Vec<PatchOp>, PatchError> {
    Err(PatchError::Unimplemented)
}

/// Applies `ops` to `resource` in order; all or nothing.
pub fn apply(_resource: &Value, _ops: &[PatchOp], _rt: &ResourceType) -> Result<(Value, ChangeSet), PatchError> {
    Err(PatchError::Unimplemented)
}
