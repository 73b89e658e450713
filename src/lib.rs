//! usersync core: SCIM provisioning for Jira Cloud, compiled to WebAssembly.
//!
//! The core owns the SCIM protocol (parsing, validation, filters, PATCH, listing, both
//! dialects), and will own the sync plan and every Jira payload. It does no IO of its
//! own: hosts (Forge, Node, browser) supply fetch, storage and the clock through one
//! `Host` boundary, and the pure parts take `now` as an argument.
//!
//! It is not an HTTP server and not a Jira client library; the hosts are thin wrappers.

pub mod admin;
pub mod audit;
pub mod connection;
pub mod error;
pub mod host;
pub mod jira;
pub mod outbox;
pub mod reconcile;
pub mod scim;
pub mod service;
pub mod store;
pub mod sync;
pub mod token;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use error::{ScimError, ScimType};
