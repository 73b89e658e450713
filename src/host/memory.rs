//! [`MemoryHost`]: the in-memory [`Host`] for tests, native and wasm alike.
//!
//! KV and secrets are ordered maps; fetch answers from a script (a queue of canned
//! responses, then an optional responder closure) and records every request; the clock
//! moves only when a test moves it; log lines are kept for assertions.

use super::{Host, HostError, HttpRequest, HttpResponse, ListPage, LogLevel};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// A responder: answers requests the queue has no canned response for.
type Responder = Box<dyn FnMut(&HttpRequest) -> Result<HttpResponse, HostError>>;

/// One recorded `log` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub level: LogLevel,
    pub event: String,
}

/// An in-memory host. Single-threaded (`RefCell`s), like a wasm instance.
pub struct MemoryHost {
    kv: RefCell<BTreeMap<String, String>>,
    secrets: RefCell<BTreeMap<String, String>>,
    clock_ms: Cell<i64>,
    canned: RefCell<VecDeque<Result<HttpResponse, HostError>>>,
    responder: RefCell<Option<Responder>>,
    requests: RefCell<Vec<HttpRequest>>,
    logs: RefCell<Vec<LogEntry>>,
    kv_faults: RefCell<VecDeque<HostError>>,
}

impl Default for MemoryHost {
    fn default() -> Self {
        Self::new()
    }
}

impl MemoryHost {
    /// An empty host whose clock reads 2024-01-01T00:00:00Z.
    pub fn new() -> Self {
        MemoryHost {
            kv: RefCell::default(),
            secrets: RefCell::default(),
            clock_ms: Cell::new(1_704_067_200_000),
            canned: RefCell::default(),
            responder: RefCell::new(None),
            requests: RefCell::default(),
            logs: RefCell::default(),
            kv_faults: RefCell::default(),
        }
    }

    /// Sets the clock.
    pub fn set_now(&self, ms: i64) {
        self.clock_ms.set(ms);
    }

    /// Moves the clock forward.
    pub fn advance(&self, ms: i64) {
        self.clock_ms.set(self.clock_ms.get().saturating_add(ms));
    }

    /// Queues the answer to the next fetch.
    pub fn push_response(&self, response: HttpResponse) {
        self.canned.borrow_mut().push_back(Ok(response));
    }

    /// Queues a failed fetch (time-out, dropped connection) as the next answer.
    pub fn push_fetch_error(&self, error: HostError) {
        self.canned.borrow_mut().push_back(Err(error));
    }

    /// Answers fetches with `responder` once the queue is empty (e.g. a Jira simulator).
    pub fn respond_with(&self, responder: impl FnMut(&HttpRequest) -> Result<HttpResponse, HostError> + 'static) {
        *self.responder.borrow_mut() = Some(Box::new(responder));
    }

    /// Makes the next KV or secret operation fail with `error` (one per call).
    pub fn fail_next_kv(&self, error: HostError) {
        self.kv_faults.borrow_mut().push_back(error);
    }

    /// Every request fetched so far, in order.
    pub fn requests(&self) -> Vec<HttpRequest> {
        self.requests.borrow().clone()
    }

    /// Every request fetched so far, clearing the record.
    pub fn take_requests(&self) -> Vec<HttpRequest> {
        std::mem::take(&mut *self.requests.borrow_mut())
    }

    /// Canned responses not yet used.
    pub fn pending_responses(&self) -> usize {
        self.canned.borrow().len()
    }

    /// Every log line so far.
    pub fn logs(&self) -> Vec<LogEntry> {
        self.logs.borrow().clone()
    }

    /// A copy of the plain KV store.
    pub fn kv_snapshot(&self) -> BTreeMap<String, String> {
        self.kv.borrow().clone()
    }

    /// A secret, read past the contract (for assertions).
    pub fn secret(&self, name: &str) -> Option<String> {
        self.secrets.borrow().get(name).cloned()
    }

    fn take_fault(&self) -> Result<(), HostError> {
        match self.kv_faults.borrow_mut().pop_front() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}

impl Host for MemoryHost {
    async fn fetch(&self, request: HttpRequest) -> Result<HttpResponse, HostError> {
        self.requests.borrow_mut().push(request.clone());
        if let Some(answer) = self.canned.borrow_mut().pop_front() {
            return answer;
        }
        match self.responder.borrow_mut().as_mut() {
            Some(respond) => respond(&request),
            None => Err(HostError::Network {
                detail: format!("MemoryHost has no scripted response for {} {}", request.method, request.url),
            }),
        }
    }

    fn now(&self) -> i64 {
        self.clock_ms.get()
    }

    fn log(&self, level: LogLevel, event: &str) {
        self.logs.borrow_mut().push(LogEntry { level, event: event.to_string() });
    }

    async fn raw_get(&self, key: &str) -> Result<Option<String>, HostError> {
        self.take_fault()?;
        Ok(self.kv.borrow().get(key).cloned())
    }

    async fn raw_set(&self, key: &str, value: &str) -> Result<(), HostError> {
        self.take_fault()?;
        self.kv.borrow_mut().insert(key.to_string(), value.to_string());
        Ok(())
    }

    async fn raw_create(&self, key: &str, value: &str) -> Result<bool, HostError> {
        self.take_fault()?;
        let mut kv = self.kv.borrow_mut();
        if kv.contains_key(key) {
            return Ok(false);
        }
        kv.insert(key.to_string(), value.to_string());
        Ok(true)
    }

    async fn raw_delete(&self, key: &str) -> Result<(), HostError> {
        self.take_fault()?;
        self.kv.borrow_mut().remove(key);
        Ok(())
    }

    /// Walks keys in order; the cursor is the last key returned.
    async fn raw_list(&self, prefix: &str, cursor: Option<&str>, limit: usize) -> Result<ListPage, HostError> {
        self.take_fault()?;
        let kv = self.kv.borrow();
        let mut matching =
            kv.iter().filter(|(key, _)| key.starts_with(prefix) && cursor.is_none_or(|c| key.as_str() > c));
        let entries: Vec<(String, String)> =
            matching.by_ref().take(limit).map(|(k, v)| (k.clone(), v.clone())).collect();
        let more = matching.next().is_some();
        let next_cursor = if more { entries.last().map(|(k, _)| k.clone()) } else { None };
        Ok(ListPage { entries, next_cursor })
    }

    async fn raw_get_secret(&self, name: &str) -> Result<Option<String>, HostError> {
        self.take_fault()?;
        Ok(self.secrets.borrow().get(name).cloned())
    }

    async fn raw_set_secret(&self, name: &str, value: &str) -> Result<(), HostError> {
        self.take_fault()?;
        self.secrets.borrow_mut().insert(name.to_string(), value.to_string());
        Ok(())
    }
}

/// Runs a future to completion, for tests over [`MemoryHost`], whose futures are ready at
/// once. Panics if the future waits on anything else: that is a test bug, not input.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut cx) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("block_on: the future waited on something MemoryHost does not provide"),
    }
}
