//! Parses arbitrary UTF-8 as a filter, a PATCH path and an attribute path. None may
//! panic or overflow the stack; whatever parses must print to text that parses back to
//! the same value, and evaluating and checking a parsed filter must not panic either.

#![no_main]

use libfuzzer_sys::fuzz_target;
use usersync::scim::filter::{self, Filter};
use usersync::scim::schemas::USER_TYPE;

fuzz_target!(|input: &str| {
    if let Ok(parsed) = filter::parse(input) {
        round_trip(&parsed);
        let user = serde_json::json!({"userName": "bjensen", "emails": [{"value": "a@b.c", "type": "work"}]});
        let _ = filter::matches(&parsed, &user, &USER_TYPE);
        let _ = filter::check(&parsed, &USER_TYPE);
    }
    if let Ok(path) = filter::parse_path(input) {
        let text = path.to_string();
        assert!(
            text.len() > filter::MAX_LEN || filter::parse_path(&text).as_ref() == Ok(&path),
            "{input:?} printed as {text:?}"
        );
    }
    if let Ok(path) = filter::parse_attr_path(input) {
        let text = path.to_string();
        assert_eq!(filter::parse_attr_path(&text).as_ref(), Ok(&path), "{input:?} printed as {text:?}");
    }
});

/// Display then parse gives the same AST. The canonical text can outgrow the input
/// (`1E3` prints as `1000.0`, a raw control character as `\u0001`), so text past the
/// length limit is only checked for not panicking.
fn round_trip(parsed: &Filter) {
    let text = parsed.to_string();
    if text.len() > filter::MAX_LEN {
        return;
    }
    let reparsed = filter::parse(&text);
    assert_eq!(reparsed.as_ref(), Ok(parsed), "printed as {text:?}");
}
