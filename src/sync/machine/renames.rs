//! A renamed group's members and the Jira groups its names map to. Group mappings are
//! keyed by IdP group name, so a rename can change what membership grants: the member
//! leaves the Jira groups only the old name mapped to (unless another of its groups
//! still grants them) and joins those only the new name maps to. Groups both names map
//! to are left alone: no call.
//!
//! Customer Sync needs no task of this kind: desk access is decided from the current
//! names when each `DeskAccess` runs (see `customers`), and the rename queues those.

use super::members::granted_by_others;
use super::targets::{GroupCalls, Target};
use super::{Ctx, Step};
use crate::connection::RenamePolicy;
use crate::jira::Outcome;
use crate::sync::attrs;

/// `RenameMember`: leave first, then join.
#[derive(Debug)]
pub(super) struct RenameMember {
    from: String,
    leave: Option<GroupCalls>,
    join: Option<GroupCalls>,
    started: bool,
}

impl RenameMember {
    pub fn new(from: String) -> RenameMember {
        RenameMember { from, leave: None, join: None, started: false }
    }

    pub fn step(&mut self, cx: &mut Ctx, mut last: Option<Outcome>) -> Step {
        if !self.started {
            self.started = true;
            if let Err(step) = self.start(cx) {
                return step;
            }
        }
        if let Some(calls) = self.leave.as_mut() {
            match calls.next(cx, last.take()) {
                Ok(Some(op)) => return Step::Call(op),
                Ok(None) => self.leave = None,
                Err(error) => return Step::Fail(error),
            }
        }
        if let Some(calls) = self.join.as_mut() {
            match calls.next(cx, last.take()) {
                Ok(Some(op)) => return Step::Call(op),
                Ok(None) if !calls.missing.is_empty() => {
                    return Step::Fail(format!("mapped Jira group not found: {}", calls.missing.join(", ")));
                }
                Ok(None) => {}
                Err(error) => return Step::Fail(error),
            }
        }
        Step::Done(format!("mapped Jira groups moved from {:?}'s to the new name's", self.from))
    }

    /// The calls to make, or the step when there are none.
    fn start(&mut self, cx: &mut Ctx) -> Result<(), Step> {
        if !cx.facts.is_member {
            return Err(Step::Done("no longer a member".into()));
        }
        let Some(account) = cx.user_link.linked().map(str::to_string) else {
            // Linking queues its memberships under the group's current name.
            return Err(Step::Done("the user has no Jira account yet; its groups follow when it is linked".into()));
        };
        let name = cx.facts.group.name().unwrap_or_default();
        let old = attrs::mapped_jira_groups(&cx.conn, &self.from);
        let new = attrs::mapped_jira_groups(&cx.conn, &name);
        let kept = granted_by_others(cx);
        let only_in = |these: &[String], not: &[String]| -> Vec<Target> {
            let names = these.iter().filter(|n| !not.iter().any(|o| o.eq_ignore_ascii_case(n)));
            names.map(|n| Target::Name(n.clone())).collect()
        };
        let leave: Vec<Target> = only_in(&old, &[new.as_slice(), kept.as_slice()].concat());
        // Under Recreate the member's move to the new Jira group (an `AddMember`) joins
        // every group the new name maps to; joining here too would double those calls.
        let join = match cx.conn.policies.rename {
            RenamePolicy::KeepOldName => only_in(&new, &old),
            RenamePolicy::Recreate => Vec::new(),
        };
        if leave.is_empty() && join.is_empty() {
            return Err(Step::Done("both names map to the same Jira groups".into()));
        }
        self.leave = (!leave.is_empty()).then(|| GroupCalls::new(&account, false, leave));
        self.join = (!join.is_empty()).then(|| GroupCalls::new(&account, true, join));
        Ok(())
    }
}
