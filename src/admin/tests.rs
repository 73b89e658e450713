#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::connection::{Deactivation, GroupMapping};
use crate::host::{block_on, Host, MemoryHost};
use crate::store::{connections, keys};

fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => panic!("unexpected error: {e:?}"),
    }
}

fn new(name: &str) -> NewConnection {
    NewConnection { name: name.into(), ..NewConnection::default() }
}

fn site_input() -> JiraSettingsInput {
    JiraSettingsInput {
        site_url: "https://acme.atlassian.net/".into(),
        admin_email: "admin@acme.com".into(),
        api_token: Some("api-token".into()),
        ..JiraSettingsInput::default()
    }
}

#[test]
fn create_returns_the_token_once_and_stores_only_its_hash() {
    let host = MemoryHost::new();
    let created = ok(block_on(create_connection(&host, new("Okta prod"))));
    assert!(crate::token::is_well_formed(&created.token));
    let stored = format!("{:?}", host.kv_snapshot());
    assert!(!stored.contains(&created.token), "the token itself is stored: {stored}");
    assert!(stored.contains(&crate::token::hash(&created.token)));
    assert_eq!(created.connection.base_path, format!("/{}/v2", created.connection.id));
    let found = ok(block_on(connections::authenticate(&host, &created.token)));
    assert_eq!(found.map(|c| c.id), Some(created.connection.id));
}

#[test]
fn invalid_connections_are_refused() {
    let host = MemoryHost::new();
    let mut bad_product = new("x");
    bad_product.policies.products = vec!["confluence".into()];
    let mut bad_mapping = new("x");
    bad_mapping.policies.group_mappings = vec![GroupMapping::default()];
    let cases = [(new("  "), "name"), (bad_product, "product"), (bad_mapping, "groupMappings")];
    for (input, expect) in cases {
        let err = block_on(create_connection(&host, input));
        assert!(matches!(&err, Err(e) if e.to_string().contains(expect) && e.status() == 400), "{err:?}");
    }
    assert!(host.kv_snapshot().is_empty());
}

#[test]
fn product_access_groups_are_checked() {
    let host = MemoryHost::new();
    let long = "g".repeat(MAX_GROUP_NAME + 1);
    let at_limit = "é".repeat(MAX_GROUP_NAME); // characters, not bytes
                                               // (groups, refused because)
    let cases: [(Vec<&str>, Option<&str>); 8] = [
        (vec!["jira-software-users-mysite"], None),
        (vec!["jira-software-users-mysite", "jira-servicemanagement-users-mysite"], None),
        (vec![at_limit.as_str()], None),
        (vec![], Some("at least one")),
        (vec!["ok", "  "], Some("surrounding spaces")),
        (vec![" jira-software-users"], Some("surrounding spaces")),
        (vec![long.as_str()], Some("at most 255")),
        (vec!["jira-software-users-a", "JIRA-software-users-A"], Some("listed twice")),
    ];
    for (groups, refused) in cases {
        let mut input = new("x");
        input.policies.product_access_groups = Some(groups.iter().map(|g| g.to_string()).collect());
        let result = block_on(create_connection(&host, input));
        match (refused, result) {
            (None, Ok(created)) => {
                assert_eq!(created.connection.policies.product_access_groups.map(|g| g.len()), Some(groups.len()))
            }
            (Some(why), Err(e)) => {
                assert!(
                    e.to_string().contains("productAccessGroups") && e.to_string().contains(why),
                    "{groups:?}: {e}"
                );
                assert_eq!(e.status(), 400);
            }
            (refused, other) => panic!("{groups:?}: expected refusal {refused:?}, got {other:?}"),
        }
    }
    // An update is checked the same way, and null goes back to the conventional names.
    let id = ok(block_on(create_connection(&host, new("y")))).connection.id;
    let mut policies = Policies { product_access_groups: Some(vec!["a".into(), "A".into()]), ..Policies::default() };
    let update = |p: &Policies| ConnectionUpdate { policies: Some(p.clone()), ..Default::default() };
    assert!(block_on(update_connection(&host, &id, update(&policies))).is_err());
    policies.product_access_groups = None;
    assert_eq!(ok(block_on(update_connection(&host, &id, update(&policies)))).policies.product_access_groups, None);
}

#[test]
fn list_get_and_update() {
    let host = MemoryHost::new();
    let a = ok(block_on(create_connection(&host, new("A")))).connection;
    let b = ok(block_on(create_connection(&host, new("B")))).connection;
    let mut names: Vec<String> = ok(block_on(list_connections(&host))).into_iter().map(|c| c.name).collect();
    names.sort();
    assert_eq!(names, ["A", "B"]);
    let mut policies = a.policies.clone();
    policies.deactivation = Deactivation::Suspend;
    let update = ConnectionUpdate { name: Some("A2".into()), policies: Some(policies), ..Default::default() };
    let updated = ok(block_on(update_connection(&host, &a.id, update)));
    assert_eq!((updated.name.as_str(), updated.policies.deactivation), ("A2", Deactivation::Suspend));
    assert_eq!(ok(block_on(get_connection(&host, &a.id))), updated);
    assert_eq!(ok(block_on(get_connection(&host, &b.id))).name, "B");
    for missing in ["nope", "", "a/b", "x:y"] {
        let err = block_on(get_connection(&host, missing));
        assert!(matches!(err, Err(AdminError::NotFound { .. })), "{missing}: {err:?}");
    }
}

#[test]
fn rotation_retires_the_old_token_at_once() {
    let host = MemoryHost::new();
    let created = ok(block_on(create_connection(&host, new("A"))));
    let fresh = ok(block_on(rotate_token(&host, &created.connection.id)));
    assert_ne!(fresh, created.token);
    assert_eq!(ok(block_on(connections::authenticate(&host, &created.token))), None);
    assert!(ok(block_on(connections::authenticate(&host, &fresh))).is_some());
    assert!(!host.kv_snapshot().contains_key(&keys::token(&crate::token::hash(&created.token))));
}

#[test]
fn remove_takes_the_data_and_the_credentials_and_no_one_elses() {
    let host = MemoryHost::new();
    let a = ok(block_on(create_connection(&host, new("A"))));
    let b = ok(block_on(create_connection(&host, new("B"))));
    let (ida, idb) = (a.connection.id.clone(), b.connection.id.clone());
    ok(block_on(set_jira_settings(&host, &ida, site_input())));
    for id in [&ida, &idb] {
        ok(block_on(host.set(&keys::user(id, "u1"), "{}")));
        ok(block_on(host.set(&keys::member(id, "g1", "u1"), "{}")));
    }
    ok(block_on(remove_connection(&host, &ida)));
    assert!(host.kv_snapshot().keys().all(|k| !k.contains(&ida)), "{:?}", host.kv_snapshot());
    assert_eq!(host.secret(&keys::api_token_secret(&ida)), None, "deleted, not blanked");
    assert_eq!(ok(block_on(connections::authenticate(&host, &a.token))), None);
    assert!(ok(block_on(connections::authenticate(&host, &b.token))).is_some());
    assert!(host.kv_snapshot().contains_key(&keys::user(&idb, "u1")));
    assert!(matches!(block_on(remove_connection(&host, &ida)), Err(AdminError::NotFound { .. })));
}

#[test]
fn jira_settings_validate_store_secrets_apart_and_never_show_them() {
    let host = MemoryHost::new();
    let id = ok(block_on(create_connection(&host, new("A")))).connection.id;
    let mut input = site_input();
    input.products = Some(vec!["jira-software".into()]);
    input.org_id = Some("org-1".into());
    input.directory_id = Some("dir-1".into());
    input.org_api_key = Some("org-key".into());
    let view = ok(block_on(set_jira_settings(&host, &id, input)));
    assert_eq!(view.site_url, "https://acme.atlassian.net");
    assert!(view.has_api_token && view.has_org_key && view.org_access);
    assert_eq!(view.products, ["jira-software"]);
    assert_eq!(ok(block_on(get_connection(&host, &id))).policies.products, ["jira-software"]);
    assert_eq!(host.secret(&keys::api_token_secret(&id)).as_deref(), Some("api-token"));
    let plain = format!("{:?}", host.kv_snapshot());
    assert!(!plain.contains("api-token") && !plain.contains("org-key"), "{plain}");
    assert_eq!(ok(block_on(get_jira_settings(&host, &id))), Some(view));

    // An update without secrets keeps them; the site the sync gets carries them.
    let again = JiraSettingsInput {
        api_token: None,
        org_id: Some("org-1".into()),
        directory_id: Some("dir-1".into()),
        ..site_input()
    };
    ok(block_on(set_jira_settings(&host, &id, again)));
    let conn = ok(block_on(connections::load(&host, &id)));
    let site = conn.map(|c| block_on(connections::jira_site(&host, &c)));
    assert!(
        matches!(&site, Some(Ok(s)) if s.base_url() == "https://acme.atlassian.net" && s.org().is_some()),
        "{site:?}"
    );
}

#[test]
fn jira_settings_refuse_what_could_reach_elsewhere() {
    let host = MemoryHost::new();
    let id = ok(block_on(create_connection(&host, new("A")))).connection.id;
    let with = |url: &str| JiraSettingsInput { site_url: url.into(), ..site_input() };
    let cases = [
        with("http://acme.atlassian.net"),
        with("https://acme.atlassian.net.evil.com"),
        with("https://169.254.169.254"),
        with("http://127.0.0.1:8081"),
        JiraSettingsInput { api_token: None, ..site_input() },
        JiraSettingsInput { admin_email: "nobody".into(), ..site_input() },
        JiraSettingsInput { products: Some(vec!["jira-x".into()]), ..site_input() },
    ];
    for input in cases {
        let err = block_on(set_jira_settings(&host, &id, input.clone()));
        assert!(matches!(&err, Err(e) if e.status() == 400), "{input:?}: {err:?}");
    }
    assert_eq!(ok(block_on(get_jira_settings(&host, &id))), None, "nothing stored");
    // The operator's simulator is the one exception.
    ok(block_on(set_simulator(&host, Some("http://127.0.0.1:8081/"))));
    let view = ok(block_on(set_jira_settings(&host, &id, with("http://127.0.0.1:8081"))));
    assert_eq!(view.site_url, "http://127.0.0.1:8081");
    ok(block_on(set_simulator(&host, None)));
    let conn = ok(block_on(connections::load(&host, &id)));
    let site = conn.map(|c| block_on(connections::jira_site(&host, &c)));
    assert!(matches!(site, Some(Err(connections::SiteLoadError::Invalid(_)))), "{site:?}");
}
