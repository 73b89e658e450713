#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{json, Value};

use super::*;
use crate::scim::schema::{attr, AttrType, Mutability};
use crate::scim::schemas::{ENTERPRISE_USER_URN as EXT, USER_URN};

// A resource type with an attribute of every `returned` kind, at top level, as a
// sub-attribute and inside an extension: the RFC's own schemas have no `request` one.
const NAME_SUBS: &[Attribute] = &[
    attr("givenName", AttrType::String, "Given name."),
    attr("familyName", AttrType::String, "Family name."),
    attr("pin", AttrType::String, "Never shown.").returned(Returned::Never),
    attr("nickname", AttrType::String, "Shown when asked for.").returned(Returned::Request),
];
const EMAIL_SUBS: &[Attribute] = &[
    attr("value", AttrType::String, "Address."),
    attr("type", AttrType::String, "Label."),
    attr("primary", AttrType::Boolean, "Preferred."),
];
static CORE: Schema = Schema {
    id: USER_URN,
    name: "User",
    description: "Test user",
    attributes: &[
        attr("userName", AttrType::String, "Login.").required(),
        attr("password", AttrType::String, "Secret.").returned(Returned::Never).mutability(Mutability::WriteOnly),
        attr("badge", AttrType::String, "Shown when asked for.").returned(Returned::Request),
        attr("tenant", AttrType::String, "Always shown.").returned(Returned::Always),
        attr("name", AttrType::Complex, "Name parts.").subs(NAME_SUBS),
        attr("emails", AttrType::Complex, "Addresses.").multi().subs(EMAIL_SUBS),
    ],
};
static EXTENSION: Schema = Schema {
    id: EXT,
    name: "EnterpriseUser",
    description: "Test extension",
    attributes: &[
        attr("employeeNumber", AttrType::String, "Number."),
        attr("costCenter", AttrType::String, "Shown when asked for.").returned(Returned::Request),
    ],
};
static TYPE: ResourceType = ResourceType {
    id: "User",
    name: "User",
    endpoint: "/Users",
    description: "Test",
    schema: &CORE,
    extensions: &[(&EXTENSION, false)],
};

fn user() -> Value {
    json!({
        "schemas": [USER_URN, EXT],
        "id": "2819c223",
        "externalId": "bjensen",
        "userName": "bjensen@example.com",
        "password": "t1meMa$heen",
        "badge": "B-17",
        "tenant": "acme",
        "name": {"givenName": "Barbara", "familyName": "Jensen", "pin": "0000", "nickname": "Babs"},
        "emails": [
            {"value": "bjensen@example.com", "type": "work", "primary": true},
            {"value": "babs@jensen.org", "type": "home"}
        ],
        "meta": {"resourceType": "User", "created": "2010-01-23T04:56:22Z", "lastModified": "2011-05-13T04:42:34Z"},
        EXT: {"employeeNumber": "701984", "costCenter": "4130", "manager": {"value": "26118915"}},
        "x-color": "blue"
    })
}

/// `user()` minus the values at these JSON pointers.
fn user_without(pointers: &[&str]) -> Value {
    let mut v = user();
    for pointer in pointers {
        let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
        let key = key.replace("~1", "/");
        if let Some(Value::Object(map)) = v.pointer_mut(parent) {
            map.shift_remove(&key);
        }
    }
    v
}

/// The default view: no `never`, no `request`.
const HIDDEN: &[&str] = &["/password", "/badge", "/name/pin", "/name/nickname"];
const EXT_COST_CENTER: &str = "/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/costCenter";

fn default_view_without(pointers: &[&str]) -> Value {
    user_without(&[HIDDEN, &[EXT_COST_CENTER], pointers].concat())
}

fn ext(name: &str) -> AttrPath {
    AttrPath { urn: Some(EXT.into()), name: name.into(), sub: None }
}

/// The enterprise URN as the attribute-path grammar splits it: `urn:…:2.0` + `User`.
fn ext_urn_split() -> AttrPath {
    let (urn, name) = EXT.rsplit_once(':').unwrap_or_default();
    AttrPath { urn: Some(urn.into()), name: name.into(), sub: None }
}

fn sub(name: &str, sub: &str) -> AttrPath {
    AttrPath::with_sub(name, sub)
}

fn always(mut extra: Value) -> Value {
    if let Some(map) = extra.as_object_mut() {
        map.insert("schemas".into(), json!([USER_URN, EXT]));
        map.insert("id".into(), json!("2819c223"));
        map.insert("tenant".into(), json!("acme"));
    }
    extra
}

#[test]
fn attributes_select_what_is_returned() {
    let cases: Vec<(&str, Vec<AttrPath>, Value)> = vec![
        (
            "one attribute, plus the always ones",
            vec![AttrPath::new("userName")],
            always(json!({"userName": "bjensen@example.com"})),
        ),
        (
            "names are case-insensitive",
            vec![AttrPath::new("USERNAME")],
            always(json!({"userName": "bjensen@example.com"})),
        ),
        ("an always attribute adds nothing", vec![AttrPath::new("id")], always(json!({}))),
        (
            "sub-attributes, in each element of a multi-valued one",
            vec![sub("name", "givenName"), sub("emails", "value")],
            always(
                json!({"name": {"givenName": "Barbara"}, "emails": [{"value": "bjensen@example.com"}, {"value": "babs@jensen.org"}]}),
            ),
        ),
        (
            "elements without the sub-attribute drop out",
            vec![sub("emails", "primary")],
            always(json!({"emails": [{"primary": true}]})),
        ),
        (
            "meta sub-attribute",
            vec![sub("meta", "lastModified")],
            always(json!({"meta": {"lastModified": "2011-05-13T04:42:34Z"}})),
        ),
        (
            "a complex attribute whole hides never and request subs",
            vec![AttrPath::new("name")],
            always(json!({"name": {"givenName": "Barbara", "familyName": "Jensen"}})),
        ),
        (
            "a request sub-attribute when named",
            vec![sub("name", "nickname")],
            always(json!({"name": {"nickname": "Babs"}})),
        ),
        ("a request attribute when named", vec![AttrPath::new("badge")], always(json!({"badge": "B-17"}))),
        ("never, even when named", vec![AttrPath::new("password"), sub("name", "pin")], always(json!({}))),
        (
            "URN-qualified extension attribute",
            vec![ext("employeeNumber")],
            always(json!({EXT: {"employeeNumber": "701984"}})),
        ),
        ("URN-qualified request attribute", vec![ext("costCenter")], always(json!({EXT: {"costCenter": "4130"}}))),
        (
            "a bare extension URN, as the grammar splits it: its default attributes",
            vec![ext_urn_split()],
            always(json!({EXT: {"employeeNumber": "701984", "manager": {"value": "26118915"}}})),
        ),
        (
            "a bare extension URN as one name",
            vec![AttrPath::new(EXT.to_uppercase())],
            always(json!({EXT: {"employeeNumber": "701984", "manager": {"value": "26118915"}}})),
        ),
        (
            "core-URN-qualified",
            vec![AttrPath { urn: Some(USER_URN.into()), name: "userName".into(), sub: None }],
            always(json!({"userName": "bjensen@example.com"})),
        ),
        ("unknown attributes by name", vec![AttrPath::new("x-color")], always(json!({"x-color": "blue"}))),
        ("a name nothing has", vec![AttrPath::new("nickName")], always(json!({}))),
        ("a sub-attribute of a simple attribute selects nothing", vec![sub("userName", "x")], always(json!({}))),
    ];
    for (what, attributes, want) in cases {
        assert_eq!(project(&user(), &TYPE, &attributes, &[]), want, "{what}");
    }
}

#[test]
fn excluded_attributes_remove_from_the_default_view() {
    let cases: Vec<(&str, Vec<AttrPath>, Value)> = vec![
        ("nothing excluded: never and request are hidden", vec![], default_view_without(&[])),
        (
            "whole attributes",
            vec![AttrPath::new("emails"), AttrPath::new("META")],
            default_view_without(&["/emails", "/meta"]),
        ),
        ("no effect on always", vec![AttrPath::new("id"), AttrPath::new("tenant")], default_view_without(&[])),
        ("a sub-attribute", vec![sub("name", "familyName")], default_view_without(&["/name/familyName"])),
        (
            "meta sub-attributes",
            vec![sub("meta", "created"), sub("meta", "resourceType")],
            default_view_without(&["/meta/created", "/meta/resourceType"]),
        ),
        ("a whole extension", vec![ext_urn_split()], default_view_without(&[&format!("/{EXT}")])),
        ("an extension attribute", vec![ext("manager")], default_view_without(&[&format!("/{EXT}/manager")])),
        ("an unknown attribute", vec![AttrPath::new("x-color")], default_view_without(&["/x-color"])),
        ("a request attribute stays hidden", vec![AttrPath::new("badge")], default_view_without(&[])),
    ];
    for (what, excluded, want) in cases {
        assert_eq!(project(&user(), &TYPE, &[], &excluded), want, "{what}");
    }
}

#[test]
fn keeps_the_stored_key_order() {
    let projected = project(&user(), &TYPE, &[], &[AttrPath::new("userName")]);
    let keys: Vec<&str> = projected.as_object().map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default();
    assert_eq!(keys, ["schemas", "id", "externalId", "tenant", "name", "emails", "meta", EXT, "x-color"]);
}

#[test]
fn non_objects_pass_through() {
    for v in [json!(null), json!([1, 2]), json!("x")] {
        assert_eq!(project(&v, &TYPE, &[AttrPath::new("a")], &[]), v);
    }
}

#[test]
fn parsed_attribute_lists_project_like_the_hand_built_paths() {
    let ext_default = json!({"employeeNumber": "701984", "manager": {"value": "26118915"}});
    // (attributes= value, what it projects to)
    let cases = [
        (EXT.to_string(), always(json!({EXT: ext_default.clone()}))),
        (
            format!("{},userName", EXT.to_lowercase()),
            always(json!({EXT: ext_default, "userName": "bjensen@example.com"})),
        ),
        (format!("{EXT}:employeeNumber"), always(json!({EXT: {"employeeNumber": "701984"}}))),
        (format!("{EXT}:manager.value"), always(json!({EXT: {"manager": {"value": "26118915"}}}))),
        (
            format!("{USER_URN}:name.givenName, emails.type"),
            always(json!({"name": {"givenName": "Barbara"}, "emails": [{"type": "work"}, {"type": "home"}]})),
        ),
    ];
    for (raw, want) in cases {
        let attributes = parse_attr_list(&raw);
        let projected = attributes.as_ref().map(|a| project(&user(), &TYPE, a, &[]));
        assert_eq!(projected, Ok(want), "attributes={raw}");
    }
    assert!(
        matches!(parse_attr_list("userName,emails[type eq \"work\"]"), Err((item, _)) if item == "emails[type eq \"work\"]")
    );
}
