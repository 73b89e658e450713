//! End-to-end tests of the sync half over `MemoryHost` and a scripted Jira: SCIM writes
//! planned and enqueued as the service does, drained, and Jira's state and the calls
//! made checked for every flow and policy.

mod calls;
mod customers;
mod env;
mod fake_jira;
mod groups;
mod outbox;
mod reconcile;
mod remap;
mod through_service;
mod users;
