//! The admin's dry run: what a SCIM request would do for a connection, with nothing stored
//! and nothing sent to Jira. The host authenticated the admin, so unlike a dry run sent
//! to the SCIM endpoint this one needs no SCIM token (`service::dry_run::as_connection`).

use super::{connections, AdminError};
use crate::host::Host;
use crate::service::{dry_run, ScimRequest, ScimResponse};

/// Dry-runs `request` (its `path` relative to the connection's base URL, e.g. `/Users`)
/// as connection `id`. `NotFound` for an unknown connection; SCIM errors are responses.
pub async fn dry_run<H: Host>(host: &H, id: &str, request: ScimRequest) -> Result<ScimResponse, AdminError> {
    let conn = connections::load(host, id).await?;
    Ok(dry_run::as_connection(host, &conn, &request).await)
}
