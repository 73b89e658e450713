//! Dry-run: the request runs through the very same handlers against an [`Overlay`] of the
//! host, which reads through to the real store and keeps every write to itself. So the
//! answer is the real answer, nothing is stored, and the outbox items the write would
//! have queued can be read back from the overlay: that is the Jira work it would cause.

use std::cell::RefCell;
use std::collections::BTreeMap;

use crate::host::{Host, HostError, HttpRequest, HttpResponse, ListPage, LogLevel, Write};
use crate::outbox::{self, Item, Task};

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
