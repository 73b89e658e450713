//! Customer Sync: a user becomes a JSM customer, and membership of an IdP group mapped to
//! a service desk is that desk's portal access.
//!
//! Desk access is decided when the task runs, from the store: a user has access to a desk
//! while active and in at least one IdP group mapped to it. So a grant and a revoke queued
//! in either order end where the IdP is, and deactivating a customer revokes every desk
//! (reactivating grants them back) without a separate record of what was granted.

use super::{unexpected, Ctx, FollowUp, Step};
use crate::jira::{JiraData, JiraOp, JiraUser, Outcome};
use crate::outbox::Task;
use crate::sync::attrs;
use crate::sync::links::LinkStatus;

#[derive(Debug, Default)]
enum Phase {
    #[default]
    Start,
    Creating {
        email: String,
    },
    Finished,
}

/// `SyncCustomer`: create the customer (a taken email is looked up instead), then follow
/// `active` through desk access.
#[derive(Debug, Default)]
pub(super) struct SyncCustomer {
    phase: Phase,
}

impl SyncCustomer {
    pub fn step(&mut self, cx: &mut Ctx, last: Option<Outcome>) -> Step {
        match std::mem::replace(&mut self.phase, Phase::Finished) {
            Phase::Start => {
                let Some(resource) = cx.facts.user.resource.as_ref() else {
                    return Step::Done("the user no longer exists".into());
                };
                if cx.user_link.linked().is_some() {
                    return apply_active(cx);
                }
                let Some(email) = attrs::email(resource) else {
                    cx.user_link.status = LinkStatus::Unlinked;
                    return Step::Park("the user has no email to make a customer with".into());
                };
                // The create comes first: JSM answers 409 for a taken email (the drain then
                // looks it up), so a lost response repeated makes no second customer.
                let display_name =
                    attrs::display_name(resource, cx.conn.policies.display_name).unwrap_or_else(|| email.clone());
                self.phase = Phase::Creating { email: email.clone() };
                Step::Call(JiraOp::CreateCustomer { email, display_name })
            }
            Phase::Creating { email } => {
                match last {
                    Some(Outcome::Done(JiraData::Account(account))) => {
                        link(cx, &account);
                        apply_active(cx)
                    }
                    Some(Outcome::Done(JiraData::Users(found))) => match found.exact.as_slice() {
                        [account] => {
                            link(cx, account);
                            apply_active(cx)
                        }
                        others => {
                            let why = match others.len() {
                            0 => format!("Jira says {email} has an account but won't show it (the account's privacy settings)"),
                            n => format!("{n} accounts have the email {email}; link one by hand"),
                        };
                            cx.user_link.status = LinkStatus::Unlinked;
                            cx.user_link.note = Some(why.clone());
                            Step::Park(why)
                        }
                    },
                    other => unexpected("creating the customer", other),
                }
            }
            Phase::Finished => Step::Fail("syncCustomer stepped after it finished".into()),
        }
    }
}

fn link(cx: &mut Ctx, account: &JiraUser) {
    cx.user_link.account_id = Some(account.account_id.clone());
    cx.user_link.status = LinkStatus::Linked;
    cx.user_link.note = None;
    cx.user_link.jira_email = account.email_address.clone().filter(|e| !e.is_empty());
    cx.user_link.jira_name = account.display_name.clone();
    // Desk access is granted below (`apply_active` sees `active` unset and queues it).
}

/// Deactivation is the desks: when `active` changed (or was never applied), queue desk
/// access for every desk the user's groups map to; each decides grant or revoke.
fn apply_active(cx: &mut Ctx) -> Step {
    let active = cx.facts.user.resource.as_ref().is_some_and(attrs::active);
    if cx.user_link.active == Some(active) {
        return Step::Done("in sync".into());
    }
    cx.user_link.active = Some(active);
    cx.follow.push(FollowUp::UserGroups { user: cx.facts.user.id.clone() });
    Step::Done(if active {
        "customer active; desk access queued".into()
    } else {
        "customer deactivated; desk access revokes queued".into()
    })
}

/// The deleted user loses every desk any mapping names.
pub(super) fn revoke_all_desks(cx: &mut Ctx) -> Step {
    let tasks: Vec<Task> = attrs::all_desks(&cx.conn)
        .into_iter()
        .map(|desk| Task::DeskAccess { conn: cx.conn.id.clone(), user: cx.facts.user.id.clone(), desk, grant: false })
        .collect();
    let count = tasks.len();
    if count > 0 {
        cx.follow.push(FollowUp::Tasks(tasks));
    }
    Step::Done(format!("deleted; access to {count} desk(s) revoked"))
}

/// What desk access should be now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskDecision {
    Grant {
        account_id: String,
    },
    Revoke {
        account_id: String,
    },
    /// Nothing to do (no customer account yet); the reason.
    Nothing(String),
}

/// Whether the task's user should have `desk` now: active, and in a group mapped to it.
/// The drain batches these by desk (one JSM call for many users).
pub fn desk_decision(conn: &crate::connection::Connection, facts: &super::Facts, desk: &str) -> DeskDecision {
    let Some(account_id) = facts.user.link.account_id.clone() else {
        return DeskDecision::Nothing("no customer account yet; access follows when there is one".into());
    };
    let active = facts.user.resource.as_ref().is_some_and(attrs::active);
    let groups = facts.other_groups.iter().chain(facts.is_member.then_some(&facts.group));
    let mapped = groups.filter_map(|g| g.name()).any(|n| attrs::mapped_desks(conn, &n).iter().any(|d| d == desk));
    if active && mapped {
        DeskDecision::Grant { account_id }
    } else {
        DeskDecision::Revoke { account_id }
    }
}

/// `DeskAccess` for one user and desk.
#[derive(Debug)]
pub(super) struct Desk {
    desk: String,
    asked: bool,
}

impl Desk {
    pub fn new(desk: String) -> Desk {
        Desk { desk, asked: false }
    }

    pub fn step(&mut self, cx: &mut Ctx, last: Option<Outcome>) -> Step {
        if self.asked {
            return match last {
                Some(outcome) if outcome.is_success() => Step::Done(format!("desk {} access applied", self.desk)),
                other => unexpected("changing desk access", other),
            };
        }
        self.asked = true;
        let service_desk_id = self.desk.clone();
        match desk_decision(&cx.conn, &cx.facts, &self.desk) {
            DeskDecision::Grant { account_id } => {
                Step::Call(JiraOp::AddCustomers { service_desk_id, account_ids: vec![account_id] })
            }
            DeskDecision::Revoke { account_id } => {
                Step::Call(JiraOp::RemoveCustomers { service_desk_id, account_ids: vec![account_id] })
            }
            DeskDecision::Nothing(why) => Step::Done(why),
        }
    }
}
