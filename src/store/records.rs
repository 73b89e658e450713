//! What the store keeps per user, group, member and name claim: the SCIM resource as
//! the IdP last wrote it (2.0 model) and the Jira side of it (link and sync status).
//!
//! The sync engine reads these and updates only `jira` (through `store::save_*`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Where a record stands with Jira.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SyncStatus {
    /// Work is queued and not yet done.
    #[default]
    Pending,
    /// Jira matches the SCIM state.
    Synced,
    /// No Jira counterpart, on purpose (import off and none found); `note` says why.
    Unlinked,
    /// Synced as far as Jira allows; `note` says what Jira could not change.
    Partial,
    /// Gave up after retries; the dead letter holds the details.
    Failed,
}

/// The Jira counterpart of a user or group. Which ids apply depends on the kind: a user
/// has `account_id` (and in Customer Sync `customer_account_id`), a group `group_id` and
/// `name` (the Jira group's name, which stays old under the keep-old-name rename policy).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JiraLink {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_account_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub status: SyncStatus,
    /// What a person should know: "Jira can't change an Atlassian account's email", …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A user at `u:{conn}:{id}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserRecord {
    /// The SCIM 2.0 resource with `id` and `meta` (meta.location relative to the base URL).
    pub resource: Value,
    pub jira: JiraLink,
    /// Bumped on every SCIM write, so the sync can tell a record changed under it.
    pub version: u64,
}

/// A group at `g:{conn}:{id}`. Members are kept apart, one key each (`gm:`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GroupRecord {
    /// The SCIM 2.0 resource without `members`.
    pub resource: Value,
    /// How many `gm:` keys the group has, as of its last write (concurrent member writes
    /// may leave it off by a few until the next one; listing members is the truth).
    pub member_count: u64,
    pub jira: JiraLink,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    /// Milliseconds since the epoch when the claim was made.
    pub at: i64,
}
