//! The drain: runs due items within a time budget. Hosts call [`drain`] after each SCIM
//! write (within the request's budget) and in the background for what is left.
//!
//! Per item: take the lease on its scope (so no two hosts run one resource's tasks at
//! once), re-read it (another host may have finished it), read the facts, step the task's
//! machine, making each call it asks for, store its effects (follow-up work first, then
//! links, so a crash in between repeats work rather than losing it), then remove it,
//! reschedule it per `jira::retry`, or move it to the dead letters.

use super::item::Item;
use super::runner::{End, Runner};
use super::{keys, lease, OutboxError};
use crate::audit;
use crate::connection::Connection;
use crate::host::{Host, LogLevel};
use crate::jira::JiraSite;
use crate::outbox::task::Task;
use crate::store;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Due items run per pass, oldest first; a drain makes passes until nothing due is left,
/// no pass gets anything done, or the budget is spent.
const WINDOW: usize = 200;
const MAX_PASSES: usize = 64;
/// Desk access for this many users goes in one JSM call.
pub const DESK_BATCH: usize = 50;

/// Where the drain gets a connection's Jira site (URL, credentials, products).
#[allow(async_fn_in_trait)]
pub trait Sites {
    /// The site for `conn`, or why there is none (not configured yet, invalid settings).
    async fn site<H: Host>(&self, host: &H, conn: &Connection) -> Result<JiraSite, String>;
}

/// The sites the admin configured, from the store.
pub struct StoreSites;

impl Sites for StoreSites {
    async fn site<H: Host>(&self, host: &H, conn: &Connection) -> Result<JiraSite, String> {
        store::connections::jira_site(host, conn).await.map_err(|e| e.to_string())
    }
}

/// One site for every connection (tests, single-site hosts).
impl Sites for JiraSite {
    async fn site<H: Host>(&self, _host: &H, _conn: &Connection) -> Result<JiraSite, String> {
        Ok(self.clone())
    }
}

/// What a drain did, and what is left.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DrainReport {
    pub done: usize,
    /// Items that had nothing to do until something else happens.
    pub parked: usize,
    /// Items rescheduled after a transient failure.
    pub retried: usize,
    pub dead_lettered: usize,
    /// Items skipped because another host holds their scope's lease.
    pub busy: usize,
    pub jira_calls: usize,
    /// Items still queued when the drain stopped.
    pub pending: usize,
    /// When the earliest of them is due (ms), for hosts that schedule the next drain.
    pub next_due: Option<i64>,
    /// The budget ran out with due items left.
    pub out_of_time: bool,
    /// Connections whose items were skipped: `conn: why` (no site, Jira refusing our
    /// credentials).
    pub paused: Vec<String>,
    /// Stored items that don't parse (logged; left in place).
    pub unreadable: usize,
}

enum ConnState {
    Ready(Box<(Connection, JiraSite)>),
    Paused,
    Gone,
}

/// Runs due items for up to `budget_ms` (started items finish: an item makes a few calls
/// at most). Storage failures end the drain with an error; Jira failures never do. For
/// hosts' background drains; after a SCIM write use [`drain_after_write`].
pub async fn drain<H: Host, S: Sites>(host: &H, sites: &S, budget_ms: i64) -> Result<DrainReport, OutboxError> {
    run(host, sites, budget_ms, None).await
}

/// The drain a SCIM request runs once its state is stored: like [`drain`], and it also
/// runs the items that request queued (`origin`) without waiting for them to settle.
pub async fn drain_after_write<H: Host, S: Sites>(
    host: &H,
    sites: &S,
    budget_ms: i64,
    origin: &str,
) -> Result<DrainReport, OutboxError> {
    run(host, sites, budget_ms, Some(origin)).await
}

async fn run<H: Host, S: Sites>(
    host: &H,
    sites: &S,
    budget_ms: i64,
    own: Option<&str>,
) -> Result<DrainReport, OutboxError> {
    let mut drain = Drain { runner: Runner::new(host, own), sites, conns: BTreeMap::new(), budget_ms };
    for _ in 0..MAX_PASSES {
        let window = drain.scan().await?;
        if window.is_empty() {
            break;
        }
        if drain.out_of_time() {
            drain.runner.report.out_of_time = true;
            break;
        }
        let before = drain.runner.settled();
        drain.pass(window).await?;
        if drain.runner.settled() == before {
            break;
        }
    }
    drain.scan().await?;
    if let Err(error) = audit::prune_if_due(host).await {
        host.log(LogLevel::Warn, &serde_json::json!({"event": "audit.prune", "error": error.to_string()}).to_string());
    }
    Ok(drain.runner.report)
}

struct Drain<'h, H: Host, S: Sites> {
    runner: Runner<'h, H>,
    sites: &'h S,
    conns: BTreeMap<String, ConnState>,
    budget_ms: i64,
}

impl<H: Host, S: Sites> Drain<'_, H, S> {
    fn out_of_time(&self) -> bool {
        self.runner.host.now().saturating_sub(self.runner.started) >= self.budget_ms
    }

    /// Walks the queue: the due items (oldest first, at most [`WINDOW`]), and the counts.
    async fn scan(&mut self) -> Result<Vec<(String, Item)>, OutboxError> {
        let host = self.runner.host;
        let now = host.now();
        let (mut pending, mut next_due, mut unreadable) = (0, None::<i64>, 0);
        let mut due = Vec::new();
        for (key, raw) in store::walk(host, keys::OUTBOX).await? {
            let Ok(item) = serde_json::from_str::<Item>(&raw) else {
                unreadable += 1;
                continue;
            };
            pending += 1;
            if item.runnable(now, self.runner.own.as_deref()) {
                due.push((key, item));
            } else {
                next_due = Some(next_due.map_or(item.due_at(), |t| t.min(item.due_at())));
            }
        }
        due.sort_by(|a, b| (a.1.order(), &a.0).cmp(&(b.1.order(), &b.0)));
        due.truncate(WINDOW);
        if unreadable > self.runner.report.unreadable {
            host.log(
                LogLevel::Error,
                &serde_json::json!({"event": "outbox.unreadable", "count": unreadable}).to_string(),
            );
        }
        let report = &mut self.runner.report;
        (report.pending, report.next_due, report.unreadable) =
            (pending, next_due.or(due.first().map(|d| d.1.not_before)), unreadable);
        Ok(due)
    }

    async fn pass(&mut self, window: Vec<(String, Item)>) -> Result<(), OutboxError> {
        let mut handled = BTreeSet::new();
        for (i, (key, item)) in window.iter().enumerate() {
            if handled.contains(key) {
                continue;
            }
            if self.out_of_time() {
                self.runner.report.out_of_time = true;
                break;
            }
            let Some((conn, site)) = self.connection(key, item).await? else { continue };
            if let Task::DeskAccess { desk, .. } = &item.task {
                let batch: Vec<(String, Item)> = window[i..]
                    .iter()
                    .filter(|(k, it)| !handled.contains(k) && same_desk(&it.task, &conn.id, desk))
                    .take(DESK_BATCH)
                    .cloned()
                    .collect();
                handled.extend(batch.iter().map(|(k, _)| k.clone()));
                if let Some(why) = self.runner.desk_batch(&conn, &site, desk, batch).await? {
                    self.pause(&conn.id, &why);
                }
                continue;
            }
            handled.insert(key.clone());
            let scope = item.task.scope().key();
            let Some(held) = lease::claim(self.runner.host, &conn.id, &scope, &self.runner.owner).await? else {
                self.runner.report.busy += 1;
                continue;
            };
            let result = self.runner.run(key, &conn, &site).await;
            lease::release(self.runner.host, held).await?;
            match result? {
                Some(End::Unauthorized(why)) => self.pause(&conn.id, &why),
                // Jira is throttling this site: the connection's other items wait for the
                // next drain instead of spending calls on answers that will be 429 too.
                Some(End::Retry { retry_after_secs: Some(secs), .. }) => {
                    self.pause(&conn.id, &format!("Jira asked to wait {secs} s (rate limit)"));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The connection and site of an item, or `None` to skip it (paused, or the
    /// connection is gone, in which case the item is dead-lettered).
    async fn connection(&mut self, key: &str, item: &Item) -> Result<Option<(Connection, JiraSite)>, OutboxError> {
        let conn_id = item.task.conn().to_string();
        if !self.conns.contains_key(&conn_id) {
            let state = match store::connections::load(self.runner.host, &conn_id).await? {
                None => ConnState::Gone,
                Some(conn) => match self.sites.site(self.runner.host, &conn).await {
                    Ok(site) => ConnState::Ready(Box::new((conn, site))),
                    Err(why) => {
                        self.pause(&conn_id, &why);
                        ConnState::Paused
                    }
                },
            };
            self.conns.insert(conn_id.clone(), state);
        }
        match self.conns.get(&conn_id) {
            Some(ConnState::Ready(ready)) => Ok(Some((ready.0.clone(), ready.1.clone()))),
            Some(ConnState::Gone) => {
                self.runner.bury_gone(key, item).await?;
                Ok(None)
            }
            _ => Ok(None),
        }
    }

    fn pause(&mut self, conn: &str, why: &str) {
        self.conns.insert(conn.to_string(), ConnState::Paused);
        let line = format!("{conn}: {why}");
        if !self.runner.report.paused.contains(&line) {
            self.runner.host.log(
                LogLevel::Warn,
                &serde_json::json!({"event": "outbox.paused", "conn": conn, "why": why}).to_string(),
            );
            self.runner.report.paused.push(line);
        }
    }
}

fn same_desk(task: &Task, conn_id: &str, desk_id: &str) -> bool {
    matches!(task, Task::DeskAccess { conn, desk, .. } if conn == conn_id && desk == desk_id)
}
