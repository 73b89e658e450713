#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

#[test]
fn good_site_urls_are_canonicalised() {
    let cases = [
        ("https://acme.atlassian.net", "https://acme.atlassian.net"),
        ("https://acme.atlassian.net/", "https://acme.atlassian.net"),
        ("  https://acme.atlassian.net  ", "https://acme.atlassian.net"),
        ("HTTPS://Acme.Atlassian.NET", "https://acme.atlassian.net"),
        ("https://acme.atlassian.net:443", "https://acme.atlassian.net"),
        ("https://my-team-2.atlassian.net", "https://my-team-2.atlassian.net"),
        ("https://legacy.jira.com", "https://legacy.jira.com"),
        ("https://a.b.atlassian.net", "https://a.b.atlassian.net"),
    ];
    for (raw, canonical) in cases {
        assert_eq!(parse_site_url(raw), Ok(canonical.to_string()), "{raw}");
    }
}

#[test]
fn evil_site_urls_are_refused_with_a_reason() {
    use SiteError as E;
    let kind = |e: &SiteError| std::mem::discriminant(e);
    let url = String::new;
    let cases: &[(&str, SiteError)] = &[
        ("http://x.atlassian.net", E::NotHttps { url: url() }),
        ("ftp://x.atlassian.net", E::NotHttps { url: url() }),
        ("x.atlassian.net", E::Malformed { url: url() }),
        ("", E::Malformed { url: url() }),
        ("https://evil.com#.atlassian.net", E::PathOrQuery { url: url() }),
        ("https://evil.com?.atlassian.net", E::PathOrQuery { url: url() }),
        ("https://evil.com/.atlassian.net", E::PathOrQuery { url: url() }),
        ("https://x.atlassian.net/rest/api/3", E::PathOrQuery { url: url() }),
        ("https://x.atlassian.net//", E::PathOrQuery { url: url() }),
        ("https://x.atlassian.net\\@evil.com", E::PathOrQuery { url: url() }),
        ("https://x.atlassian.net@evil.com", E::UserInfo { url: url() }),
        ("https://user:pass@x.atlassian.net", E::UserInfo { url: url() }),
        ("https://x.atlassian.net%40evil.com@x.atlassian.net", E::UserInfo { url: url() }),
        ("https://x.atlassian.net:8443", E::Port { url: url() }),
        ("https://x.atlassian.net:", E::Port { url: url() }),
        ("https://x.atlassian.net:443:80", E::Port { url: url() }),
        ("https://169.254.169.254", E::IpLiteral { url: url() }),
        ("https://127.0.0.1", E::IpLiteral { url: url() }),
        ("https://[::1]", E::IpLiteral { url: url() }),
        ("https://[fd00::1]:443", E::IpLiteral { url: url() }),
        ("https://x.atlassian.net.evil.com", E::NotAtlassian { url: url() }),
        ("https://evilatlassian.net", E::NotAtlassian { url: url() }),
        ("https://atlassian.net", E::NotAtlassian { url: url() }),
        ("https://.atlassian.net", E::NotAtlassian { url: url() }),
        ("https://x..atlassian.net", E::NotAtlassian { url: url() }),
        ("https://x.atlassian.net.", E::NotAtlassian { url: url() }),
        ("https://-x.atlassian.net", E::NotAtlassian { url: url() }),
        ("https://x_y.atlassian.net", E::NotAtlassian { url: url() }),
        ("https://x y.atlassian.net", E::NotAtlassian { url: url() }),
        ("https://xn--e1afmkfd.atlassian.net.ru", E::NotAtlassian { url: url() }),
        ("https://аcme.atlassian.net", E::NotAtlassian { url: url() }),
        ("https://api.atlassian.com", E::NotAtlassian { url: url() }),
        ("https://localhost", E::NotAtlassian { url: url() }),
        ("https://x.atlassian.net%2eevil.com", E::NotAtlassian { url: url() }),
    ];
    for (raw, expected) in cases {
        match parse_site_url(raw) {
            Ok(ok) => panic!("{raw} was accepted as {ok}"),
            Err(got) => assert_eq!(kind(&got), kind(expected), "{raw}: {got}"),
        }
    }
}

fn settings(url: &str) -> SiteSettings {
    SiteSettings {
        site_url: url.into(),
        admin_email: "admin@acme.com".into(),
        products: vec!["jira-software".into()],
        org_id: Some("6665kc2j-4644-14k8".into()),
        directory_id: Some("dir-1".into()),
    }
}

fn token() -> Secret {
    Secret::new("ATATT3xFfGF0-token")
}

#[test]
fn site_binds_credentials_and_hides_them() {
    let Ok(site) = JiraSite::new(&settings("https://acme.atlassian.net/"), token(), Some(Secret::new("org-key")), None)
    else {
        panic!("valid settings refused")
    };
    assert_eq!(site.base_url(), "https://acme.atlassian.net");
    assert_eq!(site.admin_base_url(), ADMIN_API_BASE);
    // base64("admin@acme.com:ATATT3xFfGF0-token")
    assert_eq!(site.basic_auth(), "Basic YWRtaW5AYWNtZS5jb206QVRBVFQzeEZmR0YwLXRva2Vu");
    assert!(site.org().is_some());
    let shown = format!("{site:?}");
    assert!(!shown.contains("ATATT3x") && !shown.contains("org-key"), "{shown}");
    assert_eq!(bearer_auth(&Secret::new("k1")), "Bearer k1");
}

#[test]
fn org_access_needs_all_three_parts() {
    let mut s = settings("https://acme.atlassian.net");
    let with_key = || Some(Secret::new("org-key"));
    assert!(JiraSite::new(&s, token(), None, None).is_ok_and(|site| site.org().is_none()));
    assert!(JiraSite::new(&s, token(), Some(Secret::new("")), None).is_ok_and(|site| site.org().is_none()));
    s.directory_id = None;
    assert!(JiraSite::new(&s, token(), with_key(), None).is_ok_and(|site| site.org().is_none()));
    s.directory_id = Some("../../x".into());
    assert!(matches!(JiraSite::new(&s, token(), with_key(), None), Err(SiteError::BadId { .. })));
}

#[test]
fn settings_are_checked() {
    let base = settings("https://acme.atlassian.net");
    let mut bad_email = base.clone();
    bad_email.admin_email = "admin:x@acme.com".into();
    let mut no_at = base.clone();
    no_at.admin_email = "admin".into();
    let mut product = base.clone();
    product.products = vec!["confluence".into()];
    let mut evil = base.clone();
    evil.site_url = "https://acme.atlassian.net.evil.com".into();
    let cases = [
        (&bad_email, token(), "admin email"),
        (&no_at, token(), "admin email"),
        (&product, token(), "unknown product"),
        (&evil, token(), "not a Jira Cloud site"),
        (&base, Secret::new(""), "API token is empty"),
    ];
    for (s, t, phrase) in cases {
        match JiraSite::new(s, t, None, None) {
            Ok(_) => panic!("accepted {s:?}"),
            Err(e) => assert!(e.to_string().contains(phrase), "{e}"),
        }
    }
}

#[test]
fn simulator_only_when_configured_and_matching() {
    let sim = Some("http://127.0.0.1:8787/");
    let local = settings("http://127.0.0.1:8787");
    let Ok(site) = JiraSite::new(&local, token(), None, sim) else { panic!("simulator refused") };
    assert_eq!(site.base_url(), "http://127.0.0.1:8787");
    assert_eq!(site.admin_base_url(), "http://127.0.0.1:8787");
    assert!(JiraSite::new(&local, token(), None, None).is_err(), "no simulator configured");
    assert!(JiraSite::new(&settings("http://127.0.0.1:9999"), token(), None, sim).is_err(), "another port");
    // A real site still works when a simulator is configured, and admin calls go to the simulator.
    let Ok(real) = JiraSite::new(&settings("https://acme.atlassian.net"), token(), None, sim) else { panic!() };
    assert_eq!(real.base_url(), "https://acme.atlassian.net");
    for evil in ["http://u@127.0.0.1:8787", "http://127.0.0.1:8787/x", "file:///etc", "http://127.0.0.1:abc"] {
        assert!(parse_simulator_url(evil).is_err(), "{evil}");
    }
    assert_eq!(parse_simulator_url("HTTP://Jira-Sim:8080"), Ok("http://jira-sim:8080".into()));
}

#[test]
fn settings_serde_is_camel_case_with_defaults() {
    let json = r#"{"siteUrl":"https://acme.atlassian.net","adminEmail":"a@b.c","products":["jira-core"]}"#;
    let Ok(parsed) = serde_json::from_str::<SiteSettings>(json) else { panic!() };
    assert_eq!(parsed.site_url, "https://acme.atlassian.net");
    assert_eq!(parsed.org_id, None);
    let back = serde_json::to_value(&parsed).ok();
    assert_eq!(back.as_ref().and_then(|v| v.get("adminEmail")).and_then(|v| v.as_str()), Some("a@b.c"));
}
