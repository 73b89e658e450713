//! Planning: from a SCIM write (the resource before and after, and for groups the members
//! that came and went) to the [`Task`]s it implies. Pure, and conservative about work: a
//! write that changes nothing Jira holds plans nothing, so it makes no Jira call.
//!
//! Tasks name resources, not Jira calls; the drain decides the calls from the store as it
//! is then (see `outbox::task`). So planning needs no Jira state and no link.

use super::attrs;
use crate::connection::{Connection, SyncMode};
use crate::outbox::Task;
use crate::scim::changes::ChangeSet;
use serde_json::Value;

/// Tasks for a user write. `before`/`after` are the SCIM 2.0 resources (`None`: it did
/// not exist / was deleted), `user` its id.
///
/// - create → `SyncUser` (`SyncCustomer` in Customer Sync);
/// - a change to what Jira holds or is matched by (active, email, userName, the display
///   name per policy) → the same task; anything else (title, phone, …) → nothing;
/// - delete → `DeleteUser`: the account is deactivated per policy, never deleted (see
///   `sync::machine::users`).
pub fn plan_user(before: Option<&Value>, after: Option<&Value>, user: &str, conn: &Connection) -> Vec<Task> {
    let (conn_id, user) = (conn.id.clone(), user.to_string());
    let sync = || match conn.mode {
        SyncMode::User => Task::SyncUser { conn: conn_id.clone(), user: user.clone() },
        SyncMode::Customer => Task::SyncCustomer { conn: conn_id.clone(), user: user.clone() },
    };
    match (before, after) {
        (None, Some(_)) => vec![sync()],
        (Some(old), Some(new)) if jira_relevant_change(old, new, conn) => vec![sync()],
        (Some(_), None) => vec![Task::DeleteUser { conn: conn_id.clone(), user, account_id: None }],
        _ => Vec::new(),
    }
}

/// Whether anything Jira holds (or that finds the account) differs between two versions.
fn jira_relevant_change(old: &Value, new: &Value, conn: &Connection) -> bool {
    let source = conn.policies.display_name;
    attrs::active(old) != attrs::active(new)
        || attrs::email(old) != attrs::email(new)
        || attrs::display_name(old, source) != attrs::display_name(new, source)
}

/// Tasks for a group write: create → `SyncGroup`; a new displayName → `SyncGroup` (the
/// rename policy applies when it runs); delete → `DeleteGroup`; plus
/// [`plan_membership`] for `changes.members_added`/`members_removed`. On delete, pass the
/// former members as `members_removed`, so mapped Jira groups and desks are revoked.
pub fn plan_group(
    before: Option<&Value>,
    after: Option<&Value>,
    changes: &ChangeSet,
    group: &str,
    conn: &Connection,
) -> Vec<Task> {
    let (conn_id, group_id) = (conn.id.clone(), group.to_string());
    let mut tasks = match (before, after) {
        (None, Some(_)) => vec![Task::SyncGroup { conn: conn_id, group: group_id }],
        (Some(old), Some(new)) if attrs::group_name(old) != attrs::group_name(new) => {
            vec![Task::SyncGroup { conn: conn_id, group: group_id }]
        }
        (Some(_), None) => vec![Task::DeleteGroup { conn: conn_id, group: group_id, jira_group_id: None }],
        _ => Vec::new(),
    };
    // The name mappings are looked up by is the one the group has (or had, if deleted).
    if let Some(resource) = after.or(before) {
        tasks.extend(plan_membership(resource, changes, group, conn));
    }
    tasks
}

/// Tasks for members added to or removed from the group `resource` (its id `group`).
/// User Sync: `AddMember`/`RemoveMember` (the drain adds to the linked Jira group and the
/// mapped ones). Customer Sync: `DeskAccess` for each service desk the group maps to, and
/// nothing for a group with no desk mapped.
pub fn plan_membership(resource: &Value, changes: &ChangeSet, group: &str, conn: &Connection) -> Vec<Task> {
    let conn_id = &conn.id;
    match conn.mode {
        SyncMode::User => {
            let adds = changes.members_added.iter().map(|user| Task::AddMember {
                conn: conn_id.clone(),
                group: group.to_string(),
                user: user.clone(),
            });
            let mapped =
                attrs::group_name(resource).map(|name| attrs::mapped_jira_groups(conn, &name)).unwrap_or_default();
            let removes = changes.members_removed.iter().map(|user| Task::RemoveMember {
                conn: conn_id.clone(),
                group: group.to_string(),
                user: user.clone(),
                account_id: None,
                mapped: mapped.clone(),
            });
            adds.chain(removes).collect()
        }
        SyncMode::Customer => {
            let desks = attrs::group_name(resource).map(|name| attrs::mapped_desks(conn, &name)).unwrap_or_default();
            let access = |users: &[String], grant: bool| {
                let mut out = Vec::new();
                for user in users {
                    for desk in &desks {
                        out.push(Task::DeskAccess {
                            conn: conn_id.clone(),
                            user: user.clone(),
                            desk: desk.clone(),
                            grant,
                        });
                    }
                }
                out
            };
            let mut tasks = access(&changes.members_added, true);
            tasks.extend(access(&changes.members_removed, false));
            tasks
        }
    }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
