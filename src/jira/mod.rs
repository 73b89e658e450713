//! The Jira layer, pure: request builders and response parsers for exactly the Jira Cloud
//! endpoints usersync uses (platform REST v3 users and groups, JSM customers and desks,
//! the Atlassian admin API's suspend/restore), plus the retry policy.
//!
//! Effects are data. A planned operation is a [`JiraOp`]; the drain loop does, per attempt:
//!
//! ```text
//! let request = op.request(&site)?;              // pure
//! let result  = host.fetch(request).await;        // the only IO
//! let outcome = match result {                    // pure
//!     Ok(response) => parse_outcome(&op, &response),
//!     Err(error)   => Outcome::from_fetch_error(&error),
//! };
//! // Retry → retry::decide(failures, attempts, retry_after, rand) → RetryIn(ms) | DeadLetter
//! ```
//!
//! Nothing here holds a connection, a clock or a credential store: [`JiraSite`] carries the
//! validated URL and credentials, and every function takes what it needs as arguments.

pub mod admin;
pub mod errors;
pub mod groups;
pub mod jsm;
mod op;
mod outcome;
pub mod request;
pub mod retry;
pub mod site;
pub mod users;

pub use errors::{error_message, ResponseError};
pub use groups::GroupRef;
pub use jsm::ServiceDesk;
pub use op::{JiraOp, RequestError};
pub use outcome::{parse_outcome, FailureKind, JiraData, JiraFailure, Outcome};
pub use site::{JiraSite, OrgAccess, SiteError, SiteSettings};
pub use users::{JiraUser, UserMatches};

/// One page of a paged listing, and where the next one starts (`None` at the end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_start: Option<u64>,
}

#[cfg(test)]
mod op_tests;
#[cfg(test)]
mod outcome_tests;
