//! Running a task: each [`Task`] becomes a small state machine over the store as it is
//! now ([`Facts`], loaded by the drain) that says which Jira call it wants next.
//!
//! Effects are data. The drain calls [`step`] with the outcome of the last call (`None`
//! the first time); the answer is a [`Step`]: make this call and come back with its
//! outcome, or stop (done, parked, failed). The drain handles retries and look-ups
//! (`Outcome::Retry`, `Outcome::LookUp`) itself, so a machine sees only answers. When the
//! machine stops, or the drain gives up on the attempt, [`TaskState::into_effects`] says
//! what to store: links, groups found by name, and follow-up work. Every attempt starts
//! afresh from new facts, so progress lives in the store, never in the queue item.

mod customers;
mod groups;
mod members;
mod renames;
mod targets;
mod unmap;
mod users;

pub use customers::{desk_decision, DeskDecision};

use super::links::{GroupLink, UserLink};
use crate::connection::Connection;
use crate::jira::{GroupRef, JiraOp, Outcome};
use crate::outbox::Task;
use serde_json::Value;
use std::collections::BTreeMap;

/// What a task wants next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Make this Jira call and pass its outcome to the next [`step`].
    Call(JiraOp),
    /// Finished: Jira is as the store says (the text says what was done).
    Done(String),
    /// Nothing to do until something else happens (the user gets linked, …); the work
    /// that follows then is queued by whatever makes it happen. Leaves the queue.
    Park(String),
    /// It can't be done as things are (Jira refused, a mapped group is missing): the
    /// item goes to the dead letters for the admin.
    Fail(String),
}

/// A user as the store has it now: its SCIM resource (`None` once deleted) and link.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserSide {
    pub id: String,
    pub resource: Option<Value>,
    pub link: UserLink,
}

/// A group as the store has it now.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupSide {
    pub id: String,
    pub resource: Option<Value>,
    pub link: GroupLink,
}

impl GroupSide {
    /// The group's IdP name: from the record, or the link's memory of it once deleted.
    pub fn name(&self) -> Option<String> {
        self.resource.as_ref().and_then(super::attrs::group_name).or_else(|| self.link.idp_name.clone())
    }
}

/// What a task needs to know of the store, read just before it runs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub user: UserSide,
    pub group: GroupSide,
    /// Whether the task's user is a member of the task's group now.
    pub is_member: bool,
    /// The user's groups now, other than the task's group (with their links).
    pub other_groups: Vec<GroupSide>,
    /// Jira groups found by name before, by lowercase name.
    pub known: BTreeMap<String, GroupRef>,
}

/// Work that follows from a task, resolved against the store by the drain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowUp {
    /// The user was just linked: its group memberships (User Sync) or desk access
    /// (Customer Sync) now apply.
    UserGroups {
        user: String,
    },
    /// The group was just linked (or renamed): its members go in. In Customer Sync,
    /// `desks` are the desks whose access its members' may have changed.
    GroupMembers {
        group: String,
        desks: Vec<String>,
    },
    /// User Sync: the group was renamed from `from`, and the names map to different Jira
    /// groups: each member's mapped groups move (`Task::RenameMember`).
    Renamed {
        group: String,
        from: String,
    },
    Tasks(Vec<Task>),
}

/// What to store after an attempt.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Effects {
    /// The user's link, when it changed.
    pub user_link: Option<(String, UserLink)>,
    pub group_link: Option<(String, GroupLink)>,
    /// Jira groups found by name, to remember.
    pub found: Vec<GroupRef>,
    /// Names whose remembered group turned out to be gone.
    pub forget: Vec<String>,
    pub follow: Vec<FollowUp>,
}

/// What a machine works with: the connection, the facts, and its changes to the links.
pub(crate) struct Ctx {
    pub conn: Connection,
    pub facts: Facts,
    pub user_link: UserLink,
    pub group_link: GroupLink,
    pub found: Vec<GroupRef>,
    pub forget: Vec<String>,
    pub follow: Vec<FollowUp>,
}

impl Ctx {
    fn user_resource(&self) -> Option<&Value> {
        self.facts.user.resource.as_ref()
    }

    /// A Jira group found by name: remembered for this attempt and for later ones.
    fn remember(&mut self, group: &GroupRef) {
        self.facts.known.insert(group.name.to_lowercase(), group.clone());
        self.found.push(group.clone());
    }
}

enum Machine {
    SyncUser(users::SyncUser),
    DeleteUser(users::DeleteUser),
    SyncGroup(groups::SyncGroup),
    DeleteGroup(groups::DeleteGroup),
    Member(members::Membership),
    Renamed(renames::RenameMember),
    Unmap(unmap::Unmap),
    SyncCustomer(customers::SyncCustomer),
    Desk(customers::Desk),
}

/// A task being run: its machine and context.
pub struct TaskState {
    machine: Machine,
    cx: Ctx,
}

impl TaskState {
    /// Starts `task` over `facts` (read for this task, this attempt).
    pub fn new(conn: Connection, task: &Task, facts: Facts) -> TaskState {
        let machine = match task {
            Task::SyncUser { .. } => Machine::SyncUser(users::SyncUser::default()),
            Task::DeleteUser { account_id, .. } => Machine::DeleteUser(users::DeleteUser::new(account_id.clone())),
            Task::SyncGroup { .. } => Machine::SyncGroup(groups::SyncGroup::default()),
            Task::DeleteGroup { jira_group_id, .. } => {
                Machine::DeleteGroup(groups::DeleteGroup::new(jira_group_id.clone()))
            }
            Task::AddMember { .. } => Machine::Member(members::Membership::adding()),
            Task::RemoveMember { account_id, mapped, .. } => {
                Machine::Member(members::Membership::removing(account_id.clone(), mapped.clone()))
            }
            Task::RenameMember { from, .. } => Machine::Renamed(renames::RenameMember::new(from.clone())),
            Task::Unmap { jira_groups, .. } => Machine::Unmap(unmap::Unmap::new(jira_groups.clone())),
            Task::SyncCustomer { .. } => Machine::SyncCustomer(customers::SyncCustomer::default()),
            Task::DeskAccess { desk, .. } => Machine::Desk(customers::Desk::new(desk.clone())),
        };
        let cx = Ctx {
            conn,
            user_link: facts.user.link.clone(),
            group_link: facts.group.link.clone(),
            facts,
            found: Vec::new(),
            forget: Vec::new(),
            follow: Vec::new(),
        };
        TaskState { machine, cx }
    }

    /// What to store: call it once the machine stopped or the attempt was given up.
    pub fn into_effects(self) -> Effects {
        let Ctx { facts, user_link, group_link, found, forget, follow, .. } = self.cx;
        Effects {
            user_link: (user_link != facts.user.link).then(|| (facts.user.id.clone(), user_link)),
            group_link: (group_link != facts.group.link).then(|| (facts.group.id.clone(), group_link)),
            found,
            forget,
            follow,
        }
    }
}

/// Advances the task: pass `None` first, then the outcome of each call it asked for.
/// Never pass `Outcome::Retry` or `Outcome::LookUp`: the drain deals with those.
pub fn step(state: &mut TaskState, last: Option<Outcome>) -> Step {
    let cx = &mut state.cx;
    match &mut state.machine {
        Machine::SyncUser(m) => m.step(cx, last),
        Machine::DeleteUser(m) => m.step(cx, last),
        Machine::SyncGroup(m) => m.step(cx, last),
        Machine::DeleteGroup(m) => m.step(cx, last),
        Machine::Member(m) => m.step(cx, last),
        Machine::Renamed(m) => m.step(cx, last),
        Machine::Unmap(m) => m.step(cx, last),
        Machine::SyncCustomer(m) => m.step(cx, last),
        Machine::Desk(m) => m.step(cx, last),
    }
}

/// The step for an answer a machine did not expect at this point.
fn unexpected(waiting_for: &str, last: Option<Outcome>) -> Step {
    match last {
        Some(Outcome::Failed(failure)) => {
            Step::Fail(format!("{waiting_for}: Jira answered {}: {}", failure.status, failure.message))
        }
        other => Step::Fail(format!("{waiting_for}: unexpected answer {other:?}")),
    }
}
