//! Evaluation tables: the RFC's example filters against an RFC-style User, typed
//! comparisons against a test schema with one attribute of each type, and `check`.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{json, Value};

use super::super::{check, compile, matches, parse, CompareOp, Compiled, FilterError};
use super::reference;
use crate::scim::schema::{attr, AttrType, ResourceType, Schema};
use crate::scim::schemas::{GROUP_TYPE, USER_TYPE};
use crate::{ScimError, ScimType};

/// One attribute of each RFC 7643 §2.3 type, so these tables do not depend on how
/// complete the User schema is.
static THING: Schema = Schema {
    id: "urn:example:params:scim:schemas:1.0:Thing",
    name: "Thing",
    description: "A test resource",
    attributes: &[
        attr("code", AttrType::String, "caseExact string").case_exact(),
        attr("label", AttrType::String, "caseIgnore string"),
        attr("enabled", AttrType::Boolean, "boolean"),
        attr("blob", AttrType::Binary, "binary").case_exact(),
        attr("count", AttrType::Integer, "integer"),
        attr("weight", AttrType::Decimal, "decimal"),
        attr("seen", AttrType::DateTime, "dateTime"),
        attr("tags", AttrType::String, "multi-valued string").multi(),
        attr("codes", AttrType::Complex, "multi-valued complex with a caseExact value")
            .multi()
            .subs(&[attr("value", AttrType::String, "").case_exact(), attr("kind", AttrType::String, "")]),
        attr("shape", AttrType::Complex, "complex without value").subs(&[attr("width", AttrType::Integer, "")]),
    ],
};

static THING_TYPE: ResourceType = ResourceType {
    id: "Thing",
    name: "Thing",
    endpoint: "/Things",
    description: "A test resource type",
    schema: &THING,
    extensions: &[],
};

const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

fn user() -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        "id": "2819c223-7f76-453a-919d-413861904646",
        "externalId": "BJensen-ext",
        "userName": "bjensen@example.com",
        "name": {"familyName": "O'Malley", "givenName": "Barbara"},
        "title": "Tour Guide",
        "userType": "Employee",
        "active": true,
        "emails": [
            {"value": "bjensen@example.com", "type": "work", "primary": true},
            {"value": "babs@jensen.org", "type": "home"}
        ],
        "ims": [{"value": "someaimhandle", "type": "aim"}],
        "meta": {"resourceType": "User", "created": "2010-01-23T04:56:22Z", "lastModified": "2011-05-13T04:42:34Z"},
        ENTERPRISE: {"employeeNumber": "701984", "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d"}},
        "x-score": 7,
        "x-ratio": 0.5,
        "x-empty": "",
        "x-null": null,
        "x-list": [],
    })
}

/// Parses each filter and evaluates it against `resource` through the `matches` wrapper,
/// through a [`Compiled`] built once for the row, and through the evaluator as it was
/// before compilation; all three must give `want`. The row's `Compiled` is then reused on
/// other resources, where it must keep agreeing with both.
fn table(resource: &Value, rt: &ResourceType, rows: &[(&str, bool)]) {
    let others = other_resources();
    for &(input, want) in rows {
        let filter = parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(matches(&filter, resource, rt), want, "{input}");
        let compiled: Compiled = compile(&filter, rt);
        assert_eq!(compiled.matches(resource), want, "{input}: compiled");
        assert_eq!(reference::matches(&filter, resource, rt), want, "{input}: reference");
        for other in &others {
            let reused = compiled.matches(other);
            assert_eq!(reused, matches(&filter, other, rt), "{input} on {other}: compiled vs wrapper");
            assert_eq!(reused, reference::matches(&filter, other, rt), "{input} on {other}: compiled vs reference");
        }
    }
}

/// Resources unlike the tables' own, for reusing a row's compiled filter: the user with
/// names and values in other cases and shapes, a near-empty one, and no object at all.
fn other_resources() -> Vec<Value> {
    vec![
        user(),
        json!({
            "USERNAME": "BJensen@EXAMPLE.com", "Title": "", "userType": ["Employee", "Intern"],
            "EMAILS": [{"VALUE": "Babs@Jensen.ORG", "Type": "WORK"}, "loose@example.org", null, {"value": {"x": 1}}],
            "meta": {"lastModified": "2011-05-13T06:42:34+02:00", "created": "yesterday"},
            ENTERPRISE: {"EmployeeNumber": 701984, "manager": "26118915"},
            "active": "true", "x-score": [6, 7.5], "x-ratio": "0.5", "code": "abc", "seen": "2019-12-31T23:30:00z",
            "tags": "blue", "codes": {"value": "AXB", "kind": "k"}, "members": [{"value": "U2"}],
        }),
        json!({"id": null, "emails": [], "name": {}}),
        json!("not an object"),
    ]
}

#[test]
fn rfc_example_filters_against_a_user() {
    table(
        &user(),
        &USER_TYPE,
        &[
            (r#"userName eq "bjensen@example.com""#, true),
            (r#"name.familyName co "O'Malley""#, true),
            (r#"userName sw "J""#, false),
            (r#"userName sw "B""#, true),
            (r#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "bj""#, true),
            ("title pr", true),
            (r#"meta.lastModified gt "2011-05-13T04:42:34Z""#, false),
            (r#"title pr and userType eq "Employee""#, true),
            (r#"title pr or userType eq "Intern""#, true),
            (r#"title pr and userType eq "Intern""#, false),
            (&format!(r#"schemas eq "{ENTERPRISE}""#), true),
            (r#"userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")"#, true),
            (r#"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")"#, false),
            (r#"userType eq "Employee" and (emails.type eq "work")"#, true),
            (r#"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#, true),
            (
                r#"emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#,
                true,
            ),
            (r#"ims[type eq "xmpp" and value co "@foo.com"]"#, false),
        ],
    );
}

#[test]
fn strings_fold_case_unless_case_exact() {
    table(
        &user(),
        &USER_TYPE,
        &[
            (r#"userName eq "BJENSEN@example.com""#, true),
            (r#"USERNAME Eq "bjensen@example.com""#, true),
            (r#"userName ne "bjensen@example.com""#, false),
            (r#"userName ew ".COM""#, true),
            (r#"userName co "@EXAMPLE""#, true),
            (r#"userName gt "a""#, true),
            (r#"userName gt "C""#, false),
            (r#"userName le "bjensen@example.com""#, true),
            (r#"userName lt "bjensen@example.com""#, false),
            // id and externalId are caseExact (RFC 7643 §3.1).
            (r#"id eq "2819c223-7f76-453a-919d-413861904646""#, true),
            (r#"id eq "2819C223-7F76-453A-919D-413861904646""#, false),
            (r#"externalId sw "BJensen""#, true),
            (r#"externalId sw "bjensen""#, false),
            // Attributes in no schema compare case-insensitively.
            (r#"x-unknown-but-here eq "x""#, false),
            (r#"userType eq "EMPLOYEE""#, true),
        ],
    );
}

#[test]
fn multi_valued_complex_and_extension_lookups() {
    table(
        &user(),
        &USER_TYPE,
        &[
            // Without a sub-attribute, each element's `value` is compared.
            (r#"emails co "jensen.org""#, true),
            (r#"emails eq "babs@jensen.org""#, true),
            (r#"emails eq "work""#, false),
            (r#"emails.primary eq true"#, true),
            // A value path needs one element to match all of its filter; dotted paths do not.
            (r#"emails[type eq "home" and value co "@example.com"]"#, false),
            (r#"emails.type eq "home" and emails.value co "@example.com""#, true),
            ("emails[primary eq true]", true),
            ("emails[not (primary eq true)]", true),
            (r#"emails[type eq "other"]"#, false),
            ("title[value pr]", false),
            // Extension attributes live under their URN.
            (&format!(r#"{ENTERPRISE}:employeeNumber eq "701984""#), true),
            (r#"employeeNumber eq "701984""#, false),
            (&format!(r#"{ENTERPRISE}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d""#), true),
            (&format!(r#"{ENTERPRISE}:manager eq "26118915-6090-4610-87e4-49d8ca9f808d""#), true),
            (&format!("{ENTERPRISE}:costCenter pr"), false),
            ("urn:example:params:scim:schemas:Other:thing pr", false),
        ],
    );
}

#[test]
fn missing_null_empty_and_present() {
    table(
        &user(),
        &USER_TYPE,
        &[
            ("x-empty pr", false),
            ("x-null pr", false),
            ("x-list pr", false),
            ("nickName pr", false),
            ("name pr", true),
            ("emails pr", true),
            ("active pr", true),
            // A missing attribute is "not equal" to anything, and matches nothing else.
            (r#"nickName eq "x""#, false),
            (r#"nickName ne "x""#, true),
            (r#"nickName gt "a""#, false),
            (r#"nickName co """#, false),
            (r#"x-null ne "x""#, true),
            // `eq null` is "not present" (RFC 7643 §2.5).
            ("nickName eq null", true),
            ("x-empty eq null", true),
            ("x-list eq null", true),
            ("title eq null", false),
            ("title ne null", true),
            ("nickName ne null", false),
            ("title gt null", false),
        ],
    );
}

#[test]
fn datetimes_compare_as_instants() {
    table(
        &user(),
        &USER_TYPE,
        &[
            (r#"meta.lastModified gt "2011-05-13T04:42:33Z""#, true),
            (r#"meta.lastModified ge "2011-05-13T04:42:34Z""#, true),
            (r#"meta.lastModified eq "2011-05-13T04:42:34.000Z""#, true),
            (r#"meta.lastModified ne "2011-05-13T06:42:34+02:00""#, false),
            (r#"meta.lastModified lt "2011-05-13T06:42:34+02:00""#, false),
            (r#"meta.lastModified le "2011-05-13T06:42:34+02:00""#, true),
            // 05:00+02:00 is 03:00Z: earlier, though it sorts later as text.
            (r#"meta.lastModified gt "2011-05-13T05:00:00+02:00""#, true),
            (r#"meta.created lt "2011-05-13T04:42:34Z""#, true),
            (r#"meta.lastModified sw "2011-05""#, true),
        ],
    );
}

#[test]
fn numbers_and_booleans() {
    table(
        &user(),
        &USER_TYPE,
        &[
            ("x-score eq 7", true),
            ("x-score eq 7.0", true),
            ("x-score gt 6.5", true),
            ("x-score lt 7", false),
            ("x-score le 7", true),
            ("x-score ge 8", false),
            ("x-ratio lt 1", true),
            ("x-ratio eq 5e-1", true),
            ("x-score co 7", false),
            (r#"x-score eq "7""#, false),
            (r#"x-score ne "7""#, true),
            ("active eq true", true),
            ("active eq false", false),
            ("active ne false", true),
            ("active eq TRUE", true),
            ("active gt false", false),
            (r#"active eq "true""#, false),
        ],
    );
}

#[test]
fn typed_attributes_follow_the_schema() {
    let thing = json!({
        "code": "AbC", "label": "Hello", "enabled": false, "blob": "AAEC",
        "count": 3, "weight": 1.5, "seen": "2019-12-31T23:30:00Z",
        "tags": ["Blue", "RED"],
        "codes": [{"value": "aXb", "kind": "K"}],
        "shape": {"width": 3},
    });
    table(
        &thing,
        &THING_TYPE,
        &[
            (r#"code eq "AbC""#, true),
            (r#"code eq "abc""#, false),
            (r#"code co "B""#, false),
            (r#"code co "b""#, true),
            (r#"label eq "HELLO""#, true),
            (r#"label co "ELL""#, true),
            (r#"blob eq "AAEC""#, true),
            (r#"blob eq "aaec""#, false),
            (r#"tags eq "red""#, true),
            (r#"tags ew "UE""#, true),
            (r#"codes co "X""#, true),
            (r#"codes co "x""#, false),
            (r#"codes[kind eq "k"]"#, true),
            (r#"codes[value eq "AXB"]"#, false),
            ("count ge 3", true),
            ("count gt 3", false),
            ("weight lt 2", true),
            ("weight eq 1.5", true),
            (r#"seen gt "2020-01-01T00:00:00+01:00""#, true),
            (r#"seen lt "2020-01-01T00:00:00Z""#, true),
            ("shape.width gt 2", true),
            ("shape pr", true),
            (r#"shape eq "x""#, false),
            ("enabled eq false", true),
            ("not (enabled eq false)", false),
        ],
    );
}

#[test]
fn group_membership_as_entra_asks_it() {
    let group = json!({"displayName": "Eng", "members": [{"value": "u1", "display": "A"}, {"value": "u2"}]});
    table(
        &group,
        &GROUP_TYPE,
        &[
            (r#"members[value eq "u2"]"#, true),
            (r#"members[value eq "u3"]"#, false),
            (r#"members eq "u1""#, true),
            (r#"displayName eq "eng""#, true),
        ],
    );
}

#[test]
fn check_reports_the_rfc_type_errors() {
    let unsupported = |op, path: &str, ty| Err(FilterError::UnsupportedOperator { op, path: path.to_string(), ty });
    let bad_date =
        |path: &str, value: &str| Err(FilterError::BadDateTime { path: path.to_string(), value: value.to_string() });
    let rows: &[(&str, &ResourceType, Result<(), FilterError>)] = &[
        ("enabled gt true", &THING_TYPE, unsupported(CompareOp::Gt, "enabled", AttrType::Boolean)),
        (r#"enabled co "t""#, &THING_TYPE, unsupported(CompareOp::Co, "enabled", AttrType::Boolean)),
        ("enabled eq true", &THING_TYPE, Ok(())),
        ("enabled pr", &THING_TYPE, Ok(())),
        (r#"blob lt "A""#, &THING_TYPE, unsupported(CompareOp::Lt, "blob", AttrType::Binary)),
        (r#"blob co "A""#, &THING_TYPE, Ok(())),
        (r#"shape co "x""#, &THING_TYPE, unsupported(CompareOp::Co, "shape", AttrType::Complex)),
        (r#"shape eq "x""#, &THING_TYPE, Ok(())),
        (r#"codes gt "x""#, &THING_TYPE, Ok(())),
        (r#"codes[kind le "a"]"#, &THING_TYPE, Ok(())),
        (r#"seen gt "yesterday""#, &THING_TYPE, bad_date("seen", r#""yesterday""#)),
        (r#"seen co "2019""#, &THING_TYPE, Ok(())),
        ("seen eq null", &THING_TYPE, Ok(())),
        ("not (enabled le false)", &THING_TYPE, unsupported(CompareOp::Le, "enabled", AttrType::Boolean)),
        (
            "label pr or count eq 1 or enabled ge true",
            &THING_TYPE,
            unsupported(CompareOp::Ge, "enabled", AttrType::Boolean),
        ),
        ("active gt true", &USER_TYPE, unsupported(CompareOp::Gt, "active", AttrType::Boolean)),
        ("emails[primary gt true]", &USER_TYPE, unsupported(CompareOp::Gt, "emails.primary", AttrType::Boolean)),
        (r#"meta.lastModified gt "2011-05-13T04:42:34Z""#, &USER_TYPE, Ok(())),
        (r#"meta.lastModified gt "not a date""#, &USER_TYPE, bad_date("meta.lastModified", r#""not a date""#)),
        ("nickName gt true", &USER_TYPE, Ok(())),
    ];
    for (input, rt, want) in rows {
        let filter = parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(&check(&filter, rt), want, "{input}");
    }
    let err = parse("active gt true").ok().and_then(|f| check(&f, &USER_TYPE).err()).map(ScimError::from);
    assert_eq!(err.as_ref().and_then(|e| e.scim_type), Some(ScimType::InvalidFilter));
    assert_eq!(err.map(|e| e.detail), Some("operator gt is not supported on active, a Boolean attribute".to_string()));
}
