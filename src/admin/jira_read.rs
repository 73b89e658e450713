//! Reads from a connection's Jira site for the admin UI: "test connection" (who the stored
//! credentials sign in as) and the groups and service desks its mapping pickers offer.
//!
//! Read-only and never queued: each call asks Jira now, through `Host::fetch`, with requests
//! built by `jira::` on the connection's validated [`JiraSite`]. Listings page by offset on
//! that site; links in Jira's bodies (`nextPage`, `_links.next`) are never followed, so the
//! site credentials can't be sent anywhere else.

use serde::{Deserialize, Serialize};

use super::connections::load;
use super::AdminError;
use crate::host::{Host, HttpRequest};
use crate::jira::retry::parse_retry_after;
use crate::jira::{error_message, groups, jsm, users, GroupRef, JiraSite, Page, ResponseError, ServiceDesk};
use crate::store::connections::{self, SiteLoadError};

/// The most items a listing returns; past it the result says `truncated`. A picker with
/// more than this is unusable anyway, and each page is a Jira call the admin waits for.
pub const MAX_ITEMS: usize = 1000;
/// The most pages one listing reads, so a site answering a few items a page can't keep
/// the admin waiting for hundreds of calls.
pub const MAX_PAGES: usize = 40;

/// Who the connection's credentials sign in as, on which site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JiraIdentity {
    pub site_url: String,
    pub account_id: String,
    pub display_name: Option<String>,
    /// Absent when the account's privacy settings hide it.
    pub email_address: Option<String>,
    pub account_type: Option<String>,
}

/// A listing read from Jira, cut at [`MAX_ITEMS`] items or [`MAX_PAGES`] pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JiraList<T> {
    pub items: Vec<T>,
    /// Jira had more than this listing holds.
    pub truncated: bool,
}

/// Why a read from Jira failed. Each says what the admin can do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JiraReadError {
    /// No site URL, admin email or API token stored for the connection yet.
    #[error("connection {id:?} has no Jira site yet: set the site URL, admin email and API token under Jira")]
    NoSite { id: String },
    /// 401 or 403: the admin email and API token don't sign in, or lack the rights.
    #[error("Jira refused the credentials ({status}) at {site}: check the admin email and API token, and that the account is a site admin")]
    Refused { site: String, status: u16 },
    /// 429: Jira is rate limiting the site's credentials.
    #[error("Jira is rate limiting these requests (429): retry later{}", after(*retry_after_secs))]
    Throttled { retry_after_secs: Option<u64> },
    /// Any other non-2xx answer; `call` is `GET /path`, `message` Jira's own words.
    #[error("Jira answered {status} to {call}: {message}")]
    Status { status: u16, call: String, message: String },
    /// No answer at all (network, time-out, a host that refused to send).
    #[error("Jira did not answer at {site}: {detail}")]
    Unreachable { site: String, detail: String },
    /// A 2xx answer that isn't what the endpoint documents.
    #[error("Jira's answer could not be read: {0}")]
    Unreadable(#[from] ResponseError),
}

fn after(retry_after_secs: Option<u64>) -> String {
    match retry_after_secs {
        Some(secs) => format!(" (Retry-After: {secs} s)"),
        None => String::new(),
    }
}

impl JiraReadError {
    /// The HTTP status an admin endpoint answers with.
    pub fn status(&self) -> u16 {
        match self {
            JiraReadError::NoSite { .. } => 409,
            JiraReadError::Throttled { .. } => 503,
            JiraReadError::Unreachable { .. } => 504,
            JiraReadError::Refused { .. } | JiraReadError::Status { .. } | JiraReadError::Unreadable(_) => 502,
        }
    }
}

/// `GET /rest/api/3/myself` as the connection's site admin.
pub async fn test_jira<H: Host>(host: &H, id: &str) -> Result<JiraIdentity, AdminError> {
    let site = site_of(host, id).await?;
    let body = get(host, &site, users::myself(&site)).await?;
    let me = users::parse_user("myself", &body).map_err(JiraReadError::from)?;
    Ok(JiraIdentity {
        site_url: site.base_url().to_string(),
        account_id: me.account_id,
        display_name: me.display_name,
        email_address: me.email_address.filter(|e| !e.is_empty()),
        account_type: me.account_type,
    })
}

/// The site's groups (`group/bulk`), sorted by name, case-insensitively.
pub async fn jira_groups<H: Host>(host: &H, id: &str) -> Result<JiraList<GroupRef>, AdminError> {
    let site = site_of(host, id).await?;
    let mut list = walk(
        host,
        &site,
        |start| groups::list_groups(&site, start),
        |body| groups::parse_group_page("listGroups", body),
    )
    .await?;
    list.items.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.name.cmp(&b.name)));
    Ok(list)
}

/// The site's service desks, in Jira's order.
pub async fn jira_service_desks<H: Host>(host: &H, id: &str) -> Result<JiraList<ServiceDesk>, AdminError> {
    let site = site_of(host, id).await?;
    let list = walk(
        host,
        &site,
        |start| jsm::list_service_desks(&site, start),
        |body| jsm::parse_service_desks("listServiceDesks", body),
    )
    .await?;
    Ok(list)
}

/// The connection's validated site and credentials.
async fn site_of<H: Host>(host: &H, id: &str) -> Result<JiraSite, AdminError> {
    let conn = load(host, id).await?;
    connections::jira_site(host, &conn).await.map_err(|e| match e {
        SiteLoadError::NotConfigured { .. } => JiraReadError::NoSite { id: id.to_string() }.into(),
        SiteLoadError::Invalid(e) => e.into(),
        SiteLoadError::Store(e) => e.into(),
    })
}

/// Reads pages from offset 0 until Jira says it was the last, or the caps are reached.
async fn walk<H: Host, T>(
    host: &H,
    site: &JiraSite,
    request: impl Fn(u64) -> HttpRequest,
    parse: impl Fn(&str) -> Result<Page<T>, ResponseError>,
) -> Result<JiraList<T>, JiraReadError> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut more = true;
    for _ in 0..MAX_PAGES {
        let page = parse(&get(host, site, request(start)).await?)?;
        items.extend(page.items);
        match page.next_start {
            // A next offset that doesn't move forward would read the same page again.
            Some(next) if next > start && items.len() < MAX_ITEMS => start = next,
            Some(next) if next > start => break,
            _ => {
                more = false;
                break;
            }
        }
    }
    let truncated = more || items.len() > MAX_ITEMS;
    items.truncate(MAX_ITEMS);
    Ok(JiraList { items, truncated })
}

/// Sends one GET and returns its 2xx body, or why not.
async fn get<H: Host>(host: &H, site: &JiraSite, request: HttpRequest) -> Result<String, JiraReadError> {
    let path = request.url.strip_prefix(site.base_url()).unwrap_or(&request.url);
    let call = format!("{} {}", request.method, path.split('?').next().unwrap_or(path));
    let response = host
        .fetch(request)
        .await
        .map_err(|e| JiraReadError::Unreachable { site: site.base_url().to_string(), detail: e.to_string() })?;
    match response.status {
        200..=299 => Ok(response.body),
        status @ (401 | 403) => Err(JiraReadError::Refused { site: site.base_url().to_string(), status }),
        429 => Err(JiraReadError::Throttled { retry_after_secs: parse_retry_after(response.header("retry-after")) }),
        status => Err(JiraReadError::Status { status, call, message: error_message(status, &response.body) }),
    }
}

#[cfg(test)]
#[path = "jira_read_tests.rs"]
mod tests;
