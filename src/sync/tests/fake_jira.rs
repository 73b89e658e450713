//! A scripted Jira for native tests: just enough state (accounts, groups, desks,
//! suspensions) to answer the endpoints `jira` builds as Jira documents them, with
//! faults queued per endpoint. The Node end-to-end tests use the real simulator.

use crate::host::{HostError, HttpRequest, HttpResponse};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: String,
    pub email: String,
    pub name: String,
    pub customer: bool,
    /// Hidden from searches (the account's privacy setting).
    pub hidden: bool,
}

/// What to do instead of answering, the next time an endpoint is called.
#[derive(Debug, Clone)]
pub enum Fault {
    Status(u16, Option<u64>),
    /// No response, nothing done.
    Drop,
    /// Done, but the response is lost.
    DropAfter,
}

#[derive(Default)]
pub struct Jira {
    pub accounts: Vec<Account>,
    /// id → (name, members)
    pub groups: BTreeMap<String, (String, BTreeSet<String>)>,
    pub desks: BTreeMap<String, BTreeSet<String>>,
    pub suspended: BTreeSet<String>,
    faults: Vec<(String, VecDeque<Fault>)>,
    next: u32,
}

pub type Shared = Rc<RefCell<Jira>>;

impl Jira {
    pub fn shared() -> Shared {
        let mut jira = Jira::default();
        for name in ["jira-software-users", "jira-servicemanagement-users", "developers"] {
            jira.add_group(name);
        }
        for desk in ["1", "2"] {
            jira.desks.insert(desk.into(), BTreeSet::new());
        }
        Rc::new(RefCell::new(jira))
    }

    fn id(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{}", self.next)
    }

    pub fn add_account(&mut self, email: &str, name: &str) -> String {
        let id = self.id("acc-");
        self.accounts.push(Account {
            id: id.clone(),
            email: email.into(),
            name: name.into(),
            customer: false,
            hidden: false,
        });
        id
    }

    pub fn add_group(&mut self, name: &str) -> String {
        let id = self.id("grp-");
        self.groups.insert(id.clone(), (name.into(), BTreeSet::new()));
        id
    }

    pub fn group_named(&self, name: &str) -> Option<(String, BTreeSet<String>)> {
        self.groups.iter().find(|(_, (n, _))| n.eq_ignore_ascii_case(name)).map(|(id, (_, m))| (id.clone(), m.clone()))
    }

    pub fn members_of(&self, name: &str) -> BTreeSet<String> {
        self.group_named(name).map(|(_, m)| m).unwrap_or_default()
    }

    pub fn account_by_email(&self, email: &str) -> Option<Account> {
        self.accounts.iter().find(|a| a.email.eq_ignore_ascii_case(email)).cloned()
    }

    /// Queues `fault` for the next call to `endpoint` (`"POST /rest/api/3/user"`).
    pub fn fail_next(&mut self, endpoint: &str, fault: Fault) {
        match self.faults.iter_mut().find(|(e, _)| e == endpoint) {
            Some((_, queue)) => queue.push_back(fault),
            None => self.faults.push((endpoint.to_string(), VecDeque::from([fault]))),
        }
    }

    pub fn answer(&mut self, request: &HttpRequest) -> Result<HttpResponse, HostError> {
        let (path, query) = split(&request.url);
        let endpoint = format!("{} {}", request.method, template(&path));
        let fault = self.faults.iter_mut().find(|(e, _)| *e == endpoint).and_then(|(_, q)| q.pop_front());
        let body: Value = request.body.as_deref().and_then(|b| serde_json::from_str(b).ok()).unwrap_or(Value::Null);
        match fault {
            Some(Fault::Status(status, after)) => {
                let response = HttpResponse::new(status, r#"{"errorMessages":["scripted failure"]}"#);
                Ok(match after {
                    Some(secs) => response.with_header("Retry-After", &secs.to_string()),
                    None => response,
                })
            }
            Some(Fault::Drop) => Err(HostError::Network { detail: "scripted drop".into() }),
            Some(Fault::DropAfter) => {
                let _ = self.route(&endpoint, &path, &query, &body);
                Err(HostError::Network { detail: "scripted drop after the change".into() })
            }
            None => Ok(self.route(&endpoint, &path, &query, &body)),
        }
    }

    fn route(&mut self, endpoint: &str, path: &str, q: &BTreeMap<String, String>, body: &Value) -> HttpResponse {
        let arg = |k: &str| q.get(k).cloned().unwrap_or_default();
        let field = |k: &str| body.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
        match endpoint {
            "GET /rest/api/3/user/search" => {
                let query = arg("query").to_lowercase();
                let found: Vec<Value> = self
                    .accounts
                    .iter()
                    .filter(|a| !self.suspended.contains(&a.id) && a.email.to_lowercase().starts_with(&query))
                    .map(user_json)
                    .collect();
                ok(200, Value::Array(found))
            }
            "POST /rest/api/3/user" => {
                let email = field("emailAddress");
                let account = match self.account_by_email(&email) {
                    Some(account) => account,
                    None => {
                        let id = self.id("acc-");
                        let account = Account { id, email, name: field("displayName"), customer: false, hidden: false };
                        self.accounts.push(account.clone());
                        account
                    }
                };
                ok(201, user_json(&account))
            }
            "POST /rest/api/3/group" => {
                let name = field("name");
                if self.group_named(&name).is_some() {
                    return error(400, "A group with that name already exists.");
                }
                let id = self.add_group(&name);
                ok(201, json!({"name": name, "groupId": id}))
            }
            "GET /rest/api/3/group/bulk" => {
                let values: Vec<Value> =
                    self.group_named(&arg("groupName")).map(|(id, _)| self.group_json(&id)).into_iter().collect();
                ok(
                    200,
                    json!({"isLast": true, "startAt": 0, "maxResults": 50, "total": values.len(), "values": values}),
                )
            }
            "DELETE /rest/api/3/group" => match self.groups.remove(&arg("groupId")) {
                Some(_) => HttpResponse::new(200, ""),
                None => error(404, "group not found"),
            },
            "POST /rest/api/3/group/user" => self.membership(&arg("groupId"), &field("accountId"), true),
            "DELETE /rest/api/3/group/user" => self.membership(&arg("groupId"), &arg("accountId"), false),
            "GET /rest/api/3/group/member" => {
                let Some((_, members)) = self.groups.get(&arg("groupId")) else { return error(404, "group not found") };
                let start: usize = arg("startAt").parse().unwrap_or(0);
                let all: Vec<Value> = members.iter().filter_map(|m| self.account(m)).map(|a| user_json(&a)).collect();
                let page: Vec<Value> = all.iter().skip(start).take(50).cloned().collect();
                let last = start + page.len() >= all.len();
                ok(200, json!({"startAt": start, "maxResults": 50, "total": all.len(), "isLast": last, "values": page}))
            }
            "POST /rest/servicedeskapi/customer" => {
                let email = field("email");
                if self.account_by_email(&email).is_some() {
                    return ok(409, json!({"errorMessage": "An account already exists for this email"}));
                }
                let id = self.id("qm-");
                let account = Account { id, email, name: field("displayName"), customer: true, hidden: false };
                self.accounts.push(account.clone());
                ok(201, user_json(&account))
            }
            "POST /rest/servicedeskapi/servicedesk/{id}/customer"
            | "DELETE /rest/servicedeskapi/servicedesk/{id}/customer" => {
                let desk = path.split('/').nth(4).unwrap_or_default().to_string();
                let ids: Vec<String> = body["accountIds"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect();
                let Some(customers) = self.desks.get_mut(&desk) else { return error(404, "no such desk") };
                for id in ids {
                    if endpoint.starts_with("POST") {
                        customers.insert(id);
                    } else {
                        customers.remove(&id);
                    }
                }
                HttpResponse::new(204, "")
            }
            "GET /rest/servicedeskapi/servicedesk/{id}/customer" => {
                let desk = path.split('/').nth(4).unwrap_or_default().to_string();
                let Some(ids) = self.desks.get(&desk) else { return error(404, "no such desk") };
                let values: Vec<Value> = ids.iter().filter_map(|id| self.account(id)).map(|a| user_json(&a)).collect();
                ok(200, json!({"start": 0, "limit": 50, "size": values.len(), "isLastPage": true, "values": values}))
            }
            "POST /admin/v2/orgs/{org}/directories/{dir}/users/{id}/suspend"
            | "POST /admin/v2/orgs/{org}/directories/{dir}/users/{id}/restore" => {
                let id = path.split('/').nth(8).unwrap_or_default().to_string();
                if endpoint.ends_with("suspend") {
                    self.suspended.insert(id);
                } else {
                    self.suspended.remove(&id);
                }
                HttpResponse::new(204, "")
            }
            "GET /rest/api/3/user" => match self.account(&arg("accountId")) {
                Some(account) => {
                    let mut user = user_json(&account);
                    user["active"] = json!(!self.suspended.contains(&account.id));
                    let groups: Vec<Value> = self
                        .groups
                        .values()
                        .filter(|(_, members)| members.contains(&account.id))
                        .map(|(name, _)| json!({"name": name}))
                        .collect();
                    let listed = if arg("expand").contains("groups") { groups.clone() } else { Vec::new() };
                    user["groups"] = json!({"size": groups.len(), "items": listed});
                    ok(200, user)
                }
                None => error(404, "user not found"),
            },
            _ => error(404, &format!("fake Jira has no route {endpoint}")),
        }
    }

    fn account(&self, id: &str) -> Option<Account> {
        self.accounts.iter().find(|a| a.id == id).cloned()
    }

    fn group_json(&self, id: &str) -> Value {
        json!({"name": self.groups.get(id).map(|g| g.0.clone()), "groupId": id})
    }

    fn membership(&mut self, group: &str, account: &str, add: bool) -> HttpResponse {
        if self.account(account).is_none() {
            return error(404, "Specified user does not exist");
        }
        let Some((name, members)) = self.groups.get_mut(group) else { return error(404, "group not found") };
        match (add, members.contains(account)) {
            (true, true) => error(400, &format!("Cannot add user. '{account}' is already a member of '{name}'.")),
            (false, false) => error(400, &format!("Cannot remove user. '{account}' is not a member of '{name}'.")),
            (true, false) => {
                members.insert(account.to_string());
                ok(201, json!({"name": name, "groupId": group}))
            }
            (false, true) => {
                members.remove(account);
                HttpResponse::new(200, "")
            }
        }
    }
}

fn user_json(a: &Account) -> Value {
    let kind = if a.customer { "customer" } else { "atlassian" };
    let email = if a.hidden { Value::Null } else { json!(a.email) };
    json!({"accountId": a.id, "accountType": kind, "emailAddress": email, "displayName": a.name, "active": true})
}

fn ok(status: u16, body: Value) -> HttpResponse {
    HttpResponse::new(status, body.to_string())
}

fn error(status: u16, message: &str) -> HttpResponse {
    ok(status, json!({"errorMessages": [message], "errors": {}}))
}

/// The path with ids replaced by placeholders, so endpoints read like the docs.
pub fn template(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    let named: Vec<String> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| match (parts.get(i.wrapping_sub(1)).copied(), *p) {
            (Some("servicedesk"), _) => "{id}".into(),
            (Some("orgs"), _) => "{org}".into(),
            (Some("directories"), _) => "{dir}".into(),
            (Some("users"), _) if path.starts_with("/admin") => "{id}".into(),
            (_, p) => p.to_string(),
        })
        .collect();
    named.join("/")
}

/// Path and decoded query of a URL.
fn split(url: &str) -> (String, BTreeMap<String, String>) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path_and_query = rest.find('/').map_or("/", |i| &rest[i..]);
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    let pairs = query.split('&').filter(|p| !p.is_empty()).map(|p| {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        (decode(k), decode(v))
    });
    (path.to_string(), pairs.collect())
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
