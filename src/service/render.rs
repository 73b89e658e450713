//! From a handler's [`Reply`] (always in the 2.0 model) to the response a host sends, in
//! the connection's dialect: 1.1 bodies through `scim::v1`, errors as RFC 7644 §3.12
//! bodies (2.0) or `{"Errors":[…]}` (1.1).

use serde_json::Value;

use super::ctx::Ctx;
use super::ScimResponse;
use crate::connection::ScimVersion;
use crate::error::ScimError;
use crate::host::Host;
use crate::scim::schema::ResourceType;
use crate::scim::v1;

/// The media type of SCIM 2.0 (RFC 7644 §8.1).
pub const CONTENT_TYPE_V2: &str = "application/scim+json";
/// SCIM 1.1 used plain JSON.
pub const CONTENT_TYPE_V1: &str = "application/json";

/// What a handler answers, before dialect and headers.
#[derive(Debug, Clone)]
pub enum Reply {
    /// One resource, already projected; `Location` and `ETag` go in headers.
    Resource {
        status: u16,
        rt: &'static ResourceType,
        resource: Value,
        location: String,
        etag: String,
    },
    /// A 2.0 ListResponse of `rt` resources.
    List {
        rt: &'static ResourceType,
        body: Value,
    },
    /// A discovery or Bulk document, already in the dialect's shape.
    Document(Value),
    NoContent,
    NotModified {
        etag: String,
    },
}

impl Reply {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            Reply::Resource { status, .. } => *status,
            Reply::List { .. } | Reply::Document(_) => 200,
            Reply::NoContent => 204,
            Reply::NotModified { .. } => 304,
        }
    }
}

/// Renders a reply for the request's dialect.
pub fn reply<H: Host>(ctx: &Ctx<'_, H>, reply: Reply) -> ScimResponse {
    let v1 = ctx.dialect == ScimVersion::V1_1;
    let status = match reply {
        // SCIM 1.1 (§3.4) answers a DELETE with 200 OK and no body; 2.0 with 204. In 1.1
        // only a DELETE gives no content (a 1.1 PATCH always returns the resource).
        Reply::NoContent if v1 => 200,
        _ => reply.status(),
    };
    let mut headers = Vec::new();
    let body = match reply {
        Reply::Resource { rt, resource, location, etag, .. } => {
            headers.push(("Location".to_string(), location));
            headers.push(("ETag".to_string(), etag));
            Some(if v1 { v1::from_v2(&resource, rt) } else { resource })
        }
        Reply::List { rt, body } => Some(if v1 { v1::list_to_v1(&body, rt) } else { body }),
        Reply::Document(body) => Some(body),
        Reply::NoContent => None,
        Reply::NotModified { etag } => {
            headers.push(("ETag".to_string(), etag));
            None
        }
    };
    respond(ctx.dialect, status, headers, body)
}

/// A 200 document (discovery) in the dialect's media type, for an answer given without a
/// [`Ctx`] (no connection was loaded).
pub fn document(dialect: ScimVersion, body: Value) -> ScimResponse {
    respond(dialect, 200, Vec::new(), Some(body))
}

/// Renders an error in the dialect's error shape.
pub fn error(dialect: ScimVersion, error: &ScimError) -> ScimResponse {
    let body = match dialect {
        ScimVersion::V2 => error.to_v2_body(),
        ScimVersion::V1_1 => error.to_v1_body(),
    };
    respond(dialect, error.status, Vec::new(), Some(body))
}

fn respond(dialect: ScimVersion, status: u16, mut headers: Vec<(String, String)>, body: Option<Value>) -> ScimResponse {
    let body = match body {
        Some(value) => {
            let content_type = if dialect == ScimVersion::V1_1 { CONTENT_TYPE_V1 } else { CONTENT_TYPE_V2 };
            headers.insert(0, ("Content-Type".to_string(), format!("{content_type}; charset=utf-8")));
            value.to_string()
        }
        None => String::new(),
    };
    ScimResponse { status, headers, body, dry_run: None }
}
