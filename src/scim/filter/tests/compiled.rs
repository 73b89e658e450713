//! The compiled evaluator against the pre-compilation one (`reference`), on generated
//! filters and resources: one `Compiled` per filter, reused over every resource, must
//! answer exactly as the old evaluator did, and as the `matches` wrapper does.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{json, Map, Value};

use super::super::{compile, matches, parse, CompareOp, Filter};
use super::generate::{self, Rng, NAMES, STRINGS, URNS};
use super::{cmp, path, reference, ENTERPRISE};
use crate::scim::schema::ResourceType;
use crate::scim::schemas::{GROUP_TYPE, USER_TYPE};

/// Compiles each filter once and checks it over every resource against the reference
/// and the wrapper; returns how many pairs matched, so a caller can tell the inputs
/// were not all trivially false.
fn agree(filters: &[Filter], resources: &[Value], rt: &ResourceType) -> usize {
    let mut matched = 0;
    for filter in filters {
        let compiled = compile(filter, rt);
        for resource in resources {
            let got = compiled.matches(resource);
            assert_eq!(got, reference::matches(filter, resource, rt), "{filter} on {resource} ({})", rt.id);
            assert_eq!(got, matches(filter, resource, rt), "{filter} on {resource} ({}): wrapper", rt.id);
            matched += usize::from(got);
        }
    }
    matched
}

/// `name` with each letter's case flipped at random, as IdPs spell attribute names.
fn respell(rng: &mut Rng, name: &str) -> String {
    name.chars().map(|c| if rng.below(2) == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect()
}

/// A leaf value: one of the generator's strings (sometimes upper-cased), a number, a
/// boolean or null.
fn leaf(rng: &mut Rng) -> Value {
    match rng.below(6) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => json!(rng.below(5) as i64 - 2),
        3 => json!(*rng.pick(&[0.5, -0.25, 2.0, 1e300])),
        4 => json!(rng.pick(STRINGS).to_uppercase()),
        _ => json!(rng.pick(STRINGS)),
    }
}

/// An object with some of the generator's names: leaves, arrays, nested objects.
fn object(rng: &mut Rng, depth: usize) -> Map<String, Value> {
    let mut map = Map::new();
    for _ in 0..rng.below(6) {
        let name = *rng.pick(NAMES);
        let key = respell(rng, name);
        let value = match rng.below(if depth == 0 { 1 } else { 4 }) {
            0 => leaf(rng),
            1 => Value::Object(object(rng, depth - 1)),
            2 => Value::Array((0..rng.below(3)).map(|_| Value::Object(object(rng, depth - 1))).collect()),
            _ => Value::Array((0..rng.below(3)).map(|_| leaf(rng)).collect()),
        };
        map.insert(key, value);
    }
    map
}

/// A resource with the generator's names at the top and in extension objects.
fn resource(rng: &mut Rng) -> Value {
    let mut map = object(rng, 2);
    if rng.below(2) == 0 {
        let urn = *rng.pick(URNS);
        let urn = respell(rng, urn);
        map.insert(urn, Value::Object(object(rng, 1)));
    }
    Value::Object(map)
}

#[test]
fn generated_filters_agree_with_the_reference() {
    let mut rng = Rng::new(7);
    let resources: Vec<Value> = (0..60).map(|_| resource(&mut rng)).chain([json!({}), json!([1])]).collect();
    let filters: Vec<Filter> = (0..600u64)
        .map(|seed| {
            let mut rng = Rng::new(seed);
            let depth = rng.below(5);
            generate::filter(&mut rng, depth, true)
        })
        .collect();
    for rt in [&USER_TYPE, &GROUP_TYPE] {
        assert!(agree(&filters, &resources, rt) > 0, "some generated filter must match some resource");
    }
}

/// Every operator with string, number, boolean, null (and, as only hand-built ASTs have
/// them, array and object) values on schema-typed paths:
/// caseExact and case-insensitive strings, dateTimes, and strings whose lower case is
/// not byte-for-byte (Kelvin sign, final sigma, dotted capital I).
#[test]
fn typed_comparisons_agree_with_the_reference() {
    let paths = [
        "userName",
        "id",
        "externalId",
        "displayName",
        "meta.lastModified",
        "meta.created",
        "emails",
        "emails.value",
        "name.familyName",
        "active",
        "x-score",
    ];
    let values: Vec<Value> = [
        "bjensen",
        "BJENSEN",
        "b",
        "",
        "2011-05-13T04:42:34Z",
        "2011-05-13T06:42:34+02:00",
        "2011-05-13T04:42:34",
        "2011-02-30T00:00:00Z",
        "2011-05",
        "\u{212A}",
        "kelvin",
        "ΟΔΟΣ",
        "\u{3bf}\u{3b4}\u{3bf}\u{3c2}",
        "\u{3bf}\u{3b4}\u{3bf}\u{3c3}",
        "İ",
        "i\u{307}",
        "É",
        "é",
    ]
    .into_iter()
    .map(Value::from)
    // Arrays and objects only in hand-built ASTs: the parser refuses them.
    .chain([json!(7), json!(6.5), json!(true), json!(false), Value::Null, json!(["bjensen"]), json!({"value": 7})])
    .collect();
    let mut filters = Vec::new();
    for p in paths {
        for op in CompareOp::ALL {
            filters.extend(values.iter().map(|v| cmp(path(p), op, v.clone())));
        }
    }
    let texts =
        ["bjensen", "BJensen", "\u{212A}elvin", "ΟΔΟΣ", "İ", "é", "2011-05-13T04:42:34Z", "2011-05-13t06:42:34+02:00"];
    let resources: Vec<Value> = texts
        .iter()
        .map(|t| {
            json!({
                "userName": t, "id": t, "externalId": [t, "x"], "displayName": t,
                "meta": {"lastModified": t, "created": "2011-05-13T04:42:34Z"},
                "emails": [{"value": t, "type": "work"}, {"value": "other"}], "name": {"familyName": t},
                "active": t.len() % 2 == 0, "x-score": t.len(),
            })
        })
        .chain([json!({}), json!({"userName": null, "emails": [], "meta": {}})])
        .collect();
    assert!(agree(&filters, &resources, &USER_TYPE) > 0);
}

/// The RFC's value-path and extension examples, in other spellings, over the same resources.
#[test]
fn value_paths_and_extensions_agree_with_the_reference() {
    let inputs = [
        r#"emails[type eq "work" and value co "@example.org"]"#,
        r#"EMAILS[TYPE eq "Work" and not (value sw "X")]"#,
        r#"emails[value pr] or name.familyName eq "o'malley""#,
        &format!(r#"{ENTERPRISE}:employeeNumber eq "701984" and {ENTERPRISE}:manager.value pr"#),
        &format!(r#"{}:manager eq "26118915""#, ENTERPRISE.to_uppercase()),
        r#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "USER""#,
    ];
    let filters: Vec<Filter> = inputs.iter().map(|i| parse(i).unwrap_or_else(|e| panic!("{i}: {e}"))).collect();
    let resources: Vec<Value> = (0..40)
        .map(|i| {
            let domain = if i % 3 == 0 { "Example.ORG" } else { "example.com" };
            json!({
                "userName": format!("User{i}"), "name": {"familyName": if i % 2 == 0 { "O'Malley" } else { "Smith" }},
                "emails": [{"value": format!("x{i}@{domain}"), "type": if i % 4 == 0 { "WORK" } else { "home" }}],
                ENTERPRISE: {"employeeNumber": if i % 5 == 0 { "701984" } else { "1" }, "manager": {"value": "26118915"}},
            })
        })
        .collect();
    assert!(agree(&filters, &resources, &USER_TYPE) > 0);
}

/// Why byte-wise ASCII folding equals `to_lowercase` against a folded operand: lower-casing
/// never produces an upper-case ASCII letter, and folds ASCII as `to_ascii_lowercase`.
#[test]
fn lower_case_never_yields_upper_case_ascii() {
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        let lower: String = c.to_lowercase().collect();
        assert!(!lower.bytes().any(|b| b.is_ascii_uppercase()), "{c:?} lower-cases to {lower:?}");
        if c.is_ascii() {
            assert_eq!(lower, c.to_ascii_lowercase().to_string());
        }
    }
    // `str::to_lowercase` adds only the final-sigma rule, whose output is not ASCII.
    assert_eq!("ΟΔΟΣ Σ".to_lowercase(), "\u{3bf}\u{3b4}\u{3bf}\u{3c2} \u{3c3}");
}
