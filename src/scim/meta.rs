//! Resource `meta` (RFC 7643 §3.1) and versioning (RFC 7644 §3.14): stamping `meta` on
//! create and modify, the weak ETag computed from content, and the `If-Match` /
//! `If-None-Match` checks. `now` is an argument, an RFC 3339 string.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::resource::remove_ci;
use super::schema::ResourceType;

/// Sets `id` and a fresh `meta` (resourceType, created, lastModified, location, version)
/// on a resource about to be stored for the first time. A non-object is left alone.
pub fn stamp_created(resource: &mut Value, rt: &ResourceType, id: &str, location: &str, now: &str) {
    let Some(map) = resource.as_object_mut() else { return };
    remove_ci(map, "id");
    remove_ci(map, "meta");
    map.insert("id".into(), Value::String(id.into()));
    let mut meta = Map::new();
    meta.insert("resourceType".into(), Value::String(rt.name.into()));
    meta.insert("created".into(), Value::String(now.into()));
    meta.insert("lastModified".into(), Value::String(now.into()));
    meta.insert("location".into(), Value::String(location.into()));
    map.insert("meta".into(), Value::Object(meta));
    set_version(resource);
}

/// Updates `meta.lastModified` and `meta.version` after a change, keeping the rest of
/// `meta`. Call it with the resource as it will be stored.
pub fn stamp_modified(resource: &mut Value, now: &str) {
    let Some(map) = resource.as_object_mut() else { return };
    let mut meta = match remove_ci(map, "meta") {
        Some(Value::Object(meta)) => meta,
        _ => Map::new(),
    };
    meta.insert("lastModified".into(), Value::String(now.into()));
    map.insert("meta".into(), Value::Object(meta));
    set_version(resource);
}

fn set_version(resource: &mut Value) {
    let version = etag(resource);
    if let Some(Value::Object(meta)) = resource.get_mut("meta") {
        meta.insert("version".into(), Value::String(version));
    }
}

/// The weak ETag of a resource's content: `W/"<16 hex digits>"`, the first 8 bytes of a
/// SHA-256 over the resource without `meta` (which holds the version itself and times
/// that change without the content changing). Object keys are hashed in sorted order,
/// so the ETag doesn't depend on the order a client sent them in.
pub fn etag(resource: &Value) -> String {
    let mut hasher = Sha256::new();
    let mut stack = Vec::new();
    match resource {
        Value::Object(map) => {
            let content = map.iter().filter(|(k, _)| !k.eq_ignore_ascii_case("meta"));
            push_object(&mut hasher, &mut stack, content.collect());
        }
        other => stack.push(Item::Value(other)),
    }
    hash_items(&mut hasher, stack);
    let digest = hasher.finalize();
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("W/\"{hex}\"")
}

/// Work left to hash: a value, or an object key before its value.
enum Item<'a> {
    Value(&'a Value),
    Key(&'a str),
}

/// Feeds a canonical, unambiguous encoding to `hasher`: a tag byte per value, lengths
/// before contents, object keys sorted. Iterative, so depth costs no stack.
fn hash_items<'a>(hasher: &mut Sha256, mut stack: Vec<Item<'a>>) {
    while let Some(item) = stack.pop() {
        let value = match item {
            Item::Key(key) => {
                hash_bytes(hasher, b'k', key.as_bytes());
                continue;
            }
            Item::Value(value) => value,
        };
        match value {
            Value::Null => hasher.update(b"n"),
            Value::Bool(b) => hasher.update(if *b { b"t" } else { b"f" }),
            Value::Number(n) => hash_bytes(hasher, b'#', n.to_string().as_bytes()),
            Value::String(s) => hash_bytes(hasher, b's', s.as_bytes()),
            Value::Array(items) => {
                hash_len(hasher, b'[', items.len());
                stack.extend(items.iter().rev().map(Item::Value));
            }
            Value::Object(map) => push_object(hasher, &mut stack, map.iter().collect()),
        }
    }
}

/// Hashes an object's header and queues its entries, keys sorted.
fn push_object<'a>(hasher: &mut Sha256, stack: &mut Vec<Item<'a>>, mut entries: Vec<(&'a String, &'a Value)>) {
    hash_len(hasher, b'{', entries.len());
    entries.sort_by(|a, b| a.0.cmp(b.0));
    for (key, value) in entries.into_iter().rev() {
        stack.push(Item::Value(value));
        stack.push(Item::Key(key));
    }
}

fn hash_len(hasher: &mut Sha256, tag: u8, len: usize) {
    hasher.update([tag]);
    hasher.update((len as u64).to_be_bytes());
}

fn hash_bytes(hasher: &mut Sha256, tag: u8, bytes: &[u8]) {
    hash_len(hasher, tag, bytes.len());
    hasher.update(bytes);
}

/// Whether a request with `If-Match: header` may proceed against a resource whose
/// current ETag is `current` (`None`: the resource doesn't exist). `*` matches any
/// existing resource.
///
/// RFC 7232 §3.1 asks for strong comparison here, under which a weak ETag never matches.
/// Every ETag we issue is weak (the content hash ignores representation details), so we
/// compare the opaque values, as SCIM servers commonly do: `W/"a"` matches `"a"`.
/// On `false` the caller answers 412 Precondition Failed.
pub fn if_match(header: &str, current: Option<&str>) -> bool {
    let Some(current) = current else { return false };
    match parse_tags(header) {
        Tags::Any => true,
        Tags::List(tags) => tags.contains(&opaque(current)),
    }
}

/// Whether a request with `If-None-Match: header` may proceed: true when no listed tag
/// matches `current` by weak comparison (RFC 7232 §3.2); `*` passes only when the
/// resource doesn't exist. On `false` the caller answers 304 Not Modified to GET/HEAD
/// and 412 Precondition Failed to anything else.
pub fn if_none_match(header: &str, current: Option<&str>) -> bool {
    let Some(current) = current else { return true };
    match parse_tags(header) {
        Tags::Any => false,
        Tags::List(tags) => !tags.contains(&opaque(current)),
    }
}

/// The entity tags of a conditional header.
enum Tags<'a> {
    /// `*`
    Any,
    /// Opaque values, without `W/` and quotes.
    List(Vec<&'a str>),
}

/// Parses `*` or a comma-separated list of entity tags. Lenient on what clients send:
/// `W/` in either case, and unquoted tags (taken up to the next comma or space).
fn parse_tags(header: &str) -> Tags<'_> {
    let header = header.trim();
    if header == "*" {
        return Tags::Any;
    }
    let mut tags = Vec::new();
    let mut rest = header;
    loop {
        rest = rest.trim_start_matches(|c: char| c == ',' || c.is_ascii_whitespace());
        if rest.is_empty() {
            return Tags::List(tags);
        }
        if rest.starts_with("W/") || rest.starts_with("w/") {
            rest = &rest[2..];
        }
        let (tag, after) = match rest.strip_prefix('"') {
            Some(quoted) => quoted.split_once('"').unwrap_or((quoted, "")),
            None => rest.split_at(rest.find(|c: char| c == ',' || c.is_ascii_whitespace()).unwrap_or(rest.len())),
        };
        tags.push(tag);
        rest = after;
    }
}

/// The opaque part of an entity tag: `W/"abc"` → `abc`.
fn opaque(tag: &str) -> &str {
    let tag = tag.trim();
    let tag = tag.strip_prefix("W/").or_else(|| tag.strip_prefix("w/")).unwrap_or(tag);
    tag.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(tag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scim::schemas::USER_TYPE;
    use serde_json::json;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const NOW: &str = "2024-05-01T10:00:00Z";
    const LATER: &str = "2024-05-02T11:30:00Z";

    fn created() -> Value {
        let mut user = json!({"schemas": [crate::scim::schemas::USER_URN], "userName": "bjensen"});
        stamp_created(&mut user, &USER_TYPE, "42", "https://example.com/v2/Users/42", NOW);
        user
    }

    #[test]
    fn stamp_created_sets_id_and_every_meta_field() {
        let user = created();
        assert_eq!(user["id"], "42");
        assert_eq!(user["meta"]["resourceType"], "User");
        assert_eq!(user["meta"]["created"], NOW);
        assert_eq!(user["meta"]["lastModified"], NOW);
        assert_eq!(user["meta"]["location"], "https://example.com/v2/Users/42");
        assert_eq!(user["meta"]["version"], etag(&user));
    }

    #[test]
    fn stamp_modified_keeps_created_and_changes_version_with_content() {
        let mut user = created();
        let before = user["meta"]["version"].clone();
        user["displayName"] = json!("Babs");
        stamp_modified(&mut user, LATER);
        assert_eq!(user["meta"]["created"], NOW);
        assert_eq!(user["meta"]["lastModified"], LATER);
        assert_eq!(user["meta"]["location"], "https://example.com/v2/Users/42");
        assert_ne!(user["meta"]["version"], before);
        assert_eq!(user["meta"]["version"], etag(&user));
    }

    #[test]
    fn etag_ignores_meta_and_key_order_but_not_content() {
        let a = json!({"userName": "a", "active": true, "meta": {"lastModified": NOW}});
        let b = json!({"active": true, "userName": "a", "meta": {"lastModified": LATER}});
        let c = json!({"active": false, "userName": "a"});
        let nested_a = json!({"x": [{"b": 1, "a": 2}]});
        let nested_b = json!({"x": [{"a": 2, "b": 1}]});
        let nested_c = json!({"x": [{"a": 1, "b": 2}]});
        assert_eq!(etag(&a), etag(&b));
        assert_ne!(etag(&a), etag(&c));
        assert_eq!(etag(&nested_a), etag(&nested_b));
        assert_ne!(etag(&nested_a), etag(&nested_c));
        // The encoding is unambiguous: these two concatenate to the same text.
        assert_ne!(etag(&json!({"a": "bc"})), etag(&json!({"ab": "c"})));
        assert_ne!(etag(&json!(["a", "b"])), etag(&json!(["ab"])));
    }

    #[test]
    fn etag_is_weak_with_sixteen_hex_digits() {
        let tag = etag(&json!({"userName": "x"}));
        let hex = tag.strip_prefix("W/\"").and_then(|t| t.strip_suffix('"')).unwrap_or("");
        assert_eq!(hex.len(), 16, "{tag}");
        assert!(hex.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{tag}");
    }

    #[test]
    fn conditional_headers() {
        let cur = Some("W/\"abc\"");
        // (header, current, If-Match passes, If-None-Match passes)
        let rows: &[(&str, Option<&str>, bool, bool)] = &[
            ("*", cur, true, false),
            ("*", None, false, true),
            ("W/\"abc\"", cur, true, false),
            ("\"abc\"", cur, true, false),
            ("w/\"abc\"", cur, true, false),
            ("W/abc", cur, true, false),
            ("\"x\", W/\"abc\"", cur, true, false),
            ("\"x\",\"y\"", cur, false, true),
            ("\"a,b\", \"c\"", Some("\"a,b\""), true, false),
            ("\"ABC\"", cur, false, true),
            ("", cur, false, true),
            ("W/\"abc\"", None, false, true),
        ];
        for &(header, current, matches, none_match) in rows {
            assert_eq!(if_match(header, current), matches, "If-Match: {header} vs {current:?}");
            assert_eq!(if_none_match(header, current), none_match, "If-None-Match: {header} vs {current:?}");
        }
    }
}
