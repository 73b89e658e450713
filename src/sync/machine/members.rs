//! Memberships: putting a linked user into the group's Jira group and the Jira groups its
//! IdP group maps to, and taking it out again.
//!
//! Both directions first check the store: an add for someone no longer a member, or a
//! removal for someone who is one again, does nothing. So a retried add that overtakes a
//! later removal (or the reverse) still ends where the IdP is. A removal leaves the
//! mapped Jira groups that another of the user's groups still grants.

use super::targets::{CallSeq, GroupCalls, Target};
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
    /// A removal's Jira groups mapped when it was planned (see `Task::RemoveMember`).
    was_mapped: Vec<String>,
    calls: CallSeq,
}

impl Membership {
    pub fn adding() -> Membership {
        Membership { add: true, account_hint: None, was_mapped: Vec::new(), calls: CallSeq::default() }
    }

    pub fn removing(account_hint: Option<String>, was_mapped: Vec<String>) -> Membership {
        Membership { add: false, account_hint, was_mapped, calls: CallSeq::default() }
    }

    pub fn step(&mut self, cx: &mut Ctx, last: Option<Outcome>) -> Step {
        if !self.calls.started() {
            match self.start(cx) {
                Ok(calls) => self.calls.begin([calls]),
                Err(step) => return step,
            }
        }
        let done = if self.add { "added" } else { "removed" };
        self.calls.step(cx, last).unwrap_or_else(|| Step::Done(done.into()))
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
        let targets = if self.add {
            add_targets(cx, name.as_deref())
        } else {
            remove_targets(cx, name.as_deref(), &self.was_mapped)
        };
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

/// The same (with those mapped when the removal was planned), less what the user's other
/// groups still grant. The linked group is left alone once the IdP group is deleted: the
/// group delete policy decides its fate.
fn remove_targets(cx: &Ctx, name: Option<&str>, was_mapped: &[String]) -> Vec<Target> {
    let others = &cx.facts.other_groups;
    let kept_ids: Vec<&str> = others.iter().filter_map(|g| g.link.linked()).collect();
    let granted = granted_by_others(cx);
    let group = &cx.facts.group;
    let granted_by_name = |name: &str| granted.iter().any(|g| g.eq_ignore_ascii_case(name));
    let linked_kept = group.link.name.as_deref().is_some_and(granted_by_name);
    let linked = group.link.linked().filter(|id| group.resource.is_some() && !kept_ids.contains(id) && !linked_kept);
    let mut mapped = name.map(|n| attrs::mapped_jira_groups(&cx.conn, n)).unwrap_or_default();
    for old in was_mapped {
        if !mapped.iter().any(|m| m.eq_ignore_ascii_case(old)) {
            mapped.push(old.clone());
        }
    }
    let mapped = mapped.into_iter().filter(|m| !granted_by_name(m));
    linked.map(|id| Target::Id(id.to_string())).into_iter().chain(mapped.map(Target::Name)).collect()
}

/// The Jira group names the user's other IdP groups grant: those they map to, and the
/// Jira groups they are linked to (a mapping may name a group another IdP group syncs
/// to). A removal leaves them alone.
pub(super) fn granted_by_others(cx: &Ctx) -> Vec<String> {
    let others = &cx.facts.other_groups;
    let mapped = others.iter().filter_map(|g| g.name()).flat_map(|n| attrs::mapped_jira_groups(&cx.conn, &n));
    let linked = others.iter().filter_map(|g| g.link.linked().and(g.link.name.clone()));
    mapped.chain(linked).collect()
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
