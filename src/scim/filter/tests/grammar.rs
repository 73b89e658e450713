//! Every production of the RFC 7644 §3.4.2.2 grammar, the RFC's own example filters, and
//! the PATCH-path and attribute-path forms, each parsed to the AST it must give.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{json, Value};

use super::super::{parse, parse_attr_path, parse_path, CompareOp::*, Filter, PatchPath};
use super::{and, cmp, eq, not, or, path, pr, urn_path, vp, CORE, ENTERPRISE};

/// Parses each input and compares with the expected AST.
fn table(rows: Vec<(&str, Filter)>) {
    for (input, want) in rows {
        assert_eq!(parse(input), Ok(want), "{input}");
    }
}

#[test]
fn rfc_7644_example_filters() {
    let emails_either = || or(cmp(path("emails"), Co, "example.com"), cmp(path("emails.value"), Co, "example.org"));
    let work_at = |domain: &str| and(eq("type", "work"), cmp(path("value"), Co, domain));
    table(vec![
        (r#"userName eq "bjensen""#, eq("userName", "bjensen")),
        (r#"name.familyName co "O'Malley""#, cmp(path("name.familyName"), Co, "O'Malley")),
        (r#"userName sw "J""#, cmp(path("userName"), Sw, "J")),
        (&format!(r#"{CORE}:userName sw "J""#), cmp(urn_path(CORE, "userName"), Sw, "J")),
        ("title pr", pr("title")),
        (r#"meta.lastModified gt "2011-05-13T04:42:34Z""#, cmp(path("meta.lastModified"), Gt, "2011-05-13T04:42:34Z")),
        (r#"meta.lastModified ge "2011-05-13T04:42:34Z""#, cmp(path("meta.lastModified"), Ge, "2011-05-13T04:42:34Z")),
        (r#"meta.lastModified lt "2011-05-13T04:42:34Z""#, cmp(path("meta.lastModified"), Lt, "2011-05-13T04:42:34Z")),
        (r#"meta.lastModified le "2011-05-13T04:42:34Z""#, cmp(path("meta.lastModified"), Le, "2011-05-13T04:42:34Z")),
        (r#"title pr and userType eq "Employee""#, and(pr("title"), eq("userType", "Employee"))),
        (r#"title pr or userType eq "Intern""#, or(pr("title"), eq("userType", "Intern"))),
        (&format!(r#"schemas eq "{ENTERPRISE}""#), eq("schemas", ENTERPRISE)),
        (
            r#"userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")"#,
            and(eq("userType", "Employee"), emails_either()),
        ),
        (
            r#"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")"#,
            and(cmp(path("userType"), Ne, "Employee"), not(emails_either())),
        ),
        (
            r#"userType eq "Employee" and (emails.type eq "work")"#,
            and(eq("userType", "Employee"), eq("emails.type", "work")),
        ),
        (
            r#"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#,
            and(eq("userType", "Employee"), vp("emails", work_at("@example.com"))),
        ),
        (
            r#"emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#,
            or(
                vp("emails", work_at("@example.com")),
                vp("ims", and(eq("type", "xmpp"), cmp(path("value"), Co, "@foo.com"))),
            ),
        ),
    ]);
}

#[test]
fn idp_filters() {
    table(vec![
        // Okta's user lookup before create.
        (r#"userName eq "a@b.com""#, eq("userName", "a@b.com")),
        // Entra ID's matching queries: users by userName/externalId, groups by displayName,
        // and membership checks on a group.
        (r#"externalId eq "7d4a5b2c""#, eq("externalId", "7d4a5b2c")),
        (r#"displayName eq "Engineering""#, eq("displayName", "Engineering")),
        (r#"members[value eq "x"]"#, vp("members", eq("value", "x"))),
        (
            &format!(r#"{ENTERPRISE}:employeeNumber eq "701984""#),
            cmp(urn_path(ENTERPRISE, "employeeNumber"), Eq, "701984"),
        ),
        (
            &format!(r#"{ENTERPRISE}:manager.value eq "26118915""#),
            cmp(urn_path(ENTERPRISE, "manager.value"), Eq, "26118915"),
        ),
    ]);
}

#[test]
fn every_operator_in_any_case() {
    let ops =
        [("eq", Eq), ("ne", Ne), ("co", Co), ("sw", Sw), ("ew", Ew), ("gt", Gt), ("ge", Ge), ("lt", Lt), ("le", Le)];
    for (word, op) in ops {
        for spelled in [word.to_string(), word.to_uppercase(), format!("{}{}", &word[..1].to_uppercase(), &word[1..])] {
            table(vec![(&format!(r#"title {spelled} "x""#), cmp(path("title"), op, "x"))]);
        }
    }
    table(vec![("title PR", pr("title")), ("title Pr", pr("title"))]);
}

#[test]
fn precedence_and_grouping() {
    let (a, b, c) = (|| eq("a", 1), || eq("b", 2), || eq("c", 3));
    table(vec![
        ("a eq 1 or b eq 2 and c eq 3", or(a(), and(b(), c()))),
        ("a eq 1 and b eq 2 or c eq 3", or(and(a(), b()), c())),
        ("a eq 1 or b eq 2 or c eq 3", or(or(a(), b()), c())),
        ("a eq 1 and b eq 2 and c eq 3", and(and(a(), b()), c())),
        ("(a eq 1 or b eq 2) and c eq 3", and(or(a(), b()), c())),
        ("a eq 1 and (b eq 2 or c eq 3)", and(a(), or(b(), c()))),
        ("a eq 1 or (b eq 2 or c eq 3)", or(a(), or(b(), c()))),
        ("not (a eq 1) and b eq 2", and(not(a()), b())),
        ("not (a eq 1 or b eq 2)", not(or(a(), b()))),
        ("a eq 1 or not (b eq 2) and c eq 3", or(a(), and(not(b()), c()))),
        ("not (not (a eq 1))", not(not(a()))),
        ("((a eq 1))", a()),
        ("a eq 1 AND b eq 2 Or c eq 3", or(and(a(), b()), c())),
        ("NOT (a eq 1)", not(a())),
        ("(a eq 1)and(b eq 2)", and(a(), b())),
    ]);
}

#[test]
fn value_paths() {
    table(vec![
        (r#"emails[type eq "work"]"#, vp("emails", eq("type", "work"))),
        (r#"emails[not (type eq "work")]"#, vp("emails", not(eq("type", "work")))),
        (
            r#"emails[(type eq "work" or type eq "home") and primary eq true]"#,
            vp("emails", and(or(eq("type", "work"), eq("type", "home")), eq("primary", true))),
        ),
        (r#"emails[value pr] and title pr"#, and(vp("emails", pr("value")), pr("title"))),
        (r#"not (emails[type eq "work"])"#, not(vp("emails", eq("type", "work")))),
        (
            &format!(r#"{CORE}:emails[type eq "work"]"#),
            Filter::ValuePath { path: urn_path(CORE, "emails"), filter: Box::new(eq("type", "work")) },
        ),
    ]);
}

#[test]
fn literals() {
    let rows: Vec<(&str, Value)> = vec![
        (r#""plain""#, json!("plain")),
        (r#""""#, json!("")),
        (r#""a\"b""#, json!("a\"b")),
        (r#""back\\slash""#, json!("back\\slash")),
        (r#""\u00e9t\u00E9""#, json!("été")),
        (r#""\ud83d\ude00""#, json!("😀")),
        (r#""\/\b\f\n\r\t""#, json!("/\u{8}\u{c}\n\r\t")),
        (r#""José [x] (y) and or""#, json!("José [x] (y) and or")),
        ("42", json!(42)),
        ("0", json!(0)),
        ("-7", json!(-7)),
        ("2.75", json!(2.75)),
        ("-0.5", json!(-0.5)),
        ("1e3", json!(1000.0)),
        ("-2.5E-3", json!(-0.0025)),
        ("18446744073709551615", json!(u64::MAX)),
        ("true", json!(true)),
        ("TRUE", json!(true)),
        ("False", json!(false)),
        ("null", Value::Null),
        ("NULL", Value::Null),
    ];
    for (literal, value) in rows {
        assert_eq!(parse(&format!("x eq {literal}")), Ok(cmp(path("x"), Eq, value)), "{literal}");
    }
}

#[test]
fn attribute_names_and_spacing() {
    table(vec![
        ("members.$ref eq \"u\"", cmp(path("members.$ref"), Eq, "u")),
        ("x-y_z9 pr", pr("x-y_z9")),
        // Keywords stand where the grammar puts them, so attributes may be called `not` or `and`.
        ("not pr", pr("not")),
        ("not eq 1", eq("not", 1)),
        ("and pr or or pr", or(pr("and"), pr("or"))),
        ("pr pr", pr("pr")),
        ("not[value pr]", vp("not", pr("value"))),
        ("  title \t pr  ", pr("title")),
        ("userName eq\"x\"", eq("userName", "x")),
    ]);
}

#[test]
fn attr_paths_for_attributes_and_sort_by() {
    let (core_name, employee_number) = (format!("{CORE}:name.familyName"), format!("{ENTERPRISE}:employeeNumber"));
    let manager_value = format!("{ENTERPRISE}:manager.value");
    let rows = vec![
        ("userName", path("userName")),
        ("name.givenName", path("name.givenName")),
        (" emails ", path("emails")),
        ("members.$ref", path("members.$ref")),
        (core_name.as_str(), urn_path(CORE, "name.familyName")),
        (employee_number.as_str(), urn_path(ENTERPRISE, "employeeNumber")),
        (manager_value.as_str(), urn_path(ENTERPRISE, "manager.value")),
    ];
    for (input, want) in rows {
        assert_eq!(parse_attr_path(input), Ok(want), "{input}");
    }
}

#[test]
fn patch_paths() {
    let (manager, manager_value) = (format!("{ENTERPRISE}:manager"), format!("{ENTERPRISE}:manager.value"));
    let plain = |p| PatchPath { attr: p, filter: None, sub: None };
    let filtered = |name: &str, f, sub: Option<&str>| PatchPath {
        attr: path(name),
        filter: Some(f),
        sub: sub.map(str::to_string),
    };
    let rows = vec![
        ("members", plain(path("members"))),
        ("name.familyName", plain(path("name.familyName"))),
        (r#"emails[type eq "work"]"#, filtered("emails", eq("type", "work"), None)),
        (r#"emails[type eq "work"].value"#, filtered("emails", eq("type", "work"), Some("value"))),
        (r#"members[value eq "2819c223"]"#, filtered("members", eq("value", "2819c223"), None)),
        (
            r#"emails[type eq "work" and primary eq true].display"#,
            filtered("emails", and(eq("type", "work"), eq("primary", true)), Some("display")),
        ),
        (manager.as_str(), plain(urn_path(ENTERPRISE, "manager"))),
        (manager_value.as_str(), plain(urn_path(ENTERPRISE, "manager.value"))),
    ];
    for (input, want) in rows {
        assert_eq!(parse_path(input), Ok(want), "{input}");
    }
}

/// Entra's `valuePath.subAttr op value` lookup reads as the RFC's value filter with the
/// comparison and-ed in, and displays back in the RFC form.
#[test]
fn entra_value_path_with_a_trailing_comparison() {
    let rows = vec![
        (
            r#"emails[type eq "work"].value eq "ann@example.com""#,
            vp("emails", and(eq("type", "work"), eq("value", "ann@example.com"))),
        ),
        (r#"emails[type eq "work"].value pr"#, vp("emails", and(eq("type", "work"), pr("value")))),
        (
            r#"emails[type eq "work"].value SW "ann" or userName eq "x""#,
            or(vp("emails", and(eq("type", "work"), cmp(path("value"), Sw, "ann"))), eq("userName", "x")),
        ),
    ];
    for (input, want) in rows {
        let parsed = parse(input);
        assert_eq!(parsed, Ok(want), "{input}");
        let canonical = parsed.map(|f| f.to_string()).unwrap_or_default();
        assert!(!canonical.contains("]."), "{canonical}");
        assert_eq!(parse(&canonical).map(|f| f.to_string()), Ok(canonical.clone()));
    }
    // The sub-attribute must be followed by a comparison, and may not nest.
    assert!(parse(r#"emails[type eq "work"].value"#).is_err());
    assert!(parse(r#"emails[type eq "work"].value.x eq "y""#).is_err());
}
