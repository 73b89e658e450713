//! Unique names (userName per connection, group displayName per connection) through
//! create-only claim keys: of two concurrent creates of one name, exactly one key write
//! succeeds, so exactly one record gets the name and the other request answers 409.
//!
//! A claim is written before its record. A crash in between leaves a claim whose record
//! does not hold the name; after [`CLAIM_GRACE_MS`] such a claim is taken over, so a lost
//! request never blocks a name for good. Younger ones belong to a request in flight.

use serde_json::Value;

use super::{keys, read, Claim, StoreError};
use crate::host::Host;
use crate::scim::resource::value_ci;

/// How long a claim without its record is taken to belong to a request still running.
/// Longer than any request (Forge web triggers stop at 55 s).
pub const CLAIM_GRACE_MS: i64 = 120_000;

/// Which unique name a claim is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A User's userName.
    UserName,
    /// A Group's displayName.
    DisplayName,
}

impl NameKind {
    fn attribute(self) -> &'static str {
        match self {
            NameKind::UserName => "userName",
            NameKind::DisplayName => "displayName",
        }
    }

    fn key(self, conn: &str, name: &str) -> String {
        match self {
            NameKind::UserName => keys::user_name_index(conn, name),
            NameKind::DisplayName => keys::group_name_index(conn, name),
        }
    }

    fn record_key(self, conn: &str, id: &str) -> String {
        match self {
            NameKind::UserName => keys::user(conn, id),
            NameKind::DisplayName => keys::group(conn, id),
        }
    }
}

/// What [`claim`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimOutcome {
    /// The name is now (or already was) `id`'s.
    Claimed,
    /// Another record (or a request in flight) holds the name.
    HeldBy(String),
}

/// Whether a stored resource has `name` as its unique name, ignoring case.
pub fn holds(resource: &Value, kind: NameKind, name: &str) -> bool {
    let current = resource.as_object().and_then(|m| value_ci(m, kind.attribute())).and_then(Value::as_str);
    current.is_some_and(|c| c.to_lowercase() == name.to_lowercase())
}

/// Claims `name` for record `id`. Call before writing the record; on any later failure
/// [`release`] it.
pub async fn claim<H: Host>(
    host: &H,
    conn: &str,
    kind: NameKind,
    name: &str,
    id: &str,
) -> Result<ClaimOutcome, StoreError> {
    let key = kind.key(conn, name);
    let mine = Claim { id: id.to_string(), at: host.now() };
    let text = super::encode(&key, "name claim", &mine)?;
    // Two rounds: the second follows taking over a stale claim.
    for _ in 0..2 {
        if host.create(&key, &text).await? {
            return Ok(ClaimOutcome::Claimed);
        }
        let Some(held) = read::<H, Claim>(host, &key, "name claim").await? else { continue };
        if held.id == id {
            return Ok(ClaimOutcome::Claimed);
        }
        if !is_stale(host, conn, kind, name, &held).await? {
            return Ok(ClaimOutcome::HeldBy(held.id));
        }
        // Delete only if it is still the stale claim we judged (a best effort: the KV has
        // no compare-and-delete; a take-over race needs a crash and a 2-minute-old claim).
        if read::<H, Claim>(host, &key, "name claim").await?.as_ref() == Some(&held) {
            host.delete(&key).await?;
        }
    }
    let holder = read::<H, Claim>(host, &key, "name claim").await?.map_or_else(String::new, |c| c.id);
    Ok(ClaimOutcome::HeldBy(holder))
}

/// Whether `held` is a leftover: its record doesn't hold the name, and it is old.
async fn is_stale<H: Host>(host: &H, conn: &str, kind: NameKind, name: &str, held: &Claim) -> Result<bool, StoreError> {
    let record: Option<Value> = read(host, &kind.record_key(conn, &held.id), "record").await?;
    let holds_name = record.as_ref().and_then(|r| r.get("resource")).is_some_and(|r| holds(r, kind, name));
    Ok(!holds_name && host.now().saturating_sub(held.at) >= CLAIM_GRACE_MS)
}

/// Gives up `id`'s claim on `name` (after a rename, a delete, or a failed create). A claim
/// held by someone else is left alone.
pub async fn release<H: Host>(host: &H, conn: &str, kind: NameKind, name: &str, id: &str) -> Result<(), StoreError> {
    let key = kind.key(conn, name);
    if let Some(held) = read::<H, Claim>(host, &key, "name claim").await? {
        if held.id == id {
            host.delete(&key).await?;
        }
    }
    Ok(())
}
