//! Running one item (or one batch of desk-access items): the machine loop that makes
//! the calls a task asks for, and settling the item afterwards: done, rescheduled, or
//! dead-lettered, with an audit entry for the attempt.

use super::drain::{DrainReport, DESK_BATCH};
use super::item::Item;
use super::queue::{bury, enqueue_settled};
use super::{keys, lease, random_hex, random_unit, to_json, OutboxError};
use crate::audit::{self, AuditEntry, AuditEvent, JiraCall};
use crate::connection::Connection;
use crate::host::{Host, LogLevel};
use crate::jira::retry::{decide, RetryDecision};
use crate::jira::{parse_outcome, FailureKind, JiraOp, JiraSite, Outcome};
use crate::sync::facts;
use crate::sync::links;
use crate::sync::machine::{desk_decision, step, DeskDecision, Effects, Step, TaskState};
use std::collections::BTreeMap;

/// More calls than any task needs: a machine that asks for more is looping.
const MAX_CALLS_PER_ATTEMPT: usize = 64;

/// How an attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum End {
    Done(String),
    Parked(String),
    /// Transient: try again per the retry policy.
    Retry {
        retry_after_secs: Option<u64>,
        reason: String,
    },
    /// Jira refused our credentials: retried like a transient failure, and the
    /// connection's other items wait for the next drain.
    Unauthorized(String),
    /// Permanent: to the dead letters.
    Fail(String),
}

pub(super) struct Runner<'h, H: Host> {
    pub host: &'h H,
    /// The request whose drain this is (it may run its own unsettled items).
    pub own: Option<String>,
    pub owner: String,
    pub started: i64,
    pub report: DrainReport,
}

impl<'h, H: Host> Runner<'h, H> {
    pub fn new(host: &'h H, own: Option<&str>) -> Self {
        let started = host.now();
        Runner {
            host,
            own: own.map(str::to_string),
            owner: random_hex(started),
            started,
            report: DrainReport::default(),
        }
    }

    /// Items settled so far: a pass that settles none is not worth repeating.
    pub fn settled(&self) -> usize {
        let r = &self.report;
        r.done + r.parked + r.retried + r.dead_lettered
    }

    /// Runs the item at `key` (its lease is held). `None` if it was gone or not due.
    pub async fn run(&mut self, key: &str, conn: &Connection, site: &JiraSite) -> Result<Option<End>, OutboxError> {
        let Some(item) = self.reread(key).await? else { return Ok(None) };
        let attempt = item.attempts.saturating_add(1);
        let facts = facts::load(self.host, conn, &item.task).await?;
        let mut state = TaskState::new(conn.clone(), &item.task, facts);
        let mut calls = Vec::new();
        let end = self.run_machine(&mut state, site, attempt, &mut calls).await;
        let write_key = format!("{}#{}", keys::last_segment(key), item.attempts);
        self.apply(conn, state.into_effects(), &write_key, item.origin.as_deref()).await?;
        self.settle(key, item, end.clone(), calls).await?;
        Ok(Some(end))
    }

    /// The item as stored now, if it is still there and due.
    async fn reread(&self, key: &str) -> Result<Option<Item>, OutboxError> {
        let Some(raw) = self.host.get(key).await? else { return Ok(None) };
        let item: Item = serde_json::from_str(&raw)
            .map_err(|e| OutboxError::Unreadable { key: key.into(), detail: e.to_string() })?;
        Ok(item.runnable(self.host.now(), self.own.as_deref()).then_some(item))
    }

    async fn run_machine(
        &mut self,
        state: &mut TaskState,
        site: &JiraSite,
        attempt: u32,
        calls: &mut Vec<JiraCall>,
    ) -> End {
        let mut last = None;
        loop {
            if calls.len() >= MAX_CALLS_PER_ATTEMPT {
                return End::Fail(format!("gave up after {MAX_CALLS_PER_ATTEMPT} calls in one attempt"));
            }
            match step(state, last.take()) {
                Step::Call(op) => match self.call(site, &op, attempt, calls).await {
                    Outcome::Retry { retry_after_secs, reason } => return End::Retry { retry_after_secs, reason },
                    Outcome::Failed(f) if f.kind == FailureKind::Unauthorized => {
                        return End::Unauthorized(format!("Jira answered {}: {}", f.status, f.message))
                    }
                    outcome => last = Some(outcome),
                },
                Step::Done(what) => return End::Done(what),
                Step::Park(why) => return End::Parked(why),
                Step::Fail(why) => return End::Fail(why),
            }
        }
    }

    /// Makes `op`, following a `LookUp` answer with the look-up it names.
    async fn call(&mut self, site: &JiraSite, op: &JiraOp, attempt: u32, calls: &mut Vec<JiraCall>) -> Outcome {
        match self.fetch(site, op, attempt, calls).await {
            Outcome::LookUp(next) => match self.fetch(site, &next, attempt, calls).await {
                Outcome::LookUp(_) => {
                    Outcome::Retry { retry_after_secs: None, reason: "a look-up asked for a look-up".into() }
                }
                outcome => outcome,
            },
            outcome => outcome,
        }
    }

    async fn fetch(&mut self, site: &JiraSite, op: &JiraOp, attempt: u32, calls: &mut Vec<JiraCall>) -> Outcome {
        let request = match op.request(site) {
            Ok(request) => request,
            Err(error) => return Outcome::from(error),
        };
        let endpoint = audit::endpoint(request.method.as_str(), &request.url);
        self.report.jira_calls += 1;
        let (status, outcome) = match self.host.fetch(request).await {
            Ok(response) => (response.status, parse_outcome(op, &response)),
            Err(error) => (0, Outcome::from_fetch_error(&error)),
        };
        calls.push(JiraCall { endpoint, status, attempt });
        outcome
    }

    /// Stores an attempt's effects: follow-up work first, then what was learned, so a
    /// crash in between repeats the attempt (same `write_key`: no duplicate follow-ups)
    /// rather than keeping a link whose follow-ups were never queued.
    async fn apply(
        &self,
        conn: &Connection,
        effects: Effects,
        write_key: &str,
        origin: Option<&str>,
    ) -> Result<(), OutboxError> {
        let mut tasks = Vec::new();
        for follow in &effects.follow {
            tasks.extend(facts::expand(self.host, conn, follow).await?);
        }
        if !tasks.is_empty() {
            enqueue_settled(self.host, &tasks, write_key, origin).await?;
        }
        for group in &effects.found {
            links::save_known_group(self.host, &conn.id, group).await?;
        }
        for name in &effects.forget {
            links::forget_known_group(self.host, &conn.id, name).await?;
        }
        if let Some((user, link)) = &effects.user_link {
            links::save_user_link(self.host, &conn.id, user, link).await?;
        }
        if let Some((group, link)) = &effects.group_link {
            links::save_group_link(self.host, &conn.id, group, link).await?;
        }
        Ok(())
    }

    /// Removes, reschedules or buries the item, and audits the attempt.
    async fn settle(&mut self, key: &str, item: Item, end: End, calls: Vec<JiraCall>) -> Result<(), OutboxError> {
        let conn = item.task.conn().to_string();
        let (result, detail) = match &end {
            End::Done(what) => {
                self.host.delete(key).await?;
                self.report.done += 1;
                ("done", what.clone())
            }
            End::Parked(why) => {
                self.host.delete(key).await?;
                self.report.parked += 1;
                ("parked", why.clone())
            }
            End::Retry { reason, .. } | End::Unauthorized(reason) => {
                let attempts = item.attempts.saturating_add(1);
                let after = if let End::Retry { retry_after_secs, .. } = &end { *retry_after_secs } else { None };
                let throttled = item.throttled.saturating_add(u32::from(after.is_some()));
                match decide(attempts.saturating_sub(throttled), attempts, after, random_unit()) {
                    RetryDecision::RetryIn(ms) => {
                        let not_before = self.host.now().saturating_add(i64::try_from(ms).unwrap_or(i64::MAX));
                        let again = Item {
                            attempts,
                            throttled,
                            not_before,
                            settles_at: 0,
                            last_error: Some(reason.clone()),
                            ..item.clone()
                        };
                        self.host.set(key, &to_json(&again)).await?;
                        self.report.retried += 1;
                        ("retry", format!("{reason}; next attempt in {ms} ms"))
                    }
                    RetryDecision::DeadLetter => {
                        let error = format!("gave up after {attempts} attempts: {reason}");
                        let spent = Item { attempts, ..item.clone() };
                        bury(self.host, &conn, keys::last_segment(key), spent, error.clone()).await?;
                        self.report.dead_lettered += 1;
                        ("deadLetter", error)
                    }
                }
            }
            End::Fail(why) => {
                let spent = Item { attempts: item.attempts.saturating_add(1), ..item.clone() };
                bury(self.host, &conn, keys::last_segment(key), spent, why.clone()).await?;
                self.report.dead_lettered += 1;
                ("deadLetter", why.clone())
            }
        };
        self.audit(&item, calls, result, detail).await;
        Ok(())
    }

    async fn audit(&self, item: &Item, calls: Vec<JiraCall>, result: &str, detail: String) {
        let now = self.host.now();
        let event = AuditEvent::Jira {
            task: item.task.kind().to_string(),
            subject: item.task.scope().key(),
            origin: item.origin.clone(),
            calls,
            result: result.to_string(),
            detail: Some(detail),
        };
        let entry = AuditEntry { id: audit::new_id(now), at: now, conn: item.task.conn().to_string(), event };
        if let Err(error) = audit::record(self.host, &entry).await {
            let line = serde_json::json!({"event": "audit.record", "error": error.to_string()});
            self.host.log(LogLevel::Warn, &line.to_string());
        }
    }

    /// An item whose connection was removed: nothing can run it.
    pub async fn bury_gone(&mut self, key: &str, item: &Item) -> Result<(), OutboxError> {
        let why = format!("connection {} no longer exists", item.task.conn());
        self.settle(key, item.clone(), End::Fail(why), Vec::new()).await
    }

    /// Desk access for several users of one desk: one grant call and one revoke call for
    /// all of them (each holds its user's lease meanwhile). A batch Jira refuses as a
    /// whole is tried again one user at a time, so one bad account can't sink the rest.
    /// Returns Jira's words if it refused our credentials.
    pub async fn desk_batch(
        &mut self,
        conn: &Connection,
        site: &JiraSite,
        desk: &str,
        batch: Vec<(String, Item)>,
    ) -> Result<Option<String>, OutboxError> {
        let mut members = Vec::new();
        let mut held: BTreeMap<String, lease::Held> = BTreeMap::new();
        let mut result = Ok(None);
        for (key, queued) in batch.into_iter().take(DESK_BATCH) {
            // One lease per user: a user may have several items for this desk.
            let scope = queued.task.scope().key();
            if !held.contains_key(&scope) {
                match lease::claim(self.host, &conn.id, &scope, &self.owner).await {
                    Ok(Some(lease)) => {
                        held.insert(scope.clone(), lease);
                    }
                    Ok(None) => {
                        self.report.busy += 1;
                        continue;
                    }
                    Err(error) => {
                        result = Err(error.into());
                        break;
                    }
                }
            }
            let loaded = match self.reread(&key).await {
                Ok(Some(item)) => {
                    facts::load(self.host, conn, &item.task).await.map(|f| Some((item, f))).map_err(OutboxError::from)
                }
                Ok(None) => Ok(None),
                Err(error) => Err(error),
            };
            match loaded {
                Ok(Some((item, facts))) => {
                    members.push(Member { decision: desk_decision(conn, &facts, desk), key, item })
                }
                Ok(None) => {}
                Err(error) => {
                    result = Err(error);
                    break;
                }
            }
        }
        if result.is_ok() {
            result = self.desk_calls(site, desk, &members).await;
        }
        for (_, lease) in held {
            lease::release(self.host, lease).await?;
        }
        result
    }

    async fn desk_calls(
        &mut self,
        site: &JiraSite,
        desk: &str,
        members: &[Member],
    ) -> Result<Option<String>, OutboxError> {
        let mut unauthorized = None;
        for member in members {
            if let DeskDecision::Nothing(why) = &member.decision {
                self.settle(&member.key, member.item.clone(), End::Done(why.clone()), Vec::new()).await?;
            }
        }
        for grant in [true, false] {
            let chosen: Vec<&Member> = members.iter().filter(|m| m.account(grant).is_some()).collect();
            if chosen.is_empty() {
                continue;
            }
            let mut ids: Vec<String> = chosen.iter().filter_map(|m| m.account(grant)).collect();
            ids.sort();
            ids.dedup();
            let attempt = chosen.iter().map(|m| m.item.attempts).max().unwrap_or(0).saturating_add(1);
            let mut calls = Vec::new();
            let end = self.desk_call(site, desk, grant, ids, attempt, &mut calls).await;
            let one_by_one = chosen.len() > 1 && matches!(end, End::Fail(_));
            for member in chosen {
                let (end, calls) = if one_by_one {
                    let mut own = calls.clone();
                    let ids = member.account(grant).into_iter().collect();
                    (self.desk_call(site, desk, grant, ids, attempt, &mut own).await, own)
                } else {
                    (end.clone(), calls.clone())
                };
                if let End::Unauthorized(why) = &end {
                    unauthorized = Some(why.clone());
                }
                self.settle(&member.key, member.item.clone(), end, calls).await?;
            }
        }
        Ok(unauthorized)
    }

    async fn desk_call(
        &mut self,
        site: &JiraSite,
        desk: &str,
        grant: bool,
        ids: Vec<String>,
        attempt: u32,
        calls: &mut Vec<JiraCall>,
    ) -> End {
        let service_desk_id = desk.to_string();
        let op = if grant {
            JiraOp::AddCustomers { service_desk_id, account_ids: ids }
        } else {
            JiraOp::RemoveCustomers { service_desk_id, account_ids: ids }
        };
        match self.call(site, &op, attempt, calls).await {
            outcome if outcome.is_success() => {
                End::Done(format!("desk {desk} access {}", if grant { "granted" } else { "revoked" }))
            }
            Outcome::Retry { retry_after_secs, reason } => End::Retry { retry_after_secs, reason },
            Outcome::Failed(f) if f.kind == FailureKind::Unauthorized => End::Unauthorized(f.message),
            Outcome::Failed(f) => End::Fail(format!("desk {desk}: Jira answered {}: {}", f.status, f.message)),
            other => End::Fail(format!("desk {desk}: unexpected answer {other:?}")),
        }
    }
}

struct Member {
    key: String,
    item: Item,
    decision: DeskDecision,
}

impl Member {
    fn account(&self, grant: bool) -> Option<String> {
        match (&self.decision, grant) {
            (DeskDecision::Grant { account_id }, true) | (DeskDecision::Revoke { account_id }, false) => {
                Some(account_id.clone())
            }
            _ => None,
        }
    }
}
