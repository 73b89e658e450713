//! Groups: linking an IdP group to the Jira group of the same name (creating it under
//! Import Groups), renames per policy, and deletes per policy.
//!
//! Jira can't rename a group. Under Recreate, the new name gets a group (found or
//! created), the link moves to it, its members are queued to go in, and a last `SyncGroup`
//! queued after them deletes the old group, so members are never left in neither.
//! Jira group names ignore case, so a rename that only changes case changes nothing.

use super::{unexpected, Ctx, FollowUp, Step};
use crate::connection::{GroupDelete, RenamePolicy, SyncMode};
use crate::jira::{GroupRef, JiraData, JiraOp, Outcome};
use crate::outbox::Task;
use crate::sync::attrs;
use crate::sync::links::LinkStatus;

#[derive(Debug, Default)]
enum Phase {
    #[default]
    Start,
    Retiring,
    Link,
    Finding {
        rename: bool,
    },
    Creating {
        rename: bool,
    },
    Finished,
}

/// `SyncGroup`.
#[derive(Debug, Default)]
pub(super) struct SyncGroup {
    phase: Phase,
    name: String,
}

impl SyncGroup {
    pub fn step(&mut self, cx: &mut Ctx, mut last: Option<Outcome>) -> Step {
        loop {
            match std::mem::replace(&mut self.phase, Phase::Finished) {
                Phase::Start => {
                    let Some(resource) = cx.facts.group.resource.as_ref() else {
                        return Step::Done("the group no longer exists".into());
                    };
                    let Some(name) = attrs::group_name(resource) else {
                        return Step::Park("the group has no displayName".into());
                    };
                    let previous = cx.group_link.idp_name.replace(name.clone());
                    if cx.conn.mode == SyncMode::Customer {
                        return customer_rename(cx, previous, &name);
                    }
                    remap_members(cx, previous, &name);
                    self.name = name;
                    if let Some(old) = cx.group_link.retired.clone() {
                        self.phase = Phase::Retiring;
                        return Step::Call(JiraOp::DeleteGroup { group_id: old });
                    }
                    self.phase = Phase::Link;
                }
                Phase::Retiring => match last.take() {
                    Some(outcome) if outcome.is_success() => {
                        cx.group_link.retired = None;
                        self.phase = Phase::Link;
                    }
                    other => return unexpected("deleting the group replaced by a rename", other),
                },
                Phase::Link => return self.link(cx),
                Phase::Finding { rename } => match last.take() {
                    Some(Outcome::Done(JiraData::Group(Some(group)))) => return self.linked(cx, &group, rename),
                    Some(Outcome::Done(JiraData::Group(None))) => {
                        if !cx.conn.policies.import_groups {
                            let why = format!("no Jira group is named {:?}, and Import Groups is off", self.name);
                            cx.group_link.note = Some(why.clone());
                            if !rename {
                                cx.group_link.status = LinkStatus::Unlinked;
                            }
                            return Step::Park(why);
                        }
                        self.phase = Phase::Creating { rename };
                        return Step::Call(JiraOp::CreateGroup { name: self.name.clone() });
                    }
                    other => return unexpected("finding the group by name", other),
                },
                Phase::Creating { rename } => match last.take() {
                    Some(Outcome::Done(JiraData::Group(Some(group)))) => return self.linked(cx, &group, rename),
                    other => return unexpected("creating the group", other),
                },
                Phase::Finished => return Step::Fail("syncGroup stepped after it finished".into()),
            }
        }
    }

    fn link(&mut self, cx: &mut Ctx) -> Step {
        let Some(jira_name) = cx.group_link.linked().and(cx.group_link.name.clone()) else {
            self.phase = Phase::Finding { rename: false };
            return Step::Call(JiraOp::FindGroupByName { name: self.name.clone() });
        };
        if jira_name.eq_ignore_ascii_case(&self.name) {
            cx.group_link.note = (jira_name != self.name)
                .then(|| format!("Jira group names ignore case: the Jira group stays {jira_name:?}"));
            return Step::Done("in sync".into());
        }
        match cx.conn.policies.rename {
            RenamePolicy::KeepOldName => {
                let note =
                    format!("renamed to {:?} in the IdP; the Jira group keeps the name {jira_name:?}", self.name);
                cx.group_link.note = Some(note.clone());
                Step::Done(note)
            }
            RenamePolicy::Recreate => {
                self.phase = Phase::Finding { rename: true };
                Step::Call(JiraOp::FindGroupByName { name: self.name.clone() })
            }
        }
    }

    /// Links the group to `group`; on a rename the old Jira group is retired, to be
    /// deleted by a `SyncGroup` queued after the members' moves.
    fn linked(&mut self, cx: &mut Ctx, group: &GroupRef, rename: bool) -> Step {
        cx.remember(group);
        let old = cx.group_link.group_id.replace(group.group_id.clone()).filter(|old| *old != group.group_id);
        cx.group_link.name = Some(group.name.clone());
        cx.group_link.status = LinkStatus::Linked;
        cx.group_link.note = None;
        let id = cx.facts.group.id.clone();
        cx.follow.push(FollowUp::GroupMembers { group: id.clone(), desks: Vec::new() });
        match old.filter(|_| rename) {
            Some(old) => {
                cx.group_link.retired = Some(old);
                cx.follow.push(FollowUp::Tasks(vec![Task::SyncGroup { conn: cx.conn.id.clone(), group: id }]));
                Step::Done(format!(
                    "renamed: linked to Jira group {:?}; the old one goes once members moved",
                    group.name
                ))
            }
            None => Step::Done(format!("linked to Jira group {:?}", group.name)),
        }
    }
}

/// A rename may change which Jira groups the members' mappings grant, whatever the
/// rename policy does with the group's own Jira group: queue the members' moves when the
/// two names map to different groups. Queued at the start, so a failed attempt (which
/// stores the new name as the link's) has queued them already.
fn remap_members(cx: &mut Ctx, previous: Option<String>, name: &str) {
    let Some(from) = previous.filter(|p| !p.eq_ignore_ascii_case(name)) else { return };
    let lower = |groups: Vec<String>| {
        let mut out: Vec<String> = groups.into_iter().map(|g| g.to_lowercase()).collect();
        out.sort();
        out
    };
    if lower(attrs::mapped_jira_groups(&cx.conn, &from)) != lower(attrs::mapped_jira_groups(&cx.conn, name)) {
        cx.follow.push(FollowUp::Renamed { group: cx.facts.group.id.clone(), from });
    }
}

/// Customer Sync has no Jira groups; a rename may change which desks the members get.
/// Only the desks one name maps to and the other does not can change; each `DeskAccess`
/// decides grant or revoke from the current names when it runs.
fn customer_rename(cx: &mut Ctx, previous: Option<String>, name: &str) -> Step {
    let Some(previous) = previous.filter(|p| p != name) else { return Step::Done("in sync".into()) };
    let (old, new) = (attrs::mapped_desks(&cx.conn, &previous), attrs::mapped_desks(&cx.conn, name));
    let mut desks: Vec<String> =
        old.iter().chain(&new).filter(|d| !(old.contains(d) && new.contains(d))).cloned().collect();
    desks.sort();
    desks.dedup();
    if !desks.is_empty() {
        cx.follow.push(FollowUp::GroupMembers { group: cx.facts.group.id.clone(), desks });
    }
    Step::Done("renamed; desk access follows the new name's mappings".into())
}

/// `DeleteGroup`: delete the Jira group or keep it, per policy. The link stays as a
/// tombstone with the IdP name, for removals still queued.
#[derive(Debug)]
pub(super) struct DeleteGroup {
    id_hint: Option<String>,
    ids: Vec<String>,
}

impl DeleteGroup {
    pub fn new(id_hint: Option<String>) -> DeleteGroup {
        DeleteGroup { id_hint, ids: Vec::new() }
    }

    pub fn step(&mut self, cx: &mut Ctx, last: Option<Outcome>) -> Step {
        if last.is_none() {
            let link = &mut cx.group_link;
            let id = link.linked().map(str::to_string).or_else(|| self.id_hint.clone());
            self.ids = id.into_iter().chain(link.retired.take()).collect();
            link.status = LinkStatus::Deleted;
            link.group_id = None;
            let delete = cx.conn.mode == SyncMode::User && cx.conn.policies.group_delete == GroupDelete::Delete;
            if !delete || self.ids.is_empty() {
                let note = match link.name.as_deref() {
                    Some(name) if cx.conn.mode == SyncMode::User => {
                        format!("deleted in the IdP; the Jira group {name:?} is kept")
                    }
                    _ => "deleted in the IdP".to_string(),
                };
                link.note = Some(note.clone());
                return Step::Done(note);
            }
        } else if !last.as_ref().is_some_and(Outcome::is_success) {
            return unexpected("deleting the Jira group", last);
        }
        match self.ids.pop() {
            Some(group_id) => Step::Call(JiraOp::DeleteGroup { group_id }),
            None => {
                cx.group_link.note = Some("deleted in the IdP and in Jira".into());
                Step::Done("deleted in Jira".into())
            }
        }
    }
}
