//! The service end to end over `MemoryHost`: one harness ([`Env`]) sends requests the
//! way a host would and reads the answers back as JSON.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

mod auth;
mod bulk;
mod concurrency;
mod groups;
mod search;
mod users;
mod v1;

use std::rc::Rc;

use serde_json::{json, Value};

use super::{handle, ScimRequest, ScimResponse};
use crate::admin::{self, NewConnection};
use crate::connection::{ScimVersion, SyncMode};
use crate::host::{block_on, MemoryHost};

/// A host with one connection and its token.
pub struct Env {
    pub host: Rc<MemoryHost>,
    pub conn: String,
    pub token: String,
    pub dialect: ScimVersion,
}

/// A response with its body parsed (`Null` when empty).
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub raw: ScimResponse,
    pub body: Value,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.raw.header(name)
    }

    pub fn id(&self) -> String {
        self.body["id"].as_str().unwrap_or_default().to_string()
    }

    /// `scimType` of a 2.0 error body.
    pub fn scim_type(&self) -> Option<&str> {
        self.body["scimType"].as_str()
    }
}

impl Env {
    pub fn new() -> Env {
        Env::with(ScimVersion::V2, SyncMode::User)
    }

    pub fn with(dialect: ScimVersion, mode: SyncMode) -> Env {
        Env::on(Rc::new(MemoryHost::new()), dialect, mode)
    }

    /// Another connection on the same host.
    pub fn sibling(&self, dialect: ScimVersion, mode: SyncMode) -> Env {
        Env::on(Rc::clone(&self.host), dialect, mode)
    }

    fn on(host: Rc<MemoryHost>, dialect: ScimVersion, mode: SyncMode) -> Env {
        let new = NewConnection { name: "test".into(), scim: dialect, mode, ..NewConnection::default() };
        let created = match block_on(admin::create_connection(&*host, new)) {
            Ok(c) => c,
            Err(e) => panic!("create_connection: {e}"),
        };
        Env { host, conn: created.connection.id, token: created.token, dialect }
    }

    /// `/{conn}/{v2|v1}` + `path`.
    pub fn path(&self, path: &str) -> String {
        format!("/{}/{}{path}", self.conn, self.dialect.segment())
    }

    pub fn request(&self, method: &str, path: &str, body: Option<Value>) -> ScimRequest {
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        ScimRequest {
            method: method.into(),
            path: self.path(path),
            query: query.into(),
            headers: vec![("Authorization".into(), format!("Bearer {}", self.token))],
            body: body.map(|b| b.to_string()),
            base_url: Some("https://scim.example.com/scim".into()),
            drain_budget_ms: None,
        }
    }

    /// Sends a request; the clock moves 1 ms, as it would between two requests.
    pub fn send(&self, request: ScimRequest) -> Resp {
        let raw = block_on(handle(&*self.host, request));
        self.host.advance(1);
        let body = serde_json::from_str(&raw.body).unwrap_or(Value::Null);
        Resp { status: raw.status, raw, body }
    }

    pub fn call(&self, method: &str, path: &str, body: Option<Value>) -> Resp {
        self.send(self.request(method, path, body))
    }

    pub fn with_header(&self, method: &str, path: &str, body: Option<Value>, name: &str, value: &str) -> Resp {
        let mut request = self.request(method, path, body);
        request.headers.push((name.into(), value.into()));
        self.send(request)
    }

    /// Creates a user and returns its id.
    pub fn user(&self, user_name: &str) -> String {
        let resp = self.call("POST", "/Users", Some(user_body(user_name)));
        assert_eq!(resp.status, 201, "{:?}", resp.body);
        resp.id()
    }

    /// Keys of the data store (not audit), for "nothing was stored" checks.
    pub fn data_keys(&self) -> Vec<String> {
        self.host.kv_snapshot().into_keys().filter(|k| !k.starts_with("au")).collect()
    }

    /// Outbox tasks queued so far, as JSON.
    pub fn queued(&self) -> Vec<Value> {
        let mut items: Vec<Value> = self
            .host
            .kv_snapshot()
            .into_iter()
            .filter(|(k, _)| k.starts_with("ob:"))
            .filter_map(|(_, v)| serde_json::from_str::<Value>(&v).ok())
            .collect();
        items.sort_by_key(|i| (i["enqueuedAt"].as_i64(), i["seq"].as_u64()));
        items.into_iter().map(|i| i["task"].clone()).collect()
    }
}

pub fn user_body(user_name: &str) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": user_name,
        "name": {"givenName": "Given", "familyName": "Family"},
        "emails": [{"value": user_name, "type": "work", "primary": true}],
        "active": true
    })
}

pub fn group_body(name: &str, members: &[&str]) -> Value {
    let members: Vec<Value> = members.iter().map(|m| json!({"value": m})).collect();
    json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": name, "members": members})
}

pub fn patch_body(ops: Value) -> Value {
    json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": ops})
}

#[test]
fn discovery_advertises_what_is_served() {
    let env = Env::new();
    let spc = env.call("GET", "/ServiceProviderConfig", None);
    assert_eq!(spc.status, 200);
    assert_eq!(spc.body["bulk"]["supported"], json!(true));
    assert_eq!(spc.body["bulk"]["maxOperations"], json!(super::bulk::MAX_OPERATIONS));
    assert_eq!(spc.body["patch"]["supported"], json!(true));
    assert_eq!(spc.body["etag"]["supported"], json!(true));
    assert!(spc.header("content-type").is_some_and(|c| c.starts_with("application/scim+json")));
    let types = env.call("GET", "/ResourceTypes", None);
    assert_eq!(types.body["totalResults"], json!(2));
    let user = env.call("GET", "/ResourceTypes/User", None);
    assert_eq!(user.body["endpoint"], json!("/Users"));
    let schema = env.call("GET", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group", None);
    assert_eq!(schema.body["id"], json!("urn:ietf:params:scim:schemas:core:2.0:Group"));
    assert_eq!(env.call("GET", "/Schemas/urn:nope", None).status, 404);
}

#[test]
fn dry_run_answers_as_if_done_and_stores_nothing() {
    let env = Env::new();
    let before = env.host.kv_snapshot();
    let resp = env.with_header("POST", "/Users", Some(user_body("dry@example.com")), "X-Usersync-Dry-Run", "true");
    assert_eq!(resp.status, 201, "{:?}", resp.body);
    assert_eq!(resp.body["userName"], json!("dry@example.com"));
    assert_eq!(resp.header("x-usersync-dry-run"), Some("true"));
    let report = resp.raw.dry_run.clone().unwrap_or_default();
    let tasks = serde_json::to_value(&report.tasks).unwrap_or_default();
    assert_eq!(tasks, json!([{"task": "syncUser", "conn": env.conn, "user": resp.id()}]));
    assert!(report.writes > 0);
    let calls: Vec<&str> = report.jira_calls.iter().map(|c| c.op.kind()).collect();
    assert_eq!(calls, ["findUserByEmail", "createUser"], "find before create: {:?}", report.outcomes);
    assert_eq!(env.host.kv_snapshot(), before, "a dry run stores nothing, not even audit");
    assert_eq!(env.call("GET", &format!("/Users/{}", resp.id()), None).status, 404);
    // A dry run sees the real store: a taken userName is still a conflict.
    env.user("taken@example.com");
    let conflict = env.with_header("POST", "/Users", Some(user_body("taken@example.com")), "X-Usersync-Dry-Run", "1");
    assert_eq!((conflict.status, conflict.scim_type()), (409, Some("uniqueness")));
}

#[test]
fn every_request_is_audited_without_its_query() {
    let env = Env::new();
    env.call("GET", "/Users?filter=userName%20eq%20%22secret%40example.com%22", None);
    let audit: Vec<String> =
        env.host.kv_snapshot().into_iter().filter(|(k, _)| k.starts_with("au:")).map(|(_, v)| v).collect();
    assert_eq!(audit.len(), 1, "{audit:?}");
    let entry: Value = serde_json::from_str(&audit[0]).unwrap_or_default();
    assert_eq!(entry["kind"], json!("scim"));
    assert_eq!(entry["method"], json!("GET"));
    assert_eq!(entry["status"], json!(200));
    assert_eq!(entry["conn"], json!(env.conn));
    assert!(!audit[0].contains("secret"), "{}", audit[0]);
}
