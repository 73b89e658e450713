use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::json;
use usersync::scim::schemas::USER_TYPE;
use usersync::scim::validate::{validate, Mode, ValidateOptions};

fn placeholder(c: &mut Criterion) {
    c.bench_function("error body", |b| {
        b.iter(|| usersync::ScimError::typed(usersync::ScimType::InvalidFilter, "x").to_v2_body())
    });
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

criterion_group!(benches, placeholder, validate_okta_create_user);
criterion_main!(benches);
