//! Memberships: putting a linked user into the group's Jira group and the Jira groups its
//! IdP group maps to, and taking it out again.
//!
//! Both directions first check the store: an add for someone no longer a member, or a
//! removal for someone who is one again, does nothing. So a retried add that overtakes a
//! later removal (or the reverse) still ends where the IdP is. A removal leaves the
//! mapped Jira groups that another of the user's groups still grants.

use super::targets::{GroupCalls, Target};
use super::{Ctx, FollowUp, Step};
use crate::connection::SyncMode;
use crate::jira::Outcome;
use crate::outbox::Task;
use crate::sync::attrs;

/// `AddMember` (`add`) or `RemoveMember`.
#[derive(Debug)]
pub(super) struct Membership {
    add: bool,
    account_hint: Option<String>,
    calls: Option<GroupCalls>,
}

impl Membership {
    pub fn new(add: bool, account_hint: Option<String>) -> Membership {
        Membership { add, account_hint, calls: None }
    }

    pub fn step(&mut self, cx: &mut Ctx, last: Option<Outcome>) -> Step {
        let mut calls = match self.calls.take() {
            Some(calls) => calls,
            None => match self.start(cx) {
                Ok(calls) => calls,
                Err(step) => return step,
            },
        };
        match calls.next(cx, last) {
            Ok(Some(op)) => {
                self.calls = Some(calls);
                Step::Call(op)
            }
            Ok(None) if self.add && !calls.missing.is_empty() => {
                Step::Fail(format!("mapped Jira group not found: {}", calls.missing.join(", ")))
            }
            Ok(None) => Step::Done(if self.add { "added".into() } else { "removed".into() }),
            Err(error) => Step::Fail(error),
        }
    }

    /// The calls to make, or the step when there are none.
    fn start(&self, cx: &mut Ctx) -> Result<GroupCalls, Step> {
        if cx.facts.is_member != self.add {
            return Err(Step::Done(if self.add { "no longer a member" } else { "a member again" }.into()));
        }
        let name = cx.facts.group.name();
        if cx.conn.mode == SyncMode::Customer {
            return Err(desk_follow_up(cx, name.as_deref(), self.add));
        }
        let account = if self.add {
            cx.user_link.linked().map(str::to_string)
        } else {
            cx.user_link.account_id.clone().or_else(|| self.account_hint.clone())
        };
        let Some(account) = account else {
            return Err(Step::Park("the user has no Jira account yet; its groups follow when it is linked".into()));
        };
        let targets = if self.add { add_targets(cx, name.as_deref()) } else { remove_targets(cx, name.as_deref()) };
        if targets.is_empty() {
            return Err(if self.add {
                Step::Park("the group has no Jira group yet and maps to none; members follow when it is linked".into())
            } else {
                Step::Done("no Jira group to leave".into())
            });
        }
        Ok(GroupCalls::new(&account, self.add, targets))
    }
}

/// The linked Jira group, then the mapped ones.
fn add_targets(cx: &Ctx, name: Option<&str>) -> Vec<Target> {
    let linked = cx.facts.group.link.linked().map(|id| Target::Id(id.to_string()));
    let mapped = name.map(|n| attrs::mapped_jira_groups(&cx.conn, n)).unwrap_or_default();
    linked.into_iter().chain(mapped.into_iter().map(Target::Name)).collect()
}

/// The same, less what the user's other groups still grant. The linked group is left
/// alone once the IdP group is deleted: the group delete policy decides its fate.
fn remove_targets(cx: &Ctx, name: Option<&str>) -> Vec<Target> {
    let others = &cx.facts.other_groups;
    let kept_ids: Vec<&str> = others.iter().filter_map(|g| g.link.linked()).collect();
    let kept_names = kept_names(cx);
    let group = &cx.facts.group;
    let linked = group.link.linked().filter(|id| group.resource.is_some() && !kept_ids.contains(id));
    let mapped = name.map(|n| attrs::mapped_jira_groups(&cx.conn, n)).unwrap_or_default();
    let mapped = mapped.into_iter().filter(|m| !kept_names.iter().any(|k| k.eq_ignore_ascii_case(m)));
    linked.map(|id| Target::Id(id.to_string())).into_iter().chain(mapped.map(Target::Name)).collect()
}

/// The Jira groups the user's other groups map to: a removal leaves them alone.
pub(super) fn kept_names(cx: &Ctx) -> Vec<String> {
    let others = &cx.facts.other_groups;
    others.iter().filter_map(|g| g.name()).flat_map(|n| attrs::mapped_jira_groups(&cx.conn, &n)).collect()
}

/// In Customer Sync a membership is desk access: queue it for each mapped desk.
fn desk_follow_up(cx: &mut Ctx, name: Option<&str>, grant: bool) -> Step {
    let desks = name.map(|n| attrs::mapped_desks(&cx.conn, n)).unwrap_or_default();
    let tasks: Vec<Task> = desks
        .into_iter()
        .map(|desk| Task::DeskAccess { conn: cx.conn.id.clone(), user: cx.facts.user.id.clone(), desk, grant })
        .collect();
    let count = tasks.len();
    if count > 0 {
        cx.follow.push(FollowUp::Tasks(tasks));
    }
    Step::Done(format!("customer sync: desk access queued for {count} desk(s)"))
}
