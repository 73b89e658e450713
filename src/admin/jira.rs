//! A connection's Jira settings: validated by `jira::JiraSite` (https Atlassian sites or
//! the operator's simulator, nothing else), plain fields stored as data, the API token
//! and org key as host secrets.

use super::connections::load;
use super::{check_products, AdminError, JiraSettingsInput, JiraSettingsView};
use crate::host::Host;
use crate::jira::site::parse_simulator_url;
use crate::jira::{JiraSite, SiteSettings};
use crate::store::{connections, keys, StoreError};
use crate::token::Secret;

/// Validates and stores `input` for connection `id`. Nothing is stored unless all of it
/// validates. Returns what is now set.
pub async fn set_jira_settings<H: Host>(
    host: &H,
    id: &str,
    input: JiraSettingsInput,
) -> Result<JiraSettingsView, AdminError> {
    let mut conn = load(host, id).await?;
    let api_token_name = keys::api_token_secret(id);
    let org_key_name = keys::org_key_secret(id);
    let api_token = match input.api_token.filter(|t| !t.is_empty()) {
        Some(token) => Secret::new(token),
        None => connections::secret(host, &api_token_name).await?.unwrap_or_else(|| Secret::new("")),
    };
    let org_key = match &input.org_api_key {
        Some(key) => Some(Secret::new(key.clone())).filter(|k| !k.is_empty()),
        None => connections::secret(host, &org_key_name).await?,
    };
    let products = input.products.unwrap_or_else(|| conn.policies.products.clone());
    check_products(&products)?;
    let settings = SiteSettings {
        site_url: input.site_url.trim().to_string(),
        admin_email: input.admin_email.trim().to_string(),
        products: products.clone(),
        org_id: input.org_id.filter(|s| !s.is_empty()),
        directory_id: input.directory_id.filter(|s| !s.is_empty()),
    };
    let simulator = connections::simulator(host).await?;
    let site = JiraSite::new(&settings, api_token.clone(), org_key.clone(), simulator.as_deref())?;
    let settings = SiteSettings { site_url: site.base_url().to_string(), ..settings };

    host.set_secret(&api_token_name, api_token.expose()).await.map_err(StoreError::from)?;
    let org_key_text = org_key.as_ref().map_or("", Secret::expose);
    host.set_secret(&org_key_name, org_key_text).await.map_err(StoreError::from)?;
    connections::save_site_settings(host, id, &settings).await?;
    if conn.policies.products != products {
        conn.policies.products = products;
        connections::save(host, &conn).await?;
    }
    Ok(view(&settings, &conn.policies.products, true, org_key.is_some(), site.org().is_some()))
}

/// What is set for connection `id`; `None` when no site was configured yet.
pub async fn get_jira_settings<H: Host>(host: &H, id: &str) -> Result<Option<JiraSettingsView>, AdminError> {
    let conn = load(host, id).await?;
    let Some(settings) = connections::site_settings(host, id).await? else { return Ok(None) };
    let has_api_token = connections::secret(host, &keys::api_token_secret(id)).await?.is_some();
    let has_org_key = connections::secret(host, &keys::org_key_secret(id)).await?.is_some();
    let org_access = has_org_key && settings.org_id.is_some() && settings.directory_id.is_some();
    Ok(Some(view(&settings, &conn.policies.products, has_api_token, has_org_key, org_access)))
}

/// Sets (or with `None` clears) the Jira simulator base URL the site URL may name instead
/// of an Atlassian site. For operators of the Node and browser hosts, never an IdP.
pub async fn set_simulator<H: Host>(host: &H, url: Option<&str>) -> Result<(), AdminError> {
    match url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) => {
            let canonical = parse_simulator_url(url)?;
            host.set(keys::SIMULATOR, &canonical).await.map_err(StoreError::from)?;
        }
        None => host.delete(keys::SIMULATOR).await.map_err(StoreError::from)?,
    }
    Ok(())
}

fn view(
    settings: &SiteSettings,
    products: &[String],
    has_api_token: bool,
    has_org_key: bool,
    org_access: bool,
) -> JiraSettingsView {
    JiraSettingsView {
        site_url: settings.site_url.clone(),
        admin_email: settings.admin_email.clone(),
        products: products.to_vec(),
        org_id: settings.org_id.clone(),
        directory_id: settings.directory_id.clone(),
        has_api_token,
        has_org_key,
        org_access,
    }
}
