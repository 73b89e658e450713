//! What the outbox stores: a queued [`Item`] and a [`DeadLetter`], and the idempotency key
//! that makes enqueueing the same write twice store one item.

use super::keys::sha_hex;
use super::task::Task;
use serde::{Deserialize, Serialize};

/// A queued task and its retry bookkeeping, at `ob:{conn}:{idem}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    pub task: Task,
    /// When it was enqueued (ms since the epoch); with `seq`, the order tasks run in.
    pub enqueued_at: i64,
    /// Position within the write that enqueued it.
    pub seq: u32,
    /// Attempts made so far (0 until the first one fails).
    pub attempts: u32,
    /// Of `attempts`, those Jira throttled (a 429 or 503 naming a `Retry-After`): they
    /// don't count toward the dead-letter limit (`jira::retry::decide`).
    #[serde(default, skip_serializing_if = "is_zero_count")]
    pub throttled: u32,
    /// Not to be run before this time (ms): the retry policy's wait.
    pub not_before: i64,
    /// Why the last attempt failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// The audit id of the SCIM request that caused it, so its Jira calls can be traced back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// Until this time (ms) only the drain of the request that queued it may run it: the
    /// request stores its SCIM state after queueing, and a task run before that would see
    /// the old state and drop the change. 0 for work derived from stored state.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub settles_at: i64,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

fn is_zero_count(n: &u32) -> bool {
    *n == 0
}

impl Item {
    /// The order items run in: oldest write first, then the write's own order.
    pub fn order(&self) -> (i64, u32) {
        (self.enqueued_at, self.seq)
    }

    /// Whether a drain may run it at `now`; `own` is the origin of the request whose
    /// drain this is (`None` for a background drain).
    pub fn runnable(&self, now: i64, own: Option<&str>) -> bool {
        let settled = self.settles_at <= now || (own.is_some() && self.origin.as_deref() == own);
        self.not_before <= now && settled
    }

    /// When any drain may run it.
    pub fn due_at(&self) -> i64 {
        self.not_before.max(self.settles_at)
    }
}

/// An item that ran out of attempts or failed for good, at `dl:{conn}:{idem}`. The admin
/// can see it and send it back to the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeadLetter {
    pub item: Item,
    /// What went wrong, in Jira's words where it gave any.
    pub error: String,
    pub failed_at: i64,
}

/// A stored item or dead letter with the id that addresses it (the last key segment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stored<T> {
    pub id: String,
    #[serde(flatten)]
    pub value: T,
}

/// The idempotency key of `task` enqueued by the write named `write_key`: the same task
/// from the same write (a client retrying a request that timed out) maps to the same key,
/// so the create-only write stores it once; the same task from a later write is new work.
pub fn idempotency_key(task: &Task, write_key: &str) -> String {
    // Serializing strings and bools can't fail; the fallback keeps this total.
    let canonical = serde_json::to_string(task).unwrap_or_else(|_| format!("{task:?}"));
    sha_hex(&format!("{canonical}\n{write_key}"))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn idempotency_keys_differ_by_task_and_by_write() {
        let a = Task::SyncUser { conn: "c".into(), user: "u1".into() };
        let b = Task::SyncUser { conn: "c".into(), user: "u2".into() };
        assert_eq!(idempotency_key(&a, "w1"), idempotency_key(&a, "w1"));
        assert_ne!(idempotency_key(&a, "w1"), idempotency_key(&a, "w2"));
        assert_ne!(idempotency_key(&a, "w1"), idempotency_key(&b, "w1"));
        assert_eq!(idempotency_key(&a, "w1").len(), 32);
    }
}
