//! The SCIM service: [`handle`] takes a host's request and answers it: route, authenticate,
//! dispatch to the resource handlers, render in the connection's dialect. Writes queue
//! their Jira work with the write (`sync_seam`), then drain within the request's budget.
//!
//! Base URL shape: a host mounts the service under a prefix of its own and passes the rest
//! of the path, `/{connId}/v2/…` or `/{connId}/v1/…` (see [`route`]). The 1.1 dialect is
//! a translation at the edges (`scim::v1`); there is one implementation of each operation.

mod bulk;
mod ctx;
mod discovery;
pub mod dry_run;
mod groups;
pub mod http;
mod list;
mod membership;
mod render;
pub mod route;
pub mod sync_seam;
mod users;

use serde::{Deserialize, Serialize};

use crate::audit;
use crate::connection::Connection;
use crate::error::ScimError;
use crate::host::{Host, LogLevel};
use crate::outbox::Task;
use crate::scim::discovery::ProviderConfig;
use crate::store::connections;
use ctx::{Action, Ctx};
use route::{Endpoint, Route};

pub use render::{CONTENT_TYPE_V1, CONTENT_TYPE_V2};

/// The header that asks for a dry run: `X-Usersync-Dry-Run: true`.
pub const DRY_RUN_HEADER: &str = "x-usersync-dry-run";

/// What a request of an unlicensed installation is told (403), in its connection's dialect.
pub const UNLICENSED_DETAIL: &str =
    "the usersync licence for this Jira site is not active, so provisioning is paused; nothing was stored";

/// What a host passes in: the request as it arrived, minus the host's own mount prefix.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScimRequest {
    pub method: String,
    /// `/{connId}/v2/Users/…`; a query string here is ignored (pass it in `query`).
    pub path: String,
    /// The raw query string, with or without the leading `?`.
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// The public URL of the mount (`https://example.com/scim`), for `Location` and
    /// `meta.location`; without it they are relative to the mount.
    pub base_url: Option<String>,
    /// How long the request may spend draining queued Jira work after answering (ms).
    pub drain_budget_ms: Option<u64>,
    /// `Some(false)` when the host knows the installation is not licensed (Forge's
    /// `context.license`); absent means licensed, as on hosts without licensing.
    pub licensed: Option<bool>,
}

impl ScimRequest {
    /// False only when the host said the installation is unlicensed.
    pub fn is_licensed(&self) -> bool {
        self.licensed != Some(false)
    }
}

/// What the host sends back. `body` is empty for 204 and 304.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScimResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Only for a dry run: the Jira work the request would have caused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<DryRunReport>,
}

impl ScimResponse {
    /// The first value of a response header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        http::header(&self.headers, name)
    }
}

/// What a dry run would have done.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DryRunReport {
    /// The outbox tasks the write would have queued, in order.
    pub tasks: Vec<Task>,
    /// The Jira calls they would make, assuming a first sync's answers (look-ups find
    /// nothing, writes succeed); no request is sent.
    pub jira_calls: Vec<crate::sync::PlannedCall>,
    /// Per task, how it would end (`done: …`, `parked: …`, `then: …`).
    pub outcomes: Vec<String>,
    /// How many keys the write would have written or deleted.
    pub writes: usize,
}

/// What the service advertises and enforces: PATCH, filters, sort, ETags and Bulk.
pub fn provider_config() -> ProviderConfig {
    ProviderConfig {
        bulk_supported: true,
        bulk_max_operations: bulk::MAX_OPERATIONS,
        bulk_max_payload_size: crate::scim::body::MAX_BODY_BYTES as u64,
        ..ProviderConfig::default()
    }
}

/// Answers one SCIM request. Never fails: every error becomes an RFC 7644 error body
/// (1.1's shape on a `/v1` path).
pub async fn handle<H: Host>(host: &H, request: ScimRequest) -> ScimResponse {
    let Some(route) = route::parse(&request.path) else {
        return render::error(
            crate::connection::ScimVersion::V2,
            &ScimError::not_found("endpoint (expected /{connectionId}/v2/...)"),
        );
    };
    if let Some(response) = discovery::without_token(&route, &request) {
        return response;
    }
    let conn = match authenticate(host, &request, &route).await {
        Ok(conn) => conn,
        Err(response) => return *response,
    };
    if is_dry_run(&request.headers) {
        return dry_run::run(host, &conn, &route, &request).await;
    }
    let (response, origin) = serve(host, &conn, &route, &request).await;
    // Unlicensed, provisioning is paused: not even work queued earlier goes to Jira.
    if let Some(budget) = request.drain_budget_ms.filter(|b| *b > 0 && request.is_licensed()) {
        sync_seam::drain(host, budget, &origin).await;
    }
    response
}

/// The connection the bearer token belongs to, if it is the one the path names. Anything
/// else is 401 with `WWW-Authenticate` (RFC 6750 §3), the same answer for an unknown
/// connection as for a wrong token, so the path can't be used to probe ids.
async fn authenticate<H: Host>(
    host: &H,
    request: &ScimRequest,
    route: &Route,
) -> Result<Connection, Box<ScimResponse>> {
    let unauthorized = |detail: &str| {
        let mut response = render::error(route.dialect, &ScimError::status(401, detail));
        response.headers.push(("WWW-Authenticate".into(), "Bearer realm=\"usersync\"".into()));
        Box::new(response)
    };
    let Some(token) = http::bearer(&request.headers) else {
        return Err(unauthorized("expected an Authorization: Bearer token"));
    };
    match connections::authenticate(host, token).await {
        Ok(Some(conn)) if conn.id == route.conn => Ok(conn),
        Ok(_) => Err(unauthorized("the bearer token is not valid for this connection")),
        Err(e) => Err(Box::new(render::error(route.dialect, &ScimError::from(e)))),
    }
}

fn is_dry_run(headers: &[(String, String)]) -> bool {
    http::header(headers, DRY_RUN_HEADER)
        .is_some_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "true" | "1" | "yes"))
}

/// Serves an authenticated request and records it in the audit log under the id it
/// returns (the origin of the tasks it queued).
async fn serve<H: Host>(host: &H, conn: &Connection, route: &Route, request: &ScimRequest) -> (ScimResponse, String) {
    let origin = audit::new_id(host.now());
    let ctx = Ctx::new(host, conn, route.dialect, request.base_url.as_deref(), origin);
    let response = match answer(&ctx, route, request).await {
        Ok(reply) => render::reply(&ctx, reply),
        Err(error) => render::error(route.dialect, &error),
    };
    let method = request.method.to_ascii_uppercase();
    if let Err(e) = audit::record_scim(host, &ctx.origin, &conn.id, &method, &request.path, response.status).await {
        host.log(LogLevel::Warn, &serde_json::json!({"event": "auditFailed", "error": e.to_string()}).to_string());
    }
    (response, ctx.origin)
}

async fn answer<H: Host>(ctx: &Ctx<'_, H>, route: &Route, request: &ScimRequest) -> Result<render::Reply, ScimError> {
    if route.dialect != ctx.conn.scim {
        let detail = format!("this connection speaks SCIM {} at {}", scim_name(ctx.conn), ctx.conn.base_path());
        return Err(ScimError::status(404, detail));
    }
    // After authentication (a caller without the token learns nothing, not even this) and
    // the dialect check (so the body is in the connection's shape), before anything is read
    // or written; `serve` audits it like any other answer.
    if !request.is_licensed() {
        return Err(ScimError::status(403, UNLICENSED_DETAIL));
    }
    let body = match request.body.as_deref().filter(|b| !b.trim().is_empty()) {
        Some(text) => Some(crate::scim::body::parse_body(text.as_bytes())?),
        None => None,
    };
    let params = http::parse_query(&request.query);
    let action = Action {
        method: request.method.to_ascii_uppercase(),
        endpoint: route.endpoint.clone(),
        params,
        body,
        if_match: http::header(&request.headers, "if-match").map(str::to_string),
        if_none_match: http::header(&request.headers, "if-none-match").map(str::to_string),
    };
    if matches!(action.endpoint, Endpoint::Bulk) && action.method == "POST" {
        return bulk::run(ctx, &action).await;
    }
    dispatch(ctx, &action).await
}

fn scim_name(conn: &Connection) -> &'static str {
    match conn.scim {
        crate::connection::ScimVersion::V2 => "2.0",
        crate::connection::ScimVersion::V1_1 => "1.1",
    }
}

/// One operation, from the request itself or from a Bulk request.
async fn dispatch<H: Host>(ctx: &Ctx<'_, H>, action: &Action) -> Result<render::Reply, ScimError> {
    use crate::scim::schemas::{GROUP_TYPE, USER_TYPE};
    match (action.method.as_str(), &action.endpoint) {
        ("GET", Endpoint::Users(None)) => list::list(ctx, &USER_TYPE, action).await,
        ("GET", Endpoint::Groups(None)) => list::list(ctx, &GROUP_TYPE, action).await,
        ("POST", Endpoint::UsersSearch) => list::search(ctx, &USER_TYPE, action).await,
        ("POST", Endpoint::GroupsSearch) => list::search(ctx, &GROUP_TYPE, action).await,
        // SCIM 1.1 defines no search across resource types; there it is an unknown endpoint.
        ("POST", Endpoint::RootSearch) => match ctx.dialect {
            crate::connection::ScimVersion::V2 => list::search_all(ctx, action).await,
            crate::connection::ScimVersion::V1_1 => Err(ScimError::not_found("endpoint /.search")),
        },
        ("POST", Endpoint::Users(None)) => users::create(ctx, action).await,
        ("POST", Endpoint::Groups(None)) => groups::create(ctx, action).await,
        ("GET", Endpoint::Users(Some(id))) => users::get(ctx, action, id).await,
        ("GET", Endpoint::Groups(Some(id))) => groups::get(ctx, action, id).await,
        ("PUT", Endpoint::Users(Some(id))) => users::replace(ctx, action, id).await,
        ("PUT", Endpoint::Groups(Some(id))) => groups::replace(ctx, action, id).await,
        ("PATCH", Endpoint::Users(Some(id))) => users::patch(ctx, action, id).await,
        ("PATCH", Endpoint::Groups(Some(id))) => groups::patch(ctx, action, id).await,
        ("DELETE", Endpoint::Users(Some(id))) => users::delete(ctx, action, id).await,
        ("DELETE", Endpoint::Groups(Some(id))) => groups::delete(ctx, action, id).await,
        ("GET", Endpoint::ServiceProviderConfig | Endpoint::ResourceTypes(_) | Endpoint::Schemas(_)) => {
            discovery::get(ctx, &action.endpoint)
        }
        (_, Endpoint::Me) => Err(ScimError::status(
            501,
            "/Me is not supported: usersync provisions users, it does not authenticate them",
        )),
        (_, Endpoint::Unknown(path)) => Err(ScimError::not_found(format!("endpoint {path}"))),
        (method, _) => Err(ScimError::status(405, format!("{method} is not supported on this endpoint"))),
    }
}

#[cfg(test)]
mod tests;
