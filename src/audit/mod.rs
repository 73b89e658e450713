//! The audit log: each SCIM request a connection received (method, path, status) and the
//! Jira calls each task made (endpoint, status, attempt). Never a secret, a body or a
//! query string (those hold emails and filters). Retention is bounded (the newest
//! [`RETAIN_ENTRIES`], none older than [`RETAIN_MS`]) and pruned during drains.
//!
//! Entries sit in hour buckets (`au:{hour}:{id}`, ids sort by time), with a per-bucket
//! count at `aub:{hour}`, so pruning drops whole buckets and a query reads only the hours
//! it needs. Keys are listed in `outbox::keys`.

mod query;

pub use query::{query, AuditFilter, AuditPage, StatusFilter};

use crate::host::{Host, HostError};
use crate::outbox::{random_hex, to_json};
use serde::{Deserialize, Serialize};

/// The most entries kept (give or take one hour bucket: pruning drops whole buckets).
pub const RETAIN_ENTRIES: u64 = 10_000;
/// Entries older than this (30 days) are dropped.
pub const RETAIN_MS: i64 = 30 * 24 * BUCKET_MS;
/// A drain prunes at most this often.
pub const PRUNE_EVERY_MS: i64 = 10 * 60_000;
/// Bucket width: one hour.
const BUCKET_MS: i64 = 3_600_000;
const LAST_PRUNE: &str = "aup:last";

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    /// Sortable by time: `{ms:013}-{16 hex}`.
    pub id: String,
    pub at: i64,
    pub conn: String,
    #[serde(flatten)]
    pub event: AuditEvent,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum AuditEvent {
    /// A SCIM request and the status it got. `path` has no query string.
    Scim { method: String, path: String, status: u16 },
    /// One attempt at one outbox task and the Jira calls it made.
    Jira {
        /// The task's kind (`syncUser`) and scope (`u:{id}`).
        task: String,
        subject: String,
        /// The audit id of the SCIM request that queued the task, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        origin: Option<String>,
        calls: Vec<JiraCall>,
        /// `done`, `parked`, `retry`, `deadLetter`.
        result: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail: Option<String>,
    },
}

/// One Jira call: `POST /rest/api/3/user`, the status (0 when no response came), and the
/// attempt of the task it was made in (1 for the first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JiraCall {
    pub endpoint: String,
    pub status: u16,
    pub attempt: u32,
}

impl AuditEntry {
    /// The statuses this entry is about: the SCIM status, or each Jira call's.
    pub fn statuses(&self) -> Vec<u16> {
        match &self.event {
            AuditEvent::Scim { status, .. } => vec![*status],
            AuditEvent::Jira { calls, .. } => calls.iter().map(|c| c.status).collect(),
        }
    }

    /// True when something went wrong: a 4xx/5xx, no response, or a task not done.
    pub fn is_failure(&self) -> bool {
        let bad = |s: u16| s == 0 || s >= 400;
        match &self.event {
            AuditEvent::Scim { status, .. } => bad(*status),
            AuditEvent::Jira { result, calls, .. } => {
                (result != "done" && result != "parked") || calls.iter().any(|c| bad(c.status))
            }
        }
    }
}

/// A fresh audit id for an entry made at `now`. The service takes one when a SCIM request
/// arrives, passes it to `outbox::enqueue` as the origin, and records the request with it.
pub fn new_id(now: i64) -> String {
    format!("{:013}-{}", now.max(0), random_hex(now))
}

/// `METHOD /path` of a URL, without scheme, host or query: what the audit log shows of a
/// request. `https://x.atlassian.net/rest/api/3/user?accountId=1` → `/rest/api/3/user`.
pub fn endpoint(method: &str, url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    format!("{method} {path}")
}

/// Stores `entry`. Failing to audit never fails the work: callers log and go on.
pub async fn record<H: Host>(host: &H, entry: &AuditEntry) -> Result<(), HostError> {
    let hour = bucket(entry.at);
    host.set(&entry_key(hour, &entry.id), &to_json(entry)).await?;
    let count_key = bucket_key(hour);
    let count = host.get(&count_key).await?.and_then(|c| c.parse::<u64>().ok()).unwrap_or(0);
    host.set(&count_key, &(count + 1).to_string()).await
}

/// Records a SCIM request under the id from [`new_id`]. `path` loses its query string.
pub async fn record_scim<H: Host>(
    host: &H,
    id: &str,
    conn: &str,
    method: &str,
    path: &str,
    status: u16,
) -> Result<(), HostError> {
    let path = path.split(['?', '#']).next().unwrap_or(path).to_string();
    let event = AuditEvent::Scim { method: method.to_string(), path, status };
    let entry = AuditEntry { id: id.to_string(), at: id_time(id).unwrap_or(host.now()), conn: conn.to_string(), event };
    record(host, &entry).await
}

/// What [`prune`] removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    pub buckets: usize,
    pub entries: usize,
}

/// Prunes if the last prune is [`PRUNE_EVERY_MS`] old, so drains can call it every time.
pub async fn prune_if_due<H: Host>(host: &H) -> Result<Option<Pruned>, HostError> {
    let now = host.now();
    let last = host.get(LAST_PRUNE).await?.and_then(|t| t.parse::<i64>().ok()).unwrap_or(0);
    if now.saturating_sub(last) < PRUNE_EVERY_MS {
        return Ok(None);
    }
    host.set(LAST_PRUNE, &now.to_string()).await?;
    prune(host).await.map(Some)
}

/// Drops the buckets older than [`RETAIN_MS`] and, newest first, those past
/// [`RETAIN_ENTRIES`]. The current hour is never dropped.
pub async fn prune<H: Host>(host: &H) -> Result<Pruned, HostError> {
    let now = host.now();
    let mut buckets = query::buckets(host).await?;
    buckets.sort_unstable_by_key(|b| std::cmp::Reverse(b.0));
    let oldest_kept = bucket(now.saturating_sub(RETAIN_MS));
    let mut kept = 0u64;
    let mut pruned = Pruned::default();
    for (i, (hour, count)) in buckets.into_iter().enumerate() {
        kept = kept.saturating_add(count);
        if i == 0 && hour >= bucket(now) || hour >= oldest_kept && kept <= RETAIN_ENTRIES {
            continue;
        }
        pruned.entries += delete_bucket(host, hour).await?;
        pruned.buckets += 1;
    }
    Ok(pruned)
}

async fn delete_bucket<H: Host>(host: &H, hour: i64) -> Result<usize, HostError> {
    let prefix = format!("au:{hour:08}:");
    let mut deleted = 0;
    loop {
        // Deleting as we go: each walk starts over from the first remaining key.
        let page = host.list(&prefix, None, crate::host::MAX_LIST_PAGE).await?;
        if page.entries.is_empty() {
            break;
        }
        for (key, _) in &page.entries {
            host.delete(key).await?;
            deleted += 1;
        }
    }
    host.delete(&bucket_key(hour)).await?;
    Ok(deleted)
}

fn bucket(ms: i64) -> i64 {
    ms.max(0) / BUCKET_MS
}

fn entry_key(hour: i64, id: &str) -> String {
    format!("au:{hour:08}:{id}")
}

fn bucket_key(hour: i64) -> String {
    format!("aub:{hour:08}")
}

/// The time an id from [`new_id`] was made.
fn id_time(id: &str) -> Option<i64> {
    id.split('-').next()?.parse().ok()
}

#[cfg(test)]
mod tests;
