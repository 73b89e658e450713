//! List responses in 1.1 shape (draft-scim-api-01 §3.2.2): the 2.0 ListResponse with
//! the 1.1 core URN as its schema and each resource translated. Paging parameters
//! (`startIndex`, `count`) and the counts mean the same in both dialects; Okta pages
//! `startIndex=1&count=100` and requires the counts as integers.

use serde_json::{json, Map, Value};

use super::{from_v2, V1_CORE_URN};
use crate::scim::resource::value_ci;
use crate::scim::schema::ResourceType;

/// A 2.0 `ListResponse` of `rt` resources in 1.1 shape:
/// `{"schemas":["urn:scim:schemas:core:1.0"],"totalResults","itemsPerPage","startIndex","Resources"}`.
/// Missing counts are derived from the page (total = page size, start = 1).
pub fn list_to_v1(list: &Value, rt: &ResourceType) -> Value {
    let empty = Map::new();
    let map = list.as_object().unwrap_or(&empty);
    let resources: Vec<Value> = match value_ci(map, "Resources") {
        Some(Value::Array(items)) => items.iter().map(|r| from_v2(r, rt)).collect(),
        _ => Vec::new(),
    };
    let count =
        |name: &str, default: usize| value_ci(map, name).filter(|v| v.is_u64()).cloned().unwrap_or(json!(default));
    json!({
        "schemas": [V1_CORE_URN],
        "totalResults": count("totalResults", resources.len()),
        "itemsPerPage": count("itemsPerPage", resources.len()),
        "startIndex": count("startIndex", 1),
        "Resources": resources,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scim::schemas::{GROUP_TYPE, USER_TYPE};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const LIST_URN: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    fn check(rt: &ResourceType, v2: Value, expected: Value) {
        assert_eq!(list_to_v1(&v2, rt), expected, "from {v2}");
    }

    #[test]
    fn empty_user_search_is_okta_shaped() {
        // Okta's "no such user" answer: integers, empty Resources (Okta SCIM 1.1 reference).
        check(
            &USER_TYPE,
            json!({"schemas": [LIST_URN], "totalResults": 0, "itemsPerPage": 0, "startIndex": 1, "Resources": []}),
            json!({"schemas": [V1_CORE_URN], "totalResults": 0, "itemsPerPage": 0, "startIndex": 1, "Resources": []}),
        );
    }

    #[test]
    fn resources_are_translated_and_counts_kept() {
        check(
            &USER_TYPE,
            json!({
                "schemas": [LIST_URN], "totalResults": 101, "startIndex": 101, "itemsPerPage": 1,
                "Resources": [{
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                    "id": "u1", "userName": "ada@example.com",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": {"value": "u0"}}
                }]
            }),
            json!({
                "schemas": [V1_CORE_URN], "totalResults": 101, "itemsPerPage": 1, "startIndex": 101,
                "Resources": [{
                    "schemas": [V1_CORE_URN, "urn:scim:schemas:extension:enterprise:1.0"],
                    "id": "u1", "userName": "ada@example.com",
                    "urn:scim:schemas:extension:enterprise:1.0": {"manager": {"managerId": "u0"}}
                }]
            }),
        );
    }

    #[test]
    fn missing_or_malformed_counts_are_derived() {
        check(
            &GROUP_TYPE,
            json!({"totalResults": "2", "Resources": [
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "id": "g1", "displayName": "Ops"},
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "id": "g2", "displayName": "Dev"}
            ]}),
            json!({"schemas": [V1_CORE_URN], "totalResults": 2, "itemsPerPage": 2, "startIndex": 1, "Resources": [
                {"schemas": [V1_CORE_URN], "id": "g1", "displayName": "Ops"},
                {"schemas": [V1_CORE_URN], "id": "g2", "displayName": "Dev"}
            ]}),
        );
        check(
            &GROUP_TYPE,
            json!("not a list"),
            json!({"schemas": [V1_CORE_URN], "totalResults": 0, "itemsPerPage": 0, "startIndex": 1, "Resources": []}),
        );
    }
}
