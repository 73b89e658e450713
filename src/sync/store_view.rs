//! What the sync reads of the service's store: SCIM resources and memberships, through
//! `crate::store`, so the sync depends on the store's layout in this one place. The
//! records' own `jira` field is not used: links live at `ln:` keys (see `outbox::keys`).

use crate::host::Host;
use crate::store::{self, members, StoreError};
use serde_json::Value;

/// The SCIM resource of a user record, `None` if the user doesn't exist.
pub async fn user<H: Host>(host: &H, conn: &str, user: &str) -> Result<Option<Value>, StoreError> {
    Ok(store::get_user(host, conn, user).await?.map(|r| r.resource))
}

/// The SCIM resource of a group record (without members).
pub async fn group<H: Host>(host: &H, conn: &str, group: &str) -> Result<Option<Value>, StoreError> {
    Ok(store::get_group(host, conn, group).await?.map(|r| r.resource))
}

/// Whether `user` is in `group` now.
pub async fn is_member<H: Host>(host: &H, conn: &str, group: &str, user: &str) -> Result<bool, StoreError> {
    members::contains(host, conn, group, user).await
}

/// The members of `group` now.
pub async fn members<H: Host>(host: &H, conn: &str, group: &str) -> Result<Vec<String>, StoreError> {
    Ok(members::list(host, conn, group).await?.into_iter().map(|(id, _)| id).collect())
}

/// The groups `user` is in now.
pub async fn groups_of<H: Host>(host: &H, conn: &str, user: &str) -> Result<Vec<String>, StoreError> {
    members::groups_of(host, conn, user).await
}

/// Every user of a connection with its resource.
pub async fn all_users<H: Host>(host: &H, conn: &str) -> Result<Vec<(String, Value)>, StoreError> {
    Ok(store::all_users(host, conn).await?.into_iter().map(|(id, r)| (id, r.resource)).collect())
}

/// Every group of a connection with its resource.
pub async fn all_groups<H: Host>(host: &H, conn: &str) -> Result<Vec<(String, Value)>, StoreError> {
    Ok(store::all_groups(host, conn).await?.into_iter().map(|(id, r)| (id, r.resource)).collect())
}
