//! What the store keeps per user, group, member and name claim: the SCIM resource as
//! the IdP last wrote it (2.0 model) and a write counter.
//!
//! The Jira side (links, sync status) is the sync's, kept apart at `ln:` keys
//! (`outbox::keys`): the handlers rewrite records, the drain rewrites links, and neither
//! can lose the other's update to a read-modify-write race.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A user at `u:{conn}:{id}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserRecord {
    /// The SCIM 2.0 resource with `id` and `meta` (meta.location relative to the base URL).
    pub resource: Value,
    /// Bumped on every SCIM write; names the write for the outbox's idempotency keys.
    pub version: u64,
}

/// A group at `g:{conn}:{id}`. Members are kept apart, one key each (`gm:`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GroupRecord {
    /// The SCIM 2.0 resource without `members`.
    pub resource: Value,
    /// Bumped on every SCIM write, membership changes included (they change the ETag).
    pub version: u64,
}

/// One member of a group at `gm:{conn}:{group}:{member}`: what the IdP said about it
/// besides its id, so a GET returns what was written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MemberEntry {
    /// `User` or `Group` (RFC 7643 §4.2); absent when the IdP didn't say.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

/// A create-only name claim (`ix:…:un:` / `ix:…:dn:`): which record holds the name, and
/// since when, so a claim left by a crash between claiming and storing can be taken over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    /// Milliseconds since the epoch when the claim was made.
    pub at: i64,
    /// A copy of the record, written in the same transaction as the record itself, so a
    /// lookup by name is one read. Absent while the create that made the claim is in flight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<Value>,
}

/// The records that carry a SCIM resource, for code that reads either kind.
pub trait HasResource {
    fn resource(&self) -> &Value;
}

impl HasResource for UserRecord {
    fn resource(&self) -> &Value {
        &self.resource
    }
}

impl HasResource for GroupRecord {
    fn resource(&self) -> &Value {
        &self.resource
    }
}
