//! [`Task`]: one unit of Jira work the outbox keeps until it is done. A task names SCIM
//! resources, never Jira ids or payloads: the drain resolves it against the store as it is
//! when the task runs, so work planned before a user was linked still finds its account,
//! and a task run twice (a retry after a crash) does no more than run once.

use serde::{Deserialize, Serialize};

/// An intent, keyed by SCIM ids, resolved to Jira calls at drain time against the CURRENT
/// store, so a user linked later still gets its memberships, and a retry after a crash
/// converges. Stored as JSON with a `task` tag and camelCase fields.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "task", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Task {
    /// Link or create the account (per Import Users), apply `active` per the deactivation
    /// policy, and report what Jira can't change (email, name).
    SyncUser { conn: String, user: String },
    /// The IdP deleted the user: deactivate per policy (accounts are never deleted).
    DeleteUser { conn: String, user: String, account_id: Option<String> },
    /// Link or create the group (per Import Groups); rename per the rename policy.
    SyncGroup { conn: String, group: String },
    /// The IdP deleted the group: delete or keep the Jira group per policy.
    DeleteGroup { conn: String, group: String, jira_group_id: Option<String> },
    /// Put the user in the group's Jira group and its mapped Jira groups.
    AddMember { conn: String, group: String, user: String },
    /// Take the user out of the group's Jira group and the mapped groups no other
    /// membership still grants. `mapped` is what the group's name mapped to when the member
    /// left: those are left too, even if the admin unmapped them before the task ran (the
    /// remap then finds no member to move).
    RemoveMember {
        conn: String,
        group: String,
        user: String,
        account_id: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        mapped: Vec<String>,
    },
    /// The group was renamed from `from` and the two names map to different Jira groups:
    /// take the user out of those only `from` mapped to (that no other membership still
    /// grants), and into those only the new name maps to.
    RenameMember { conn: String, group: String, user: String, from: String },
    /// User Sync: the admin changed the group mappings and the group's name no longer maps
    /// to `jira_groups`: take the user out of those no membership of theirs still grants
    /// (under the policies when the task runs).
    Unmap { conn: String, group: String, user: String, jira_groups: Vec<String> },
    /// Customer Sync: find or create the JSM customer for the user.
    SyncCustomer { conn: String, user: String },
    /// Customer Sync: grant or revoke one service desk's portal access. `grant` is what the
    /// planner expected; the drain decides from the current memberships.
    DeskAccess { conn: String, user: String, desk: String, grant: bool },
}

/// Which resource a task works on: tasks with the same scope never run at the same time
/// (one lease per scope), and run in the order they were enqueued.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope<'a> {
    User(&'a str),
    Group(&'a str),
    Membership { group: &'a str, user: &'a str },
}

impl Task {
    /// The connection the task belongs to.
    pub fn conn(&self) -> &str {
        match self {
            Task::SyncUser { conn, .. }
            | Task::DeleteUser { conn, .. }
            | Task::SyncGroup { conn, .. }
            | Task::DeleteGroup { conn, .. }
            | Task::AddMember { conn, .. }
            | Task::RemoveMember { conn, .. }
            | Task::RenameMember { conn, .. }
            | Task::Unmap { conn, .. }
            | Task::SyncCustomer { conn, .. }
            | Task::DeskAccess { conn, .. } => conn,
        }
    }

    /// The task's name, as stored (`"syncUser"`).
    pub fn kind(&self) -> &'static str {
        match self {
            Task::SyncUser { .. } => "syncUser",
            Task::DeleteUser { .. } => "deleteUser",
            Task::SyncGroup { .. } => "syncGroup",
            Task::DeleteGroup { .. } => "deleteGroup",
            Task::AddMember { .. } => "addMember",
            Task::RemoveMember { .. } => "removeMember",
            Task::RenameMember { .. } => "renameMember",
            Task::Unmap { .. } => "unmap",
            Task::SyncCustomer { .. } => "syncCustomer",
            Task::DeskAccess { .. } => "deskAccess",
        }
    }

    /// The resource the task works on. Desk access is per user: it writes nothing a
    /// membership task reads, but it must not race the user's own sync.
    pub fn scope(&self) -> Scope<'_> {
        match self {
            Task::SyncUser { user, .. }
            | Task::DeleteUser { user, .. }
            | Task::SyncCustomer { user, .. }
            | Task::DeskAccess { user, .. } => Scope::User(user),
            Task::SyncGroup { group, .. } | Task::DeleteGroup { group, .. } => Scope::Group(group),
            Task::AddMember { group, user, .. }
            | Task::RemoveMember { group, user, .. }
            | Task::RenameMember { group, user, .. }
            | Task::Unmap { group, user, .. } => Scope::Membership { group, user },
        }
    }
}

impl Scope<'_> {
    /// The scope as a key segment: `u:{user}`, `g:{group}`, `m:{group}:{user}`.
    pub fn key(&self) -> String {
        match self {
            Scope::User(user) => format!("u:{user}"),
            Scope::Group(group) => format!("g:{group}"),
            Scope::Membership { group, user } => format!("m:{group}:{user}"),
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use serde_json::json;

    #[test]
    fn stored_form_is_tagged_camel_case_and_round_trips() {
        let cases = [
            (Task::SyncUser { conn: "c".into(), user: "u".into() }, json!({"task":"syncUser","conn":"c","user":"u"})),
            (
                Task::DeleteUser { conn: "c".into(), user: "u".into(), account_id: Some("a".into()) },
                json!({"task":"deleteUser","conn":"c","user":"u","accountId":"a"}),
            ),
            (
                Task::DeleteGroup { conn: "c".into(), group: "g".into(), jira_group_id: None },
                json!({"task":"deleteGroup","conn":"c","group":"g","jiraGroupId":null}),
            ),
            (
                Task::RenameMember { conn: "c".into(), group: "g".into(), user: "u".into(), from: "Sales".into() },
                json!({"task":"renameMember","conn":"c","group":"g","user":"u","from":"Sales"}),
            ),
            (
                Task::Unmap { conn: "c".into(), group: "g".into(), user: "u".into(), jira_groups: vec!["x".into()] },
                json!({"task":"unmap","conn":"c","group":"g","user":"u","jiraGroups":["x"]}),
            ),
            (
                Task::DeskAccess { conn: "c".into(), user: "u".into(), desk: "1".into(), grant: true },
                json!({"task":"deskAccess","conn":"c","user":"u","desk":"1","grant":true}),
            ),
        ];
        for (task, stored) in cases {
            assert_eq!(serde_json::to_value(&task).ok(), Some(stored.clone()), "{task:?}");
            assert_eq!(serde_json::from_value::<Task>(stored.clone()).ok(), Some(task.clone()));
            assert_eq!(task.conn(), "c");
            assert_eq!(stored["task"], task.kind());
        }
    }

    #[test]
    fn scopes_table() {
        let (c, u, g) = (String::from("c"), String::from("u1"), String::from("g1"));
        let cases = [
            (Task::SyncUser { conn: c.clone(), user: u.clone() }, "u:u1"),
            (Task::SyncCustomer { conn: c.clone(), user: u.clone() }, "u:u1"),
            (Task::DeskAccess { conn: c.clone(), user: u.clone(), desk: "9".into(), grant: false }, "u:u1"),
            (Task::SyncGroup { conn: c.clone(), group: g.clone() }, "g:g1"),
            (Task::AddMember { conn: c.clone(), group: g.clone(), user: u.clone() }, "m:g1:u1"),
            (
                Task::RemoveMember {
                    conn: c.clone(),
                    group: g.clone(),
                    user: u.clone(),
                    account_id: None,
                    mapped: vec![],
                },
                "m:g1:u1",
            ),
            (Task::RenameMember { conn: c.clone(), group: g.clone(), user: u.clone(), from: "Old".into() }, "m:g1:u1"),
            (Task::Unmap { conn: c, group: g, user: u, jira_groups: vec![] }, "m:g1:u1"),
        ];
        for (task, key) in cases {
            assert_eq!(task.scope().key(), key, "{task:?}");
        }
    }
}
