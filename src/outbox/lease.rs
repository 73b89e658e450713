//! Leases: which host runs a scope's tasks right now. The host's one atomic primitive is
//! a create-only write, so a lease is a create-only key holding `{owner, until}`. A lease
//! past `until` belongs to a host that died or stalled; exactly one other host may take it
//! over, the one whose create-only write of the takeover token for that `until` succeeds.
//! So a host dropped mid-drain costs its scopes one lease period, then they converge.

use super::keys;
use super::to_json;
use crate::host::{Host, HostError};
use serde::{Deserialize, Serialize};

/// How long a lease lasts: longer than any one item takes (a few Jira calls, each bounded
/// by the host's fetch time-out), short enough that work left by a dead host resumes soon.
pub const LEASE_MS: i64 = 120_000;

/// A lease as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lease {
    pub owner: String,
    pub until: i64,
}

/// A lease this host holds; give it back with [`release`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    key: String,
    owner: String,
    /// The takeover token written to get it, if it was taken over.
    takeover: Option<String>,
}

/// Tries to take the lease on `scope`. `Ok(None)`: another host holds it and it has not
/// expired. Expired leases are taken over at most once each.
pub async fn claim<H: Host>(host: &H, conn: &str, scope: &str, owner: &str) -> Result<Option<Held>, HostError> {
    let key = keys::lease(conn, scope);
    let now = host.now();
    let lease = to_json(&Lease { owner: owner.to_string(), until: now.saturating_add(LEASE_MS) });
    if host.create(&key, &lease).await? {
        return Ok(Some(Held { key, owner: owner.to_string(), takeover: None }));
    }
    let Some(current) = host.get(&key).await? else {
        // Released between our two calls: one more create decides.
        let created = host.create(&key, &lease).await?;
        return Ok(created.then(|| Held { key, owner: owner.to_string(), takeover: None }));
    };
    // An unreadable lease counts as expired at time 0, so it can't block a scope forever.
    let expired_at = serde_json::from_str::<Lease>(&current).map_or(0, |l| l.until);
    if expired_at > now {
        return Ok(None);
    }
    let token = keys::takeover(conn, scope, expired_at);
    if !host.create(&token, "").await? {
        return Ok(None);
    }
    host.set(&key, &lease).await?;
    Ok(Some(Held { key, owner: owner.to_string(), takeover: Some(token) }))
}

/// Gives the lease back, unless it expired and another host took it over meanwhile (then
/// the lease is theirs and stays).
pub async fn release<H: Host>(host: &H, held: Held) -> Result<(), HostError> {
    let still_ours = match host.get(&held.key).await? {
        Some(raw) => serde_json::from_str::<Lease>(&raw).is_ok_and(|l| l.owner == held.owner),
        None => false,
    };
    if still_ours {
        host.delete(&held.key).await?;
    }
    if let Some(token) = held.takeover {
        host.delete(&token).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::host::{block_on, MemoryHost};

    #[test]
    fn a_held_lease_blocks_others_until_released() {
        let host = MemoryHost::new();
        block_on(async {
            let a = claim(&host, "c", "u:1", "A").await;
            assert!(matches!(a, Ok(Some(_))));
            assert_eq!(claim(&host, "c", "u:1", "B").await, Ok(None));
            assert!(matches!(claim(&host, "c", "u:2", "B").await, Ok(Some(_))), "other scopes are free");
            if let Ok(Some(held)) = a {
                assert_eq!(release(&host, held).await, Ok(()));
            }
            assert!(matches!(claim(&host, "c", "u:1", "B").await, Ok(Some(_))));
        });
    }

    #[test]
    fn an_expired_lease_is_taken_over_once() {
        let host = MemoryHost::new();
        block_on(async {
            let dead = claim(&host, "c", "u:1", "A").await;
            assert!(matches!(dead, Ok(Some(_))));
            host.advance(LEASE_MS - 1);
            assert_eq!(claim(&host, "c", "u:1", "B").await, Ok(None), "not yet expired");
            host.advance(1);
            let b = claim(&host, "c", "u:1", "B").await;
            assert!(matches!(&b, Ok(Some(h)) if h.takeover.is_some()));
            assert_eq!(claim(&host, "c", "u:1", "C").await, Ok(None), "B holds it now");
            // The dead host wakes up and releases: B's lease must survive.
            if let Ok(Some(held)) = dead {
                assert_eq!(release(&host, held).await, Ok(()));
            }
            assert_eq!(claim(&host, "c", "u:1", "C").await, Ok(None));
            if let Ok(Some(held)) = b {
                assert_eq!(release(&host, held).await, Ok(()));
            }
            assert!(host.kv_snapshot().keys().all(|k| !k.starts_with("lease:")), "{:?}", host.kv_snapshot());
        });
    }

    #[test]
    fn two_hosts_racing_for_one_expired_lease_one_wins() {
        let host = MemoryHost::new();
        block_on(async {
            let _ = claim(&host, "c", "g:1", "A").await;
            host.advance(LEASE_MS + 5);
            // B and C both read the same expired lease; only one takeover token can be created.
            let token = keys::takeover("c", "g:1", host.now() - 5);
            assert_eq!(host.create(&token, "").await, Ok(true), "C's token, written first");
            assert_eq!(claim(&host, "c", "g:1", "B").await, Ok(None));
        });
    }
}
