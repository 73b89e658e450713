//! 1.1 attribute names in query text (`filter`, `attributes`, `sortBy`) and in
//! `meta.attributes`. 1.1 qualifies names with its own URNs (draft-scim-api-01 §3.8:
//! `urn:scim:schemas:core:1.0:userName`; extension attributes MUST be qualified), which
//! the 2.0 parser would take for unknown schemas; otherwise the filter grammar of 1.1
//! (eq co sw pr gt ge lt le, and, or, parentheses; §3.2.2.1) is a subset of RFC 7644's,
//! so the 2.0 parser reads everything else as it is.

use super::{sub_to_v2, urn_to_v2, V1Error, V1_CORE_URN, V1_ENTERPRISE_URN};
use crate::scim::path::AttrPath;
use crate::scim::schema::ResourceType;

/// A 1.1 `filter` (or `attributes` / `sortBy` list) in 2.0 spelling, for `rt`.
///
/// Core-qualified names lose their prefix (`urn:scim:schemas:core:1.0:userName` →
/// `userName`); enterprise-qualified names get the 2.0 URN, whether the client wrote the
/// spec's `…:1.0:department` or the `…:1.0.department` some 1.1 clients send; renamed
/// sub-attributes follow (`manager.managerId` → `manager.value`). Quoted values are
/// copied as they are, and text that does not parse is left for the 2.0 parser to reject
/// with a precise error.
pub fn filter_to_v2(filter: &str, rt: &ResourceType) -> String {
    let mut out = String::with_capacity(filter.len() + 32);
    let mut rest = filter;
    let mut at_token_start = true;
    while let Some(c) = rest.chars().next() {
        if c == '"' {
            let end = quoted_len(rest);
            out.push_str(rest.get(..end).unwrap_or(rest));
            rest = rest.get(end..).unwrap_or_default();
            at_token_start = false;
            continue;
        }
        if at_token_start {
            if let Some((urn, consumed)) = v1_urn_prefix(rest, rt) {
                rest = rest.get(consumed..).unwrap_or_default();
                let name_len = rest.find(|c: char| !is_name_char(c) && c != '.').unwrap_or(rest.len());
                let (name, after) = rest.split_at(name_len);
                if !urn.eq_ignore_ascii_case(rt.schema.id) {
                    out.push_str(urn);
                    out.push(':');
                }
                out.push_str(&rename_dotted(urn, name));
                rest = after;
                at_token_start = false;
                continue;
            }
        }
        out.push(c);
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
        at_token_start = c.is_whitespace() || matches!(c, '(' | '[' | ',');
    }
    out
}

/// A 1.1 attribute name (`meta.attributes` entries) as a 2.0 path for `rt`: URN mapped
/// (core → none), sub-attribute renamed.
pub fn attr_path_to_v2(text: &str, rt: &ResourceType) -> Result<AttrPath, V1Error> {
    let text = text.trim();
    let bad = |reason| V1Error::BadAttrPath { found: text.into(), reason };
    let (urn, rest) = match v1_urn_prefix(text, rt) {
        Some((urn, consumed)) => (Some(urn), text.get(consumed..).unwrap_or_default()),
        None if text.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("urn:")) => {
            let colon = text.rfind(':').unwrap_or(0);
            (text.get(..colon), text.get(colon + 1..).unwrap_or_default())
        }
        None => (None, text),
    };
    let urn = urn.filter(|u| !u.eq_ignore_ascii_case(rt.schema.id));
    let (name, sub) = match rest.split_once('.') {
        Some((name, sub)) => (name, Some(sub)),
        None => (rest, None),
    };
    if !is_attr_name(name) {
        return Err(bad("the attribute name must start with a letter and hold letters, digits, '-' or '_'"));
    }
    if sub.is_some_and(|s| !is_attr_name(s)) {
        return Err(bad("the sub-attribute after '.' must be a single attribute name"));
    }
    Ok(AttrPath {
        urn: urn.map(String::from),
        name: name.into(),
        sub: sub.map(|s| sub_to_v2(urn, name, s).to_string()),
    })
}

/// The 2.0 URN of a known 1.1 URN starting `text` and followed by ':' or '.', with the
/// byte length of that prefix and its separator.
fn v1_urn_prefix(text: &str, rt: &ResourceType) -> Option<(&'static str, usize)> {
    [V1_CORE_URN, V1_ENTERPRISE_URN].into_iter().find_map(|v1| {
        let prefix = text.get(..v1.len())?;
        let separated = matches!(text.as_bytes().get(v1.len()), Some(b':' | b'.'));
        (prefix.eq_ignore_ascii_case(v1) && separated).then_some((urn_to_v2(v1, rt)?, v1.len() + 1))
    })
}

/// `name` or `name.sub` with the sub-attribute in its 2.0 spelling.
fn rename_dotted(urn: &str, dotted: &str) -> String {
    match dotted.split_once('.') {
        Some((name, sub)) => format!("{name}.{}", sub_to_v2(Some(urn), name, sub)),
        None => dotted.into(),
    }
}

/// The byte length of the JSON string literal opening `text` (quotes included); the
/// rest of `text` when the literal is not closed.
fn quoted_len(text: &str) -> usize {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return i + 1,
            _ => {}
        }
    }
    text.len()
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '$')
}

/// RFC 7643 §2.1 ATTRNAME (`ALPHA *(nameChar)`), plus `$ref`.
fn is_attr_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '$') && chars.all(is_name_char)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scim::schemas::{ENTERPRISE_USER_URN, GROUP_TYPE, USER_TYPE};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn filters_translate_qualified_names_and_leave_the_rest() {
        let ent = ENTERPRISE_USER_URN;
        let rows: &[(&str, String)] = &[
            // Okta's existence check (Okta SCIM 1.1 reference, "Determine if the User already exists").
            (r#"userName eq "test.user@okta.local""#, r#"userName eq "test.user@okta.local""#.into()),
            (r#"urn:scim:schemas:core:1.0:userName eq "a""#, r#"userName eq "a""#.into()),
            (r#"URN:SCIM:SCHEMAS:CORE:1.0:name.givenName sw "J""#, r#"name.givenName sw "J""#.into()),
            (
                r#"urn:scim:schemas:extension:enterprise:1.0:department eq "R&D""#,
                format!(r#"{ent}:department eq "R&D""#),
            ),
            (r#"urn:scim:schemas:extension:enterprise:1.0.costCenter pr"#, format!("{ent}:costCenter pr")),
            (
                r#"urn:scim:schemas:extension:enterprise:1.0:manager.managerId eq "26""#,
                format!(r#"{ent}:manager.value eq "26""#),
            ),
            (
                r#"(title pr) and (urn:scim:schemas:core:1.0:userType eq "Employee" or active eq true)"#,
                r#"(title pr) and (userType eq "Employee" or active eq true)"#.into(),
            ),
            // quoted values are data, even when they look like names
            (
                r#"displayName eq "urn:scim:schemas:core:1.0:userName \" urn:scim:schemas:core:1.0:x""#,
                r#"displayName eq "urn:scim:schemas:core:1.0:userName \" urn:scim:schemas:core:1.0:x""#.into(),
            ),
            // a URN glued to another name is not a qualified name
            ("xurn:scim:schemas:core:1.0:userName pr", "xurn:scim:schemas:core:1.0:userName pr".into()),
            // `attributes=` lists share the notation
            ("urn:scim:schemas:core:1.0:userName,emails", "userName,emails".into()),
            (r#"displayName eq "Ünïcode ✓""#, r#"displayName eq "Ünïcode ✓""#.into()),
            (r#"userName eq "unterminated"#, r#"userName eq "unterminated"#.into()),
            ("", String::new()),
        ];
        for (input, expected) in rows {
            assert_eq!(&filter_to_v2(input, &USER_TYPE), expected, "filter {input}");
        }
    }

    #[test]
    fn translated_filters_parse_and_match_as_2_0() {
        use crate::scim::filter::{matches, parse, Filter};
        let user = serde_json::json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE_USER_URN],
            "userName": "test.user@example.org",
            ENTERPRISE_USER_URN: {"department": "R&D", "manager": {"value": "26"}}
        });
        let rows: &[(&str, bool)] = &[
            (r#"userName eq "test.user@example.org""#, true),
            (r#"urn:scim:schemas:core:1.0:userName eq "TEST.USER@example.org""#, true),
            (r#"urn:scim:schemas:extension:enterprise:1.0:department eq "R&D""#, true),
            (r#"urn:scim:schemas:extension:enterprise:1.0.department sw "Sales""#, false),
            (r#"urn:scim:schemas:extension:enterprise:1.0:manager.managerId eq "26" and userName pr"#, true),
            (r#"(userName co "nobody") or urn:scim:schemas:extension:enterprise:1.0:department pr"#, true),
        ];
        for &(v1, expected) in rows {
            let v2 = filter_to_v2(v1, &USER_TYPE);
            let parsed: Result<Filter, _> = parse(&v2);
            match parsed {
                Ok(f) => assert_eq!(matches(&f, &user, &USER_TYPE), expected, "{v1} as {v2}"),
                Err(e) => panic!("{v1} became {v2}, which does not parse: {e}"),
            }
        }
    }

    #[test]
    fn group_filters_use_the_group_schema() {
        assert_eq!(
            filter_to_v2(r#"urn:scim:schemas:core:1.0:displayName eq "x""#, &GROUP_TYPE),
            r#"displayName eq "x""#
        );
    }

    #[test]
    fn attribute_names_become_paths() {
        let ent = Some(ENTERPRISE_USER_URN);
        let rows: &[(&str, Option<&str>, &str, Option<&str>)] = &[
            ("members", None, "members", None),
            ("name.givenName", None, "name", Some("givenName")),
            (" urn:scim:schemas:core:1.0:name.familyName ", None, "name", Some("familyName")),
            ("urn:scim:schemas:extension:enterprise:1.0:department", ent, "department", None),
            ("urn:scim:schemas:extension:enterprise:1.0.department", ent, "department", None),
            ("urn:scim:schemas:extension:enterprise:1.0:manager.managerId", ent, "manager", Some("value")),
            ("urn:okta:custom:group:1.0:description", Some("urn:okta:custom:group:1.0"), "description", None),
        ];
        for &(input, urn, name, sub) in rows {
            let path = attr_path_to_v2(input, &USER_TYPE).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!((path.urn.as_deref(), path.name.as_str(), path.sub.as_deref()), (urn, name, sub), "{input}");
        }
    }

    #[test]
    fn malformed_attribute_names_are_rejected() {
        for input in [
            "",
            "name..givenName",
            "name.given.name",
            "1name",
            "urn:scim:schemas:core:1.0:",
            "emails[type eq \"work\"]",
        ] {
            let result = attr_path_to_v2(input, &USER_TYPE);
            assert!(matches!(result, Err(V1Error::BadAttrPath { .. })), "{input}: {result:?}");
        }
    }
}
