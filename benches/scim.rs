use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::json;
use usersync::scim::patch::{apply, parse_request};
use usersync::scim::schemas::{GROUP_TYPE, USER_TYPE};
use usersync::scim::validate::{validate, Mode, ValidateOptions};

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

/// Entra's disable-user PATCH with the string boolean it sends without the aadOptscim062020
/// flag (tests/fixtures/entra/disable_user_string_false.json): body text to new resource and
/// change set, as the service runs it.
fn patch_entra_disable_user(c: &mut Criterion) {
    let user = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        "id": "a61f0c3e9b2d47e58c14",
        "userName": "kreyes@contoso.example",
        "name": { "familyName": "Reyes", "givenName": "Kimberly" },
        "active": true,
        "emails": [{ "value": "kim.reyes@contoso.example", "type": "work", "primary": true }],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "employeeNumber": "E-1001" },
        "meta": { "resourceType": "User" }
    });
    let body = r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}"#;
    let once =
        parse_request(&serde_json::from_str(body).unwrap_or_default()).and_then(|ops| apply(&user, &ops, &USER_TYPE));
    assert!(once.is_ok_and(|(after, changes)| after["active"] == false && changes.attributes.contains("active")));
    c.bench_function("patch: Entra disable user", |b| {
        b.iter(|| {
            let body = serde_json::from_str(std::hint::black_box(body)).unwrap_or_default();
            parse_request(&body).and_then(|ops| apply(&user, &ops, &USER_TYPE))
        })
    });
}

/// Okta's Group Push membership PATCH (tests/fixtures/okta/add_member_patch.json) against a
/// group of 200 members, so the duplicate check walks a realistic list.
fn patch_okta_group_member_add(c: &mut Criterion) {
    let members: Vec<_> = (0..200)
        .map(|i| json!({ "value": format!("member-{i:04}"), "display": format!("user{i}@example.com") }))
        .collect();
    let group = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "id": "5e7a9c1b-3d2f-4a6e-b8c0-d1e2f3a4b5c6",
        "displayName": "Engineering",
        "members": members,
        "meta": { "resourceType": "Group" }
    });
    let body = r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"c4d8e2f6-1a3b-4c5d-8e9f-0a1b2c3d4e5f","display":"alan.turing@example.com"}]}]}"#;
    let once =
        parse_request(&serde_json::from_str(body).unwrap_or_default()).and_then(|ops| apply(&group, &ops, &GROUP_TYPE));
    assert!(once.is_ok_and(|(_, changes)| changes.members_added.len() == 1));
    c.bench_function("patch: Okta group member add", |b| {
        b.iter(|| {
            let body = serde_json::from_str(std::hint::black_box(body)).unwrap_or_default();
            parse_request(&body).and_then(|ops| apply(&group, &ops, &GROUP_TYPE))
        })
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

criterion_group!(
    benches,
    filter_parse,
    validate_okta_create_user,
    patch_entra_disable_user,
    patch_okta_group_member_add,
    list_filter_over_10k_users
);
criterion_main!(benches);
