use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::json;
use usersync::scim::schemas::USER_TYPE;
use usersync::scim::validate::{validate, Mode, ValidateOptions};

fn placeholder(c: &mut Criterion) {
    c.bench_function("error body", |b| {
        b.iter(|| usersync::ScimError::typed(usersync::ScimType::InvalidFilter, "x").to_v2_body())
    });
}

/// 10 000 users like an IdP would push: every tenth has a work address at example.org.
fn generated_users(n: usize) -> Vec<serde_json::Value> {
    (0..n)
        .map(|i| {
            let work_domain = if i % 10 == 0 { "example.org" } else { "example.com" };
            json!({
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "id": format!("{i:08x}-0000-4000-8000-000000000000"),
                "userName": format!("user{i}@example.com"),
                "name": {"givenName": format!("Given{i}"), "familyName": format!("Family{}", i % 97)},
                "displayName": format!("User {i}"),
                "active": i % 7 != 0,
                "emails": [
                    {"value": format!("user{i}@{work_domain}"), "type": "work", "primary": true},
                    {"value": format!("user{i}@home.example"), "type": "home"}
                ],
                "meta": {"resourceType": "User", "created": "2024-01-01T00:00:00Z", "lastModified": "2024-06-01T00:00:00Z"}
            })
        })
        .collect()
}

fn list_filter_over_10k_users(c: &mut Criterion) {
    use usersync::scim::list::{run_list, ListLimits, ListQuery};
    let users = generated_users(10_000);
    let limits = ListLimits::default();
    let filters = [
        ("userName eq", r#"userName eq "user5000@example.com""#),
        ("emails value filter", r#"emails[type eq "work" and value co "@example.org"]"#),
    ];
    for (name, filter) in filters {
        let params: Vec<(String, String)> = [("filter", filter), ("sortBy", "name.familyName"), ("count", "100")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let query = match ListQuery::from_params(&params) {
            Ok(query) => query,
            Err(e) => panic!("bench query {filter:?} must parse: {e}"),
        };
        c.bench_function(&format!("list: filter over 10 000 users ({name}, sorted, count=100)"), |b| {
            b.iter(|| run_list(&users, &query, &USER_TYPE, &limits))
        });
    }
}


/// The shape of Okta's SCIM 2.0 create-user request (developer.okta.com, "Okta and SCIM
/// Version 2.0", Create users): core User schema only, a password, an empty `groups`.
fn validate_okta_create_user(c: &mut Criterion) {
    let body = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": "ada.lovelace@example.org",
        "name": { "givenName": "Ada", "familyName": "Lovelace" },
        "emails": [{ "primary": true, "value": "ada.lovelace@example.org", "type": "work" }],
        "displayName": "Ada Lovelace",
        "locale": "en-GB",
        "externalId": "00u1a2b3c4d5e6f7g8h9",
        "groups": [],
        "password": "Analytical-Engine-1843",
        "active": true
    });
    let opts = ValidateOptions::default();
    c.bench_function("validate: Okta create-user body", |b| {
        b.iter(|| validate(std::hint::black_box(&body), &USER_TYPE, Mode::Create, &opts))
    });
}

/// `filter parse`: Okta's lookup before it creates a user, and the RFC 7644 §3.4.2.2
/// example with a value path, `not` and grouping.
fn filter_parse(c: &mut Criterion) {
    use std::hint::black_box;
    use usersync::scim::filter::parse;
    let okta = r#"userName eq "isaac.brock@example.com""#;
    let rfc = r#"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org") and emails[type eq "work" and value co "@example.com"]"#;
    c.bench_function("filter parse okta", |b| b.iter(|| parse(black_box(okta))));
    c.bench_function("filter parse rfc complex", |b| b.iter(|| parse(black_box(rfc))));
}

criterion_group!(benches, placeholder, validate_okta_create_user, list_filter_over_10k_users, filter_parse);
criterion_main!(benches);
