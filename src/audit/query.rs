//! Reading the audit log back for the admin: newest first, filtered by connection, time
//! and status, a page at a time.

use super::{bucket, AuditEntry};
use crate::host::{Host, HostError, MAX_LIST_PAGE};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Which entries a query wants. Every field narrows; all `None` means everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AuditFilter {
    pub conn: Option<String>,
    /// Only entries at or after this time (ms).
    pub since: Option<i64>,
    pub status: Option<StatusFilter>,
    /// The cursor: only entries older than this id (the last id of the previous page).
    pub before: Option<String>,
}

/// A status filter, written `"404"`, `"4xx"` or `"failed"` (4xx, 5xx, no response, or a
/// task not done).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum StatusFilter {
    Exact(u16),
    /// The hundreds digit: `Class(4)` is 4xx.
    Class(u16),
    Failed,
}

impl FromStr for StatusFilter {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let bad = || format!("status filter {s:?}: expected a status (404), a class (4xx) or \"failed\"");
        if s.eq_ignore_ascii_case("failed") {
            return Ok(StatusFilter::Failed);
        }
        if let Some(digit) = s.strip_suffix("xx").or_else(|| s.strip_suffix("XX")) {
            return match digit.parse::<u16>() {
                Ok(d @ 1..=5) => Ok(StatusFilter::Class(d)),
                _ => Err(bad()),
            };
        }
        match s.parse::<u16>() {
            Ok(code @ 100..=599) => Ok(StatusFilter::Exact(code)),
            _ => Err(bad()),
        }
    }
}

impl TryFrom<String> for StatusFilter {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

impl From<StatusFilter> for String {
    fn from(f: StatusFilter) -> String {
        match f {
            StatusFilter::Exact(code) => code.to_string(),
            StatusFilter::Class(d) => format!("{d}xx"),
            StatusFilter::Failed => "failed".to_string(),
        }
    }
}

impl AuditFilter {
    fn accepts(&self, entry: &AuditEntry) -> bool {
        let conn_ok = self.conn.as_ref().is_none_or(|c| *c == entry.conn);
        let since_ok = self.since.is_none_or(|t| entry.at >= t);
        let before_ok = self.before.as_ref().is_none_or(|b| entry.id < *b);
        let status_ok = match self.status {
            None => true,
            Some(StatusFilter::Failed) => entry.is_failure(),
            Some(StatusFilter::Exact(code)) => entry.statuses().contains(&code),
            Some(StatusFilter::Class(d)) => entry.statuses().iter().any(|s| s / 100 == d),
        };
        conn_ok && since_ok && before_ok && status_ok
    }
}

/// One page of entries, newest first; pass `next_before` as `before` for the next page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub next_before: Option<String>,
}

/// The newest `limit` entries (1..=500) that pass `filter`. Reads only the hour buckets
/// the filter's time range touches.
pub async fn query<H: Host>(host: &H, filter: &AuditFilter, limit: usize) -> Result<AuditPage, HostError> {
    let limit = limit.clamp(1, 500);
    let mut hours: Vec<i64> = buckets(host).await?.into_iter().map(|(hour, _)| hour).collect();
    hours.sort_unstable_by(|a, b| b.cmp(a));
    let first_hour = filter.since.map_or(0, bucket);
    let last_hour = filter.before.as_deref().and_then(super::id_time).map_or(i64::MAX, bucket);
    let mut entries = Vec::new();
    for hour in hours.into_iter().filter(|h| (first_hour..=last_hour).contains(h)) {
        let mut found = read_bucket(host, hour, filter).await?;
        found.sort_unstable_by(|a, b| b.id.cmp(&a.id));
        entries.extend(found);
        if entries.len() > limit {
            break;
        }
    }
    let more = entries.len() > limit;
    entries.truncate(limit);
    let next_before = if more { entries.last().map(|e| e.id.clone()) } else { None };
    Ok(AuditPage { entries, next_before })
}

async fn read_bucket<H: Host>(host: &H, hour: i64, filter: &AuditFilter) -> Result<Vec<AuditEntry>, HostError> {
    let prefix = format!("au:{hour:08}:");
    let mut found = Vec::new();
    let mut cursor = None;
    loop {
        let page = host.list(&prefix, cursor, MAX_LIST_PAGE).await?;
        let parsed = page.entries.iter().filter_map(|(_, v)| serde_json::from_str::<AuditEntry>(v).ok());
        found.extend(parsed.filter(|e| filter.accepts(e)));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(found),
        }
    }
}

/// Every hour bucket and its (approximate) entry count.
pub(super) async fn buckets<H: Host>(host: &H) -> Result<Vec<(i64, u64)>, HostError> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let page = host.list("aub:", cursor, MAX_LIST_PAGE).await?;
        for (key, value) in &page.entries {
            let hour = key.strip_prefix("aub:").and_then(|h| h.parse::<i64>().ok());
            if let Some(hour) = hour {
                out.push((hour, value.parse().unwrap_or(0)));
            }
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(out),
        }
    }
}
