//! Discovery endpoints, rendered by `scim::discovery` from the tables the validator reads:
//! `/ServiceProviderConfig` (1.1: `/ServiceProviderConfigs`), `/ResourceTypes`, `/Schemas`.
//!
//! They also answer without a token ([`without_token`]). RFC 7644 §4 lets a provider
//! require authentication for them, or not; some IdPs and SCIM validators probe them
//! before they send a token, and the documents reveal no user data. What a token-less answer must not reveal is whether
//! the connection exists: so it is rendered from the path alone, without loading the
//! connection, and reads the same for every id. A request that presents a credential,
//! even a wrong one, is authenticated as usual (401 if it fails): a bad token is never
//! accepted silently.

use serde_json::Value;

use super::ctx::{self, Ctx};
use super::render::{self, Reply};
use super::route::{Endpoint, Route};
use super::{http, ScimRequest, ScimResponse};
use crate::connection::ScimVersion;
use crate::error::ScimError;
use crate::host::Host;
use crate::scim::{discovery, v1};

/// A discovery request of an authenticated connection.
pub fn get<H: Host>(ctx: &Ctx<'_, H>, endpoint: &Endpoint) -> Result<Reply, ScimError> {
    Ok(Reply::Document(document(ctx.dialect, &ctx.base, endpoint)?))
}

/// The answer to a discovery `GET` that carries no `Authorization` header at all; `None`
/// for any other request, which then goes through authentication. Not audited: the audit
/// log is per connection, and an unauthenticated caller must not be able to write to it.
pub fn without_token(route: &Route, request: &ScimRequest) -> Option<ScimResponse> {
    let is_discovery =
        matches!(route.endpoint, Endpoint::ServiceProviderConfig | Endpoint::ResourceTypes(_) | Endpoint::Schemas(_));
    let anonymous = http::header(&request.headers, "authorization").is_none();
    if !(is_discovery && anonymous && request.method.eq_ignore_ascii_case("GET")) {
        return None;
    }
    let base = ctx::base(request.base_url.as_deref(), &route.conn, route.dialect);
    Some(match document(route.dialect, &base, &route.endpoint) {
        Ok(doc) => render::document(route.dialect, doc),
        Err(error) => render::error(route.dialect, &error),
    })
}

/// The discovery document `endpoint` names, for the base URL `base` in `dialect`.
fn document(dialect: ScimVersion, base: &str, endpoint: &Endpoint) -> Result<Value, ScimError> {
    let doc = match endpoint {
        Endpoint::ServiceProviderConfig => match dialect {
            ScimVersion::V2 => discovery::service_provider_config(&super::provider_config(), base),
            // The same capabilities, Bulk included: both dialects share the Bulk engine.
            ScimVersion::V1_1 => v1::service_provider_configs(&super::provider_config(), base),
        },
        Endpoint::ResourceTypes(None) => discovery::resource_types(base),
        Endpoint::ResourceTypes(Some(name)) => {
            discovery::resource_type(name, base).ok_or_else(|| ScimError::not_found(format!("ResourceType {name}")))?
        }
        Endpoint::Schemas(None) => discovery::schemas(base),
        Endpoint::Schemas(Some(id)) => {
            discovery::schema(id, base).ok_or_else(|| ScimError::not_found(format!("Schema {id}")))?
        }
        other => return Err(ScimError::not_found(format!("{other:?}"))),
    };
    Ok(doc)
}
