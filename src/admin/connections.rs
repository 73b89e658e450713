//! Connection lifecycle: create (token shown once), read, update, rotate, remove.

use super::{check, AdminError, ConnectionUpdate, ConnectionView, CreatedConnection, NewConnection};
use crate::connection::Connection;
use crate::host::Host;
use crate::store::{self, connections, keys};
use crate::token;

/// Creates a connection and returns its bearer token, this once.
///
/// Order: the token key first, then the connection. A crash between leaves a token key
/// pointing at no connection, which authenticates nothing.
pub async fn create_connection<H: Host>(host: &H, new: NewConnection) -> Result<CreatedConnection, AdminError> {
    check(&new.name, &new.policies)?;
    let secret = token::generate()?;
    let conn = Connection {
        id: store::new_id(host.now())?,
        name: new.name.trim().to_string(),
        idp: new.idp,
        scim: new.scim,
        mode: new.mode,
        token_hash: token::hash(secret.expose()),
        policies: new.policies,
    };
    connections::bind_token(host, &conn.token_hash, &conn.id).await?;
    connections::save(host, &conn).await?;
    Ok(CreatedConnection { connection: ConnectionView::from(&conn), token: secret.expose().to_string() })
}

/// Every connection.
pub async fn list_connections<H: Host>(host: &H) -> Result<Vec<ConnectionView>, AdminError> {
    Ok(connections::all(host).await?.iter().map(ConnectionView::from).collect())
}

/// One connection.
pub async fn get_connection<H: Host>(host: &H, id: &str) -> Result<ConnectionView, AdminError> {
    Ok(ConnectionView::from(&load(host, id).await?))
}

/// Changes name, IdP kind, dialect, mode or policies. The token stays. A change of group
/// mappings is re-applied to the members of the IdP groups it affects: their tasks are
/// queued after validation and before the save (why that order: `remap::queue_remap`).
pub async fn update_connection<H: Host>(
    host: &H,
    id: &str,
    update: ConnectionUpdate,
) -> Result<ConnectionView, AdminError> {
    let old = load(host, id).await?;
    let mut conn = old.clone();
    if let Some(name) = update.name {
        conn.name = name.trim().to_string();
    }
    conn.idp = update.idp.unwrap_or(conn.idp);
    conn.scim = update.scim.unwrap_or(conn.scim);
    conn.mode = update.mode.unwrap_or(conn.mode);
    if let Some(policies) = update.policies {
        conn.policies = policies;
    }
    check(&conn.name, &conn.policies)?;
    super::remap::queue_remap(host, &old, &conn).await?;
    connections::save(host, &conn).await?;
    Ok(ConnectionView::from(&conn))
}

/// Replaces the connection's token and returns the new one, this once. The old token
/// stops working as soon as the connection record names the new hash.
pub async fn rotate_token<H: Host>(host: &H, id: &str) -> Result<String, AdminError> {
    let mut conn = load(host, id).await?;
    let secret = token::generate()?;
    let old_hash = std::mem::replace(&mut conn.token_hash, token::hash(secret.expose()));
    connections::bind_token(host, &conn.token_hash, &conn.id).await?;
    connections::save(host, &conn).await?;
    connections::unbind_token(host, &old_hash).await?;
    Ok(secret.expose().to_string())
}

/// Removes a connection and all its SCIM data and Jira credentials. Authentication stops
/// first (token key, then record), so a crash midway leaves only unreachable data, which
/// calling this again removes.
pub async fn remove_connection<H: Host>(host: &H, id: &str) -> Result<(), AdminError> {
    check_id(id)?;
    let conn = connections::load(host, id).await?;
    if let Some(conn) = &conn {
        connections::unbind_token(host, &conn.token_hash).await?;
    }
    host.delete(&keys::connection(id)).await.map_err(store::StoreError::from)?;
    for prefix in keys::connection_data(id) {
        store::delete_prefix(host, &prefix).await?;
    }
    host.delete(&keys::site(id)).await.map_err(store::StoreError::from)?;
    for name in [keys::api_token_secret(id), keys::org_key_secret(id)] {
        host.delete_secret(&name).await.map_err(store::StoreError::from)?;
    }
    match conn {
        Some(_) => Ok(()),
        None => Err(AdminError::NotFound { id: id.to_string() }),
    }
}

/// The connection `id`, or `NotFound`.
pub(super) async fn load<H: Host>(host: &H, id: &str) -> Result<Connection, AdminError> {
    check_id(id)?;
    connections::load(host, id).await?.ok_or_else(|| AdminError::NotFound { id: id.to_string() })
}

/// An id that can't be part of a key names no connection.
fn check_id(id: &str) -> Result<(), AdminError> {
    let valid = !id.is_empty() && !id.contains(':') && crate::host::validate_key(&keys::connection(id)).is_ok();
    if valid {
        Ok(())
    } else {
        Err(AdminError::NotFound { id: id.chars().take(80).collect() })
    }
}
