//! What every handler works with: the request's connection, dialect and clock ([`Ctx`]),
//! the operation ([`Action`]), and the helpers they share: dialect translation in,
//! projection, preconditions, locations.

use serde_json::Value;

use crate::connection::{Connection, ScimVersion};
use crate::error::{ScimError, ScimType};
use crate::host::Host;
use crate::scim::list::{projection_params, ListQuery};
use crate::scim::path::AttrPath;
use crate::scim::schema::ResourceType;
use crate::scim::validate::ValidateOptions;
use crate::scim::{meta, v1};

use super::http::rfc3339;
use super::route::Endpoint;

/// How strict validation is: IdPs' own extension schemas are kept, not refused
/// (Okta and Entra both send custom extension URNs when admins add attributes).
pub const VALIDATE: ValidateOptions = ValidateOptions { reject_unknown: false, allow_unknown_schemas: true };

/// One SCIM operation: the request's own, or one of a Bulk request's.
#[derive(Debug, Clone)]
pub struct Action {
    /// Uppercase.
    pub method: String,
    pub endpoint: Endpoint,
    /// Percent-decoded query parameters, as sent (1.1 names not yet translated).
    pub params: Vec<(String, String)>,
    pub body: Option<Value>,
    pub if_match: Option<String>,
    pub if_none_match: Option<String>,
}

impl Action {
    /// The body, which this operation needs.
    pub fn body(&self) -> Result<&Value, ScimError> {
        self.body
            .as_ref()
            .ok_or_else(|| ScimError::typed(ScimType::InvalidSyntax, "expected a JSON request body, found none"))
    }
}

/// The request's connection, dialect, clock and audit id.
pub struct Ctx<'a, H: Host> {
    pub host: &'a H,
    pub conn: &'a Connection,
    pub dialect: ScimVersion,
    /// `{base_url}/{conn}/v2`, or `/{conn}/v2` without a base URL.
    pub base: String,
    /// The request time, RFC 3339.
    pub now: String,
    /// The audit id of the request; tasks carry it as their origin.
    pub origin: String,
}

impl<'a, H: Host> Ctx<'a, H> {
    pub fn new(
        host: &'a H,
        conn: &'a Connection,
        dialect: ScimVersion,
        base_url: Option<&str>,
        origin: String,
    ) -> Self {
        let base = base(base_url, &conn.id, dialect);
        Ctx { host, conn, dialect, base, now: rfc3339(host.now()), origin }
    }

    /// `{base}/Users/{id}`: the resource's `Location` and `meta.location`.
    pub fn location(&self, rt: &ResourceType, id: &str) -> String {
        format!("{}{}/{id}", self.base, rt.endpoint)
    }

    /// A POST or PUT body in the 2.0 model.
    pub fn incoming(&self, body: &Value, rt: &ResourceType) -> Result<Value, ScimError> {
        match self.dialect {
            ScimVersion::V2 => Ok(body.clone()),
            ScimVersion::V1_1 => Ok(v1::to_v2(body, rt)?),
        }
    }

    /// Query parameters in 2.0 spelling: 1.1 names in `filter`, `attributes`,
    /// `excludedAttributes` and `sortBy` translated for `rt`.
    pub fn params(&self, params: &[(String, String)], rt: &ResourceType) -> Vec<(String, String)> {
        if self.dialect == ScimVersion::V2 {
            return params.to_vec();
        }
        const NAMED: [&str; 4] = ["filter", "attributes", "excludedAttributes", "sortBy"];
        params
            .iter()
            .map(|(name, value)| match NAMED.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                true => (name.clone(), v1::filter_to_v2(value, rt)),
                false => (name.clone(), value.clone()),
            })
            .collect()
    }

    /// The `attributes`/`excludedAttributes` of a single-resource operation.
    pub fn projection(&self, action: &Action, rt: &ResourceType) -> Result<(Vec<AttrPath>, Vec<AttrPath>), ScimError> {
        Ok(projection_params(&self.params(&action.params, rt))?)
    }

    /// A list query from URL parameters.
    pub fn list_query(&self, action: &Action, rt: &ResourceType) -> Result<ListQuery, ScimError> {
        Ok(ListQuery::from_params(&self.params(&action.params, rt))?)
    }
}

/// `{base_url}/{conn}/{v2|v1}`: the SCIM base URL of connection `conn` in `dialect`.
pub fn base(base_url: Option<&str>, conn: &str, dialect: ScimVersion) -> String {
    let mount = base_url.unwrap_or("").trim_end_matches('/');
    format!("{mount}/{conn}/{}", dialect.segment())
}

/// The ETag of a stored resource: its `meta.version`, or the content hash.
pub fn etag_of(resource: &Value) -> String {
    match resource.pointer("/meta/version").and_then(Value::as_str) {
        Some(version) => version.to_string(),
        None => meta::etag(resource),
    }
}

/// `If-Match` / `If-None-Match` on a write (RFC 7644 §3.14): 412 when they fail.
pub fn check_write_preconditions(action: &Action, current: &str) -> Result<(), ScimError> {
    if let Some(header) = &action.if_match {
        if !meta::if_match(header, Some(current)) {
            return Err(ScimError::status(
                412,
                format!("If-Match {header} does not match the current version {current}"),
            ));
        }
    }
    if let Some(header) = &action.if_none_match {
        if !meta::if_none_match(header, Some(current)) {
            return Err(ScimError::status(
                412,
                format!("If-None-Match {header} matches the current version {current}"),
            ));
        }
    }
    Ok(())
}

/// `If-None-Match` on a read: `true` when the client's copy is current (answer 304).
pub fn not_modified(action: &Action, current: &str) -> bool {
    action.if_none_match.as_deref().is_some_and(|header| !meta::if_none_match(header, Some(current)))
}

/// The outbox name of a write: record kind, id and the version it produced.
pub fn write_key(kind: &str, id: &str, version: u64) -> String {
    format!("{kind}:{id}@{version}")
}

/// The 409 for a name another record holds.
pub fn taken(attribute: &str, value: &str) -> ScimError {
    ScimError::typed(ScimType::Uniqueness, format!("{attribute} {value:?} is already in use in this connection"))
}

/// The string value of a top-level attribute.
pub fn text<'v>(resource: &'v Value, name: &str) -> Option<&'v str> {
    resource.as_object().and_then(|m| crate::scim::resource::value_ci(m, name)).and_then(Value::as_str)
}

/// A resource reply: `meta.location` for this request's base URL, projected per the
/// action's `attributes`/`excludedAttributes`, with its ETag.
pub fn resource_reply<H: Host>(
    ctx: &Ctx<'_, H>,
    action: &Action,
    status: u16,
    rt: &'static ResourceType,
    id: &str,
    mut resource: Value,
) -> Result<super::render::Reply, ScimError> {
    let location = ctx.location(rt, id);
    if let Some(Value::Object(meta)) = resource.get_mut("meta") {
        meta.insert("location".into(), Value::String(location.clone()));
    }
    let etag = etag_of(&resource);
    let (attributes, excluded) = ctx.projection(action, rt)?;
    let resource = crate::scim::project::project(&resource, rt, &attributes, &excluded);
    Ok(super::render::Reply::Resource { status, rt, resource, location, etag })
}
