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
/// (RFC 6750), which is what every IdP we serve sends.
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
            "description": "Authentication with a bearer token in the Authorization header.",
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

