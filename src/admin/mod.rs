//! The admin API every host's UI and CLI use: connections (create, list, get, update,
//! rotate token, remove), their Jira settings and policies. Values in and out are serde
//! structs (camelCase JSON), so the wasm bindings only convert them.
//!
//! A bearer token leaves the core exactly twice: from [`create_connection`] and
//! [`rotate_token`]. Only its hash is stored.

mod connections;
mod dry_run;
mod jira;
mod jira_read;
mod remap;

pub use connections::{
    create_connection, get_connection, list_connections, remove_connection, rotate_token, update_connection,
};
pub use dry_run::dry_run;
pub use jira::{get_jira_settings, set_jira_settings, set_simulator};
pub use jira_read::{jira_groups, jira_service_desks, test_jira, JiraIdentity, JiraList, JiraReadError};

use serde::{Deserialize, Serialize};

use crate::connection::{Connection, IdpKind, Policies, ScimVersion, SyncMode};
use crate::jira::SiteError;
use crate::store::StoreError;
use crate::token::TokenError;

/// What the admin supplies to create a connection. Only `name` is required.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewConnection {
    pub name: String,
    pub idp: IdpKind,
    pub scim: ScimVersion,
    pub mode: SyncMode,
    pub policies: Policies,
}

/// A change to a connection; absent fields stay as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ConnectionUpdate {
    pub name: Option<String>,
    pub idp: Option<IdpKind>,
    pub scim: Option<ScimVersion>,
    pub mode: Option<SyncMode>,
    pub policies: Option<Policies>,
}

/// A connection as the admin sees it: no token hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionView {
    pub id: String,
    pub name: String,
    pub idp: IdpKind,
    pub scim: ScimVersion,
    pub mode: SyncMode,
    /// Where the IdP points: the host's SCIM mount + this, e.g. `/scim` + `/{id}/v2`.
    pub base_path: String,
    pub policies: Policies,
}

impl From<&Connection> for ConnectionView {
    fn from(conn: &Connection) -> Self {
        ConnectionView {
            id: conn.id.clone(),
            name: conn.name.clone(),
            idp: conn.idp,
            scim: conn.scim,
            mode: conn.mode,
            base_path: conn.base_path(),
            policies: conn.policies.clone(),
        }
    }
}

/// A new connection and its bearer token, shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedConnection {
    pub connection: ConnectionView,
    pub token: String,
}

/// Jira settings as the admin enters them. Secrets are optional on update: absent keeps
/// the stored one, an empty string clears it (the org key only; the API token is required).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JiraSettingsInput {
    pub site_url: String,
    pub admin_email: String,
    pub api_token: Option<String>,
    /// Products for new accounts; absent keeps the connection's current list.
    pub products: Option<Vec<String>>,
    pub org_id: Option<String>,
    pub directory_id: Option<String>,
    pub org_api_key: Option<String>,
}

/// Jira settings as the admin sees them: whether secrets are set, never their values.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JiraSettingsView {
    pub site_url: String,
    pub admin_email: String,
    pub products: Vec<String>,
    pub org_id: Option<String>,
    pub directory_id: Option<String>,
    pub has_api_token: bool,
    pub has_org_key: bool,
    /// Suspend/restore through the admin API is possible (org id, directory id and key set).
    pub org_access: bool,
}

/// Why an admin operation was refused or failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AdminError {
    /// No connection has this id.
    #[error("no connection has id {id:?}")]
    NotFound { id: String },
    /// A field failed validation, e.g. an empty name or an unknown product.
    #[error("{field}: {detail}")]
    Invalid { field: &'static str, detail: String },
    /// The Jira settings failed validation (site URL, email, ids, token).
    #[error(transparent)]
    Site(#[from] SiteError),
    /// No token could be generated.
    #[error(transparent)]
    Token(#[from] TokenError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Queueing the work a mapping change implies failed (the change was not saved).
    #[error(transparent)]
    Outbox(#[from] crate::outbox::OutboxError),
    /// Reading the connection's Jira site failed (no site, refused credentials, 429, …).
    #[error(transparent)]
    JiraRead(#[from] JiraReadError),
}

impl AdminError {
    /// The HTTP status a host's admin endpoint answers with.
    pub fn status(&self) -> u16 {
        match self {
            AdminError::NotFound { .. } => 404,
            AdminError::Invalid { .. } | AdminError::Site(_) => 400,
            AdminError::Token(_) | AdminError::Store(_) | AdminError::Outbox(_) => 500,
            AdminError::JiraRead(e) => e.status(),
        }
    }
}

/// Checks a connection's name and policies.
fn check(name: &str, policies: &Policies) -> Result<(), AdminError> {
    if name.trim().is_empty() {
        return Err(AdminError::Invalid { field: "name", detail: "expected a non-empty name".into() });
    }
    check_products(&policies.products)?;
    if let Some(groups) = &policies.product_access_groups {
        check_access_groups(groups)?;
    }
    if let Some(bad) = policies.group_mappings.iter().find(|m| m.idp_group.trim().is_empty()) {
        return Err(AdminError::Invalid {
            field: "policies.groupMappings",
            detail: format!("expected every mapping to name an IdP group, found {:?}", bad.idp_group),
        });
    }
    Ok(())
}

/// The longest Jira group name (Jira Cloud refuses longer ones).
pub const MAX_GROUP_NAME: usize = 255;

/// An explicit list of product-access groups: at least one, each a plausible Jira group
/// name, none twice (Jira group names ignore case, so neither may the list).
fn check_access_groups(groups: &[String]) -> Result<(), AdminError> {
    let invalid = |detail: String| AdminError::Invalid { field: "policies.productAccessGroups", detail };
    if groups.is_empty() {
        return Err(invalid(
            "expected at least one group name; leave it unset (null) for the conventional names".into(),
        ));
    }
    for (i, name) in groups.iter().enumerate() {
        if name.trim().is_empty() || name.trim() != name {
            return Err(invalid(format!("expected a group name without surrounding spaces, found {name:?}")));
        }
        if name.chars().count() > MAX_GROUP_NAME {
            return Err(invalid(format!(
                "expected at most {MAX_GROUP_NAME} characters, found {}",
                name.chars().count()
            )));
        }
        if groups[..i].iter().any(|earlier| earlier.eq_ignore_ascii_case(name)) {
            return Err(invalid(format!("{name:?} is listed twice (Jira group names ignore case)")));
        }
    }
    Ok(())
}

fn check_products(products: &[String]) -> Result<(), AdminError> {
    match products.iter().find(|p| !crate::jira::site::KNOWN_PRODUCTS.contains(&p.as_str())) {
        Some(unknown) => Err(SiteError::UnknownProduct { product: unknown.clone() }.into()),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
