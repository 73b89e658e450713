use criterion::{criterion_group, criterion_main, Criterion};

fn placeholder(c: &mut Criterion) {
    c.bench_function("error body", |b| {
        b.iter(|| usersync::ScimError::typed(usersync::ScimType::InvalidFilter, "x").to_v2_body())
    });
}

criterion_group!(benches, placeholder);
criterion_main!(benches);
