//! Reading what a task needs from the store, just before it runs, and turning follow-up
//! work into tasks. The only IO of the sync half besides the drain's Jira calls.

use super::attrs;
use super::links;
use super::machine::{Facts, FollowUp, GroupSide, UserSide};
use super::store_view as view;
use crate::connection::{Connection, Deactivation, SyncMode};
use crate::host::Host;
use crate::outbox::Task;
use crate::store::StoreError;

/// The facts for `task`: the sides it touches, the membership, the user's other groups
/// where a decision depends on them, and Jira groups remembered by name.
pub async fn load<H: Host>(host: &H, conn: &Connection, task: &Task) -> Result<Facts, StoreError> {
    let c = conn.id.as_str();
    let mut facts = Facts::default();
    let mut names: Vec<String> = Vec::new();
    match task {
        Task::SyncUser { user, .. } | Task::DeleteUser { user, .. } | Task::SyncCustomer { user, .. } => {
            facts.user = user_side(host, c, user).await?;
            if conn.policies.deactivation == Deactivation::RemoveProductAccess && conn.mode == SyncMode::User {
                names = attrs::access_groups(&conn.policies);
            }
        }
        Task::DeskAccess { user, .. } => {
            facts.user = user_side(host, c, user).await?;
            facts.other_groups = groups_of(host, c, user, None).await?;
        }
        Task::SyncGroup { group, .. } | Task::DeleteGroup { group, .. } => {
            facts.group = group_side(host, c, group).await?;
        }
        Task::AddMember { group, user, .. } | Task::RemoveMember { group, user, .. } => {
            facts.user = user_side(host, c, user).await?;
            facts.group = group_side(host, c, group).await?;
            facts.is_member = view::is_member(host, c, group, user).await?;
            if matches!(task, Task::RemoveMember { .. }) {
                facts.other_groups = groups_of(host, c, user, Some(group)).await?;
            }
            names = facts.group.name().map(|n| attrs::mapped_jira_groups(conn, &n)).unwrap_or_default();
        }
        Task::RenameMember { group, user, from, .. } => {
            facts.user = user_side(host, c, user).await?;
            facts.group = group_side(host, c, group).await?;
            facts.is_member = view::is_member(host, c, group, user).await?;
            facts.other_groups = groups_of(host, c, user, Some(group)).await?;
            names = attrs::mapped_jira_groups(conn, from);
            names.extend(facts.group.name().map(|n| attrs::mapped_jira_groups(conn, &n)).unwrap_or_default());
        }
        Task::Unmap { group, user, jira_groups, .. } => {
            facts.user = user_side(host, c, user).await?;
            facts.group = group_side(host, c, group).await?;
            facts.is_member = view::is_member(host, c, group, user).await?;
            facts.other_groups = groups_of(host, c, user, Some(group)).await?;
            names = jira_groups.clone();
        }
    }
    for name in names {
        if let Some(group) = links::known_group(host, c, &name).await? {
            facts.known.insert(name.to_lowercase(), group);
        }
    }
    Ok(facts)
}

async fn user_side<H: Host>(host: &H, conn: &str, user: &str) -> Result<UserSide, StoreError> {
    Ok(UserSide {
        id: user.to_string(),
        resource: view::user(host, conn, user).await?,
        link: links::user_link(host, conn, user).await?,
    })
}

async fn group_side<H: Host>(host: &H, conn: &str, group: &str) -> Result<GroupSide, StoreError> {
    Ok(GroupSide {
        id: group.to_string(),
        resource: view::group(host, conn, group).await?,
        link: links::group_link(host, conn, group).await?,
    })
}

/// The user's groups now, except `except`.
async fn groups_of<H: Host>(
    host: &H,
    conn: &str,
    user: &str,
    except: Option<&str>,
) -> Result<Vec<GroupSide>, StoreError> {
    let mut out = Vec::new();
    for group in view::groups_of(host, conn, user).await? {
        if Some(group.as_str()) != except {
            out.push(group_side(host, conn, &group).await?);
        }
    }
    Ok(out)
}

/// The tasks a follow-up stands for, from the store as it is now.
pub async fn expand<H: Host>(host: &H, conn: &Connection, follow: &FollowUp) -> Result<Vec<Task>, StoreError> {
    let c = &conn.id;
    Ok(match follow {
        FollowUp::Tasks(tasks) => tasks.clone(),
        FollowUp::UserGroups { user } => {
            let groups = view::groups_of(host, c, user).await?;
            match conn.mode {
                SyncMode::User => groups
                    .into_iter()
                    .map(|group| Task::AddMember { conn: c.clone(), group, user: user.clone() })
                    .collect(),
                SyncMode::Customer => {
                    let mut desks = Vec::new();
                    for group in groups {
                        if let Some(name) = group_side(host, c, &group).await?.name() {
                            desks.extend(attrs::mapped_desks(conn, &name));
                        }
                    }
                    desks.sort();
                    desks.dedup();
                    let grant = true;
                    desks
                        .into_iter()
                        .map(|desk| Task::DeskAccess { conn: c.clone(), user: user.clone(), desk, grant })
                        .collect()
                }
            }
        }
        FollowUp::Renamed { group, from } => view::members(host, c, group)
            .await?
            .into_iter()
            .map(|user| Task::RenameMember { conn: c.clone(), group: group.clone(), user, from: from.clone() })
            .collect(),
        FollowUp::GroupMembers { group, desks } => {
            let members = view::members(host, c, group).await?;
            match conn.mode {
                SyncMode::User => members
                    .into_iter()
                    .map(|user| Task::AddMember { conn: c.clone(), group: group.clone(), user })
                    .collect(),
                SyncMode::Customer => members
                    .iter()
                    .flat_map(|user| {
                        desks.iter().map(|desk| Task::DeskAccess {
                            conn: c.clone(),
                            user: user.clone(),
                            desk: desk.clone(),
                            grant: true,
                        })
                    })
                    .collect(),
            }
        }
    })
}
