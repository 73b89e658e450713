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

/// How a paged body names its offset and its last-page flag: the platform's `PageBean`
/// (`startAt`, `isLast`) or JSM's paged DTO (`start`, `isLastPage`). Both keep the items
/// in `values`.
pub(crate) struct PageShape {
    pub start: &'static str,
    pub is_last: &'static str,
}

impl<T> Page<T> {
    /// The page in `body`, its `values` read by `items`. An empty page ends the walk even
    /// if the last-page flag says otherwise, so a walk can't loop.
    pub(crate) fn parse(
        op: &'static str,
        body: &str,
        shape: PageShape,
        items: impl Fn(&serde_json::Value) -> Result<Vec<T>, ResponseError>,
    ) -> Result<Page<T>, ResponseError> {
        let json = errors::json_body(op, body)?;
        let Some(values) = json.get("values") else {
            return Err(ResponseError::missing(op, "a page with values", &json));
        };
        let items = items(values)?;
        let start = json.get(shape.start).and_then(serde_json::Value::as_u64).unwrap_or(0);
        let is_last = json.get(shape.is_last).and_then(serde_json::Value::as_bool).unwrap_or(true);
        let next_start = (!is_last && !items.is_empty()).then(|| start + items.len() as u64);
        Ok(Page { items, next_start })
    }
}

#[cfg(test)]
mod op_tests;
#[cfg(test)]
mod outcome_tests;
