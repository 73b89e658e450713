//! A renamed group's members and the Jira groups its names map to. Group mappings are
//! keyed by IdP group name, so a rename can change what membership grants: the member
//! leaves the Jira groups only the old name mapped to (unless another of its groups
//! still grants them) and joins those only the new name maps to. Groups both names map
//! to are left alone: no call.
//!
//! Customer Sync needs no task of this kind: desk access is decided from the current
//! names when each `DeskAccess` runs (see `customers`), and the rename queues those.

use super::members::granted_by_others;
use super::targets::{CallSeq, GroupCalls, Target};
use super::{Ctx, Step};
use crate::connection::RenamePolicy;
use crate::jira::Outcome;
use crate::sync::attrs;

/// `RenameMember`: leave first, then join.
#[derive(Debug)]
pub(super) struct RenameMember {
    from: String,
    calls: CallSeq,
}

impl RenameMember {
    pub fn new(from: String) -> RenameMember {
        RenameMember { from, calls: CallSeq::default() }
    }

    pub fn step(&mut self, cx: &mut Ctx, last: Option<Outcome>) -> Step {
        if !self.calls.started() {
            match self.start(cx) {
                Ok(lists) => self.calls.begin(lists),
                Err(step) => return step,
            }
        }
        let done = || Step::Done(format!("mapped Jira groups moved from {:?}'s to the new name's", self.from));
        self.calls.step(cx, last).unwrap_or_else(done)
    }

    /// The calls to make, or the step when there are none.
    fn start(&self, cx: &Ctx) -> Result<Vec<GroupCalls>, Step> {
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
        let lists = [(false, leave), (true, join)].into_iter().filter(|(_, targets)| !targets.is_empty());
        Ok(lists.map(|(add, targets)| GroupCalls::new(&account, add, targets)).collect())
    }
}
