//! Every error variant, with the offset it must report, and the limits on length and depth.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::super::parse::Parser;
use super::super::{parse, parse_attr_path, parse_path, Expect, FilterError, MAX_DEPTH, MAX_LEN};
use super::ENTERPRISE;
use crate::{ScimError, ScimType};

fn expected(expected: Expect, found: &str, at: usize) -> FilterError {
    FilterError::Expected { expected, found: found.to_string(), at }
}

#[test]
fn expected_errors_say_what_where_and_what_was_found() {
    let rows = [
        ("title pr and ", expected(Expect::Term, "", 13)),
        ("()", expected(Expect::Term, ")", 1)),
        (r#""x" eq 1"#, expected(Expect::Term, r#""x""#, 0)),
        ("title pr or 42", expected(Expect::Term, "42", 12)),
        ("not title pr", expected(Expect::NotParen, "title", 4)),
        ("not", expected(Expect::NotParen, "", 3)),
        (r#"userName "bjensen""#, expected(Expect::Operator, r#""bjensen""#, 9)),
        (r#"userName equals "x""#, expected(Expect::Operator, "equals", 9)),
        ("userName", expected(Expect::Operator, "", 8)),
        ("userName eq", expected(Expect::Value, "", 11)),
        ("userName eq bjensen", expected(Expect::Value, "bjensen", 12)),
        ("userName eq (", expected(Expect::Value, "(", 12)),
        ("(title pr", expected(Expect::CloseParen, "", 9)),
        ("(title pr title pr)", expected(Expect::CloseParen, "title", 10)),
        (r#"emails[type eq "work""#, expected(Expect::CloseBracket, "", 21)),
        (r#"emails[type eq "work" x]"#, expected(Expect::CloseBracket, "x", 22)),
        (r#"emails[type eq "work")"#, expected(Expect::CloseBracket, ")", 21)),
        ("name. pr", expected(Expect::AttrName, "", 5)),
        ("name.1st pr", expected(Expect::AttrName, "1st", 5)),
        ("urn:x:y: pr", expected(Expect::AttrName, "", 8)),
        ("a$b pr", expected(Expect::AttrName, "a$b", 0)),
        ("name.givenName.x pr", expected(Expect::AttrPathEnd, ".x", 14)),
        ("foo:bar pr", expected(Expect::Urn, "foo", 0)),
        (r#"emails[type.x eq "a"]"#, expected(Expect::ElementAttr, "type.x", 7)),
        (r#"emails[urn:x:y:type eq "a"]"#, expected(Expect::ElementAttr, "urn:x:y:type", 7)),
        // Value paths do not nest: a complex attribute has no complex sub-attributes.
        ("emails[type[value eq 1]]", expected(Expect::Operator, "[", 11)),
        (r#"emails.value[type eq "work"]"#, expected(Expect::ValuePathAttr, "emails.value", 0)),
    ];
    for (input, want) in rows {
        assert_eq!(parse(input), Err(want), "{input}");
    }
}

#[test]
fn path_parsers_report_the_same_way() {
    assert_eq!(parse_attr_path(r#""userName""#), Err(expected(Expect::AttrPath, r#""userName""#, 0)));
    assert_eq!(parse_attr_path("["), Err(expected(Expect::AttrPath, "[", 0)));
    assert_eq!(parse_path(r#"emails[type eq "work"]."#), Err(expected(Expect::AttrName, "", 23)));
    assert_eq!(parse_path(r#"emails[type eq "work"].value.x"#), Err(expected(Expect::AttrPathEnd, ".x", 28)));
    assert_eq!(parse_path(r#"emails[type eq "work"].(x"#), Err(expected(Expect::AttrName, "(", 23)));
    assert_eq!(parse_path(r#"emails[type eq "work"].urn:x:value"#), Err(expected(Expect::AttrName, "urn:x:value", 23)));
    assert_eq!(parse_path(ENTERPRISE), Err(FilterError::SchemaUrn { urn: ENTERPRISE.to_string(), at: 0 }));
    assert_eq!(
        parse_path("urn:ietf:params:scim:schemas:core:2.0:User"),
        Err(FilterError::SchemaUrn { urn: "urn:ietf:params:scim:schemas:core:2.0:User".to_string(), at: 0 })
    );
}

#[test]
fn lexical_errors() {
    let rows = [
        ("userName eq 'bjensen'", FilterError::UnexpectedChar { found: '\'', at: 12 }),
        ("title pr & x pr", FilterError::UnexpectedChar { found: '&', at: 9 }),
        ("é pr", FilterError::UnexpectedChar { found: 'é', at: 0 }),
        (r#"userName eq "bjensen"#, FilterError::UnterminatedString { at: 12 }),
        (r#"userName eq "abc\"#, FilterError::UnterminatedString { at: 12 }),
        (r#"x eq "a\qb""#, FilterError::BadEscape { found: r"\q".into(), at: 7 }),
        (r#"x eq "\ud800""#, FilterError::BadEscape { found: r"\ud800".into(), at: 6 }),
        (r#"x eq "\ud800\u0041""#, FilterError::BadEscape { found: r"\ud800".into(), at: 6 }),
        (r#"x eq "\udc00""#, FilterError::BadEscape { found: r"\udc00".into(), at: 6 }),
        (r#"x eq "\u12""#, FilterError::BadEscape { found: r"\u12".into(), at: 6 }),
        (r#"x eq "\u12zz""#, FilterError::BadEscape { found: r"\u12zz".into(), at: 6 }),
        ("x eq 01", FilterError::BadNumber { found: "01".into(), at: 5 }),
        ("x eq 1.", FilterError::BadNumber { found: "1.".into(), at: 5 }),
        ("x eq 1x", FilterError::BadNumber { found: "1x".into(), at: 5 }),
        ("x eq 1e999", FilterError::BadNumber { found: "1e999".into(), at: 5 }),
        ("x eq -", FilterError::BadNumber { found: "-".into(), at: 5 }),
        ("x eq -01", FilterError::BadNumber { found: "-01".into(), at: 5 }),
        ("x eq 1e+", FilterError::BadNumber { found: "1e+".into(), at: 5 }),
        ("x eq 1e5.5", FilterError::BadNumber { found: "1e5.5".into(), at: 5 }),
        ("x eq 1.2.3", FilterError::BadNumber { found: "1.2.3".into(), at: 5 }),
        ("x eq 1and y pr", FilterError::BadNumber { found: "1and".into(), at: 5 }),
    ];
    for (input, want) in rows {
        assert_eq!(parse(input), Err(want), "{input}");
    }
}

#[test]
fn trailing_input_and_empty_input() {
    let rows = [
        ("title pr title pr", FilterError::TrailingInput { found: "title".into(), at: 9 }),
        ("title pr)", FilterError::TrailingInput { found: ")".into(), at: 8 }),
        (r#"emails[type eq "work"] title pr"#, FilterError::TrailingInput { found: "title".into(), at: 23 }),
        ("", FilterError::Empty),
        (" \t\n", FilterError::Empty),
    ];
    for (input, want) in rows {
        assert_eq!(parse(input), Err(want), "{input}");
    }
    assert_eq!(parse_path("emails[type pr]x"), Err(FilterError::TrailingInput { found: "x".into(), at: 15 }));
    assert_eq!(parse_attr_path("userName x"), Err(FilterError::TrailingInput { found: "x".into(), at: 9 }));
    assert_eq!(parse_attr_path(""), Err(FilterError::Empty));
    assert_eq!(parse_path("  "), Err(FilterError::Empty));
}

/// `depth` nestings of `open`, a term, and the closers.
fn nested(open: &str, close: &str, depth: usize) -> String {
    format!("{}title pr{}", open.repeat(depth), close.repeat(depth))
}

#[test]
fn nesting_is_bounded() {
    assert!(parse(&nested("(", ")", MAX_DEPTH)).is_ok());
    assert!(parse(&nested("not (", ")", MAX_DEPTH)).is_ok());
    let too_deep = [
        (nested("(", ")", MAX_DEPTH + 1), MAX_DEPTH),
        (nested("not (", ")", MAX_DEPTH + 1), MAX_DEPTH * 5 + 4),
        (format!("{}emails[type pr]{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH)), MAX_DEPTH + 6),
    ];
    for (input, at) in too_deep {
        assert_eq!(parse(&input), Err(FilterError::TooDeep { limit: MAX_DEPTH, at }), "{input}");
    }
}

#[test]
fn length_is_bounded() {
    let at_limit = format!("x eq \"{}\"", "a".repeat(MAX_LEN - 7));
    assert_eq!(at_limit.len(), MAX_LEN);
    assert!(parse(&at_limit).is_ok());
    let over = format!("x eq \"{}\"", "a".repeat(MAX_LEN - 6));
    assert_eq!(parse(&over), Err(FilterError::TooLong { len: MAX_LEN + 1, limit: MAX_LEN }));
    assert_eq!(parse_path(&over), Err(FilterError::TooLong { len: MAX_LEN + 1, limit: MAX_LEN }));
    assert_eq!(parse(&"(".repeat(100_000)), Err(FilterError::TooLong { len: 100_000, limit: MAX_LEN }));
}

/// Without the length limit, 100 000 characters of nesting still stop at the depth limit.
#[test]
fn huge_inputs_stop_at_the_depth_limit() {
    for open in ["(", "not (", "x eq 1 and ("] {
        let input = open.repeat(100_000 / open.len());
        let result = Parser::new(&input, usize::MAX, MAX_DEPTH).and_then(Parser::filter);
        assert!(matches!(result, Err(FilterError::TooDeep { limit: MAX_DEPTH, .. })), "{open}: {result:?}");
    }
}

/// The longest chain the length limit admits parses, prints, evaluates and drops on a
/// small stack: chains are loops in the parser, and at most ~1000 deep in the AST.
#[test]
fn longest_chain_fits_a_small_stack() {
    let input = "a pr or ".repeat(MAX_LEN / 8 - 1) + "a pr";
    assert!(input.len() <= MAX_LEN);
    let run = move || {
        let filter = parse(&input).map_err(|e| e.to_string())?;
        let text = filter.to_string();
        let user = serde_json::json!({"a": "x"});
        let matched = super::super::matches(&filter, &user, &crate::scim::schemas::USER_TYPE);
        super::super::check(&filter, &crate::scim::schemas::USER_TYPE).map_err(|e| e.to_string())?;
        Ok::<_, String>((text == input, matched))
    };
    #[cfg(not(target_arch = "wasm32"))]
    let result = std::thread::Builder::new().stack_size(512 * 1024).spawn(run).map(|h| h.join());
    #[cfg(not(target_arch = "wasm32"))]
    assert!(matches!(result, Ok(Ok(Ok((true, true))))), "{result:?}");
    #[cfg(target_arch = "wasm32")]
    assert_eq!(run(), Ok((true, true)));
}

#[test]
fn messages_name_the_expectation_and_the_place() {
    let rows = [
        (
            r#"userName "bjensen""#,
            "expected a comparison operator (eq ne co sw ew gt ge lt le) or `pr` at byte 9, found `\"bjensen\"`",
        ),
        ("title pr and ", "expected an attribute path, `(` or `not (` at byte 13, found end of input"),
        ("title pr title pr", "unexpected `title` at byte 9 after a complete expression"),
        (r#"userName eq "bjensen"#, "string starting at byte 12 has no closing quote"),
    ];
    for (input, want) in rows {
        assert_eq!(parse(input).map_err(|e| e.to_string()), Err(want.to_string()), "{input}");
    }
}

#[test]
fn filter_errors_are_invalid_filter() {
    let err = parse("title pr and").err().map(ScimError::from);
    let err = err.as_ref();
    assert_eq!(err.map(|e| e.status), Some(400));
    assert_eq!(err.and_then(|e| e.scim_type), Some(ScimType::InvalidFilter));
    assert!(err.is_some_and(|e| e.detail.contains("byte 12")), "{err:?}");
}
