//! Putting one account into, or taking it out of, a list of Jira groups given by id or by
//! name: one call per group, after a look-up for a name not found before. Shared by
//! memberships, group mappings and the remove-product-access deactivation policy.

use super::{Ctx, Step};
use crate::jira::{FailureKind, JiraData, JiraOp, Outcome};
use std::collections::VecDeque;

/// A Jira group to act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    Id(String),
    Name(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Waiting {
    /// A look-up of this name.
    Find(String),
    /// The membership call on this group id, which was found under `name` (if it was).
    Member { id: String, name: Option<String> },
}

/// The calls for one account and a list of groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct GroupCalls {
    account: String,
    pub add: bool,
    queue: VecDeque<Target>,
    waiting: Option<Waiting>,
    /// Names with no Jira group (for a removal, nothing to do; for an add, a problem).
    pub missing: Vec<String>,
    /// Names already looked up again after a remembered id went stale.
    refreshed: Vec<String>,
}

impl GroupCalls {
    pub fn new(account: &str, add: bool, targets: Vec<Target>) -> GroupCalls {
        GroupCalls {
            account: account.to_string(),
            add,
            queue: targets.into(),
            waiting: None,
            missing: Vec::new(),
            refreshed: Vec::new(),
        }
    }

    /// The next call, `Ok(None)` when all groups are done, `Err` on a failure to report.
    pub fn next(&mut self, cx: &mut Ctx, last: Option<Outcome>) -> Result<Option<JiraOp>, String> {
        if let Some(waiting) = self.waiting.take() {
            if let Some(op) = self.answer(cx, waiting, last)? {
                return Ok(Some(op));
            }
        }
        if let Some(target) = self.queue.pop_front() {
            match target {
                Target::Id(id) => return Ok(Some(self.member_op(id, None))),
                Target::Name(name) => match cx.facts.known.get(&name.to_lowercase()) {
                    Some(group) => {
                        let id = group.group_id.clone();
                        return Ok(Some(self.member_op(id, Some(name))));
                    }
                    None => {
                        self.waiting = Some(Waiting::Find(name.clone()));
                        return Ok(Some(JiraOp::FindGroupByName { name }));
                    }
                },
            }
        }
        Ok(None)
    }

    fn answer(&mut self, cx: &mut Ctx, waiting: Waiting, last: Option<Outcome>) -> Result<Option<JiraOp>, String> {
        match (waiting, last) {
            (Waiting::Find(_), Some(Outcome::Done(JiraData::Group(Some(group))))) => {
                cx.remember(&group);
                let name = group.name.clone();
                Ok(Some(self.member_op(group.group_id, Some(name))))
            }
            (Waiting::Find(name), Some(Outcome::Done(JiraData::Group(None)))) => {
                self.missing.push(name);
                Ok(None)
            }
            (Waiting::Member { .. }, Some(outcome)) if outcome.is_success() => Ok(None),
            // A remembered group that is gone (deleted and made again under the same
            // name): forget it and look the name up once more.
            (Waiting::Member { name: Some(name), .. }, Some(Outcome::Failed(f)))
                if f.kind == FailureKind::NotFound && !self.refreshed.contains(&name) =>
            {
                cx.facts.known.remove(&name.to_lowercase());
                cx.forget.push(name.clone());
                self.refreshed.push(name.clone());
                self.waiting = Some(Waiting::Find(name.clone()));
                Ok(Some(JiraOp::FindGroupByName { name }))
            }
            (waiting, Some(Outcome::Failed(f))) => {
                let what = match waiting {
                    Waiting::Find(name) => format!("finding Jira group {name:?}"),
                    Waiting::Member { id, .. } => {
                        format!("{} Jira group {id}", if self.add { "adding to" } else { "removing from" })
                    }
                };
                Err(format!("{what}: Jira answered {}: {}", f.status, f.message))
            }
            (_, other) => Err(format!("unexpected answer to a group call: {other:?}")),
        }
    }

    fn member_op(&mut self, group_id: String, name: Option<String>) -> JiraOp {
        self.waiting = Some(Waiting::Member { id: group_id.clone(), name });
        let account_id = self.account.clone();
        if self.add {
            JiraOp::AddToGroup { group_id, account_id }
        } else {
            JiraOp::RemoveFromGroup { group_id, account_id }
        }
    }
}

/// The group calls of one task, decided on its first step (`begin`) and made one list
/// after another. An add that found no Jira group for a name fails once its list is done.
#[derive(Debug, Default)]
pub(super) struct CallSeq {
    lists: Option<VecDeque<GroupCalls>>,
}

impl CallSeq {
    pub fn started(&self) -> bool {
        self.lists.is_some()
    }

    pub fn begin(&mut self, lists: impl IntoIterator<Item = GroupCalls>) {
        self.lists = Some(lists.into_iter().collect());
    }

    /// The next call, or a failure; `None` once every list is done.
    pub fn step(&mut self, cx: &mut Ctx, mut last: Option<Outcome>) -> Option<Step> {
        let lists = self.lists.as_mut()?;
        while let Some(calls) = lists.front_mut() {
            match calls.next(cx, last.take()) {
                Ok(Some(op)) => return Some(Step::Call(op)),
                Ok(None) if calls.add && !calls.missing.is_empty() => {
                    return Some(Step::Fail(format!("mapped Jira group not found: {}", calls.missing.join(", "))));
                }
                Ok(None) => {
                    lists.pop_front();
                }
                Err(error) => return Some(Step::Fail(error)),
            }
        }
        None
    }
}
