//! [`JiraOp`]: one planned Jira operation, as data. The sync engine plans them, the outbox
//! stores them (serde, stable camelCase names), and the drain turns each into a request
//! with [`JiraOp::request`] and its response into an [`Outcome`](super::Outcome).

use super::site::JiraSite;
use super::{admin, groups, jsm, users};
use crate::host::HttpRequest;
use crate::token::to_hex;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// One Jira operation. Every one is safe to repeat: the outcome rules turn "already so"
/// answers into success, so a retry after a lost response does no harm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum JiraOp {
    /// Create (or find, if it exists with Jira access) a site user; yields its accountId.
    CreateUser { email: String, display_name: Option<String> },
    /// Read a user; a missing user is `Done(User(None))`, not a failure.
    GetUser { account_id: String },
    /// Search by email; yields exact matches and results with hidden emails.
    FindUserByEmail { email: String },
    /// Remove a user from the site.
    DeleteUser { account_id: String },
    /// Create a group; if the name is taken, look it up instead.
    CreateGroup { name: String },
    /// Find a group by name.
    FindGroupByName { name: String },
    /// Delete a group.
    DeleteGroup { group_id: String },
    /// Add a user to a group; "already a member" counts as done.
    AddToGroup { group_id: String, account_id: String },
    /// Remove a user from a group; "not a member" counts as done.
    RemoveFromGroup { group_id: String, account_id: String },
    /// One page of a group's members (inactive users included).
    ListGroupMembers { group_id: String, start_at: u64 },
    /// Create a JSM customer; if the email has an account, look it up instead.
    CreateCustomer { email: String, display_name: String },
    /// One page of service desks.
    ListServiceDesks { start: u64 },
    /// Make accounts customers of a service desk.
    AddCustomers { service_desk_id: String, account_ids: Vec<String> },
    /// Remove accounts from a service desk's customers.
    RemoveCustomers { service_desk_id: String, account_ids: Vec<String> },
    /// One page of a service desk's customers.
    ListCustomers { service_desk_id: String, start: u64 },
    /// Suspend a user's access in the org directory (admin API).
    SuspendUser { account_id: String },
    /// Restore a suspended user's access (admin API).
    RestoreUser { account_id: String },
}

/// Why an operation could not become a request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// Suspend/restore need an org id, directory id and org API key in the site settings.
    #[error("{op} needs the Atlassian admin API: set the org id, directory id and org API key")]
    AdminApiNotConfigured { op: &'static str },
}

impl JiraOp {
    /// The operation's name, as stored (`"addToGroup"`).
    pub fn kind(&self) -> &'static str {
        match self {
            JiraOp::CreateUser { .. } => "createUser",
            JiraOp::GetUser { .. } => "getUser",
            JiraOp::FindUserByEmail { .. } => "findUserByEmail",
            JiraOp::DeleteUser { .. } => "deleteUser",
            JiraOp::CreateGroup { .. } => "createGroup",
            JiraOp::FindGroupByName { .. } => "findGroupByName",
            JiraOp::DeleteGroup { .. } => "deleteGroup",
            JiraOp::AddToGroup { .. } => "addToGroup",
            JiraOp::RemoveFromGroup { .. } => "removeFromGroup",
            JiraOp::ListGroupMembers { .. } => "listGroupMembers",
            JiraOp::CreateCustomer { .. } => "createCustomer",
            JiraOp::ListServiceDesks { .. } => "listServiceDesks",
            JiraOp::AddCustomers { .. } => "addCustomers",
            JiraOp::RemoveCustomers { .. } => "removeCustomers",
            JiraOp::ListCustomers { .. } => "listCustomers",
            JiraOp::SuspendUser { .. } => "suspendUser",
            JiraOp::RestoreUser { .. } => "restoreUser",
        }
    }

    /// A key naming this effect: `<kind>:<32 hex digits of SHA-256 of the op>`. Equal ops
    /// get equal keys, so the outbox can tell a duplicate from new work; the key is a valid
    /// host KV key whatever the op holds (emails, group names).
    pub fn idempotency_key(&self) -> String {
        // Serializing plain strings and numbers can't fail; the fallback keeps this total.
        let canonical = serde_json::to_string(self).unwrap_or_else(|_| format!("{self:?}"));
        let digest = Sha256::digest(canonical.as_bytes());
        let hex = to_hex(&digest);
        format!("{}:{}", self.kind(), hex.get(..32).unwrap_or(&hex))
    }

    /// The HTTP request that performs this operation on `site`. Call it for each attempt
    /// (credentials are read from `site`, never stored with the op), send it through
    /// `Host::fetch`, and pass the response to [`parse_outcome`](super::parse_outcome).
    pub fn request(&self, site: &JiraSite) -> Result<HttpRequest, RequestError> {
        Ok(match self {
            JiraOp::CreateUser { email, display_name } => users::create_user(site, email, display_name.as_deref()),
            JiraOp::GetUser { account_id } => users::get_user(site, account_id),
            JiraOp::FindUserByEmail { email } => users::search_by_email(site, email),
            JiraOp::DeleteUser { account_id } => users::delete_user(site, account_id),
            JiraOp::CreateGroup { name } => groups::create_group(site, name),
            JiraOp::FindGroupByName { name } => groups::find_group(site, name),
            JiraOp::DeleteGroup { group_id } => groups::delete_group(site, group_id),
            JiraOp::AddToGroup { group_id, account_id } => groups::add_member(site, group_id, account_id),
            JiraOp::RemoveFromGroup { group_id, account_id } => groups::remove_member(site, group_id, account_id),
            JiraOp::ListGroupMembers { group_id, start_at } => groups::list_members(site, group_id, *start_at),
            JiraOp::CreateCustomer { email, display_name } => jsm::create_customer(site, email, display_name),
            JiraOp::ListServiceDesks { start } => jsm::list_service_desks(site, *start),
            JiraOp::AddCustomers { service_desk_id, account_ids } => {
                jsm::add_customers(site, service_desk_id, account_ids)
            }
            JiraOp::RemoveCustomers { service_desk_id, account_ids } => {
                jsm::remove_customers(site, service_desk_id, account_ids)
            }
            JiraOp::ListCustomers { service_desk_id, start } => jsm::list_customers(site, service_desk_id, *start),
            JiraOp::SuspendUser { account_id } => admin::suspend_user(site, self.org(site)?, account_id),
            JiraOp::RestoreUser { account_id } => admin::restore_user(site, self.org(site)?, account_id),
        })
    }

    fn org<'a>(&self, site: &'a JiraSite) -> Result<&'a super::site::OrgAccess, RequestError> {
        site.org().ok_or(RequestError::AdminApiNotConfigured { op: self.kind() })
    }
}
