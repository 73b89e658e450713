//! The one place the SCIM handlers meet the sync half: planning a write's Jira work
//! (`sync::plan_*`), queueing it with the write (`outbox::enqueue`), draining after the
//! answer (`outbox::drain`), and previewing it for a dry run (`sync::preview`).

use serde_json::{json, Value};

use crate::connection::Connection;
use crate::error::ScimError;
use crate::host::{Host, LogLevel};
use crate::outbox::{self, DrainReport, StoreSites, Task};
use crate::scim::changes::ChangeSet;
use crate::sync;

/// The tasks a user write implies (`before`/`after`: the 2.0 resources, `None` when it
/// did not exist / was deleted).
pub fn plan_user(before: Option<&Value>, after: Option<&Value>, user: &str, conn: &Connection) -> Vec<Task> {
    sync::plan_user(before, after, user, conn)
}

/// The tasks a group write implies, membership changes included (on delete, pass the
/// former members as `members_removed`).
pub fn plan_group(
    before: Option<&Value>,
    after: Option<&Value>,
    changes: &ChangeSet,
    group: &str,
    conn: &Connection,
) -> Vec<Task> {
    sync::plan_group(before, after, changes, group, conn)
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

/// Runs queued work for up to `budget_ms` after a request whose audit id is `origin`
/// (its own items run at once; see `outbox::drain_after_write`). A failed drain is
/// logged, not answered: the SCIM write is done and the work stays queued.
pub async fn drain<H: Host>(host: &H, budget_ms: u64, origin: &str) -> Option<DrainReport> {
    let budget = i64::try_from(budget_ms).unwrap_or(i64::MAX);
    match outbox::drain_after_write(host, &StoreSites, budget, origin).await {
        Ok(report) => Some(report),
        Err(error) => {
            host.log(LogLevel::Warn, &json!({"event": "drain.failed", "error": error.to_string()}).to_string());
            None
        }
    }
}

/// For a dry run: the Jira calls `tasks` would make, stepped over `host` (the dry run's
/// overlay, so the write's own state is seen) with the answers a first sync usually gets.
pub async fn preview<H: Host>(host: &H, conn: &Connection, tasks: &[Task]) -> Result<sync::Preview, ScimError> {
    Ok(sync::preview(host, conn, tasks).await?)
}
