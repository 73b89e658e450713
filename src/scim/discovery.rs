//! The discovery documents (RFC 7644 §4, RFC 7643 §5–§7): `/ServiceProviderConfig`,
//! `/ResourceTypes` and `/Schemas`, rendered from the same tables the validator reads,
//! so what we advertise cannot disagree with what we enforce.

use serde_json::{json, Map, Value};

use super::schema::{AttrType, Attribute, ResourceType, Schema};
use super::schemas::{RESOURCE_TYPES, SCHEMAS};

pub const SERVICE_PROVIDER_CONFIG_URN: &str = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
pub const RESOURCE_TYPE_URN: &str = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
pub const SCHEMA_URN: &str = "urn:ietf:params:scim:schemas:core:2.0:Schema";
pub const LIST_RESPONSE_URN: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

/// What the service supports, as `/ServiceProviderConfig` advertises it (RFC 7643 §5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderConfig {
    /// Where humans can read about this service, if anywhere.
    pub documentation_uri: Option<String>,
    pub patch_supported: bool,
    pub bulk_supported: bool,
    pub bulk_max_operations: u32,
    pub bulk_max_payload_size: u64,
    pub filter_supported: bool,
    /// The most resources one list response returns.
    pub filter_max_results: u32,
    pub change_password_supported: bool,
    pub sort_supported: bool,
    pub etag_supported: bool,
}

impl Default for ProviderConfig {
    /// What this crate implements: PATCH, filters, sorting and ETags; no bulk, and no
    /// password changes (Jira Cloud accounts sign in through Atlassian, not through us).
    fn default() -> Self {
        ProviderConfig {
            documentation_uri: None,
            patch_supported: true,
            bulk_supported: false,
            bulk_max_operations: 0,
            bulk_max_payload_size: 0,
            filter_supported: true,
            filter_max_results: 100,
            change_password_supported: false,
            sort_supported: true,
            etag_supported: true,
        }
    }
}

/// The `/ServiceProviderConfig` document. Authentication is OAuth bearer tokens
/// (RFC 6750), which is what every IdP we serve sends. The scheme's description says what
/// the service enforces: every request needs the token, except that the three discovery
/// endpoints also answer a request with no `Authorization` header at all (RFC 7644 §4
/// leaves that to the provider; some IdPs and validators probe them first). A request
/// that does present a credential is checked, so a wrong token is refused there too.
pub fn service_provider_config(config: &ProviderConfig, base_url: &str) -> Value {
    let mut doc = json!({
        "schemas": [SERVICE_PROVIDER_CONFIG_URN],
        "patch": { "supported": config.patch_supported },
        "bulk": {
            "supported": config.bulk_supported,
            "maxOperations": config.bulk_max_operations,
            "maxPayloadSize": config.bulk_max_payload_size,
        },
        "filter": { "supported": config.filter_supported, "maxResults": config.filter_max_results },
        "changePassword": { "supported": config.change_password_supported },
        "sort": { "supported": config.sort_supported },
        "etag": { "supported": config.etag_supported },
        "authenticationSchemes": [{
            "type": "oauthbearertoken",
            "name": "OAuth Bearer Token",
            "description": "A bearer token in the Authorization header, required for every request. \
                GET /ServiceProviderConfig, /ResourceTypes and /Schemas also answer without an \
                Authorization header; a request that sends a wrong token is refused.",
            "specUri": "https://www.rfc-editor.org/info/rfc6750",
            "primary": true,
        }],
        "meta": meta("ServiceProviderConfig", format!("{}/ServiceProviderConfig", trim(base_url))),
    });
    if let (Some(uri), Some(map)) = (&config.documentation_uri, doc.as_object_mut()) {
        map.insert("documentationUri".into(), Value::String(uri.clone()));
    }
    doc
}

/// `/ResourceTypes`: a ListResponse of every resource type.
pub fn resource_types(base_url: &str) -> Value {
    list_response(RESOURCE_TYPES.iter().map(|rt| resource_type_json(rt, base_url)).collect())
}

/// `/ResourceTypes/{name}`; `None` when no resource type has that name or id.
pub fn resource_type(name: &str, base_url: &str) -> Option<Value> {
    RESOURCE_TYPES
        .iter()
        .find(|rt| rt.id.eq_ignore_ascii_case(name) || rt.name.eq_ignore_ascii_case(name))
        .map(|rt| resource_type_json(rt, base_url))
}

/// `/Schemas`: a ListResponse of every schema's RFC 7643 §7 representation.
pub fn schemas(base_url: &str) -> Value {
    list_response(SCHEMAS.iter().map(|s| schema_json(s, base_url)).collect())
}

/// `/Schemas/{urn}`; `None` when no schema has that URN.
pub fn schema(id: &str, base_url: &str) -> Option<Value> {
    SCHEMAS.iter().find(|s| s.id.eq_ignore_ascii_case(id)).map(|s| schema_json(s, base_url))
}

fn resource_type_json(rt: &ResourceType, base_url: &str) -> Value {
    let extensions: Vec<Value> =
        rt.extensions.iter().map(|(schema, required)| json!({"schema": schema.id, "required": required})).collect();
    json!({
        "schemas": [RESOURCE_TYPE_URN],
        "id": rt.id,
        "name": rt.name,
        "endpoint": rt.endpoint,
        "description": rt.description,
        "schema": rt.schema.id,
        "schemaExtensions": extensions,
        "meta": meta("ResourceType", format!("{}/ResourceTypes/{}", trim(base_url), rt.id)),
    })
}

fn schema_json(schema: &Schema, base_url: &str) -> Value {
    json!({
        "schemas": [SCHEMA_URN],
        "id": schema.id,
        "name": schema.name,
        "description": schema.description,
        "attributes": schema.attributes.iter().map(attribute_json).collect::<Vec<_>>(),
        "meta": meta("Schema", format!("{}/Schemas/{}", trim(base_url), schema.id)),
    })
}

/// One attribute with every characteristic under its RFC 7643 §7 JSON name.
/// `canonicalValues`, `referenceTypes` and `subAttributes` appear where they apply.
pub fn attribute_json(attr: &Attribute) -> Value {
    let mut map = Map::new();
    map.insert("name".into(), attr.name.into());
    map.insert("type".into(), attr.ty.as_str().into());
    map.insert("multiValued".into(), attr.multi_valued.into());
    map.insert("description".into(), attr.description.into());
    map.insert("required".into(), attr.required.into());
    map.insert("caseExact".into(), attr.case_exact.into());
    map.insert("mutability".into(), attr.mutability.as_str().into());
    map.insert("returned".into(), attr.returned.as_str().into());
    map.insert("uniqueness".into(), attr.uniqueness.as_str().into());
    if !attr.canonical_values.is_empty() {
        map.insert("canonicalValues".into(), attr.canonical_values.into());
    }
    if attr.ty == AttrType::Reference {
        map.insert("referenceTypes".into(), attr.reference_types.into());
    }
    if attr.ty == AttrType::Complex {
        let subs: Vec<Value> = attr.sub_attributes.iter().map(attribute_json).collect();
        map.insert("subAttributes".into(), subs.into());
    }
    Value::Object(map)
}

fn meta(resource_type: &str, location: String) -> Value {
    json!({ "resourceType": resource_type, "location": location })
}

/// Discovery lists are small and never paged: everything on one page.
fn list_response(resources: Vec<Value>) -> Value {
    json!({
        "schemas": [LIST_RESPONSE_URN],
        "totalResults": resources.len(),
        "itemsPerPage": resources.len(),
        "startIndex": 1,
        "Resources": resources,
    })
}

fn trim(base_url: &str) -> &str {
    base_url.trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scim::path::AttrPath;
    use crate::scim::schemas::{ENTERPRISE_USER_URN, GROUP_URN, USER_URN};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const BASE: &str = "https://example.com/scim/v2/";

    fn strs(v: &Value) -> Vec<&str> {
        v.as_array().into_iter().flatten().filter_map(Value::as_str).collect()
    }

    /// Asserts a rendered attribute carries exactly `attr`'s characteristics.
    fn assert_same(json: &Value, attr: &Attribute, path: &str) {
        assert_eq!(json["name"], attr.name, "{path}");
        assert_eq!(json["type"], attr.ty.as_str(), "{path}");
        assert_eq!(json["multiValued"], attr.multi_valued, "{path}");
        assert_eq!(json["required"], attr.required, "{path}");
        assert_eq!(json["caseExact"], attr.case_exact, "{path}");
        assert_eq!(json["mutability"], attr.mutability.as_str(), "{path}");
        assert_eq!(json["returned"], attr.returned.as_str(), "{path}");
        assert_eq!(json["uniqueness"], attr.uniqueness.as_str(), "{path}");
        assert_eq!(strs(&json["canonicalValues"]), attr.canonical_values, "{path}");
        assert_eq!(strs(&json["referenceTypes"]), attr.reference_types, "{path}");
        assert_eq!(json["subAttributes"].as_array().map_or(0, Vec::len), attr.sub_attributes.len(), "{path}");
    }

    /// Every attribute and sub-attribute in `/Schemas` resolves, through the lookup the
    /// validator uses, to a table entry with the same characteristics; none is missing.
    #[test]
    fn schemas_document_equals_the_validator_tables() {
        let doc = schemas(BASE);
        let resources = doc["Resources"].as_array().cloned().unwrap_or_default();
        assert_eq!(doc["totalResults"], resources.len());
        let mut checked = 0;
        for rt in RESOURCE_TYPES {
            for schema in std::iter::once(rt.schema).chain(rt.extensions.iter().map(|e| e.0)) {
                let rendered = resources.iter().find(|r| r["id"] == schema.id);
                let rendered = rendered.unwrap_or_else(|| panic!("{} missing from /Schemas", schema.id));
                let attrs = rendered["attributes"].as_array().cloned().unwrap_or_default();
                assert_eq!(attrs.len(), schema.attributes.len(), "{}", schema.id);
                for json in &attrs {
                    let name = json["name"].as_str().unwrap_or_default();
                    let path = AttrPath { urn: Some(schema.id.into()), name: name.into(), sub: None };
                    let attr = rt.attribute(&path).unwrap_or_else(|| panic!("{path} unknown to the validator"));
                    assert_same(json, attr, &path.to_string());
                    for sub_json in json["subAttributes"].as_array().into_iter().flatten() {
                        let sub = sub_json["name"].as_str().unwrap_or_default();
                        let path = AttrPath { sub: Some(sub.into()), ..path.clone() };
                        let attr = rt.attribute(&path).unwrap_or_else(|| panic!("{path} unknown to the validator"));
                        assert_same(sub_json, attr, &path.to_string());
                        checked += 1;
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 80, "only {checked} attributes checked");
    }

    /// Spot checks of RFC 7643 §4 and §8.7 facts, read from the rendered document.
    #[test]
    fn schemas_document_states_the_rfc_characteristics() {
        let doc = schemas(BASE);
        let find = |urn: &str, name: &str, sub: Option<&str>| -> Value {
            let schema = doc["Resources"].as_array().into_iter().flatten().find(|s| s["id"] == urn);
            let named = |list: &Value, n: &str| list.as_array().into_iter().flatten().find(|a| a["name"] == n).cloned();
            let top = schema.and_then(|s| named(&s["attributes"], name)).unwrap_or_default();
            match sub {
                Some(sub) => named(&top["subAttributes"], sub).unwrap_or_default(),
                None => top,
            }
        };
        let (u, g, e) = (USER_URN, GROUP_URN, ENTERPRISE_USER_URN);
        let rows: Vec<(&str, &str, Option<&str>, &str, Value)> = vec![
            (u, "userName", None, "required", json!(true)),
            (u, "userName", None, "uniqueness", json!("server")),
            (u, "userName", None, "caseExact", json!(false)),
            (u, "name", Some("honorificSuffix"), "type", json!("string")),
            (u, "profileUrl", None, "referenceTypes", json!(["external"])),
            (u, "active", None, "type", json!("boolean")),
            (u, "password", None, "mutability", json!("writeOnly")),
            (u, "password", None, "returned", json!("never")),
            (u, "emails", None, "multiValued", json!(true)),
            (u, "emails", Some("type"), "canonicalValues", json!(["work", "home", "other"])),
            (
                u,
                "phoneNumbers",
                Some("type"),
                "canonicalValues",
                json!(["work", "home", "mobile", "fax", "pager", "other"]),
            ),
            (
                u,
                "ims",
                Some("type"),
                "canonicalValues",
                json!(["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
            ),
            (u, "photos", Some("value"), "referenceTypes", json!(["external"])),
            (u, "photos", Some("type"), "canonicalValues", json!(["photo", "thumbnail"])),
            (u, "addresses", Some("country"), "type", json!("string")),
            (u, "groups", None, "mutability", json!("readOnly")),
            (u, "groups", Some("$ref"), "mutability", json!("readOnly")),
            (u, "groups", Some("type"), "canonicalValues", json!(["direct", "indirect"])),
            (u, "x509Certificates", Some("value"), "type", json!("binary")),
            (g, "displayName", None, "required", json!(true)),
            (g, "members", Some("value"), "mutability", json!("immutable")),
            (g, "members", Some("$ref"), "referenceTypes", json!(["User", "Group"])),
            (g, "members", Some("type"), "canonicalValues", json!(["User", "Group"])),
            (e, "employeeNumber", None, "caseExact", json!(false)),
            (e, "manager", None, "type", json!("complex")),
            (e, "manager", Some("$ref"), "referenceTypes", json!(["User"])),
            (e, "manager", Some("displayName"), "mutability", json!("readOnly")),
        ];
        for (urn, name, sub, characteristic, expected) in rows {
            let attr = find(urn, name, sub);
            assert_eq!(attr[characteristic], expected, "{urn}:{name}.{sub:?} {characteristic}");
        }
    }

    #[test]
    fn schemas_cover_every_resource_type_and_carry_meta() {
        for rt in RESOURCE_TYPES {
            for urn in std::iter::once(rt.schema.id).chain(rt.extensions.iter().map(|e| e.0.id)) {
                let doc = schema(urn, BASE).unwrap_or_else(|| panic!("/Schemas/{urn} missing"));
                assert_eq!(doc["schemas"], json!([SCHEMA_URN]));
                assert_eq!(doc["meta"]["resourceType"], "Schema");
                assert_eq!(doc["meta"]["location"], format!("https://example.com/scim/v2/Schemas/{urn}"));
            }
        }
        assert!(schema("urn:ietf:params:scim:schemas:core:2.0:Nope", BASE).is_none());
    }

    #[test]
    fn resource_types_list_user_with_the_enterprise_extension_and_group() {
        let doc = resource_types(BASE);
        assert_eq!(doc["schemas"], json!([LIST_RESPONSE_URN]));
        assert_eq!(doc["totalResults"], 2);
        assert_eq!(doc["startIndex"], 1);
        let user = &doc["Resources"][0];
        assert_eq!(user["schemas"], json!([RESOURCE_TYPE_URN]));
        assert_eq!(
            (&user["id"], &user["endpoint"], &user["schema"]),
            (&json!("User"), &json!("/Users"), &json!(USER_URN))
        );
        assert_eq!(user["schemaExtensions"], json!([{"schema": ENTERPRISE_USER_URN, "required": false}]));
        assert_eq!(
            user["meta"],
            json!({"resourceType": "ResourceType", "location": "https://example.com/scim/v2/ResourceTypes/User"})
        );
        let group = &doc["Resources"][1];
        assert_eq!((&group["endpoint"], &group["schema"]), (&json!("/Groups"), &json!(GROUP_URN)));
        assert_eq!(group["schemaExtensions"], json!([]));
        assert_eq!(resource_type("Group", BASE).as_ref(), Some(group));
        assert_eq!(resource_type("Nope", BASE), None);
    }

    #[test]
    fn service_provider_config_states_each_feature() {
        let config = ProviderConfig {
            documentation_uri: Some("https://example.com/help".into()),
            bulk_supported: true,
            bulk_max_operations: 50,
            bulk_max_payload_size: 1_048_576,
            filter_max_results: 200,
            ..ProviderConfig::default()
        };
        let doc = service_provider_config(&config, BASE);
        let rows: &[(&str, Value)] = &[
            ("/schemas/0", json!(SERVICE_PROVIDER_CONFIG_URN)),
            ("/documentationUri", json!("https://example.com/help")),
            ("/patch/supported", json!(true)),
            ("/bulk", json!({"supported": true, "maxOperations": 50, "maxPayloadSize": 1_048_576})),
            ("/filter", json!({"supported": true, "maxResults": 200})),
            ("/changePassword/supported", json!(false)),
            ("/sort/supported", json!(true)),
            ("/etag/supported", json!(true)),
            ("/authenticationSchemes/0/type", json!("oauthbearertoken")),
            ("/authenticationSchemes/0/primary", json!(true)),
            ("/meta/resourceType", json!("ServiceProviderConfig")),
            ("/meta/location", json!("https://example.com/scim/v2/ServiceProviderConfig")),
        ];
        for (pointer, expected) in rows {
            assert_eq!(doc.pointer(pointer), Some(expected), "{pointer}");
        }
        let default = service_provider_config(&ProviderConfig::default(), BASE);
        assert!(default.get("documentationUri").is_none());
        assert_eq!(default["bulk"], json!({"supported": false, "maxOperations": 0, "maxPayloadSize": 0}));
    }
}
