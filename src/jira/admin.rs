//! Atlassian organization (admin) API: suspend and restore a user's access in a directory.
//! Signed with the org API key (Bearer), sent to `api.atlassian.com` (or the simulator).
//! Suspending keeps the account, its groups and roles; restoring brings them back.

use super::request::{admin_request, encode_path};
use super::site::{JiraSite, OrgAccess};
use crate::host::{HttpRequest, Method};

fn user_path(org: &OrgAccess, account_id: &str, action: &str) -> String {
    format!(
        "/admin/v2/orgs/{}/directories/{}/users/{}/{action}",
        encode_path(&org.org_id),
        encode_path(&org.directory_id),
        encode_path(account_id)
    )
}

/// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/suspend`.
pub fn suspend_user(site: &JiraSite, org: &OrgAccess, account_id: &str) -> HttpRequest {
    admin_request(site, org, Method::Post, &user_path(org, account_id, "suspend"))
}

/// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/restore`.
pub fn restore_user(site: &JiraSite, org: &OrgAccess, account_id: &str) -> HttpRequest {
    admin_request(site, org, Method::Post, &user_path(org, account_id, "restore"))
}
