//! What the sync reads of the service's store: connections, SCIM resources and
//! memberships. One adapter, so the drain depends on the store in one place.
//!
//! MIRRORS `store::keys` and `store::members` of the service half until both land on
//! main; then these bodies become calls to `crate::store`.

use crate::connection::Connection;
use crate::host::{Host, HostError, MAX_LIST_PAGE};
use serde_json::Value;

/// A connection by id.
pub async fn connection<H: Host>(host: &H, conn: &str) -> Result<Option<Connection>, HostError> {
    Ok(host.get(&format!("conn:{conn}")).await?.and_then(|raw| serde_json::from_str(&raw).ok()))
}

/// The SCIM resource of a user record, `None` if the user doesn't exist.
pub async fn user<H: Host>(host: &H, conn: &str, user: &str) -> Result<Option<Value>, HostError> {
    resource(host, &format!("u:{conn}:{user}")).await
}

/// The SCIM resource of a group record (without members).
pub async fn group<H: Host>(host: &H, conn: &str, group: &str) -> Result<Option<Value>, HostError> {
    resource(host, &format!("g:{conn}:{group}")).await
}

async fn resource<H: Host>(host: &H, key: &str) -> Result<Option<Value>, HostError> {
    let raw = host.get(key).await?;
    Ok(raw.and_then(|r| serde_json::from_str::<Value>(&r).ok()).and_then(|mut record| record.get_mut("resource").map(Value::take)))
}

/// Whether `user` is in `group` now.
pub async fn is_member<H: Host>(host: &H, conn: &str, group: &str, user: &str) -> Result<bool, HostError> {
    Ok(host.get(&format!("gm:{conn}:{group}:{user}")).await?.is_some())
}

/// The members of `group` now.
pub async fn members<H: Host>(host: &H, conn: &str, group: &str) -> Result<Vec<String>, HostError> {
    ids_under(host, &format!("gm:{conn}:{group}:")).await
}

/// The groups `user` is in now (reverse keys whose forward key is gone are ignored).
pub async fn groups_of<H: Host>(host: &H, conn: &str, user: &str) -> Result<Vec<String>, HostError> {
    let mut out = Vec::new();
    for group in ids_under(host, &format!("um:{conn}:{user}:")).await? {
        if is_member(host, conn, &group, user).await? {
            out.push(group);
        }
    }
    Ok(out)
}

/// Every user (`u:`) or group (`g:`) of a connection with its resource.
pub async fn all<H: Host>(host: &H, conn: &str, kind: char) -> Result<Vec<(String, Value)>, HostError> {
    let prefix = format!("{kind}:{conn}:");
    let mut out = Vec::new();
    for (key, raw) in walk(host, &prefix).await? {
        let Some(id) = key.strip_prefix(&prefix) else { continue };
        let resource = serde_json::from_str::<Value>(&raw).ok().and_then(|mut r| r.get_mut("resource").map(Value::take));
        if let Some(resource) = resource {
            out.push((id.to_string(), resource));
        }
    }
    Ok(out)
}

async fn ids_under<H: Host>(host: &H, prefix: &str) -> Result<Vec<String>, HostError> {
    let entries = walk(host, prefix).await?;
    Ok(entries.into_iter().filter_map(|(k, _)| k.strip_prefix(prefix).map(str::to_string)).filter(|id| !id.is_empty() && !id.contains(':')).collect())
}

/// Every entry under `prefix`, page by page.
pub async fn walk<H: Host>(host: &H, prefix: &str) -> Result<Vec<(String, String)>, HostError> {
    let mut entries = Vec::new();
    let mut cursor = None;
    loop {
        let page = host.list(prefix, cursor, MAX_LIST_PAGE).await?;
        entries.extend(page.entries);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(entries),
        }
    }
}
