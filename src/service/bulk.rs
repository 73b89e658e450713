//! `POST /Bulk` (RFC 7644 §3.7; SCIM 1.1 protocol §3.5): each operation runs through the
//! same dispatch as a request of its own, in order. `bulkId:x` references (in `path` and
//! anywhere in `data`) name resources created earlier in the request; an operation whose
//! reference names a later POST waits for it (§3.7.2 asks servers to try), and one that
//! can never resolve (a cycle, an unknown or failed bulkId) fails with 409. `failOnErrors`
//! stops the run after that many failures; operations not reached are left out of the
//! response.
//!
//! Both dialects share this engine. 1.1 differs only in the message URN and in the shape
//! of an operation's `status` (`scim::v1::bulk`); the operations' `data` are translated by
//! the handlers, as for any request on the 1.1 base URL.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::ctx::{Action, Ctx};
use super::render::Reply;
use super::route;
use crate::connection::ScimVersion;
use crate::error::{ScimError, ScimType};
use crate::host::Host;
use crate::scim::resource::value_ci;
use crate::scim::v1;

pub const BULK_REQUEST_URN: &str = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
pub const BULK_RESPONSE_URN: &str = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
/// The most operations one Bulk request may carry (advertised as `bulk.maxOperations`).
pub const MAX_OPERATIONS: u32 = 100;

/// One operation of the request, as sent.
struct Op {
    method: String,
    bulk_id: Option<String>,
    path: String,
    data: Option<Value>,
    version: Option<String>,
}

/// How one operation ended, before it is rendered in the request's dialect.
struct Done {
    method: String,
    bulk_id: Option<String>,
    status: u16,
    /// `Location` and `ETag` of the resource a success wrote.
    written: Option<(String, String)>,
    error: Option<ScimError>,
}

/// Runs a Bulk request.
pub async fn run<H: Host>(ctx: &Ctx<'_, H>, action: &Action) -> Result<Reply, ScimError> {
    let (ops, fail_on_errors) = parse(action.body()?, ctx.dialect)?;
    let mut created: BTreeMap<String, String> = BTreeMap::new(); // bulkId → id
    let mut results: BTreeMap<usize, Done> = BTreeMap::new();
    let mut pending: Vec<usize> = (0..ops.len()).collect();
    let mut errors = 0usize;
    while !pending.is_empty() {
        let mut waiting = Vec::new();
        for (n, &index) in pending.iter().enumerate() {
            let Some(op) = ops.get(index) else { continue };
            let unresolved = references(op).into_iter().find(|r| !created.contains_key(r));
            let result = match unresolved {
                Some(r) if is_pending_post(&ops, pending.get(n + 1..).unwrap_or_default(), &waiting, &r) => {
                    waiting.push(index);
                    continue;
                }
                Some(r) => failed(op, ScimError::status(409, format!("bulkId {r:?} could not be resolved"))),
                None => execute(ctx, op, &created).await,
            };
            if let (Some(bulk_id), Some(id)) = (&op.bulk_id, created_id(&result)) {
                created.insert(bulk_id.clone(), id);
            }
            errors += usize::from(result.error.is_some());
            results.insert(index, result);
            if fail_on_errors.is_some_and(|limit| errors >= limit) {
                return Ok(response(ctx.dialect, results));
            }
        }
        if waiting.len() == pending.len() {
            // Nothing moved: the rest wait on each other.
            for index in waiting {
                if let Some(op) = ops.get(index) {
                    results.insert(
                        index,
                        failed(op, ScimError::status(409, "circular bulkId references could not be resolved")),
                    );
                }
            }
            break;
        }
        pending = waiting;
    }
    Ok(response(ctx.dialect, results))
}

fn response(dialect: ScimVersion, results: BTreeMap<usize, Done>) -> Reply {
    let urn = match dialect {
        ScimVersion::V2 => BULK_RESPONSE_URN,
        ScimVersion::V1_1 => v1::bulk::BULK_URN,
    };
    let ops: Vec<Value> = results.into_values().map(|done| render(dialect, done)).collect();
    Reply::Document(json!({ "schemas": [urn], "Operations": ops }))
}

/// One operation's entry in the response: 2.0 says `"status": "201"` and puts an error's
/// body under `response`; 1.1 says `"status": {"code", "description"}`.
fn render(dialect: ScimVersion, done: Done) -> Value {
    let mut out = Map::new();
    if let Some((location, _)) = &done.written {
        out.insert("location".into(), json!(location));
    }
    out.insert("method".into(), json!(done.method));
    if let Some(bulk_id) = &done.bulk_id {
        out.insert("bulkId".into(), json!(bulk_id));
    }
    if let Some((_, etag)) = &done.written {
        out.insert("version".into(), json!(etag));
    }
    match dialect {
        ScimVersion::V2 => {
            out.insert("status".into(), json!(done.status.to_string()));
            if let Some(error) = &done.error {
                out.insert("response".into(), error.to_v2_body());
            }
        }
        ScimVersion::V1_1 => {
            out.insert("status".into(), v1::bulk::op_status(done.status, done.error.as_ref()));
        }
    }
    Value::Object(out)
}

/// Whether `bulk_id` belongs to a POST still to run in this pass or waiting for the next.
fn is_pending_post(ops: &[Op], later: &[usize], waiting: &[usize], bulk_id: &str) -> bool {
    later
        .iter()
        .chain(waiting)
        .filter_map(|&i| ops.get(i))
        .any(|op| op.method == "POST" && op.bulk_id.as_deref() == Some(bulk_id))
}

async fn execute<H: Host>(ctx: &Ctx<'_, H>, op: &Op, created: &BTreeMap<String, String>) -> Done {
    let path = substitute_path(&op.path, created);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let action = Action {
        method: op.method.clone(),
        endpoint: route::endpoint(&segments),
        params: Vec::new(),
        body: op.data.as_ref().map(|data| substitute(data, created)),
        if_match: op.version.clone(),
        if_none_match: None,
    };
    match super::dispatch(ctx, &action).await {
        Ok(reply) => succeeded(op, &reply),
        Err(error) => failed(op, error),
    }
}

fn succeeded(op: &Op, reply: &Reply) -> Done {
    let written = match reply {
        Reply::Resource { location, etag, .. } => Some((location.clone(), etag.clone())),
        _ => None,
    };
    Done { method: op.method.clone(), bulk_id: op.bulk_id.clone(), status: reply.status(), written, error: None }
}

fn failed(op: &Op, error: ScimError) -> Done {
    Done {
        method: op.method.clone(),
        bulk_id: op.bulk_id.clone(),
        status: error.status,
        written: None,
        error: Some(error),
    }
}

/// The id a successful POST created: the last segment of its location.
fn created_id(done: &Done) -> Option<String> {
    if done.error.is_some() || done.method != "POST" {
        return None;
    }
    let (location, _) = done.written.as_ref()?;
    location.rsplit('/').next().map(str::to_string)
}

/// The bulkIds an operation refers to, in its path and data.
fn references(op: &Op) -> Vec<String> {
    let mut out: Vec<String> = op.path.split('/').filter_map(bulk_ref).map(str::to_string).collect();
    let mut stack: Vec<&Value> = op.data.iter().collect();
    while let Some(value) = stack.pop() {
        match value {
            Value::String(s) => out.extend(bulk_ref(s).map(str::to_string)),
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    out
}

fn bulk_ref(text: &str) -> Option<&str> {
    text.strip_prefix("bulkId:").filter(|id| !id.is_empty())
}

fn substitute_path(path: &str, created: &BTreeMap<String, String>) -> String {
    path.split('/')
        .map(|segment| bulk_ref(segment).and_then(|r| created.get(r)).map_or(segment, String::as_str))
        .collect::<Vec<_>>()
        .join("/")
}

/// `data` with every `"bulkId:x"` string replaced by the id `x` created. The body guard
/// bounded its depth, and the walk is iterative anyway.
fn substitute(data: &Value, created: &BTreeMap<String, String>) -> Value {
    let mut out = data.clone();
    let mut stack: Vec<&mut Value> = vec![&mut out];
    while let Some(value) = stack.pop() {
        match value {
            Value::String(s) => {
                if let Some(id) = bulk_ref(s).and_then(|r| created.get(r)) {
                    *s = id.clone();
                }
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            Value::Object(map) => stack.extend(map.values_mut()),
            _ => {}
        }
    }
    out
}

/// The operations and `failOnErrors` of a BulkRequest body; its `schemas`, if sent, must
/// name the dialect's Bulk URN.
fn parse(body: &Value, dialect: ScimVersion) -> Result<(Vec<Op>, Option<usize>), ScimError> {
    let syntax = |detail: String| ScimError::typed(ScimType::InvalidSyntax, detail);
    let map = body.as_object().ok_or_else(|| syntax(format!("expected a BulkRequest object, found {body}")))?;
    let urn = match dialect {
        ScimVersion::V2 => BULK_REQUEST_URN,
        ScimVersion::V1_1 => v1::bulk::BULK_URN,
    };
    if let Some(schemas) = value_ci(map, "schemas") {
        let named = schemas
            .as_array()
            .is_some_and(|s| s.iter().any(|u| u.as_str().is_some_and(|u| u.eq_ignore_ascii_case(urn))));
        if !named {
            return Err(syntax(format!("expected \"schemas\" to contain {urn}, found {schemas}")));
        }
    }
    let fail_on_errors = match value_ci(map, "failOnErrors") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_u64() {
            Some(n) if n > 0 => Some(usize::try_from(n).unwrap_or(usize::MAX)),
            _ => {
                return Err(ScimError::typed(
                    ScimType::InvalidValue,
                    format!("expected failOnErrors to be a positive integer, found {v}"),
                ))
            }
        },
    };
    let items = value_ci(map, "Operations")
        .and_then(Value::as_array)
        .ok_or_else(|| syntax("expected an \"Operations\" array".into()))?;
    if items.len() > MAX_OPERATIONS as usize {
        let detail = format!(
            "the request has {} operations; the most one Bulk request may have is {MAX_OPERATIONS}",
            items.len()
        );
        return Err(ScimError::status(413, detail));
    }
    let ops = items.iter().enumerate().map(|(i, item)| op(i, item)).collect::<Result<Vec<_>, _>>()?;
    Ok((ops, fail_on_errors))
}

fn op(index: usize, item: &Value) -> Result<Op, ScimError> {
    let syntax = |detail: String| ScimError::typed(ScimType::InvalidSyntax, format!("Operations[{index}]: {detail}"));
    let map = item.as_object().ok_or_else(|| syntax(format!("expected an operation object, found {item}")))?;
    let text = |name| value_ci(map, name).and_then(Value::as_str).map(str::to_string);
    let method = text("method")
        .map(|m| m.to_ascii_uppercase())
        .filter(|m| matches!(m.as_str(), "POST" | "PUT" | "PATCH" | "DELETE"));
    let method = method.ok_or_else(|| syntax("expected \"method\" POST, PUT, PATCH or DELETE".into()))?;
    let path = text("path").ok_or_else(|| syntax("expected a \"path\" such as /Users".into()))?;
    Ok(Op { method, bulk_id: text("bulkId"), path, data: value_ci(map, "data").cloned(), version: text("version") })
}
