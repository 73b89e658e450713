//! Group membership, one key per member (`gm:`) and its reverse (`um:`, user → groups).
//!
//! Adding or removing one member writes two keys whatever the group's size, and two
//! concurrent changes to one group never overwrite each other. The forward key is written
//! last and removed first, so a crash in between leaves at worst a reverse key without
//! its forward key, which readers ignore ([`groups_of`] checks the forward key).

use super::{keys, walk, MemberEntry, StoreError};
use crate::host::Host;

/// Adds `member` to `group` (a no-op if it is one). Returns true if it was not a member.
pub async fn add<H: Host>(
    host: &H,
    conn: &str,
    group: &str,
    member: &str,
    entry: &MemberEntry,
) -> Result<bool, StoreError> {
    let key = keys::member(conn, group, member);
    let text = super::encode(&key, "member entry", entry)?;
    host.set(&keys::user_group(conn, member, group), "").await?;
    let added = host.create(&key, &text).await?;
    if !added {
        host.set(&key, &text).await?;
    }
    Ok(added)
}

/// Removes `member` from `group`. Returns true if it was a member.
pub async fn remove<H: Host>(host: &H, conn: &str, group: &str, member: &str) -> Result<bool, StoreError> {
    let key = keys::member(conn, group, member);
    let was = host.get(&key).await?.is_some();
    host.delete(&key).await?;
    host.delete(&keys::user_group(conn, member, group)).await?;
    Ok(was)
}

/// Whether `member` is in `group`: one read.
pub async fn contains<H: Host>(host: &H, conn: &str, group: &str, member: &str) -> Result<bool, StoreError> {
    Ok(host.get(&keys::member(conn, group, member)).await?.is_some())
}

/// Every member of `group` with what the IdP said about it; 1 list call per 20 members.
pub async fn list<H: Host>(host: &H, conn: &str, group: &str) -> Result<Vec<(String, MemberEntry)>, StoreError> {
    let prefix = keys::members(conn, group);
    let mut out = Vec::new();
    for (key, text) in walk(host, &prefix).await? {
        let Some(id) = keys::id_after(&key, &prefix) else { continue };
        // An entry that doesn't parse still says the member is there.
        let entry = serde_json::from_str(&text).unwrap_or_default();
        out.push((id.to_string(), entry));
    }
    Ok(out)
}

/// Every group `member` belongs to.
pub async fn groups_of<H: Host>(host: &H, conn: &str, member: &str) -> Result<Vec<String>, StoreError> {
    let prefix = keys::user_groups(conn, member);
    let mut out = Vec::new();
    for (key, _) in walk(host, &prefix).await? {
        let Some(group) = keys::id_after(&key, &prefix) else { continue };
        if contains(host, conn, group, member).await? {
            out.push(group.to_string());
        }
    }
    Ok(out)
}

/// Removes every membership of `group` (before deleting it). Returns the former members.
pub async fn clear_group<H: Host>(host: &H, conn: &str, group: &str) -> Result<Vec<String>, StoreError> {
    let members = list(host, conn, group).await?;
    for (member, _) in &members {
        remove(host, conn, group, member).await?;
    }
    Ok(members.into_iter().map(|(id, _)| id).collect())
}

/// Removes `member` from every group (before deleting it). Returns the groups it left.
pub async fn clear_member<H: Host>(host: &H, conn: &str, member: &str) -> Result<Vec<String>, StoreError> {
    let groups = groups_of(host, conn, member).await?;
    for group in &groups {
        remove(host, conn, group, member).await?;
    }
    // Reverse keys whose forward key was already gone.
    super::delete_prefix(host, &keys::user_groups(conn, member)).await?;
    Ok(groups)
}
