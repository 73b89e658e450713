//! Building requests: percent-encoding and the headers every Jira call carries.
//!
//! Values from outside (emails, names, ids) only ever enter a URL through
//! [`encode_query`] or [`encode_path`], so none can add a query parameter or a path step.

use super::site::{bearer_auth, JiraSite, OrgAccess};
use crate::host::{HttpRequest, Method};
use serde_json::Value;

/// Percent-encodes a query value: everything but RFC 3986 unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`), so `a+b@x.com` becomes `a%2Bb%40x.com`.
pub fn encode_query(value: &str) -> String {
    encode(value, is_unreserved)
}

/// Percent-encodes one path segment: unreserved characters and `:` stay (account ids look
/// like `557058:f58131cb-…`); `/`, `?`, `#`, `%` and the rest are escaped.
pub fn encode_path(segment: &str) -> String {
    encode(segment, |b| is_unreserved(b) || b == b':')
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn encode(value: &str, keep: impl Fn(u8) -> bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

/// `base + path` with `?k=v&…` appended; values are encoded here, keys are literals.
fn url(base: &str, path: &str, query: &[(&str, &str)]) -> String {
    let mut url = format!("{base}{path}");
    for (i, (key, value)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(key);
        url.push('=');
        url.push_str(&encode_query(value));
    }
    url
}

/// A request to the site's REST APIs (platform or JSM), signed with Basic auth.
pub fn site_request(site: &JiraSite, method: Method, path: &str, query: &[(&str, &str)]) -> HttpRequest {
    HttpRequest {
        method,
        url: url(site.base_url(), path, query),
        headers: vec![
            ("Accept".to_string(), "application/json".to_string()),
            ("Authorization".to_string(), site.basic_auth()),
        ],
        body: None,
    }
}

/// A request to the organization admin API, signed with the org API key (Bearer).
pub fn admin_request(site: &JiraSite, org: &OrgAccess, method: Method, path: &str) -> HttpRequest {
    HttpRequest {
        method,
        url: url(site.admin_base_url(), path, &[]),
        headers: vec![
            ("Accept".to_string(), "application/json".to_string()),
            ("Authorization".to_string(), bearer_auth(&org.api_key)),
        ],
        body: None,
    }
}

/// The request with a JSON body and its `Content-Type`.
pub fn with_json(mut request: HttpRequest, body: &Value) -> HttpRequest {
    request.headers.push(("Content-Type".to_string(), "application/json".to_string()));
    request.body = Some(body.to_string());
    request
}

/// The request opted in to a JSM experimental endpoint.
pub fn experimental(mut request: HttpRequest) -> HttpRequest {
    request.headers.push(("X-ExperimentalApi".to_string(), "opt-in".to_string()));
    request
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn query_encoding_table() {
        let cases = [
            ("a+b@x.com", "a%2Bb%40x.com"),
            ("plain", "plain"),
            ("with space", "with%20space"),
            ("a&b=c", "a%26b%3Dc"),
            ("x#y?z/w", "x%23y%3Fz%2Fw"),
            ("557058:abc", "557058%3Aabc"),
            ("100%", "100%25"),
            ("é", "%C3%A9"),
            ("~-._", "~-._"),
        ];
        for (raw, encoded) in cases {
            assert_eq!(encode_query(raw), encoded, "{raw}");
        }
    }

    #[test]
    fn path_encoding_keeps_colons_and_nothing_dangerous() {
        let cases = [
            ("557058:f58131cb-b67d", "557058:f58131cb-b67d"),
            ("../admin", "..%2Fadmin"),
            ("1?x=y", "1%3Fx%3Dy"),
            ("a#b", "a%23b"),
            ("10", "10"),
        ];
        for (raw, encoded) in cases {
            assert_eq!(encode_path(raw), encoded, "{raw}");
        }
    }

    #[test]
    fn url_joins_encoded_query_pairs() {
        assert_eq!(url("https://a.atlassian.net", "/p", &[]), "https://a.atlassian.net/p");
        assert_eq!(
            url("https://a.atlassian.net", "/p", &[("query", "a+b@x.com"), ("n", "1")]),
            "https://a.atlassian.net/p?query=a%2Bb%40x.com&n=1"
        );
    }
}
