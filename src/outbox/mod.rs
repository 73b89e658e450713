//! The durable outbox: Jira work a SCIM write implies, kept on the host's KV store until
//! Jira has done it. It owns the queue (`ob:`), dead letters (`dl:`), leases and the
//! drain loop that runs tasks with retries; what a task does is `sync`'s business.
//!
//! A Jira failure never loses the IdP's intent: a task leaves the queue only when it is
//! done, or moves to the dead letters, where the admin sees it and can send it back.
//!
//! The write protocol, and why it converges after a crash anywhere:
//! 1. [`enqueue`] the write's tasks (create-only keys: a retried write adds none);
//! 2. store the SCIM state;
//! 3. [`drain_after_write`] with the request's origin (within its time budget).
//!
//! A crash before 2 leaves tasks that find the old state when they run: nothing to do.
//! Tasks never carry state, only resource ids, so they can't undo a later write. Until a
//! write's items settle ([`SETTLE_MS`]) only that request's drain runs them, so no other
//! drain sees them before step 2. Items of one resource (a lease per scope) run one at a
//! time and in write order; since each reads the store when it runs, order only affects
//! how many calls are made, not where Jira ends.

mod drain;
pub mod item;
pub mod keys;
pub mod lease;
mod queue;
mod runner;
pub mod task;

pub use drain::{drain, drain_after_write, DrainReport, Sites, StoreSites, DESK_BATCH};
pub use item::{DeadLetter, Item, Stored};
pub use queue::{
    discard_dead_letter, enqueue, enqueue_settled, list_dead_letters, list_items, retry_dead_letter, Enqueued, Listing,
    SETTLE_MS,
};
pub use task::{Scope, Task};

use crate::host::HostError;

/// Why an outbox operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutboxError {
    /// The KV store failed; nothing was half-written, and trying again may work.
    #[error("outbox storage: {0}")]
    Storage(#[from] HostError),
    /// A store record the task needs could not be read.
    #[error("outbox: {0}")]
    Store(#[from] crate::store::StoreError),
    /// An admin passed an id the outbox never makes (expected 32 lowercase hex digits).
    #[error("{id:?} is not an outbox id: expected 32 lowercase hex digits")]
    BadId { id: String },
    /// A stored entry that doesn't parse (written by a newer or broken version).
    #[error("unreadable outbox entry at {key}: {detail}")]
    Unreadable { key: String, detail: String },
}

/// A uniformly random `u64` from the platform's secure source (getrandom), or `None` if
/// it has none; callers fall back to something deterministic and say so.
pub(crate) fn random_u64() -> Option<u64> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).ok()?;
    Some(u64::from_le_bytes(bytes))
}

/// A random number in `[0, 1]` for retry jitter; 0.5 (no jitter) without a random source.
pub(crate) fn random_unit() -> f64 {
    random_u64().map_or(0.5, |r| (r >> 11) as f64 / (1u64 << 53) as f64)
}

/// A random id of 16 hex digits for lease owners and audit keys.
pub(crate) fn random_hex(fallback: i64) -> String {
    format!("{:016x}", random_u64().unwrap_or(fallback as u64))
}

/// JSON of a value made of strings, numbers and enums: serializing can't fail.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
