//! Discovery endpoints, rendered by `scim::discovery` from the tables the validator reads:
//! `/ServiceProviderConfig` (1.1: `/ServiceProviderConfigs`), `/ResourceTypes`, `/Schemas`.

use super::ctx::Ctx;
use super::render::Reply;
use super::route::Endpoint;
use crate::connection::ScimVersion;
use crate::error::ScimError;
use crate::host::Host;
use crate::scim::{discovery, v1};

pub fn get<H: Host>(ctx: &Ctx<'_, H>, endpoint: &Endpoint) -> Result<Reply, ScimError> {
    let base = &ctx.base;
    let doc = match endpoint {
        Endpoint::ServiceProviderConfig => match ctx.dialect {
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
    Ok(Reply::Document(doc))
}
