//! The Jira site the core talks to: its validated URL, credentials and options.
//!
//! Site URLs come from an admin's settings and end up in outgoing requests, so they are
//! checked against a strict allowlist (no SSRF): `https://<name>.atlassian.net` or
//! `https://<name>.jira.com`, nothing else, unless an operator explicitly configured a
//! simulator base URL and the site URL is exactly that.

use crate::token::Secret;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// Where the Atlassian organization (admin) API lives.
pub const ADMIN_API_BASE: &str = "https://api.atlassian.com";
/// Products a user can be given on creation (Jira Cloud `POST /rest/api/3/user`).
pub const KNOWN_PRODUCTS: &[&str] = &["jira-core", "jira-servicedesk", "jira-product-discovery", "jira-software"];
/// Host suffixes of Jira Cloud sites.
const ATLASSIAN_SUFFIXES: &[&str] = &[".atlassian.net", ".jira.com"];

/// The plain (non-secret) site settings, as stored. Credentials are kept as host secrets.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SiteSettings {
    /// e.g. `https://acme.atlassian.net`
    pub site_url: String,
    /// The site admin whose API token signs site API calls (Basic auth).
    pub admin_email: String,
    /// Products new users get, from [`KNOWN_PRODUCTS`]; empty means no product access.
    pub products: Vec<String>,
    /// Organization id, for suspend/restore through the admin API.
    pub org_id: Option<String>,
    /// Directory id within the organization, for the same.
    pub directory_id: Option<String>,
}

/// Why site settings were refused. Each says what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SiteError {
    /// Not `scheme://host[/]`, e.g. `acme.atlassian.net` without `https://`.
    #[error("site URL {url:?} is not of the form https://your-site.atlassian.net")]
    Malformed { url: String },
    /// `http://…` or another scheme for an Atlassian site.
    #[error("site URL {url:?} must use https")]
    NotHttps { url: String },
    /// `https://user@host`: credentials or `@` tricks in the authority.
    #[error("site URL {url:?} must not contain '@' or user info")]
    UserInfo { url: String },
    /// `https://x.atlassian.net:8443`: only the default port (443) is allowed.
    #[error("site URL {url:?} must not name a port other than 443")]
    Port { url: String },
    /// `https://169.254.169.254` or `https://[::1]`.
    #[error("site URL {url:?} is an IP address; expected your-site.atlassian.net")]
    IpLiteral { url: String },
    /// `https://x/path`, `?query`, `#fragment`, `%`-escapes or backslashes after the host.
    #[error("site URL {url:?} must be the site root, with no path, query or fragment")]
    PathOrQuery { url: String },
    /// A host outside `*.atlassian.net` / `*.jira.com`, e.g. `x.atlassian.net.evil.com`.
    #[error("site URL {url:?} is not a Jira Cloud site (expected a host ending in .atlassian.net or .jira.com)")]
    NotAtlassian { url: String },
    /// An admin email that can't be a Basic auth user id (empty, no `@`, or a `:`).
    #[error("admin email {email:?} is not an email address usable for Basic auth")]
    AdminEmail { email: String },
    /// A product name not in [`KNOWN_PRODUCTS`].
    #[error("unknown product {product:?}; expected one of jira-core, jira-servicedesk, jira-product-discovery, jira-software")]
    UnknownProduct { product: String },
    /// An org or directory id with characters outside `[A-Za-z0-9_-]`.
    #[error("{field} {value:?} must be letters, digits, '-' or '_'")]
    BadId { field: &'static str, value: String },
    /// An empty API token.
    #[error("the API token is empty")]
    EmptyToken,
}

/// Credentials and ids for the Atlassian organization (admin) API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgAccess {
    pub org_id: String,
    pub directory_id: String,
    pub api_key: Secret,
}

/// A validated site with its credentials: everything a request builder needs.
/// `Debug` shows no secret ([`Secret`] redacts itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JiraSite {
    base: String,
    admin_base: String,
    admin_email: String,
    api_token: Secret,
    products: Vec<String>,
    org: Option<OrgAccess>,
}

impl JiraSite {
    /// Validates settings and binds credentials. `org_key` enables suspend/restore when the
    /// settings also carry org and directory ids. `simulator` is an operator-configured base
    /// URL (e.g. `http://127.0.0.1:8787`) that the site URL may equal instead of a real site;
    /// the admin API is then sent there too.
    pub fn new(
        settings: &SiteSettings,
        api_token: Secret,
        org_key: Option<Secret>,
        simulator: Option<&str>,
    ) -> Result<JiraSite, SiteError> {
        let simulator = simulator.map(parse_simulator_url).transpose()?;
        let base = match &simulator {
            Some(sim) if parse_simulator_url(&settings.site_url).as_ref() == Ok(sim) => sim.clone(),
            _ => parse_site_url(&settings.site_url)?,
        };
        let admin_base = simulator.unwrap_or_else(|| ADMIN_API_BASE.to_string());
        check_admin_email(&settings.admin_email)?;
        if api_token.is_empty() {
            return Err(SiteError::EmptyToken);
        }
        if let Some(unknown) = settings.products.iter().find(|p| !KNOWN_PRODUCTS.contains(&p.as_str())) {
            return Err(SiteError::UnknownProduct { product: unknown.clone() });
        }
        let org = match (&settings.org_id, &settings.directory_id, org_key) {
            (Some(org_id), Some(directory_id), Some(api_key)) if !api_key.is_empty() => {
                check_id("org id", org_id)?;
                check_id("directory id", directory_id)?;
                Some(OrgAccess { org_id: org_id.clone(), directory_id: directory_id.clone(), api_key })
            }
            _ => None,
        };
        Ok(JiraSite {
            base,
            admin_base,
            admin_email: settings.admin_email.clone(),
            api_token,
            products: settings.products.clone(),
            org,
        })
    }

    /// The site root, e.g. `https://acme.atlassian.net` (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// Where admin API requests go: `https://api.atlassian.com`, or the simulator.
    pub fn admin_base_url(&self) -> &str {
        &self.admin_base
    }

    pub fn products(&self) -> &[String] {
        &self.products
    }

    /// Org access for suspend/restore, when configured.
    pub fn org(&self) -> Option<&OrgAccess> {
        self.org.as_ref()
    }

    /// `Authorization` value for the site REST APIs: Basic base64(email:apiToken).
    pub fn basic_auth(&self) -> String {
        basic_auth(&self.admin_email, &self.api_token)
    }
}

/// `Basic base64(email:token)`, the site API's scheme for API tokens.
pub fn basic_auth(email: &str, token: &Secret) -> String {
    let pair = format!("{email}:{}", token.expose());
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair))
}

/// `Bearer <key>`, the admin API's scheme for organization API keys.
pub fn bearer_auth(key: &Secret) -> String {
    format!("Bearer {}", key.expose())
}

/// Checks a Jira Cloud site URL and returns its canonical root (`https://host`).
/// Accepts only `https://` + lowercase-able ASCII host under an Atlassian suffix, an
/// optional `:443` and an optional single `/`.
pub fn parse_site_url(raw: &str) -> Result<String, SiteError> {
    let url = raw.trim();
    let err_url = || url.chars().take(200).collect::<String>();
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(SiteError::Malformed { url: err_url() });
    };
    if !scheme.eq_ignore_ascii_case("https") {
        return Err(SiteError::NotHttps { url: err_url() });
    }
    let (authority, tail) = split_authority(rest);
    if authority.contains('@') {
        return Err(SiteError::UserInfo { url: err_url() });
    }
    if !(tail.is_empty() || tail == "/") {
        return Err(SiteError::PathOrQuery { url: err_url() });
    }
    let host = match authority.rsplit_once(':') {
        _ if authority.starts_with('[') => return Err(SiteError::IpLiteral { url: err_url() }),
        Some((host, "443")) => host,
        Some(_) => return Err(SiteError::Port { url: err_url() }),
        None => authority,
    };
    let host = host.to_ascii_lowercase();
    if is_ipv4(&host) {
        return Err(SiteError::IpLiteral { url: err_url() });
    }
    let under_atlassian = ATLASSIAN_SUFFIXES
        .iter()
        .any(|suffix| host.strip_suffix(suffix).is_some_and(|name| !name.is_empty() && is_dns_name(name)));
    if !under_atlassian || !is_dns_name(&host) {
        return Err(SiteError::NotAtlassian { url: err_url() });
    }
    Ok(format!("https://{host}"))
}

/// Checks an operator-configured simulator URL: `http(s)://host[:port]`, no user info or
/// path. Loopback and IPs are fine here: this value comes from the operator, not an admin UI.
pub fn parse_simulator_url(raw: &str) -> Result<String, SiteError> {
    let url = trim_root(raw.trim());
    let malformed = || SiteError::Malformed { url: url.chars().take(200).collect() };
    let (scheme, rest) = url.split_once("://").ok_or_else(malformed)?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(malformed());
    }
    let (authority, tail) = split_authority(rest);
    if authority.contains('@') {
        return Err(SiteError::UserInfo { url: url.to_string() });
    }
    if !tail.is_empty() {
        return Err(SiteError::PathOrQuery { url: url.to_string() });
    }
    let (host, port) = authority.rsplit_once(':').unwrap_or((authority, ""));
    let port_ok = port.is_empty() || (port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit()));
    if !port_ok || !is_dns_name(&host.to_ascii_lowercase()) {
        return Err(malformed());
    }
    Ok(format!("{scheme}://{}", authority.to_ascii_lowercase()))
}

/// Splits `host[:port]` from whatever follows it (`/`, `?`, `#` or `\`).
fn split_authority(rest: &str) -> (&str, &str) {
    let end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    rest.split_at(end)
}

fn trim_root(url: &str) -> &str {
    url.strip_suffix('/').unwrap_or(url)
}

/// Dot-separated labels of `[a-z0-9-]`, 1–63 long, not starting or ending with `-`.
fn is_dns_name(host: &str) -> bool {
    host.len() <= 253
        && host.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

fn is_ipv4(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4 && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn check_admin_email(email: &str) -> Result<(), SiteError> {
    let ok = email.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty())
        && !email.contains(':')
        && !email.chars().any(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err(SiteError::AdminEmail { email: email.chars().take(200).collect() })
    }
}

fn check_id(field: &'static str, value: &str) -> Result<(), SiteError> {
    let ok = !value.is_empty()
        && value.len() <= 128
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(SiteError::BadId { field, value: value.chars().take(200).collect() })
    }
}

#[cfg(test)]
#[path = "site_tests.rs"]
mod tests;
