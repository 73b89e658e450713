//! The one place the SCIM handlers meet the sync half: planning a write's Jira work,
//! queueing it with the write, and draining the queue afterwards.
//!
//! Until `crate::sync` lands, planning here is a stand-in with the same signatures as
//! `sync::plan_user` / `sync::plan_group` (create, change, delete → one task each;
//! membership → one task per member) and draining does nothing; swapping in the real
//! functions changes no handler.

use serde_json::Value;

use crate::connection::{Connection, SyncMode};
use crate::error::ScimError;
use crate::host::Host;
use crate::outbox::{self, Task};
use crate::scim::changes::ChangeSet;

/// The tasks a user write implies (`before`/`after`: the 2.0 resources, `None` when it
/// did not exist / was deleted).
pub fn plan_user(before: Option<&Value>, after: Option<&Value>, user: &str, conn: &Connection) -> Vec<Task> {
    let (c, u) = (conn.id.clone(), user.to_string());
    match (before, after, conn.mode) {
        (_, Some(_), SyncMode::User) => vec![Task::SyncUser { conn: c, user: u }],
        (_, Some(_), SyncMode::Customer) => vec![Task::SyncCustomer { conn: c, user: u }],
        (Some(_), None, _) => vec![Task::DeleteUser { conn: c, user: u, account_id: None }],
        (None, None, _) => Vec::new(),
    }
}

/// The tasks a group write implies, membership changes included.
pub fn plan_group(before: Option<&Value>, after: Option<&Value>, changes: &ChangeSet, group: &str, conn: &Connection) -> Vec<Task> {
    let (c, g) = (conn.id.clone(), group.to_string());
    let renamed = changes.attributes.iter().any(|a| a.eq_ignore_ascii_case("displayName"));
    let mut tasks = match (before, after) {
        (None, Some(_)) => vec![Task::SyncGroup { conn: c.clone(), group: g.clone() }],
        (Some(_), Some(_)) if renamed => vec![Task::SyncGroup { conn: c.clone(), group: g.clone() }],
        (Some(_), None) => vec![Task::DeleteGroup { conn: c.clone(), group: g.clone(), jira_group_id: None }],
        _ => Vec::new(),
    };
    for user in &changes.members_added {
        tasks.push(Task::AddMember { conn: c.clone(), group: g.clone(), user: user.clone() });
    }
    for user in &changes.members_removed {
        tasks.push(Task::RemoveMember { conn: c.clone(), group: g.clone(), user: user.clone(), account_id: None });
    }
    tasks
}

/// Queues `tasks` for the write named `write_key` (`u:{id}@{version}`). Call it before
/// storing the write's new state (see `outbox::enqueue` for why that order converges).
pub async fn enqueue<H: Host>(host: &H, tasks: &[Task], write_key: &str, origin: &str) -> Result<(), ScimError> {
    if tasks.is_empty() {
        return Ok(());
    }
    outbox::enqueue(host, tasks, write_key, Some(origin))
        .await
        .map_err(|e| ScimError::status(503, format!("could not queue the Jira work for this change: {e}")))?;
    Ok(())
}

/// Runs queued work for up to `budget_ms` after a write. A no-op until the sync's drain lands.
pub async fn drain<H: Host>(_host: &H, _budget_ms: u64) {}

/// The Jira calls `tasks` would make, for a dry run: the tasks themselves until the sync
/// can preview calls (which need the current links and find-before-create lookups).
pub fn preview(tasks: &[Task]) -> Vec<Value> {
    tasks.iter().filter_map(|t| serde_json::to_value(t).ok()).collect()
}
