//! What the sync reads from a SCIM resource (the 2.0 model the store keeps): the email to
//! match accounts by, the display name for new accounts, `active`, a group's name, and
//! which Jira groups and service desks a group maps to.

use crate::connection::{Connection, DisplayNameSource, GroupMapping, Policies};
use crate::scim::resource::value_ci;
use serde_json::Value;

fn email_value(e: &Value) -> Option<&str> {
    e.as_object().and_then(|m| value_ci(m, "value")).and_then(Value::as_str)
}

/// The email to find or create the Jira account by: the primary email, else the first
/// one, else `userName` when it is an email (Okta's default). Trimmed; `None` if none.
pub fn email(resource: &Value) -> Option<String> {
    let map = resource.as_object()?;
    let emails = value_ci(map, "emails").and_then(Value::as_array);
    let is_primary =
        |e: &Value| e.as_object().and_then(|m| value_ci(m, "primary")).is_some_and(|p| truthy(p) == Some(true));
    let from_emails = emails.and_then(|list| {
        let primary = list.iter().find(|e| is_primary(e)).and_then(email_value);
        primary.or_else(|| list.iter().find_map(email_value))
    });
    let user_name = value_ci(map, "userName").and_then(Value::as_str).filter(|u| u.contains('@'));
    from_emails.or(user_name).map(str::trim).filter(|e| e.contains('@')).map(str::to_string)
}

/// The display name a new account gets, per the connection's policy, falling back
/// through displayName, "given family", name.formatted and userName.
pub fn display_name(resource: &Value, source: DisplayNameSource) -> Option<String> {
    let map = resource.as_object()?;
    let text =
        |v: Option<&Value>| v.and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let name = value_ci(map, "name").and_then(Value::as_object);
    let part = |p: &str| text(name.and_then(|n| value_ci(n, p)));
    let given_family = match (part("givenName"), part("familyName")) {
        (Some(g), Some(f)) => Some(format!("{g} {f}")),
        (one, other) => one.or(other),
    };
    let display = text(value_ci(map, "displayName"));
    let formatted = part("formatted");
    let user_name = text(value_ci(map, "userName"));
    match source {
        DisplayNameSource::DisplayName => display.or(given_family).or(formatted).or(user_name),
        DisplayNameSource::GivenFamily => given_family.or(display).or(formatted).or(user_name),
        DisplayNameSource::UserName => user_name.or(display).or(given_family),
    }
}

/// `active`, absent meaning true (RFC 7643 leaves the default to the provider; an IdP
/// that never sends it means its users to be active).
pub fn active(resource: &Value) -> bool {
    resource.as_object().and_then(|m| value_ci(m, "active")).and_then(truthy).unwrap_or(true)
}

/// A boolean, or its string form in any case: Entra sends `"False"` in PATCH values
/// (tests/fixtures/entra), and a stored record may keep what the client sent.
fn truthy(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// A group's `displayName`.
pub fn group_name(resource: &Value) -> Option<String> {
    let name = resource.as_object().and_then(|m| value_ci(m, "displayName"))?.as_str()?.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// The mappings for an IdP group name (matched ignoring case, as IdPs treat group names).
fn mappings<'c>(conn: &'c Connection, idp_group: &'c str) -> impl Iterator<Item = &'c GroupMapping> {
    conn.policies.group_mappings.iter().filter(move |m| m.idp_group.trim().eq_ignore_ascii_case(idp_group))
}

/// Jira group names an IdP group maps to, without repeats.
pub fn mapped_jira_groups(conn: &Connection, idp_group: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in mappings(conn, idp_group).flat_map(|m| &m.jira_groups) {
        if !out.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            out.push(name.clone());
        }
    }
    out
}

/// Service desk ids an IdP group maps to, without repeats.
pub fn mapped_desks(conn: &Connection, idp_group: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for desk in mappings(conn, idp_group).flat_map(|m| &m.service_desks) {
        if !out.contains(desk) {
            out.push(desk.clone());
        }
    }
    out
}

/// Every service desk any mapping names.
pub fn all_desks(conn: &Connection) -> Vec<String> {
    let mut out: Vec<String> = conn.policies.group_mappings.iter().flat_map(|m| m.service_desks.clone()).collect();
    out.sort();
    out.dedup();
    out
}

/// The product-access groups the remove-product-access deactivation leaves and rejoins:
/// the connection's `productAccessGroups` when set, else the conventional names for its
/// products.
pub fn access_groups(policies: &Policies) -> Vec<String> {
    match &policies.product_access_groups {
        Some(groups) => groups.clone(),
        None => conventional_access_groups(&policies.products),
    }
}

/// The groups that grant each product on a Jira Cloud site: membership is product access,
/// so removing a user from them takes the products away and adding gives them back.
/// These are the default names; some sites' groups carry a suffix (`…-users-mysite`),
/// which the admin sets as the connection's `productAccessGroups`.
pub fn conventional_access_groups(products: &[String]) -> Vec<String> {
    products
        .iter()
        .filter_map(|p| match p.as_str() {
            "jira-software" => Some("jira-software-users"),
            "jira-servicedesk" => Some("jira-servicemanagement-users"),
            "jira-core" => Some("jira-core-users"),
            "jira-product-discovery" => Some("jira-product-discovery-users"),
            _ => None,
        })
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use serde_json::json;

    #[test]
    fn email_table() {
        let cases = [
            (
                json!({"userName":"a@x.com","emails":[{"value":"w@x.com"},{"value":"p@x.com","primary":true}]}),
                Some("p@x.com"),
            ),
            (json!({"userName":"a@x.com","emails":[{"value":" w@x.com "}]}), Some("w@x.com")),
            (json!({"userName":"a@x.com","emails":[{"value":"w@x.com","primary":"True"}]}), Some("w@x.com")),
            (json!({"userName":"a@x.com"}), Some("a@x.com")),
            (json!({"UserName":"a@x.com","Emails":[]}), Some("a@x.com")),
            (json!({"userName":"bjensen"}), None),
            (json!({"userName":"bjensen","emails":[{"type":"work"}]}), None),
            (json!("not an object"), None),
        ];
        for (resource, expected) in cases {
            assert_eq!(email(&resource).as_deref(), expected, "{resource}");
        }
    }

    #[test]
    fn display_name_table() {
        let full = json!({"userName":"bj","displayName":"Babs","name":{"givenName":"Barbara","familyName":"Jensen","formatted":"Ms. Barbara J Jensen"}});
        let no_display = json!({"userName":"bj","name":{"givenName":"Barbara"}});
        let bare = json!({"userName":"bj"});
        let cases = [
            (&full, DisplayNameSource::DisplayName, Some("Babs")),
            (&full, DisplayNameSource::GivenFamily, Some("Barbara Jensen")),
            (&full, DisplayNameSource::UserName, Some("bj")),
            (&no_display, DisplayNameSource::DisplayName, Some("Barbara")),
            (&bare, DisplayNameSource::GivenFamily, Some("bj")),
            (&json!({}), DisplayNameSource::DisplayName, None),
        ];
        for (resource, source, expected) in cases {
            assert_eq!(display_name(resource, source).as_deref(), expected, "{resource} {source:?}");
        }
    }

    #[test]
    fn active_table() {
        let cases = [
            (json!({}), true),
            (json!({"active":true}), true),
            (json!({"active":false}), false),
            (json!({"Active":"False"}), false),
            (json!({"active":"TRUE"}), true),
            (json!({"active":"maybe"}), true),
        ];
        for (resource, expected) in cases {
            assert_eq!(active(&resource), expected, "{resource}");
        }
    }

    #[test]
    fn mappings_match_ignoring_case_and_merge() {
        let mut conn = Connection::default();
        let mapping = |idp: &str, groups: &[&str], desks: &[&str]| GroupMapping {
            idp_group: idp.into(),
            jira_groups: groups.iter().map(|s| s.to_string()).collect(),
            service_desks: desks.iter().map(|s| s.to_string()).collect(),
        };
        conn.policies.group_mappings = vec![
            mapping("Jira-Service-group", &["jira-servicemanagement-users"], &["1"]),
            mapping("jira-service-GROUP", &["JIRA-servicemanagement-users", "developers"], &["1", "2"]),
            mapping("Other", &[], &["3"]),
        ];
        assert_eq!(mapped_jira_groups(&conn, "jira-service-group"), ["jira-servicemanagement-users", "developers"]);
        assert_eq!(mapped_desks(&conn, "Jira-Service-Group"), ["1", "2"]);
        assert!(mapped_desks(&conn, "nobody").is_empty());
        assert_eq!(all_desks(&conn), ["1", "2", "3"]);
    }

    #[test]
    fn access_groups_follow_products_unless_the_policy_names_them() {
        let products: Vec<String> = ["jira-software", "jira-servicedesk", "unknown"].map(String::from).into();
        let conventional = ["jira-software-users", "jira-servicemanagement-users"];
        assert_eq!(conventional_access_groups(&products), conventional);
        let suffixed = vec!["jira-software-users-mysite".to_string()];
        let cases = [(None, conventional.map(String::from).to_vec()), (Some(suffixed.clone()), suffixed)];
        for (policy, want) in cases {
            let policies =
                Policies { products: products.clone(), product_access_groups: policy.clone(), ..Policies::default() };
            assert_eq!(access_groups(&policies), want, "{policy:?}");
        }
    }
}
