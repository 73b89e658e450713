//! Reconcile: compare what the store says Jira should hold with what Jira holds (accounts
//! and their state or product access, members of linked and mapped Jira groups, desk
//! customers) and report the drift; [`repair`] queues the tasks that fix it. The admin API
//! exposes both.
//!
//! Reading Jira is the cost: one call per linked user (its groups come with it), one per
//! 50 members of each linked group, one look-up and one per 50 members of each other
//! mapped Jira group that should hold someone, one per 50 customers of each mapped desk.
//! A check stops at its time budget or at the first rate limit and says so
//! (`complete: false`); run it again later.

mod check;

pub use check::reconcile;

use crate::host::Host;
use crate::outbox::{self, OutboxError, Task};
use crate::sync::links;
use serde::{Deserialize, Serialize};

/// One difference between the store and Jira.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Drift {
    /// The user has no Jira account linked (`note` says why, if the sync knows).
    UserUnlinked { user: String, note: Option<String> },
    /// The linked account no longer exists in Jira.
    AccountMissing { user: String, account_id: String },
    /// Jira's `active` differs from the IdP's (checked under the suspend policy).
    AccountActive { user: String, account_id: String, idp_active: bool, jira_active: bool },
    /// Under the remove-product-access policy: deactivated in the IdP, yet still in these
    /// product-access groups, so still able to use the products.
    AccessKept { user: String, account_id: String, jira_groups: Vec<String> },
    /// The group has no Jira group linked (User Sync).
    GroupUnlinked { group: String, note: Option<String> },
    /// The linked Jira group no longer exists.
    GroupMissing { group: String, group_id: String },
    /// An IdP member with an account is not in the Jira group (`jira_group` names it).
    MemberMissing { group: String, jira_group: String, user: String, account_id: String },
    /// The Jira group has an account the IdP group doesn't (`user` if it is one of ours).
    MemberExtra { group: String, jira_group: String, account_id: String, user: Option<String> },
    /// A user who should have portal access to a desk doesn't.
    CustomerMissing { desk: String, user: String, account_id: String },
    /// A desk customer linked to one of our users who should not have access.
    CustomerExtra { desk: String, account_id: String, user: String },
}

/// What a check found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DriftReport {
    pub conn: String,
    pub users_checked: usize,
    pub groups_checked: usize,
    /// User Sync: the Jira groups the group mappings name that were read.
    #[serde(default)]
    pub mapped_groups_checked: usize,
    pub desks_checked: usize,
    pub jira_calls: usize,
    pub drift: Vec<Drift>,
    /// False when the check stopped early; `stopped` says why.
    pub complete: bool,
    pub stopped: Option<String>,
}

/// Why a check could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReconcileError {
    /// No connection with this id.
    #[error("no connection {0:?}")]
    NoConnection(String),
    /// The connection has no usable Jira site.
    #[error("connection {conn:?} has no usable Jira site: {why}")]
    NoSite { conn: String, why: String },
    /// The store failed.
    #[error(transparent)]
    Outbox(#[from] OutboxError),
}

impl From<crate::store::StoreError> for ReconcileError {
    fn from(error: crate::store::StoreError) -> Self {
        ReconcileError::Outbox(error.into())
    }
}

impl From<crate::host::HostError> for ReconcileError {
    fn from(error: crate::host::HostError) -> Self {
        ReconcileError::Outbox(error.into())
    }
}

/// Queues the tasks that fix `report`'s drift, first correcting links that say something
/// Jira contradicts (a vanished account or group, an account whose state changed behind
/// our back), so the tasks don't take the stale link for the truth. Returns how many
/// tasks were queued. Drift the store can't name (an extra member who is not one of our
/// users) is left for a person.
pub async fn repair<H: Host>(host: &H, report: &DriftReport) -> Result<usize, ReconcileError> {
    let conn = report.conn.as_str();
    let mut tasks = Vec::new();
    for drift in &report.drift {
        let c = conn.to_string();
        match drift {
            Drift::UserUnlinked { user, .. } => tasks.push(sync_user(host, conn, user).await?),
            Drift::AccountMissing { user, .. } => {
                links::save_user_link(host, conn, user, &links::UserLink::default()).await?;
                tasks.push(sync_user(host, conn, user).await?);
            }
            Drift::AccountActive { user, jira_active, .. } => {
                let mut link = links::user_link(host, conn, user).await?;
                link.active = Some(*jira_active);
                links::save_user_link(host, conn, user, &link).await?;
                tasks.push(sync_user(host, conn, user).await?);
            }
            // The link says "deactivated"; Jira says otherwise: say so, and the sync takes
            // the access away again.
            Drift::AccessKept { user, .. } => {
                let mut link = links::user_link(host, conn, user).await?;
                link.active = Some(true);
                links::save_user_link(host, conn, user, &link).await?;
                tasks.push(sync_user(host, conn, user).await?);
            }
            Drift::GroupUnlinked { group, .. } => tasks.push(Task::SyncGroup { conn: c, group: group.clone() }),
            Drift::GroupMissing { group, .. } => {
                let mut link = links::group_link(host, conn, group).await?;
                (link.group_id, link.name, link.status) = (None, None, links::LinkStatus::Pending);
                links::save_group_link(host, conn, group, &link).await?;
                tasks.push(Task::SyncGroup { conn: c, group: group.clone() });
            }
            Drift::MemberMissing { group, user, .. } => {
                tasks.push(Task::AddMember { conn: c, group: group.clone(), user: user.clone() })
            }
            Drift::MemberExtra { group, user: Some(user), account_id, .. } => tasks.push(Task::RemoveMember {
                conn: c,
                group: group.clone(),
                user: user.clone(),
                account_id: Some(account_id.clone()),
                mapped: Vec::new(),
            }),
            Drift::MemberExtra { user: None, .. } => {}
            Drift::CustomerMissing { desk, user, .. } | Drift::CustomerExtra { desk, user, .. } => {
                tasks.push(Task::DeskAccess {
                    conn: c,
                    user: user.clone(),
                    desk: desk.clone(),
                    grant: matches!(drift, Drift::CustomerMissing { .. }),
                })
            }
        }
    }
    let write_key = format!("repair@{}", host.now());
    let queued = outbox::enqueue_settled(host, &tasks, &write_key, None).await?;
    Ok(queued.created)
}

async fn sync_user<H: Host>(host: &H, conn: &str, user: &str) -> Result<Task, ReconcileError> {
    let mode = crate::store::connections::load(host, conn).await?.map(|c| c.mode).unwrap_or_default();
    Ok(match mode {
        crate::connection::SyncMode::User => Task::SyncUser { conn: conn.into(), user: user.into() },
        crate::connection::SyncMode::Customer => Task::SyncCustomer { conn: conn.into(), user: user.into() },
    })
}
