//! The SCIM 2.0 / 1.1 protocol library: pure functions from values to values.
//!
//! No IO and no clock: whatever needs the time takes `now` as an argument.

pub mod body;
pub mod changes;
pub mod discovery;
pub mod filter;
pub mod list;
pub mod meta;
pub mod patch;
pub mod path;
pub mod project;
pub mod resource;
pub mod schema;
pub mod schemas;
pub mod sort;
pub mod v1;
pub mod validate;
