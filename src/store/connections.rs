//! Connection records, bearer-token lookup, and each connection's Jira site (settings as
//! data, credentials as host secrets), assembled into a [`JiraSite`] for the sync.

use super::{keys, read, walk, write, StoreError};
use crate::connection::Connection;
use crate::host::Host;
use crate::jira::{JiraSite, SiteError, SiteSettings};
use crate::token::{self, Secret};

/// The connection `id`, if it exists.
pub async fn load<H: Host>(host: &H, id: &str) -> Result<Option<Connection>, StoreError> {
    read(host, &keys::connection(id), "connection").await
}

/// Writes a connection record.
pub async fn save<H: Host>(host: &H, conn: &Connection) -> Result<(), StoreError> {
    write(host, &keys::connection(&conn.id), "connection", conn).await
}

/// Every connection, in the host's list order.
pub async fn all<H: Host>(host: &H) -> Result<Vec<Connection>, StoreError> {
    let mut out = Vec::new();
    for (key, text) in walk(host, keys::CONNECTIONS).await? {
        let conn = serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
            key,
            expected: "connection",
            detail: e.to_string(),
        })?;
        out.push(conn);
    }
    Ok(out)
}

/// The connection a presented bearer token belongs to: one read of `tok:{hash}`, then
/// the connection, whose stored hash must match in constant time. `None` for any token
/// that isn't a live one (unknown, rotated away, or its connection removed).
pub async fn authenticate<H: Host>(host: &H, presented: &str) -> Result<Option<Connection>, StoreError> {
    if !token::is_well_formed(presented) {
        return Ok(None);
    }
    let Some(conn_id) = host.get(&keys::token(&token::hash(presented))).await? else { return Ok(None) };
    let Some(conn) = load(host, &conn_id).await? else { return Ok(None) };
    Ok(token::verify(presented, &conn.token_hash).then_some(conn))
}

/// Points `tok:{hash}` at a connection (before the connection record names the hash).
pub async fn bind_token<H: Host>(host: &H, token_hash: &str, conn_id: &str) -> Result<(), StoreError> {
    host.set(&keys::token(token_hash), conn_id).await?;
    Ok(())
}

/// Removes a token's lookup key.
pub async fn unbind_token<H: Host>(host: &H, token_hash: &str) -> Result<(), StoreError> {
    host.delete(&keys::token(token_hash)).await?;
    Ok(())
}

/// A connection's Jira settings (no secrets), if set.
pub async fn site_settings<H: Host>(host: &H, conn_id: &str) -> Result<Option<SiteSettings>, StoreError> {
    read(host, &keys::site(conn_id), "Jira site settings").await
}

/// Stores site settings; the products live in the connection's policies, not here.
pub async fn save_site_settings<H: Host>(host: &H, conn_id: &str, settings: &SiteSettings) -> Result<(), StoreError> {
    let stored = SiteSettings { products: Vec::new(), ..settings.clone() };
    write(host, &keys::site(conn_id), "Jira site settings", &stored).await
}

/// A secret by name, treating an empty value as absent (the Host has no secret delete).
pub async fn secret<H: Host>(host: &H, name: &str) -> Result<Option<Secret>, StoreError> {
    Ok(host.get_secret(name).await?.filter(|s| !s.is_empty()).map(Secret::new))
}

/// The operator's Jira simulator base URL, if a host configured one.
pub async fn simulator<H: Host>(host: &H) -> Result<Option<String>, StoreError> {
    Ok(host.get(keys::SIMULATOR).await?.filter(|s| !s.is_empty()))
}

/// Why a connection's Jira site can't be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SiteLoadError {
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No settings or no API token yet: the admin has not connected a Jira site.
    #[error("connection {conn:?} has no Jira site configured (site URL, admin email and API token)")]
    NotConfigured { conn: String },
    /// The stored settings no longer pass validation (e.g. the simulator was unset).
    #[error(transparent)]
    Invalid(#[from] SiteError),
}

/// The validated Jira site of `conn`, with its credentials and products: what the sync
/// needs to build requests.
pub async fn jira_site<H: Host>(host: &H, conn: &Connection) -> Result<JiraSite, SiteLoadError> {
    let not_configured = || SiteLoadError::NotConfigured { conn: conn.id.clone() };
    let settings = site_settings(host, &conn.id).await?.ok_or_else(not_configured)?;
    let api_token = secret(host, &keys::api_token_secret(&conn.id)).await?.ok_or_else(not_configured)?;
    let org_key = secret(host, &keys::org_key_secret(&conn.id)).await?;
    let simulator = simulator(host).await?;
    let settings = SiteSettings { products: conn.policies.products.clone(), ..settings };
    Ok(JiraSite::new(&settings, api_token, org_key, simulator.as_deref())?)
}
