//! Where a request goes. Hosts mount the service under a prefix of their own (`/scim`)
//! and pass the rest of the path: `/{connId}/v2/Users/{id}` (SCIM 2.0) or
//! `/{connId}/v1/Users/{id}` (SCIM 1.1). So an IdP's base URL is
//! `https://host/scim/{connId}/v2`, and the connection id in it must be the one its
//! bearer token belongs to.

use crate::connection::ScimVersion;

/// The part of a path after the connection's base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// `/Users` (`None`) or `/Users/{id}`.
    Users(Option<String>),
    Groups(Option<String>),
    /// `/Users/.search`, `/Groups/.search`.
    UsersSearch,
    GroupsSearch,
    /// `/.search` at the base: every resource type (RFC 7644 §3.4.3).
    RootSearch,
    Bulk,
    /// `/ServiceProviderConfig`, or 1.1's `/ServiceProviderConfigs`.
    ServiceProviderConfig,
    ResourceTypes(Option<String>),
    Schemas(Option<String>),
    /// `/Me` (RFC 7644 §3.11): an IdP pushes users, it never acts as one, so this is
    /// answered 501 as the RFC asks of providers without it.
    Me,
    /// Anything else, e.g. a typo.
    Unknown(String),
}

/// A request path split into connection, dialect and endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub conn: String,
    pub dialect: ScimVersion,
    pub endpoint: Endpoint,
}

/// Splits `/{conn}/{v2|v1}/…`. `None` when the path has no connection and dialect.
/// A query string left on the path is ignored.
pub fn parse(path: &str) -> Option<Route> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    let conn = segments.next()?.to_string();
    let dialect = match segments.next()? {
        v if v.eq_ignore_ascii_case("v2") => ScimVersion::V2,
        v if v.eq_ignore_ascii_case("v1") => ScimVersion::V1_1,
        _ => return None,
    };
    let rest: Vec<&str> = segments.collect();
    Some(Route { conn, dialect, endpoint: endpoint(&rest) })
}

/// The endpoint for the segments after the base (`["Users", "abc"]`). Names match
/// case-insensitively; ids are kept as given.
pub fn endpoint(segments: &[&str]) -> Endpoint {
    let is = |i: usize, name: &str| segments.get(i).is_some_and(|s| s.eq_ignore_ascii_case(name));
    let id = |i: usize| segments.get(i).map(|s| crate::service::http::decode(s));
    match segments.len() {
        1 if is(0, "Users") => Endpoint::Users(None),
        1 if is(0, "Groups") => Endpoint::Groups(None),
        1 if is(0, "Bulk") => Endpoint::Bulk,
        1 if is(0, ".search") => Endpoint::RootSearch,
        _ if is(0, "Me") => Endpoint::Me,
        1 if is(0, "ServiceProviderConfig") || is(0, "ServiceProviderConfigs") => Endpoint::ServiceProviderConfig,
        1 if is(0, "ResourceTypes") => Endpoint::ResourceTypes(None),
        1 if is(0, "Schemas") => Endpoint::Schemas(None),
        2 if is(0, "Users") && is(1, ".search") => Endpoint::UsersSearch,
        2 if is(0, "Groups") && is(1, ".search") => Endpoint::GroupsSearch,
        2 if is(0, "Users") => Endpoint::Users(id(1)),
        2 if is(0, "Groups") => Endpoint::Groups(id(1)),
        2 if is(0, "ResourceTypes") => Endpoint::ResourceTypes(id(1)),
        2 if is(0, "Schemas") => Endpoint::Schemas(id(1)),
        _ => Endpoint::Unknown(format!("/{}", segments.join("/"))),
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn routes_table() {
        let v2 = |endpoint| Some(Route { conn: "c1".into(), dialect: ScimVersion::V2, endpoint });
        let id = |s: &str| Some(s.to_string());
        let cases = [
            ("/c1/v2/Users", v2(Endpoint::Users(None))),
            ("c1/v2/users/", v2(Endpoint::Users(None))),
            ("/c1/v2/Users/abc", v2(Endpoint::Users(id("abc")))),
            ("/c1/v2/Users/a%20b?x=1", v2(Endpoint::Users(id("a b")))),
            ("/c1/v2/Groups/.search", v2(Endpoint::GroupsSearch)),
            ("/c1/v2/Bulk", v2(Endpoint::Bulk)),
            ("/c1/v2/ServiceProviderConfig", v2(Endpoint::ServiceProviderConfig)),
            (
                "/c1/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User",
                v2(Endpoint::Schemas(id("urn:ietf:params:scim:schemas:core:2.0:User"))),
            ),
            ("/c1/v2/ResourceTypes", v2(Endpoint::ResourceTypes(None))),
            ("/c1/v2/Me", v2(Endpoint::Me)),
            ("/c1/v2/Me/x", v2(Endpoint::Me)),
            ("/c1/v2/.search", v2(Endpoint::RootSearch)),
            ("/c1/v2/Users/a/b", v2(Endpoint::Unknown("/Users/a/b".into()))),
            ("/c1/v2", v2(Endpoint::Unknown("/".into()))),
            ("/c1/v3/Users", None),
            ("/c1", None),
            ("", None),
        ];
        for (path, want) in cases {
            assert_eq!(parse(path), want, "{path}");
        }
        let v1 = parse("/c1/v1/ServiceProviderConfigs");
        assert_eq!(v1.map(|r| (r.dialect, r.endpoint)), Some((ScimVersion::V1_1, Endpoint::ServiceProviderConfig)));
    }
}
