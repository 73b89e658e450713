//! `UsersyncCore`: one per JS runtime, built on the host object. Every method returns a
//! promise; each converts its arguments (`interop`), calls the core, and converts the
//! result or the error (`errors`). Nothing here decides anything.

use std::future::Future;
use std::rc::Rc;

use js_sys::Promise;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::errors::JsFailure;
use super::host::{JsHost, WasmHost};
use super::interop::{from_js, scim_request, scim_response, to_js};
use crate::admin::{self, ConnectionUpdate, JiraSettingsInput, NewConnection};
use crate::audit::{self, AuditFilter};
use crate::outbox::{self, StoreSites};
use crate::reconcile::{self, DriftReport};
use crate::service;

/// What `reconcile` answers: the drift report, plus how many fixing tasks were queued.
#[derive(Serialize)]
struct ReconcileResult {
    #[serde(flatten)]
    report: DriftReport,
    repaired: usize,
}

/// The usersync core over a host's IO.
#[wasm_bindgen(js_name = UsersyncCore)]
pub struct Core {
    host: Rc<WasmHost>,
}

/// Runs `work` on a clone of the host and resolves with its JSON-compatible result.
fn promise<T, F, Fut>(core: &Core, work: F) -> Promise
where
    T: Serialize,
    F: FnOnce(Rc<WasmHost>) -> Fut + 'static,
    Fut: Future<Output = Result<T, JsFailure>> + 'static,
{
    let host = Rc::clone(&core.host);
    future_to_promise(async move {
        let value = work(host).await?;
        Ok(to_js(&value)?)
    })
}

#[wasm_bindgen(js_class = UsersyncCore)]
impl Core {
    #[wasm_bindgen(constructor)]
    pub fn new(host: JsHost) -> Core {
        Core { host: Rc::new(WasmHost(host)) }
    }

    /// Answers one SCIM request (never rejects for a SCIM error: those are responses).
    #[wasm_bindgen(unchecked_return_type = "Promise<ScimResponse>")]
    pub fn handle(&self, #[wasm_bindgen(unchecked_param_type = "ScimRequest")] request: JsValue) -> Promise {
        let host = Rc::clone(&self.host);
        future_to_promise(async move {
            let request = scim_request(request)?;
            let response = service::handle(&*host, request).await;
            Ok(scim_response(&response)?)
        })
    }

    /// For the admin (whom the host authenticated): dry-runs `request` as connection `id`
    /// with no SCIM token; `request.path` is relative to the connection's base (`/Users`).
    #[wasm_bindgen(js_name = dryRun, unchecked_return_type = "Promise<ScimResponse>")]
    pub fn dry_run(
        &self,
        id: String,
        #[wasm_bindgen(unchecked_param_type = "ScimRequest")] request: JsValue,
    ) -> Promise {
        let host = Rc::clone(&self.host);
        future_to_promise(async move {
            let request = scim_request(request)?;
            let response = admin::dry_run(&*host, &id, request).await.map_err(JsFailure::from)?;
            Ok(scim_response(&response)?)
        })
    }

    /// Runs queued Jira work for up to `budgetMs`.
    #[wasm_bindgen(unchecked_return_type = "Promise<DrainReport>")]
    pub fn drain(&self, #[wasm_bindgen(js_name = budgetMs)] budget_ms: f64) -> Promise {
        promise(
            self,
            move |host| async move { Ok(outbox::drain(&*host, &StoreSites, budget_ms.max(0.0) as i64).await?) },
        )
    }

    #[wasm_bindgen(js_name = createConnection, unchecked_return_type = "Promise<CreatedConnection>")]
    pub fn create_connection(&self, #[wasm_bindgen(unchecked_param_type = "NewConnection")] input: JsValue) -> Promise {
        promise(self, move |host| async move {
            let input: NewConnection = from_js(input, "connection")?;
            Ok(admin::create_connection(&*host, input).await?)
        })
    }

    #[wasm_bindgen(js_name = listConnections, unchecked_return_type = "Promise<Connection[]>")]
    pub fn list_connections(&self) -> Promise {
        promise(self, move |host| async move { Ok(admin::list_connections(&*host).await?) })
    }

    #[wasm_bindgen(js_name = getConnection, unchecked_return_type = "Promise<Connection>")]
    pub fn get_connection(&self, id: String) -> Promise {
        promise(self, move |host| async move { Ok(admin::get_connection(&*host, &id).await?) })
    }

    #[wasm_bindgen(js_name = updateConnection, unchecked_return_type = "Promise<Connection>")]
    pub fn update_connection(
        &self,
        id: String,
        #[wasm_bindgen(unchecked_param_type = "ConnectionUpdate")] update: JsValue,
    ) -> Promise {
        promise(self, move |host| async move {
            let update: ConnectionUpdate = from_js(update, "connection update")?;
            Ok(admin::update_connection(&*host, &id, update).await?)
        })
    }

    /// A new bearer token for the connection, shown this once; the old one stops working.
    #[wasm_bindgen(js_name = rotateToken, unchecked_return_type = "Promise<string>")]
    pub fn rotate_token(&self, id: String) -> Promise {
        promise(self, move |host| async move { Ok(admin::rotate_token(&*host, &id).await?) })
    }

    #[wasm_bindgen(js_name = removeConnection, unchecked_return_type = "Promise<void>")]
    pub fn remove_connection(&self, id: String) -> Promise {
        promise(self, move |host| async move { Ok(admin::remove_connection(&*host, &id).await?) })
    }

    #[wasm_bindgen(js_name = setJiraSettings, unchecked_return_type = "Promise<JiraSettings>")]
    pub fn set_jira_settings(
        &self,
        id: String,
        #[wasm_bindgen(unchecked_param_type = "JiraSettingsInput")] input: JsValue,
    ) -> Promise {
        promise(self, move |host| async move {
            let input: JiraSettingsInput = from_js(input, "Jira settings")?;
            Ok(admin::set_jira_settings(&*host, &id, input).await?)
        })
    }

    #[wasm_bindgen(js_name = getJiraSettings, unchecked_return_type = "Promise<JiraSettings | null>")]
    pub fn get_jira_settings(&self, id: String) -> Promise {
        promise(self, move |host| async move { Ok(admin::get_jira_settings(&*host, &id).await?) })
    }

    /// For operators of the Node and browser hosts: the Jira simulator base URL a
    /// connection's site URL may name (`null` clears it).
    #[wasm_bindgen(js_name = setSimulator, unchecked_return_type = "Promise<void>")]
    pub fn set_simulator(&self, url: Option<String>) -> Promise {
        promise(self, move |host| async move { Ok(admin::set_simulator(&*host, url.as_deref()).await?) })
    }

    /// Who the connection's Jira credentials sign in as (`GET /rest/api/3/myself`).
    #[wasm_bindgen(js_name = testJira, unchecked_return_type = "Promise<JiraIdentity>")]
    pub fn test_jira(&self, id: String) -> Promise {
        promise(self, move |host| async move { Ok(admin::test_jira(&*host, &id).await?) })
    }

    /// The Jira site's groups, for the mapping picker (at most 1000; `truncated` says so).
    #[wasm_bindgen(js_name = jiraGroups, unchecked_return_type = "Promise<JiraList<JiraGroup>>")]
    pub fn jira_groups(&self, id: String) -> Promise {
        promise(self, move |host| async move { Ok(admin::jira_groups(&*host, &id).await?) })
    }

    /// The Jira site's service desks, for the mapping picker (at most 1000).
    #[wasm_bindgen(js_name = jiraServiceDesks, unchecked_return_type = "Promise<JiraList<ServiceDesk>>")]
    pub fn jira_service_desks(&self, id: String) -> Promise {
        promise(self, move |host| async move { Ok(admin::jira_service_desks(&*host, &id).await?) })
    }

    /// Compares a connection's stored state with Jira within `budgetMs`; with `repair`,
    /// queues the tasks that fix the drift it found.
    #[wasm_bindgen(unchecked_return_type = "Promise<ReconcileResult>")]
    pub fn reconcile(&self, conn: String, repair: bool, #[wasm_bindgen(js_name = budgetMs)] budget_ms: f64) -> Promise {
        promise(self, move |host| async move {
            let report = reconcile::reconcile(&*host, &StoreSites, &conn, budget_ms.max(0.0) as i64).await?;
            let repaired = if repair { reconcile::repair(&*host, &report).await? } else { 0 };
            Ok(ReconcileResult { report, repaired })
        })
    }

    /// One page of a connection's queued work.
    #[wasm_bindgen(js_name = listQueue, unchecked_return_type = "Promise<Listing<QueueItem>>")]
    pub fn list_queue(&self, conn: String, cursor: Option<String>) -> Promise {
        promise(self, move |host| async move { Ok(outbox::list_items(&*host, &conn, cursor).await?) })
    }

    #[wasm_bindgen(js_name = listDeadLetters, unchecked_return_type = "Promise<Listing<DeadLetter>>")]
    pub fn list_dead_letters(&self, conn: String, cursor: Option<String>) -> Promise {
        promise(self, move |host| async move { Ok(outbox::list_dead_letters(&*host, &conn, cursor).await?) })
    }

    /// Sends a dead letter back to the queue; `false` if there was none with that id.
    #[wasm_bindgen(js_name = retryDeadLetter, unchecked_return_type = "Promise<boolean>")]
    pub fn retry_dead_letter(&self, conn: String, id: String) -> Promise {
        promise(self, move |host| async move { Ok(outbox::retry_dead_letter(&*host, &conn, &id).await?) })
    }

    #[wasm_bindgen(js_name = discardDeadLetter, unchecked_return_type = "Promise<void>")]
    pub fn discard_dead_letter(&self, conn: String, id: String) -> Promise {
        promise(self, move |host| async move { Ok(outbox::discard_dead_letter(&*host, &conn, &id).await?) })
    }

    /// The newest audit entries passing `filter`, `limit` at a time (1–500).
    #[wasm_bindgen(js_name = queryAudit, unchecked_return_type = "Promise<AuditPage>")]
    pub fn query_audit(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AuditFilter")] filter: JsValue,
        limit: Option<u32>,
    ) -> Promise {
        promise(self, move |host| async move {
            let filter: AuditFilter = if filter.is_undefined() || filter.is_null() {
                AuditFilter::default()
            } else {
                from_js(filter, "audit filter")?
            };
            let limit = limit.unwrap_or(50) as usize;
            Ok(audit::query(&*host, &filter, limit).await?)
        })
    }
}
