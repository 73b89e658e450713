//! When the admin changes the group mappings, the members of the IdP groups whose mapped
//! Jira groups (or desks) changed are brought in line: their tasks are queued here; what
//! each does is decided when it runs (`sync::remap`, `Task::Unmap`).

use super::AdminError;
use crate::connection::Connection;
use crate::host::{Host, LogLevel};
use crate::outbox;
use crate::store::{self, members};
use crate::sync::attrs;
use crate::sync::remap::Change;

/// Queues the tasks for a change from `old`'s mappings to `new`'s; how many were stored.
///
/// Call it BEFORE saving `new`, as a SCIM write queues before storing its state:
/// - Saving first would lose the work to a crash in between, for good: the admin's retry
///   then finds the saved mappings equal to the "old" ones and queues nothing.
/// - Queued first, the tasks wait [`outbox::SETTLE_MS`] before any drain runs them (they
///   are queued unsettled, with no origin), so no drain runs them against the old
///   mappings before the save and throws them away as "nothing to do".
/// - If the save never happens (a crash), they run later under the old mappings and do
///   nothing wrong: `Unmap` keeps what the old mapping still grants, `AddMember` joins
///   groups the member already has, `DeskAccess` decides from the current memberships.
///   The admin's retry queues them again: same write key while they still wait (no
///   duplicates), new items once they ran.
///
/// The write key names the connection and the new mappings, so retrying the same update
/// stores nothing twice. The mappings are compared in the connection's new mode (a mode
/// switch with the mappings unchanged queues nothing here).
pub(super) async fn queue_remap<H: Host>(host: &H, old: &Connection, new: &Connection) -> Result<usize, AdminError> {
    let (before, after) = (&old.policies.group_mappings, &new.policies.group_mappings);
    if before == after {
        return Ok(0);
    }
    let mut tasks = Vec::new();
    for (group, record) in store::all_groups(host, &new.id).await? {
        let Some(name) = attrs::group_name(&record.resource) else { continue };
        let change = Change::of(old, new, &name);
        // Members are read only for the groups the change touches.
        if change.is_empty() {
            continue;
        }
        let users: Vec<String> = members::list(host, &new.id, &group).await?.into_iter().map(|(u, _)| u).collect();
        tasks.extend(change.tasks(&new.id, &group, &users));
    }
    if tasks.is_empty() {
        return Ok(0);
    }
    let mappings = serde_json::to_string(after).unwrap_or_default();
    let digest: String = crate::token::hash(&mappings).chars().take(16).collect();
    let write_key = format!("map:{}@{digest}", new.id);
    let queued = outbox::enqueue(host, &tasks, &write_key, None).await?;
    let event = serde_json::json!({"event": "admin.remap", "conn": new.id, "writeKey": write_key,
        "queued": queued.created, "duplicates": queued.duplicates});
    host.log(LogLevel::Info, &event.to_string());
    Ok(queued.created)
}
