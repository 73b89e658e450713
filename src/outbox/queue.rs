//! Enqueueing, and the admin's view of the queue: list items, list dead letters, send a
//! dead letter back. Every write here is one KV call; enqueue is create-only, so retrying
//! it (or a whole SCIM write) never stores a task twice.

use super::item::{idempotency_key, DeadLetter, Item, Stored};
use super::keys;
use super::task::Task;
use super::{to_json, OutboxError};
use crate::host::Host;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// What [`enqueue`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Enqueued {
    /// Items stored.
    pub created: usize,
    /// Items already there from an earlier try of the same write.
    pub duplicates: usize,
}

/// Queues `tasks` for the write named `write_key`, in order. Call it BEFORE storing the
/// write's new SCIM state: a crash after this and before the state is stored leaves tasks
/// that find nothing to do (they read the current store), while the opposite order could
/// store a change whose Jira work is never queued. The client's retry of the same write
/// (same `write_key`, e.g. `u:{id}@{version}`) finds its items there and adds none.
///
/// `origin` is the audit id of the SCIM request. Until [`SETTLE_MS`] have passed, only
/// that request's own drain ([`drain_after_write`](super::drain_after_write), called once
/// the state is stored) runs these items, so no drain runs them against the old state.
pub async fn enqueue<H: Host>(
    host: &H,
    tasks: &[Task],
    write_key: &str,
    origin: Option<&str>,
) -> Result<Enqueued, OutboxError> {
    let settles_at = host.now().saturating_add(SETTLE_MS);
    add(host, tasks, write_key, origin, settles_at).await
}

/// Queues work derived from the store as it is (follow-ups, repairs): any drain may run
/// it at once.
pub async fn enqueue_settled<H: Host>(
    host: &H,
    tasks: &[Task],
    write_key: &str,
    origin: Option<&str>,
) -> Result<Enqueued, OutboxError> {
    add(host, tasks, write_key, origin, 0).await
}

/// How long a SCIM write may take between queueing its tasks and storing its state
/// before other drains stop waiting for it (then it crashed, and its tasks find the
/// store as it is, which is right).
pub const SETTLE_MS: i64 = 15_000;

async fn add<H: Host>(
    host: &H,
    tasks: &[Task],
    write_key: &str,
    origin: Option<&str>,
    settles_at: i64,
) -> Result<Enqueued, OutboxError> {
    let now = host.now();
    let mut report = Enqueued::default();
    for (seq, task) in tasks.iter().enumerate() {
        let item = Item {
            task: task.clone(),
            enqueued_at: now,
            seq: u32::try_from(seq).unwrap_or(u32::MAX),
            attempts: 0,
            throttled: 0,
            not_before: now,
            last_error: None,
            origin: origin.map(str::to_string),
            settles_at,
        };
        let key = keys::item(task.conn(), &idempotency_key(task, write_key));
        if host.create(&key, &to_json(&item)).await? {
            report.created += 1;
        } else {
            report.duplicates += 1;
        }
    }
    Ok(report)
}

/// One page of a listing, and the cursor for the next (`None` at the end).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Listing<T> {
    pub entries: Vec<Stored<T>>,
    pub next_cursor: Option<String>,
}

/// One page (at most 20) of a connection's queued items, for the admin.
pub async fn list_items<H: Host>(host: &H, conn: &str, cursor: Option<String>) -> Result<Listing<Item>, OutboxError> {
    list(host, &keys::outbox(conn), cursor).await
}

/// One page (at most 20) of a connection's dead letters, for the admin.
pub async fn list_dead_letters<H: Host>(
    host: &H,
    conn: &str,
    cursor: Option<String>,
) -> Result<Listing<DeadLetter>, OutboxError> {
    list(host, &keys::dead_letters(conn), cursor).await
}

async fn list<H: Host, T: DeserializeOwned>(
    host: &H,
    prefix: &str,
    cursor: Option<String>,
) -> Result<Listing<T>, OutboxError> {
    let page = host.list(prefix, cursor, crate::host::MAX_LIST_PAGE).await?;
    // An entry that doesn't parse is skipped here; the drain logs it.
    let entries = page
        .entries
        .iter()
        .filter_map(|(key, value)| {
            let value = serde_json::from_str(value).ok()?;
            Some(Stored { id: keys::last_segment(key).to_string(), value })
        })
        .collect();
    Ok(Listing { entries, next_cursor: page.next_cursor })
}

/// Sends a dead letter back to the queue with a fresh set of attempts, to run now.
/// `Ok(false)` if there is no such dead letter (already retried, or never was).
pub async fn retry_dead_letter<H: Host>(host: &H, conn: &str, id: &str) -> Result<bool, OutboxError> {
    check_id(id)?;
    let dl_key = keys::dead_letter(conn, id);
    let Some(raw) = host.get(&dl_key).await? else { return Ok(false) };
    let letter: DeadLetter = serde_json::from_str(&raw)
        .map_err(|e| OutboxError::Unreadable { key: dl_key.clone(), detail: e.to_string() })?;
    let now = host.now();
    let item = Item {
        attempts: 0,
        throttled: 0,
        not_before: now,
        settles_at: 0,
        last_error: Some(letter.error),
        ..letter.item
    };
    // Queue first, then forget the letter: a crash in between leaves a duplicate, not a loss.
    host.set(&keys::item(conn, id), &to_json(&item)).await?;
    host.delete(&dl_key).await?;
    Ok(true)
}

/// Drops a dead letter for good (the admin decided the work is not wanted).
pub async fn discard_dead_letter<H: Host>(host: &H, conn: &str, id: &str) -> Result<(), OutboxError> {
    check_id(id)?;
    host.delete(&keys::dead_letter(conn, id)).await?;
    Ok(())
}

/// Moves a queued item to the dead letters with `error`.
pub(crate) async fn bury<H: Host>(
    host: &H,
    conn: &str,
    id: &str,
    item: Item,
    error: String,
) -> Result<(), OutboxError> {
    let letter = DeadLetter { item, error, failed_at: host.now() };
    host.set(&keys::dead_letter(conn, id), &to_json(&letter)).await?;
    host.delete(&keys::item(conn, id)).await?;
    Ok(())
}

/// Ids the outbox makes are 32 lowercase hex digits; anything else is refused before it
/// reaches a key.
fn check_id(id: &str) -> Result<(), OutboxError> {
    if id.len() == 32 && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        Ok(())
    } else {
        Err(OutboxError::BadId { id: id.chars().take(80).collect() })
    }
}
