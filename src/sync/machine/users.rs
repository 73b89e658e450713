//! User Sync: linking or creating a user's Jira account, deactivating and reactivating
//! it per policy, and what a SCIM DELETE does.
//!
//! A DELETE never deletes the Atlassian account. The account is an identity of the whole
//! organization (other sites and products may use it), deletion is irreversible once
//! Atlassian's grace period passes, and IdPs don't mean it that way either: Okta
//! deactivates and rarely deletes, and Entra deletes only after its soft-delete period,
//! when the user is already disabled. So a DELETE deactivates per the deactivation policy
//! (no call if the user is already deactivated) and keeps the link as a tombstone.

use super::targets::{GroupCalls, Target};
use super::{unexpected, Ctx, FollowUp, Step};
use crate::connection::Deactivation;
use crate::jira::{FailureKind, JiraData, JiraOp, JiraUser, Outcome};
use crate::sync::attrs;
use crate::sync::links::LinkStatus;

#[derive(Debug, Default)]
enum Phase {
    #[default]
    Start,
    Finding {
        email: String,
    },
    Creating {
        email: String,
    },
    Apply,
    Suspending {
        active: bool,
    },
    Access {
        active: bool,
        calls: GroupCalls,
    },
    Finished,
}

/// `SyncUser`: link by email, else create (Import Users), then apply `active`.
#[derive(Debug, Default)]
pub(super) struct SyncUser {
    phase: Phase,
}

impl SyncUser {
    pub fn step(&mut self, cx: &mut Ctx, mut last: Option<Outcome>) -> Step {
        loop {
            match std::mem::replace(&mut self.phase, Phase::Finished) {
                Phase::Start => {
                    let Some(resource) = cx.user_resource() else {
                        return Step::Done("the user no longer exists".into());
                    };
                    if cx.user_link.linked().is_some() {
                        self.phase = Phase::Apply;
                        continue;
                    }
                    let Some(email) = attrs::email(resource) else {
                        return park_unlinked(cx, "the user has no email to find a Jira account by".into());
                    };
                    self.phase = Phase::Finding { email: email.clone() };
                    return Step::Call(JiraOp::FindUserByEmail { email });
                }
                Phase::Finding { email } => match last.take() {
                    Some(Outcome::Done(JiraData::Users(found))) => match found.exact.as_slice() {
                        [account] => {
                            link_user(cx, account, None);
                            self.phase = Phase::Apply;
                        }
                        [] => return self.create(cx, email),
                        many => {
                            let why = format!("{} Jira accounts have the email {email}; link one by hand", many.len());
                            return park_unlinked(cx, why);
                        }
                    },
                    other => return unexpected("finding the account by email", other),
                },
                Phase::Creating { email } => match last.take() {
                    Some(Outcome::Done(JiraData::Account(account))) => {
                        link_user(cx, &account, Some(true));
                        self.phase = Phase::Apply;
                    }
                    Some(Outcome::Failed(f)) if f.kind == FailureKind::Rejected => {
                        return Step::Fail(format!("Jira refused to create an account for {email}: {}", f.message));
                    }
                    other => return unexpected("creating the account", other),
                },
                Phase::Apply => {
                    report_unchangeable(cx);
                    let active = cx.user_resource().is_some_and(attrs::active);
                    if cx.user_link.active.unwrap_or(true) == active {
                        return Step::Done("in sync".into());
                    }
                    let (phase, step) = start_access(cx, active);
                    self.phase = phase;
                    return step;
                }
                Phase::Suspending { active } => return finish_suspend(cx, active, last.take()),
                Phase::Access { active, mut calls } => match calls.next(cx, last.take()) {
                    Ok(Some(op)) => {
                        self.phase = Phase::Access { active, calls };
                        return Step::Call(op);
                    }
                    Ok(None) => return finish_access(cx, active, &calls),
                    Err(error) => return Step::Fail(error),
                },
                Phase::Finished => return Step::Fail("syncUser stepped after it finished".into()),
            }
        }
    }

    fn create(&mut self, cx: &mut Ctx, email: String) -> Step {
        let active = cx.user_resource().is_some_and(attrs::active);
        if !cx.conn.policies.import_users {
            return park_unlinked(cx, format!("no Jira account has the email {email}, and Import Users is off"));
        }
        if !active {
            return park_unlinked(cx, format!("no Jira account has the email {email}; inactive users are not created"));
        }
        let display_name = cx.user_resource().and_then(|r| attrs::display_name(r, cx.conn.policies.display_name));
        self.phase = Phase::Creating { email: email.clone() };
        Step::Call(JiraOp::CreateUser { email, display_name })
    }
}

/// Links the user to `account`. A newly linked user's group memberships apply now.
fn link_user(cx: &mut Ctx, account: &JiraUser, active: Option<bool>) {
    let link = &mut cx.user_link;
    link.account_id = Some(account.account_id.clone());
    link.status = LinkStatus::Linked;
    link.note = None;
    link.active = active.or(account.active);
    link.jira_email = account.email_address.clone().filter(|e| !e.is_empty());
    link.jira_name = account.display_name.clone();
    cx.follow.push(FollowUp::UserGroups { user: cx.facts.user.id.clone() });
}

fn park_unlinked(cx: &mut Ctx, why: String) -> Step {
    cx.user_link.status = LinkStatus::Unlinked;
    cx.user_link.note = Some(why.clone());
    Step::Park(why)
}

/// Records what the IdP changed that Jira can't follow: an Atlassian account's email and
/// name belong to its owner (or the org's managed-account admin), not to a site's API.
fn report_unchangeable(cx: &mut Ctx) {
    let Some(resource) = cx.facts.user.resource.as_ref() else { return };
    let link = &cx.user_link;
    let mut notes = Vec::new();
    if let (Some(idp), Some(jira)) = (attrs::email(resource), link.jira_email.as_deref()) {
        if !idp.eq_ignore_ascii_case(jira) {
            notes.push(format!("the IdP's email is {idp} but Jira keeps {jira}: Jira can't change an account's email"));
        }
    }
    if let (Some(idp), Some(jira)) =
        (attrs::display_name(resource, cx.conn.policies.display_name), link.jira_name.as_deref())
    {
        if idp != jira {
            notes.push(format!(
                "the IdP's name is {idp:?} but Jira shows {jira:?}: Jira can't change an account's name"
            ));
        }
    }
    cx.user_link.note = (!notes.is_empty()).then(|| notes.join("; "));
}

/// Starts making the account's access `active`, per policy: the phase to be in and the
/// step to return.
fn start_access(cx: &mut Ctx, active: bool) -> (Phase, Step) {
    let Some(account) = cx.user_link.account_id.clone() else {
        return (Phase::Finished, Step::Done("not linked".into()));
    };
    let verb = if active { "reactivated" } else { "deactivated" };
    match cx.conn.policies.deactivation {
        Deactivation::Suspend => {
            let op = if active {
                JiraOp::RestoreUser { account_id: account }
            } else {
                JiraOp::SuspendUser { account_id: account }
            };
            (Phase::Suspending { active }, Step::Call(op))
        }
        Deactivation::RemoveProductAccess => {
            let groups = attrs::access_groups(&cx.conn.policies);
            if groups.is_empty() {
                cx.user_link.active = Some(active);
                let note = format!("{verb} in the IdP; no product-access groups to change: the connection names none and grants no products");
                cx.user_link.note = Some(note.clone());
                return (Phase::Finished, Step::Done(note));
            }
            let targets = groups.into_iter().map(Target::Name).collect();
            let mut calls = GroupCalls::new(&account, active, targets);
            match calls.next(cx, None) {
                Ok(Some(op)) => (Phase::Access { active, calls }, Step::Call(op)),
                Ok(None) => (Phase::Finished, finish_access(cx, active, &calls)),
                Err(error) => (Phase::Finished, Step::Fail(error)),
            }
        }
        Deactivation::Nothing => {
            cx.user_link.active = Some(active);
            (Phase::Finished, Step::Done(format!("{verb} in the IdP; the deactivation policy leaves Jira as it is")))
        }
    }
}

fn finish_suspend(cx: &mut Ctx, active: bool, last: Option<Outcome>) -> Step {
    match last {
        Some(outcome) if outcome.is_success() => {
            cx.user_link.active = Some(active);
            Step::Done(if active { "restored".into() } else { "suspended".into() })
        }
        other => unexpected(if active { "restoring the account" } else { "suspending the account" }, other),
    }
}

fn finish_access(cx: &mut Ctx, active: bool, calls: &GroupCalls) -> Step {
    cx.user_link.active = Some(active);
    let verb = if active { "product access given back" } else { "product access removed" };
    if calls.missing.is_empty() {
        Step::Done(verb.into())
    } else {
        let note = format!("{verb}; no Jira group named {}", calls.missing.join(", "));
        cx.user_link.note = Some(note.clone());
        Step::Done(note)
    }
}

/// `DeleteUser`: deactivate per policy, keep the link as a tombstone.
#[derive(Debug)]
pub(super) struct DeleteUser {
    account_hint: Option<String>,
    phase: Phase,
}

impl DeleteUser {
    pub fn new(account_hint: Option<String>) -> DeleteUser {
        DeleteUser { account_hint, phase: Phase::Start }
    }

    pub fn step(&mut self, cx: &mut Ctx, last: Option<Outcome>) -> Step {
        match std::mem::replace(&mut self.phase, Phase::Finished) {
            Phase::Start => {
                if cx.user_link.account_id.is_none() {
                    cx.user_link.account_id = self.account_hint.clone();
                }
                cx.user_link.status = LinkStatus::Deleted;
                if cx.user_link.account_id.is_none() {
                    return Step::Done("deleted; it was never linked to a Jira account".into());
                }
                if cx.conn.mode == crate::connection::SyncMode::Customer {
                    return super::customers::revoke_all_desks(cx);
                }
                if cx.user_link.active == Some(false) {
                    return Step::Done("deleted; the account was already deactivated".into());
                }
                let (phase, step) = start_access(cx, false);
                self.phase = phase;
                step
            }
            Phase::Suspending { active } => finish_suspend(cx, active, last),
            Phase::Access { active, mut calls } => match calls.next(cx, last) {
                Ok(Some(op)) => {
                    self.phase = Phase::Access { active, calls };
                    Step::Call(op)
                }
                Ok(None) => finish_access(cx, active, &calls),
                Err(error) => Step::Fail(error),
            },
            _ => Step::Fail("deleteUser stepped after it finished".into()),
        }
    }
}
