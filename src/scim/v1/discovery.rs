//! `/ServiceProviderConfigs` (1.1 spells it plural, draft-scim-api-01 §4): the 2.0
//! `/ServiceProviderConfig` document translated, so both dialects advertise the same
//! capabilities from the one source the 2.0 discovery endpoint renders.

use serde_json::{json, Map, Value};

use super::V1_CORE_URN;
use crate::scim::discovery::{service_provider_config, ProviderConfig};

/// The `/ServiceProviderConfigs` document for the service `config` describes: the 2.0
/// `/ServiceProviderConfig` document, translated, located at the plural endpoint.
pub fn service_provider_configs(config: &ProviderConfig, base_url: &str) -> Value {
    let mut doc = service_provider_config_to_v1(&service_provider_config(config, base_url));
    if let Some(Value::String(location)) = doc.pointer_mut("/meta/location") {
        if location.ends_with("/ServiceProviderConfig") {
            location.push('s');
        }
    }
    doc
}

/// The 1.1 renames of RFC 7643 §5 keys: 1.1 says `…Url` where 2.0 says `…Uri`.
const KEY_RENAMES: &[(&str, &str)] = &[("documentationUri", "documentationUrl"), ("specUri", "specUrl")];

/// A 2.0 ServiceProviderConfig document in 1.1 shape: the 1.1 core URN as its schema,
/// `…Uri` keys as `…Url` (top level and in `authenticationSchemes`), and the 1.1-only
/// `xmlDataFormat` capability (unsupported: the service speaks JSON only) after `etag`.
pub fn service_provider_config_to_v1(v2: &Value) -> Value {
    let Value::Object(map) = v2 else { return v2.clone() };
    let mut out = Map::with_capacity(map.len() + 1);
    for (key, value) in map {
        match key.as_str() {
            "schemas" => {
                out.insert(key.clone(), json!([V1_CORE_URN]));
            }
            "authenticationSchemes" => {
                let schemes = value.as_array().map(|s| s.iter().map(rename_keys).collect());
                out.insert(key.clone(), schemes.map_or_else(|| value.clone(), Value::Array));
            }
            _ => {
                out.insert(renamed(key), value.clone());
            }
        }
        if key == "etag" {
            out.insert("xmlDataFormat".into(), json!({"supported": false}));
        }
    }
    out.entry("xmlDataFormat").or_insert_with(|| json!({"supported": false}));
    Value::Object(out)
}

fn rename_keys(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (renamed(k), v.clone())).collect()),
        other => other.clone(),
    }
}

fn renamed(key: &str) -> String {
    KEY_RENAMES.iter().find(|(v2, _)| *v2 == key).map_or(key, |(_, v1)| v1).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn v2_document_becomes_the_1_1_document() {
        // Shapes from RFC 7643 §8.5 (2.0) and draft-scim-api-01 §4 (1.1); values are ours.
        let v2 = json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "documentationUri": "https://example.com/help/scim",
            "patch": {"supported": true},
            "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
            "filter": {"supported": true, "maxResults": 100},
            "changePassword": {"supported": false},
            "sort": {"supported": true},
            "etag": {"supported": true},
            "authenticationSchemes": [{
                "type": "oauthbearertoken", "name": "OAuth Bearer Token",
                "description": "Bearer token in the Authorization header",
                "specUri": "https://www.rfc-editor.org/rfc/rfc6750", "primary": true
            }],
            "meta": {"resourceType": "ServiceProviderConfig", "location": "/ServiceProviderConfig"}
        });
        let expected = json!({
            "schemas": ["urn:scim:schemas:core:1.0"],
            "documentationUrl": "https://example.com/help/scim",
            "patch": {"supported": true},
            "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
            "filter": {"supported": true, "maxResults": 100},
            "changePassword": {"supported": false},
            "sort": {"supported": true},
            "etag": {"supported": true},
            "xmlDataFormat": {"supported": false},
            "authenticationSchemes": [{
                "type": "oauthbearertoken", "name": "OAuth Bearer Token",
                "description": "Bearer token in the Authorization header",
                "specUrl": "https://www.rfc-editor.org/rfc/rfc6750", "primary": true
            }],
            "meta": {"resourceType": "ServiceProviderConfig", "location": "/ServiceProviderConfig"}
        });
        let v1 = service_provider_config_to_v1(&v2);
        assert_eq!(v1, expected);
        let keys: Vec<&String> = v1.as_object().map(|m| m.keys().collect()).unwrap_or_default();
        let etag = keys.iter().position(|k| *k == "etag");
        assert_eq!(etag.map(|i| i + 1), keys.iter().position(|k| *k == "xmlDataFormat"), "xmlDataFormat follows etag");
    }

    #[test]
    fn configs_endpoint_renders_the_shared_config() {
        let config =
            ProviderConfig { documentation_uri: Some("https://example.com/docs".into()), ..Default::default() };
        let v2 = service_provider_config(&config, "https://example.com/scim/v1/");
        let v1 = service_provider_configs(&config, "https://example.com/scim/v1/");
        assert_eq!(v1["schemas"], json!([V1_CORE_URN]));
        assert_eq!(v1["documentationUrl"], "https://example.com/docs");
        assert_eq!(v1["meta"]["location"], "https://example.com/scim/v1/ServiceProviderConfigs");
        for capability in ["patch", "bulk", "filter", "changePassword", "sort", "etag"] {
            assert_eq!(v1[capability], v2[capability], "{capability} is the 2.0 document's");
        }
        assert_eq!(v1["xmlDataFormat"], json!({"supported": false}));
        assert_eq!(v1["authenticationSchemes"][0]["specUrl"], v2["authenticationSchemes"][0]["specUri"]);
    }

    #[test]
    fn xml_capability_is_added_even_without_etag() {
        let v1 = service_provider_config_to_v1(&json!({"schemas": [], "patch": {"supported": true}}));
        assert_eq!(
            v1,
            json!({"schemas": [V1_CORE_URN], "patch": {"supported": true}, "xmlDataFormat": {"supported": false}})
        );
    }
}
