use criterion::{criterion_group, criterion_main, Criterion};

fn placeholder(c: &mut Criterion) {
    c.bench_function("error body", |b| {
        b.iter(|| usersync::ScimError::typed(usersync::ScimType::InvalidFilter, "x").to_v2_body())
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

criterion_group!(benches, placeholder, filter_parse);
criterion_main!(benches);
