//! A member leaving the Jira groups its IdP group no longer maps to, after the admin
//! changed the mappings. Decided when the task runs, under the policies then: a Jira group
//! is kept while any of the user's memberships grants it (by mapping, or as the linked
//! Jira group of one of its IdP groups). So a task that runs before the new mappings are
//! saved, or after they were changed back, leaves nothing it shouldn't.
//!
//! Joining newly mapped groups needs no task of its own: `AddMember` joins every group
//! the name maps to now. Customer Sync needs none either: `DeskAccess` decides per desk.

use super::members::granted_by_others;
use super::targets::{CallSeq, GroupCalls, Target};
use super::{Ctx, Step};
use crate::connection::SyncMode;
use crate::jira::Outcome;
use crate::sync::attrs;

/// `Unmap`: leave those of `jira_groups` nothing grants any more.
#[derive(Debug)]
pub(super) struct Unmap {
    jira_groups: Vec<String>,
    calls: CallSeq,
}

impl Unmap {
    pub fn new(jira_groups: Vec<String>) -> Unmap {
        Unmap { jira_groups, calls: CallSeq::default() }
    }

    pub fn step(&mut self, cx: &mut Ctx, last: Option<Outcome>) -> Step {
        if !self.calls.started() {
            match self.start(cx) {
                Ok(calls) => self.calls.begin([calls]),
                Err(step) => return step,
            }
        }
        self.calls.step(cx, last).unwrap_or_else(|| Step::Done("left the Jira groups no longer mapped".into()))
    }

    /// The calls to make, or the step when there are none.
    fn start(&self, cx: &Ctx) -> Result<GroupCalls, Step> {
        if cx.conn.mode == SyncMode::Customer {
            return Err(Step::Done("customer sync maps no Jira groups".into()));
        }
        let Some(account) = cx.user_link.linked().map(str::to_string) else {
            return Err(Step::Done("the user has no Jira account: nothing to leave".into()));
        };
        let granted = granted_now(cx);
        let leave: Vec<Target> = self
            .jira_groups
            .iter()
            .filter(|n| !granted.iter().any(|g| g.eq_ignore_ascii_case(n)))
            .map(|n| Target::Name(n.clone()))
            .collect();
        if leave.is_empty() {
            return Err(Step::Done("each of the groups is still granted".into()));
        }
        Ok(GroupCalls::new(&account, false, leave))
    }
}

/// The Jira group names the user's memberships grant now: those of the other groups, and
/// what this group still grants if the user is still in it.
fn granted_now(cx: &Ctx) -> Vec<String> {
    let mut granted = granted_by_others(cx);
    if cx.facts.is_member {
        let group = &cx.facts.group;
        granted.extend(group.link.linked().and(group.link.name.clone()));
        if let Some(name) = group.name() {
            granted.extend(attrs::mapped_jira_groups(&cx.conn, &name));
        }
    }
    granted
}
