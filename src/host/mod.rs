//! The one IO boundary: every effect the core has goes through [`Host`].
//!
//! This file owns the contract that Forge, Node and browser hosts (and [`MemoryHost`] in
//! tests) all implement: HTTP fetch, a key-value store shaped like Forge KVS, secrets kept
//! apart from plain data, a clock and a log. The core checks every key and value here,
//! before a host sees it, so every host fails the same way on the same input.
//!
//! # The contract
//!
//! **fetch.** A host sends the request as given and returns whatever status came back:
//! 4xx and 5xx are responses (`Ok`), not errors. `Err` means no response arrived: a
//! dropped or refused connection ([`HostError::Network`]), the host's time limit
//! ([`HostError::Timeout`]), or a host that refused to send ([`HostError::Refused`]).
//! Hosts do not follow redirects (a 3xx comes back as a response), so a request can't be
//! steered away from the URL the core validated. Response header names may come in any
//! case; read them with [`HttpResponse::header`].
//!
//! **KV.** Keys match `[a-zA-Z0-9:._\s\-#]{1,500}` and are not all whitespace (Forge KVS's
//! rule, the strictest of the hosts): see [`validate_key`]. Values are strings of at most
//! [`MAX_VALUE_BYTES`] once written as a JSON string (Forge's 240 KiB): see
//! [`check_value`]. Semantics:
//! - `get` of a missing key is `Ok(None)`; `set` overwrites; `delete` of a missing key is `Ok(())`.
//! - `create` writes only if the key is absent (Forge `FAIL_IF_EXISTS`) and says which
//!   happened: `Ok(true)` created, `Ok(false)` the key already existed and nothing changed.
//!   Locks and uniqueness claims are built on it.
//! - `transact` applies a batch of [`Write`]s (sets and deletes, at most
//!   [`MAX_TRANSACTION_WRITES`], each key once) all together or not at all (Forge
//!   `kvs.transact`, an SQL transaction). It has no create-only write (Forge's has none), so
//!   a claim is made with `create` first and the records that depend on it follow in one
//!   `transact`: a reader never sees a record without its index, or an index without its record.
//! - `list` returns the entries whose key starts with a prefix, at most [`MAX_LIST_PAGE`]
//!   (20) at a time, with an opaque cursor for the next page (`None` when done). Cursors are
//!   for the next call only, never stored (Forge says they may not be stable). Order is
//!   stable across one walk but is not promised to be key order.
//!
//! **Secrets** (`get_secret`/`set_secret`/`delete_secret`) live in a store apart from plain
//! data (Forge's `kvs.getSecret`), follow the same key and size rules, and are never listed
//! or logged. Deleting a missing secret is not an error.
//!
//! **Errors.** A key or value the contract forbids fails with [`HostError::InvalidKey`]
//! or [`HostError::ValueTooLarge`], and a batch too long or naming a key twice with
//! [`HostError::InvalidBatch`], before the host is called. A store that fails (quota,
//! rate limit, outage) answers [`HostError::Storage`]; nothing is half-written, and the
//! caller may try again later ([`HostError::is_transient`]).
//!
//! **now** is milliseconds since the Unix epoch; **log** takes one JSON object per event,
//! which hosts pass on without reading. Neither can fail: a host that can't log drops it.

mod memory;

pub use memory::{block_on, LogEntry, MemoryHost};

use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest key Forge KVS accepts, in characters.
pub const MAX_KEY_LEN: usize = 500;
/// The largest value, in bytes of its JSON string form (Forge's 240 KiB).
pub const MAX_VALUE_BYTES: usize = 240 * 1024;
/// The most entries one `list` call returns (Forge KVS's query limit).
pub const MAX_LIST_PAGE: usize = 20;
/// The most writes one `transact` batch holds (Forge KVS's transaction limit).
pub const MAX_TRANSACTION_WRITES: usize = 25;

/// One write of a [`Host::transact`] batch. Crosses to JS hosts as
/// `{op: "set", key, value}` or `{op: "delete", key}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Write {
    /// Writes `value` at `key`, replacing what was there.
    Set { key: String, value: String },
    /// Removes `key`; a missing key is not an error.
    Delete { key: String },
}

impl Write {
    pub fn set(key: impl Into<String>, value: impl Into<String>) -> Self {
        Write::Set { key: key.into(), value: value.into() }
    }

    pub fn delete(key: impl Into<String>) -> Self {
        Write::Delete { key: key.into() }
    }

    pub fn key(&self) -> &str {
        match self {
            Write::Set { key, .. } | Write::Delete { key } => key,
        }
    }
}

/// Why a host call failed. Hosts build these from their runtime's errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HostError {
    /// No response: DNS failure, refused or dropped connection. Worth retrying.
    #[error("network error: {detail}")]
    Network { detail: String },
    /// No response within the host's time limit. Worth retrying.
    #[error("request timed out after {after_ms} ms")]
    Timeout { after_ms: u64 },
    /// The host would not send this request (e.g. a Forge egress rule). Not worth retrying.
    #[error("host refused the request: {detail}")]
    Refused { detail: String },
    /// The key-value or secret store failed (`op` is "get", "set", …). Worth retrying.
    #[error("storage {op} of key {key:?} failed: {detail}")]
    Storage { op: &'static str, key: String, detail: String },
    /// A key outside the contract, e.g. `"a/b"` (slash) or `""`; checked before the host is called.
    #[error("invalid storage key {key:?}: {reason}")]
    InvalidKey { key: String, reason: &'static str },
    /// A value longer than [`MAX_VALUE_BYTES`] as a JSON string.
    #[error("value for key {key:?} is {size} bytes; the most a host stores is {max}")]
    ValueTooLarge { key: String, size: usize, max: usize },
    /// A `transact` batch the contract forbids: more than [`MAX_TRANSACTION_WRITES`]
    /// writes, or one key written twice. A bug in the caller, checked before the host is called.
    #[error("invalid transaction: {reason}")]
    InvalidBatch { reason: String },
    /// The host answered with something the core can't read (a bug in a host binding).
    #[error("host answered {op} with an unreadable result: {detail}")]
    Protocol { op: &'static str, detail: String },
}

impl HostError {
    /// True when the same call may succeed later (network, time-out, store outage).
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Network { .. } | Self::Timeout { .. } | Self::Storage { .. })
    }
}

/// HTTP methods the core uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request for the host to send. It carries credentials in its headers: it is serialized
/// only to hand it to the host's fetch, and its `Debug` hides them.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpRequest {
    pub method: Method,
    /// An absolute URL, already validated and percent-encoded by the core.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

impl HttpRequest {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// Header names whose values `Debug` never prints.
const SENSITIVE_HEADERS: &[&str] = &["authorization", "cookie", "set-cookie", "proxy-authorization"];

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let hidden = SENSITIVE_HEADERS.iter().any(|s| name.eq_ignore_ascii_case(s));
                (name.as_str(), if hidden { "<redacted>" } else { value.as_str() })
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

/// What came back from a fetch, whatever its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    /// A response with no headers.
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        HttpResponse { status, headers: Vec::new(), body: body.into() }
    }

    /// The same response with one more header (for tests and host bindings).
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// One page of a `list` walk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListPage {
    pub entries: Vec<(String, String)>,
    /// Pass back to get the next page; `None` when the walk is over.
    pub next_cursor: Option<String>,
}

/// Log levels, as hosts name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogLevel {
    Debug,
    Info,
    Warn,
    Error,
}

impl LogLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            LogLevel::Debug => "debug",
            LogLevel::Info => "info",
            LogLevel::Warn => "warn",
            LogLevel::Error => "error",
        }
    }
}

/// Checks a key against the contract: 1–500 characters from `[a-zA-Z0-9:._\s\-#]`, not
/// all whitespace. `"user:42"` passes; `"a/b"`, `"é"`, `"   "` and `""` don't.
pub fn validate_key(key: &str) -> Result<(), HostError> {
    let invalid = |reason| Err(HostError::InvalidKey { key: truncate(key, 80), reason });
    if key.is_empty() {
        return invalid("a key needs at least one character");
    }
    if key.len() > MAX_KEY_LEN {
        return invalid("a key has at most 500 characters");
    }
    if !key.bytes().all(is_key_byte) {
        return invalid("expected only letters, digits, whitespace and : . _ - #");
    }
    if key.bytes().all(|b| b.is_ascii_whitespace()) {
        return invalid("a key can't be only whitespace");
    }
    Ok(())
}

/// Checks a `list` prefix: empty (walk everything) or made of key characters.
pub fn validate_prefix(prefix: &str) -> Result<(), HostError> {
    let invalid = |reason| Err(HostError::InvalidKey { key: truncate(prefix, 80), reason });
    if prefix.len() > MAX_KEY_LEN {
        return invalid("a prefix has at most 500 characters");
    }
    if !prefix.bytes().all(is_key_byte) {
        return invalid("expected only letters, digits, whitespace and : . _ - #");
    }
    Ok(())
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b.is_ascii_whitespace() || matches!(b, b':' | b'.' | b'_' | b'-' | b'#')
}

/// Checks a value's size: its length as a JSON string (quotes and escapes included, as a
/// JS host stores it) must not pass [`MAX_VALUE_BYTES`].
pub fn check_value(key: &str, value: &str) -> Result<(), HostError> {
    let size = json_string_len(value);
    if size > MAX_VALUE_BYTES {
        return Err(HostError::ValueTooLarge { key: truncate(key, 80), size, max: MAX_VALUE_BYTES });
    }
    Ok(())
}

/// Bytes of `s` written as a JSON string, without writing it.
fn json_string_len(s: &str) -> usize {
    let escapes: usize = s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 1,
            0..=0x1f => 5,
            _ => 0,
        })
        .sum();
    s.len() + escapes + 2
}

fn truncate(s: &str, max_chars: usize) -> String {
    s.chars().take(max_chars).collect()
}

/// The IO a host supplies. Implement the `raw_*` methods, `now` and `log`; call the
/// provided ones (`get`, `set`, `create`, `delete`, `list`, `transact`, and the secret
/// ones), which check keys, values, batches and page sizes first. The contract is in the module doc.
///
/// Futures need not be `Send`: wasm is single-threaded and JS promises are not `Send`.
#[allow(async_fn_in_trait)]
pub trait Host {
    /// Sends one HTTP request. `Err` only when no response arrived.
    async fn fetch(&self, request: HttpRequest) -> Result<HttpResponse, HostError>;
    /// Milliseconds since the Unix epoch.
    fn now(&self) -> i64;
    /// Records one event, a JSON object. Never fails.
    fn log(&self, level: LogLevel, event: &str);

    /// Host side of [`Host::get`]; the key is already checked.
    async fn raw_get(&self, key: &str) -> Result<Option<String>, HostError>;
    /// Host side of [`Host::set`]; key and value are already checked.
    async fn raw_set(&self, key: &str, value: &str) -> Result<(), HostError>;
    /// Host side of [`Host::create`]; key and value are already checked.
    async fn raw_create(&self, key: &str, value: &str) -> Result<bool, HostError>;
    /// Host side of [`Host::delete`]; the key is already checked.
    async fn raw_delete(&self, key: &str) -> Result<(), HostError>;
    /// Host side of [`Host::list`]; the prefix is checked and `limit` is 1..=20.
    async fn raw_list(&self, prefix: &str, cursor: Option<&str>, limit: usize) -> Result<ListPage, HostError>;
    /// Host side of [`Host::transact`]; the batch is checked and not empty.
    async fn raw_transact(&self, writes: &[Write]) -> Result<(), HostError>;
    /// Host side of [`Host::get_secret`]; the name is already checked.
    async fn raw_get_secret(&self, name: &str) -> Result<Option<String>, HostError>;
    /// Host side of [`Host::set_secret`]; name and value are already checked.
    async fn raw_set_secret(&self, name: &str, value: &str) -> Result<(), HostError>;
    /// Host side of [`Host::delete_secret`]; the name is already checked.
    async fn raw_delete_secret(&self, name: &str) -> Result<(), HostError>;

    /// The value at `key`, or `None`.
    async fn get(&self, key: &str) -> Result<Option<String>, HostError> {
        validate_key(key)?;
        self.raw_get(key).await
    }

    /// Writes `value` at `key`, replacing what was there.
    async fn set(&self, key: &str, value: &str) -> Result<(), HostError> {
        validate_key(key)?;
        check_value(key, value)?;
        self.raw_set(key, value).await
    }

    /// Writes only if `key` is absent: `Ok(true)` created, `Ok(false)` it already existed.
    async fn create(&self, key: &str, value: &str) -> Result<bool, HostError> {
        validate_key(key)?;
        check_value(key, value)?;
        self.raw_create(key, value).await
    }

    /// Removes `key`; removing a missing key is not an error.
    async fn delete(&self, key: &str) -> Result<(), HostError> {
        validate_key(key)?;
        self.raw_delete(key).await
    }

    /// One page of entries under `prefix`; `limit` is clamped to 1..=[`MAX_LIST_PAGE`].
    async fn list(&self, prefix: &str, cursor: Option<String>, limit: usize) -> Result<ListPage, HostError> {
        validate_prefix(prefix)?;
        self.raw_list(prefix, cursor.as_deref(), limit.clamp(1, MAX_LIST_PAGE)).await
    }

    /// Applies every write of `writes` or none of them. An empty batch does nothing.
    async fn transact(&self, writes: &[Write]) -> Result<(), HostError> {
        check_batch(writes)?;
        if writes.is_empty() {
            return Ok(());
        }
        self.raw_transact(writes).await
    }

    /// A secret by name, from the store kept apart from plain data.
    async fn get_secret(&self, name: &str) -> Result<Option<String>, HostError> {
        validate_key(name)?;
        self.raw_get_secret(name).await
    }

    /// Stores a secret, replacing what was there.
    async fn set_secret(&self, name: &str, value: &str) -> Result<(), HostError> {
        validate_key(name)?;
        check_value(name, value)?;
        self.raw_set_secret(name, value).await
    }

    /// Removes a secret; removing a missing one is not an error.
    async fn delete_secret(&self, name: &str) -> Result<(), HostError> {
        validate_key(name)?;
        self.raw_delete_secret(name).await
    }
}

/// Checks a `transact` batch: at most [`MAX_TRANSACTION_WRITES`], each key valid and
/// named once, each value within [`MAX_VALUE_BYTES`].
pub fn check_batch(writes: &[Write]) -> Result<(), HostError> {
    if writes.len() > MAX_TRANSACTION_WRITES {
        let reason = format!("{} writes; a transaction holds at most {MAX_TRANSACTION_WRITES}", writes.len());
        return Err(HostError::InvalidBatch { reason });
    }
    let mut seen = std::collections::BTreeSet::new();
    for write in writes {
        validate_key(write.key())?;
        if let Write::Set { key, value } = write {
            check_value(key, value)?;
        }
        if !seen.insert(write.key()) {
            return Err(HostError::InvalidBatch {
                reason: format!("key {:?} is written twice", truncate(write.key(), 80)),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
