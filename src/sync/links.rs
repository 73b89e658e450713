//! The Jira side of each user and group: which account or group it is linked to, what
//! the sync last made true there, and what a person should know. Kept at `ln:` keys that
//! only the drain writes (see `outbox::keys` for why they are apart from the records).

use crate::host::{Host, HostError};
use crate::jira::GroupRef;
use crate::outbox::{keys, to_json};
use serde::{Deserialize, Serialize};

/// Where a user or group stands with Jira.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LinkStatus {
    /// Not synced yet.
    #[default]
    Pending,
    /// Linked to a Jira account or group.
    Linked,
    /// No Jira counterpart, on purpose or for now; `note` says why.
    Unlinked,
    /// The IdP deleted it; what was done in Jira is in `note`. Kept so later removals
    /// still know the account and the group's name.
    Deleted,
}

/// A user's link at `ln:{conn}:u:{user}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserLink {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    pub status: LinkStatus,
    /// What Jira could not do or change: "Jira keeps the account's email …".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Whether the account has access, as the sync last made it (`None`: never changed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// The account's email and display name as Jira reported them when linked, to report
    /// IdP changes Jira can't follow.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jira_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jira_name: Option<String>,
}

/// A group's link at `ln:{conn}:g:{group}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GroupLink {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// The Jira group's name (the old one under the keep-old-name rename policy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The IdP's displayName when last synced: mappings are by name, and removals after
    /// the group is deleted still need it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idp_name: Option<String>,
    pub status: LinkStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A Jira group replaced by a rename (Recreate policy), to delete once members moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retired: Option<String>,
}

impl UserLink {
    pub fn linked(&self) -> Option<&str> {
        self.account_id.as_deref().filter(|_| self.status != LinkStatus::Deleted)
    }
}

impl GroupLink {
    pub fn linked(&self) -> Option<&str> {
        self.group_id.as_deref().filter(|_| self.status == LinkStatus::Linked)
    }
}

/// An unreadable link reads as no link: the next sync finds the account again.
fn parse<T: Default + for<'de> Deserialize<'de>>(raw: Option<String>) -> T {
    raw.and_then(|r| serde_json::from_str(&r).ok()).unwrap_or_default()
}

pub async fn user_link<H: Host>(host: &H, conn: &str, user: &str) -> Result<UserLink, HostError> {
    Ok(parse(host.get(&keys::user_link(conn, user)).await?))
}

pub async fn save_user_link<H: Host>(host: &H, conn: &str, user: &str, link: &UserLink) -> Result<(), HostError> {
    host.set(&keys::user_link(conn, user), &to_json(link)).await
}

pub async fn group_link<H: Host>(host: &H, conn: &str, group: &str) -> Result<GroupLink, HostError> {
    Ok(parse(host.get(&keys::group_link(conn, group)).await?))
}

pub async fn save_group_link<H: Host>(host: &H, conn: &str, group: &str, link: &GroupLink) -> Result<(), HostError> {
    host.set(&keys::group_link(conn, group), &to_json(link)).await
}

/// A Jira group found by name earlier, if any.
pub async fn known_group<H: Host>(host: &H, conn: &str, name: &str) -> Result<Option<GroupRef>, HostError> {
    Ok(host.get(&keys::jira_group_name(conn, name)).await?.and_then(|r| serde_json::from_str(&r).ok()))
}

pub async fn save_known_group<H: Host>(host: &H, conn: &str, group: &GroupRef) -> Result<(), HostError> {
    host.set(&keys::jira_group_name(conn, &group.name), &to_json(group)).await
}

/// Forgets a Jira group found by name (it turned out to be gone).
pub async fn forget_known_group<H: Host>(host: &H, conn: &str, name: &str) -> Result<(), HostError> {
    host.delete(&keys::jira_group_name(conn, name)).await
}
