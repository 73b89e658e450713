//! One IdP connection: who provisions (IdP kind, SCIM dialect, sync mode), how it
//! authenticates (the hash of its bearer token) and what its writes do in Jira (policies).
//!
//! Stored as JSON (camelCase) at `conn:{id}`; the service reads it on every request, the sync
//! engine reads the policies when it plans. Jira site settings live apart (`site:{id}`).

use serde::{Deserialize, Serialize};

/// The identity provider on the other end. Only its name changes nothing; quirks are handled
/// by the SCIM library for every client alike, and the kind shows in the admin UI and audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IdpKind {
    Okta,
    Entra,
    OneLogin,
    JumpCloud,
    Google,
    Keycloak,
    MiniOrange,
    #[default]
    Generic,
}

/// The SCIM dialect a connection speaks; its base path ends in `/v2` or `/v1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ScimVersion {
    #[default]
    #[serde(rename = "2.0")]
    V2,
    #[serde(rename = "1.1")]
    V1_1,
}

impl ScimVersion {
    /// The path segment of this dialect's base URL: `v2` or `v1`.
    pub fn segment(self) -> &'static str {
        match self {
            ScimVersion::V2 => "v2",
            ScimVersion::V1_1 => "v1",
        }
    }
}

/// What a connection provisions: Jira accounts (User Sync) or JSM customers (Customer Sync).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SyncMode {
    #[default]
    User,
    Customer,
}

/// What deactivating a user (`active: false`) does in Jira.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Deactivation {
    /// Suspend through the Atlassian admin API (needs the org key, org id and directory id).
    Suspend,
    /// Remove from the product-access groups: works with site credentials alone.
    #[default]
    RemoveProductAccess,
    /// Leave the account as it is.
    Nothing,
}

/// What renaming a group does (Jira groups can't be renamed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RenamePolicy {
    /// Create the new group, move the members, delete the old one.
    #[default]
    Recreate,
    /// Keep the Jira group under its old name.
    KeepOldName,
}

/// What deleting a group in the IdP does in Jira.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum GroupDelete {
    Delete,
    /// Keep the Jira group: deleting a group in Jira can remove access that others rely on.
    #[default]
    Keep,
}

/// Where a new Jira account's display name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DisplayNameSource {
    #[default]
    DisplayName,
    GivenFamily,
    UserName,
}

/// An IdP group (by displayName) and what membership of it grants in Jira.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GroupMapping {
    pub idp_group: String,
    /// Jira group names (User Sync).
    pub jira_groups: Vec<String>,
    /// Service desk ids (Customer Sync): membership means portal access to the desk.
    pub service_desks: Vec<String>,
}

/// Per-connection behaviour of the sync. Every field has a default, so a stored record
/// written before a field existed still reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Policies {
    /// Create a Jira account when none has the user's email; otherwise only link.
    pub import_users: bool,
    /// Create a Jira group when none has the group's name; otherwise only link.
    pub import_groups: bool,
    pub deactivation: Deactivation,
    pub rename: RenamePolicy,
    pub group_delete: GroupDelete,
    pub group_mappings: Vec<GroupMapping>,
    pub display_name: DisplayNameSource,
    /// Products granted to accounts usersync creates (`jira::site::KNOWN_PRODUCTS`).
    pub products: Vec<String>,
    /// The Jira groups that grant product access on this site, for the remove-product-access
    /// deactivation (left on deactivate, joined again on reactivate). `None` (the default,
    /// and what records from before this field read as) means the conventional names for
    /// `products` (`sync::attrs::conventional_access_groups`); sites whose access groups
    /// carry a suffix (`jira-software-users-mysite`) list theirs here.
    pub product_access_groups: Option<Vec<String>>,
}

impl Default for Policies {
    fn default() -> Self {
        Policies {
            import_users: true,
            import_groups: true,
            deactivation: Deactivation::default(),
            rename: RenamePolicy::default(),
            group_delete: GroupDelete::default(),
            group_mappings: Vec::new(),
            display_name: DisplayNameSource::default(),
            products: Vec::new(),
            product_access_groups: None,
        }
    }
}

/// A connection as stored. `token_hash` is `token::hash` of the bearer token, never the token.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Connection {
    pub id: String,
    pub name: String,
    pub idp: IdpKind,
    pub scim: ScimVersion,
    pub mode: SyncMode,
    pub token_hash: String,
    pub policies: Policies,
}

impl Connection {
    /// The SCIM base path relative to where the host mounts the service: `/{id}/v2`.
    pub fn base_path(&self) -> String {
        format!("/{}/{}", self.id, self.scim.segment())
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use serde_json::json;

    #[test]
    fn stored_form_is_camel_case_and_round_trips() {
        let conn = Connection {
            id: "c1".into(),
            name: "Okta".into(),
            idp: IdpKind::Okta,
            scim: ScimVersion::V1_1,
            mode: SyncMode::Customer,
            token_hash: "ab".into(),
            policies: Policies {
                deactivation: Deactivation::Suspend,
                group_mappings: vec![GroupMapping {
                    idp_group: "Jira-Service-group".into(),
                    jira_groups: vec![],
                    service_desks: vec!["1".into()],
                }],
                ..Policies::default()
            },
        };
        let stored = serde_json::to_value(&conn).unwrap_or_default();
        assert_eq!(stored["scim"], json!("1.1"));
        assert_eq!(stored["mode"], json!("customer"));
        assert_eq!(stored["tokenHash"], json!("ab"));
        assert_eq!(stored["policies"]["deactivation"], json!("suspend"));
        assert_eq!(stored["policies"]["groupMappings"][0]["idpGroup"], json!("Jira-Service-group"));
        assert_eq!(stored["policies"]["groupMappings"][0]["serviceDesks"], json!(["1"]));
        assert_eq!(stored["policies"]["productAccessGroups"], json!(null));
        let back: Result<Connection, _> = serde_json::from_value(stored);
        assert_eq!(back.ok(), Some(conn));
    }

    #[test]
    fn missing_fields_take_defaults() {
        let conn: Result<Connection, _> = serde_json::from_value(json!({"id": "c", "idp": "entra"}));
        let conn = conn.unwrap_or_default();
        assert_eq!(conn.idp, IdpKind::Entra);
        assert_eq!(conn.scim, ScimVersion::V2);
        assert!(conn.policies.import_users && conn.policies.import_groups);
        assert_eq!(conn.policies.group_delete, GroupDelete::Keep);
        assert_eq!(conn.base_path(), "/c/v2");
        assert_eq!(conn.policies.product_access_groups, None);
    }

    #[test]
    fn idp_kinds_have_their_lowercase_names() {
        let cases = [
            (IdpKind::Okta, "okta"),
            (IdpKind::Entra, "entra"),
            (IdpKind::OneLogin, "onelogin"),
            (IdpKind::JumpCloud, "jumpcloud"),
            (IdpKind::Google, "google"),
            (IdpKind::Keycloak, "keycloak"),
            (IdpKind::MiniOrange, "miniorange"),
            (IdpKind::Generic, "generic"),
        ];
        for (kind, name) in cases {
            assert_eq!(serde_json::to_value(kind).ok(), Some(json!(name)));
        }
    }
}
