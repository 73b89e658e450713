//! The SCIM state of every connection in the host's KV store: records with their Jira
//! links, name indexes, and group membership one key per member. The key layout is in
//! [`keys`]; everything else reads and writes through the functions here.
//!
//! Uniqueness is a create-only name claim ([`claims`], [`Host::create`]); a record and its
//! index keys are then written in one transaction ([`commit`], [`Host::transact`]); and
//! membership is one key per member ([`members`]): no write here reads, changes and writes
//! back a shared value.

pub mod claims;
pub mod commit;
pub mod connections;
pub mod keys;
pub mod members;
pub mod records;

pub use claims::{claim, release, ClaimOutcome, NameKind};
pub use commit::{put_group, put_user, remove_group, remove_user};
pub use records::{Claim, GroupRecord, MemberEntry, UserRecord};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::host::{check_value, Host, HostError};

/// Why a store operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The host's KV store failed or refused the key or value.
    #[error(transparent)]
    Host(#[from] HostError),
    /// A stored value is not the JSON its key should hold: a bug or a hand-edited store.
    #[error("stored value at {key:?} is not a valid {expected}: {detail}")]
    Corrupt { key: String, expected: &'static str, detail: String },
    /// A record would be larger than a KV value may be (240 KiB).
    #[error("the {what} would take {size} bytes stored; the most a value may take is {max}")]
    TooLarge { what: &'static str, size: usize, max: usize },
    /// The platform's random source failed, so no id could be made.
    #[error("no secure random source for a new id: {0}")]
    Random(String),
}

/// Reads and parses the JSON at `key`.
pub async fn read<H: Host, T: DeserializeOwned>(
    host: &H,
    key: &str,
    expected: &'static str,
) -> Result<Option<T>, StoreError> {
    let Some(text) = host.get(key).await? else { return Ok(None) };
    serde_json::from_str(&text).map(Some).map_err(|e| StoreError::Corrupt {
        key: key.into(),
        expected,
        detail: e.to_string(),
    })
}

/// Serializes `value` and checks it fits a KV value, before anything is written.
pub fn encode<T: Serialize>(key: &str, what: &'static str, value: &T) -> Result<String, StoreError> {
    let text = serde_json::to_string(value).map_err(|e| StoreError::Corrupt {
        key: key.into(),
        expected: what,
        detail: e.to_string(),
    })?;
    fits(key, what, text)
}

/// `text`, if a host can store it at `key`; `TooLarge` names `what` otherwise.
pub(crate) fn fits(key: &str, what: &'static str, text: String) -> Result<String, StoreError> {
    check_value(key, &text).map_err(|e| match e {
        HostError::ValueTooLarge { size, max, .. } => StoreError::TooLarge { what, size, max },
        other => StoreError::Host(other),
    })?;
    Ok(text)
}

/// Writes `value` as JSON at `key`.
pub async fn write<H: Host, T: Serialize>(
    host: &H,
    key: &str,
    what: &'static str,
    value: &T,
) -> Result<(), StoreError> {
    let text = encode(key, what, value)?;
    host.set(key, &text).await?;
    Ok(())
}

/// Every entry under `prefix`, walking the host's pages of 20.
pub async fn walk<H: Host>(host: &H, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
    let mut entries = Vec::new();
    let mut cursor = None;
    loop {
        let page = host.list(prefix, cursor, crate::host::MAX_LIST_PAGE).await?;
        entries.extend(page.entries);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(entries),
        }
    }
}

/// Deletes every key under `prefix`. Collects first, then deletes, so a host whose list
/// cursor depends on the keys it returned is not walked while it changes.
pub async fn delete_prefix<H: Host>(host: &H, prefix: &str) -> Result<usize, StoreError> {
    let entries = walk(host, prefix).await?;
    for (key, _) in &entries {
        host.delete(key).await?;
    }
    Ok(entries.len())
}

/// A new id: 32 lowercase hex digits, the creation time in ms (12 digits) then 80 random
/// bits. Valid in any key, and time-ordered, so a prefix walk lists records in the order
/// they were created and paging stays stable as records are added.
pub fn new_id(now_ms: i64) -> Result<String, StoreError> {
    let mut bytes = [0u8; 10];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Random(e.to_string()))?;
    let time = u64::try_from(now_ms).unwrap_or(0) & 0xffff_ffff_ffff;
    Ok(format!("{time:012x}{}", crate::token::to_hex(&bytes)))
}

/// The user record `id` of connection `conn`.
pub async fn get_user<H: Host>(host: &H, conn: &str, id: &str) -> Result<Option<UserRecord>, StoreError> {
    read(host, &keys::user(conn, id), "user record").await
}

/// The group record `id` (without members).
pub async fn get_group<H: Host>(host: &H, conn: &str, id: &str) -> Result<Option<GroupRecord>, StoreError> {
    read(host, &keys::group(conn, id), "group record").await
}

/// Every user of a connection, as `(id, record)`, in the host's list order.
pub async fn all_users<H: Host>(host: &H, conn: &str) -> Result<Vec<(String, UserRecord)>, StoreError> {
    all_records(host, &keys::users(conn), "user record").await
}

/// Every group of a connection, without members.
pub async fn all_groups<H: Host>(host: &H, conn: &str) -> Result<Vec<(String, GroupRecord)>, StoreError> {
    all_records(host, &keys::groups(conn), "group record").await
}

async fn all_records<H: Host, T: DeserializeOwned>(
    host: &H,
    prefix: &str,
    expected: &'static str,
) -> Result<Vec<(String, T)>, StoreError> {
    let mut out = Vec::new();
    for (key, text) in walk(host, prefix).await? {
        let Some(id) = keys::id_after(&key, prefix) else { continue };
        let record = serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
            key: key.clone(),
            expected,
            detail: e.to_string(),
        })?;
        out.push((id.to_string(), record));
    }
    Ok(out)
}

/// The user whose userName is `name` (case-insensitively): one read, of the name's claim
/// and the copy of the record it carries.
pub async fn find_user_by_name<H: Host>(
    host: &H,
    conn: &str,
    name: &str,
) -> Result<Option<(String, UserRecord)>, StoreError> {
    find_by_name(host, conn, NameKind::UserName, name).await
}

/// The group whose displayName is `name` (case-insensitively), in one read.
pub async fn find_group_by_name<H: Host>(
    host: &H,
    conn: &str,
    name: &str,
) -> Result<Option<(String, GroupRecord)>, StoreError> {
    find_by_name(host, conn, NameKind::DisplayName, name).await
}

/// The record holding `name`. A claim without a copy (a create in flight, or a store
/// written before claims carried one) costs a second read, of the record itself.
async fn find_by_name<H: Host, R>(
    host: &H,
    conn: &str,
    kind: NameKind,
    name: &str,
) -> Result<Option<(String, R)>, StoreError>
where
    R: DeserializeOwned + records::HasResource,
{
    let key = kind.key(conn, name);
    let Some(claim) = read::<H, Claim>(host, &key, "name claim").await? else { return Ok(None) };
    let record: Option<R> = match claim.record {
        Some(copy) => Some(serde_json::from_value(copy).map_err(|e| StoreError::Corrupt {
            key,
            expected: "record copy",
            detail: e.to_string(),
        })?),
        None => read(host, &kind.record_key(conn, &claim.id), "record").await?,
    };
    Ok(record.filter(|r| claims::holds(r.resource(), kind, name)).map(|r| (claim.id, r)))
}

/// The users whose externalId is `external_id` (not unique): one list call per 20.
pub async fn find_users_by_external_id<H: Host>(
    host: &H,
    conn: &str,
    external_id: &str,
) -> Result<Vec<(String, UserRecord)>, StoreError> {
    let prefix = keys::external_ids(conn, external_id);
    let mut out = Vec::new();
    for (key, _) in walk(host, &prefix).await? {
        let Some(id) = keys::id_after(&key, &prefix) else { continue };
        if let Some(record) = get_user(host, conn, id).await? {
            let same = record.resource.get("externalId").and_then(|v| v.as_str()) == Some(external_id);
            if same {
                out.push((id.to_string(), record));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
