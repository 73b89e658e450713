//! Dry-run: the request runs through the very same handlers against an [`Overlay`] of the
//! host, which reads through to the real store and keeps every write to itself. So the
//! answer is the real answer, nothing is stored, and the outbox items the write would
//! have queued can be read back from the overlay: that is the Jira work it would cause.
//!
//! Two ways in: a SCIM request with `X-Usersync-Dry-Run: true`, authenticated like any
//! other (`service::handle`), and [`as_connection`] for the admin API, whose caller the
//! host has already authenticated as an admin, so it needs no SCIM token. `handle` never
//! reaches [`as_connection`]: from the SCIM side a dry run still needs the bearer token.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::route::{self, Route};
use super::{sync_seam, DryRunReport, ScimRequest, ScimResponse};
use crate::connection::Connection;
use crate::host::{Host, HostError, HttpRequest, HttpResponse, ListPage, LogLevel, Write};
use crate::outbox::{self, Item, Task};

/// Dry-runs an authenticated request as `conn`: the real answer, plus what it would do.
pub(super) async fn run<H: Host>(host: &H, conn: &Connection, route: &Route, request: &ScimRequest) -> ScimResponse {
    let overlay = Overlay::new(host);
    let (mut response, _) = super::serve(&overlay, conn, route, request).await;
    let tasks = overlay.queued_tasks();
    let (jira_calls, outcomes) = match sync_seam::preview(&overlay, conn, &tasks).await {
        Ok(preview) => (preview.calls, preview.outcomes),
        Err(error) => (Vec::new(), vec![format!("no preview: {}", error.detail)]),
    };
    response.headers.push(("X-Usersync-Dry-Run".into(), "true".into()));
    response.dry_run = Some(DryRunReport { tasks, jira_calls, outcomes, writes: overlay.touched().len() });
    response
}

/// For the admin API only: dry-runs `request` as connection `conn` without a bearer token.
/// `request.path` is relative to the connection's base (`/Users`, `/Groups/{id}`); it is
/// served in the connection's own dialect, and no header authenticates anything here.
pub async fn as_connection<H: Host>(host: &H, conn: &Connection, request: &ScimRequest) -> ScimResponse {
    let path = request.path.split(['?', '#']).next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let route = Route { conn: conn.id.clone(), dialect: conn.scim, endpoint: route::endpoint(&segments) };
    run(host, conn, &route, request).await
}

/// A host whose writes stay in memory. Fetch is refused: a dry run calls no one.
pub struct Overlay<'a, H: Host> {
    inner: &'a H,
    /// Written (`Some`) or deleted (`None`) keys.
    writes: RefCell<BTreeMap<String, Option<String>>>,
    /// Set (`Some`) or deleted (`None`) secrets.
    secrets: RefCell<BTreeMap<String, Option<String>>>,
}

impl<'a, H: Host> Overlay<'a, H> {
    pub fn new(inner: &'a H) -> Self {
        Overlay { inner, writes: RefCell::default(), secrets: RefCell::default() }
    }

    /// The tasks queued during the run, in the order they would run.
    pub fn queued_tasks(&self) -> Vec<Task> {
        let mut items: Vec<Item> = self
            .writes
            .borrow()
            .iter()
            .filter(|(key, _)| key.starts_with(outbox::keys::OUTBOX))
            .filter_map(|(_, value)| value.as_deref().and_then(|v| serde_json::from_str(v).ok()))
            .collect();
        items.sort_by_key(Item::order);
        items.into_iter().map(|item| item.task).collect()
    }

    /// Every key the run would have written (`true`) or deleted (`false`).
    pub fn touched(&self) -> Vec<(String, bool)> {
        self.writes.borrow().iter().map(|(k, v)| (k.clone(), v.is_some())).collect()
    }
}

impl<H: Host> Host for Overlay<'_, H> {
    async fn fetch(&self, request: HttpRequest) -> Result<HttpResponse, HostError> {
        Err(HostError::Refused { detail: format!("dry run: {} {} not sent", request.method, request.url) })
    }

    fn now(&self) -> i64 {
        self.inner.now()
    }

    fn log(&self, level: LogLevel, event: &str) {
        self.inner.log(level, event);
    }

    async fn raw_get(&self, key: &str) -> Result<Option<String>, HostError> {
        let local = self.writes.borrow().get(key).cloned();
        match local {
            Some(value) => Ok(value),
            None => self.inner.get(key).await,
        }
    }

    async fn raw_set(&self, key: &str, value: &str) -> Result<(), HostError> {
        self.writes.borrow_mut().insert(key.to_string(), Some(value.to_string()));
        Ok(())
    }

    async fn raw_create(&self, key: &str, value: &str) -> Result<bool, HostError> {
        if self.raw_get(key).await?.is_some() {
            return Ok(false);
        }
        self.raw_set(key, value).await?;
        Ok(true)
    }

    async fn raw_delete(&self, key: &str) -> Result<(), HostError> {
        self.writes.borrow_mut().insert(key.to_string(), None);
        Ok(())
    }

    /// Walks the whole prefix below (dry runs are rare), lays the writes over it, and
    /// pages the result by key, the cursor being the last key returned.
    async fn raw_list(&self, prefix: &str, cursor: Option<&str>, limit: usize) -> Result<ListPage, HostError> {
        let mut merged = BTreeMap::new();
        let mut below = None;
        loop {
            let page = self.inner.list(prefix, below, crate::host::MAX_LIST_PAGE).await?;
            merged.extend(page.entries);
            match page.next_cursor {
                Some(next) => below = Some(next),
                None => break,
            }
        }
        for (key, value) in self.writes.borrow().range(prefix.to_string()..) {
            if !key.starts_with(prefix) {
                break;
            }
            match value {
                Some(v) => merged.insert(key.clone(), v.clone()),
                None => merged.remove(key),
            };
        }
        let mut rest = merged.into_iter().filter(|(key, _)| cursor.is_none_or(|c| key.as_str() > c));
        let entries: Vec<(String, String)> = rest.by_ref().take(limit).collect();
        let next_cursor = if rest.next().is_some() { entries.last().map(|(k, _)| k.clone()) } else { None };
        Ok(ListPage { entries, next_cursor })
    }

    async fn raw_transact(&self, writes: &[Write]) -> Result<(), HostError> {
        let mut local = self.writes.borrow_mut();
        for write in writes {
            match write {
                Write::Set { key, value } => local.insert(key.clone(), Some(value.clone())),
                Write::Delete { key } => local.insert(key.clone(), None),
            };
        }
        Ok(())
    }

    async fn raw_get_secret(&self, name: &str) -> Result<Option<String>, HostError> {
        let local = self.secrets.borrow().get(name).cloned();
        match local {
            Some(value) => Ok(value),
            None => self.inner.get_secret(name).await,
        }
    }

    async fn raw_set_secret(&self, name: &str, value: &str) -> Result<(), HostError> {
        self.secrets.borrow_mut().insert(name.to_string(), Some(value.to_string()));
        Ok(())
    }

    async fn raw_delete_secret(&self, name: &str) -> Result<(), HostError> {
        self.secrets.borrow_mut().insert(name.to_string(), None);
        Ok(())
    }
}
