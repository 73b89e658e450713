//! Classifying what came back for a [`JiraOp`]: done (with the data Jira returned),
//! already done, exists (look it up), try again, or failed for good.
//!
//! The per-operation "already so" rules live in [`already_so`], in one table-like match,
//! each citing the answer it recognises.

use super::errors::{error_message, ResponseError};
use super::groups::{parse_found_group, parse_group, parse_member_page, GroupRef};
use super::jsm::{parse_customers, parse_service_desks, ServiceDesk};
use super::op::{JiraOp, RequestError};
use super::retry::parse_retry_after;
use super::users::{parse_search, parse_user, JiraUser, UserMatches};
use super::Page;
use crate::host::{HostError, HttpResponse};

/// What an operation's response means for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Jira did it, or answered the read; here is what it returned.
    Done(JiraData),
    /// The desired state already held (already a member, already gone): count it done.
    AlreadyDone,
    /// The thing exists but Jira didn't return its id: run this op and use its result.
    LookUp(JiraOp),
    /// Transient (429, 5xx, no response): try again, after `retry_after_secs` if given,
    /// else per the retry policy.
    Retry { retry_after_secs: Option<u64>, reason: String },
    /// It will fail the same way again; `message` is Jira's own words.
    Failed(JiraFailure),
}

/// Data parsed from a successful response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JiraData {
    /// No body to read (204, deletes, memberships, suspend).
    Nothing,
    /// The account created (user or customer).
    Account(JiraUser),
    /// A user read by id; `None` if Jira has no such user.
    User(Option<JiraUser>),
    /// Accounts matching an email.
    Users(UserMatches),
    /// A group created or found; `None` if no group has that name.
    Group(Option<GroupRef>),
    /// A page of group members or of desk customers.
    Members(Page<JiraUser>),
    /// A page of service desks.
    ServiceDesks(Page<ServiceDesk>),
}

impl JiraData {
    /// The account id in a create or get result, if any.
    pub fn account_id(&self) -> Option<&str> {
        match self {
            JiraData::Account(user) | JiraData::User(Some(user)) => Some(&user.account_id),
            _ => None,
        }
    }

    /// The group id in a create or find result, if any.
    pub fn group_id(&self) -> Option<&str> {
        match self {
            JiraData::Group(Some(group)) => Some(&group.group_id),
            _ => None,
        }
    }
}

/// A permanent failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JiraFailure {
    pub kind: FailureKind,
    /// The HTTP status, or 0 when no request was made.
    pub status: u16,
    pub message: String,
}

/// Kinds of permanent failure, so callers can react to the kind, not the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// 401/403: the credentials are wrong or lack permission. Every other op will fail too:
    /// pause the queue and tell the admin rather than dead-letter op after op.
    Unauthorized,
    /// 404: the user, group or desk named in the op does not exist.
    NotFound,
    /// Another 4xx: Jira refused this request (bad email, unknown product, …).
    Rejected,
    /// 2xx/3xx whose body could not be read, or a status Jira doesn't document here.
    Unexpected,
    /// The op could not be sent with these settings (no admin API configured).
    NotConfigured,
}

impl From<RequestError> for Outcome {
    fn from(error: RequestError) -> Self {
        Outcome::Failed(JiraFailure { kind: FailureKind::NotConfigured, status: 0, message: error.to_string() })
    }
}

impl Outcome {
    /// The outcome of a fetch that got no response. Network failures and time-outs are
    /// retried; a host that refuses to send (or answers garbage) won't do better later.
    pub fn from_fetch_error(error: &HostError) -> Outcome {
        if error.is_transient() {
            Outcome::Retry { retry_after_secs: None, reason: error.to_string() }
        } else {
            let kind = FailureKind::Unexpected;
            Outcome::Failed(JiraFailure { kind, status: 0, message: error.to_string() })
        }
    }

    /// True for `Done`, `AlreadyDone`: the op can leave the queue.
    pub fn is_success(&self) -> bool {
        matches!(self, Outcome::Done(_) | Outcome::AlreadyDone)
    }
}

/// Classifies `response` as the answer to `op`. Call it once per attempt; on `Retry` ask
/// [`retry::decide`](super::retry::decide) when, on `LookUp` enqueue or run the lookup.
pub fn parse_outcome(op: &JiraOp, response: &HttpResponse) -> Outcome {
    let status = response.status;
    if (200..300).contains(&status) {
        return match parse_success(op, &response.body) {
            Ok(data) => Outcome::Done(data),
            Err(error) => failed(FailureKind::Unexpected, status, error.to_string()),
        };
    }
    let message = error_message(status, &response.body);
    if let Some(outcome) = already_so(op, status, &message) {
        return outcome;
    }
    match status {
        408 | 429 | 500..=599 => Outcome::Retry {
            retry_after_secs: parse_retry_after(response.header("Retry-After")),
            reason: format!("{status}: {message}"),
        },
        401 | 403 => failed(FailureKind::Unauthorized, status, message),
        404 => failed(FailureKind::NotFound, status, message),
        400..=499 => failed(FailureKind::Rejected, status, message),
        _ => failed(FailureKind::Unexpected, status, message),
    }
}

fn failed(kind: FailureKind, status: u16, message: String) -> Outcome {
    Outcome::Failed(JiraFailure { kind, status, message })
}

/// Non-2xx answers that mean the op's goal already holds, or that the thing exists.
fn already_so(op: &JiraOp, status: u16, message: &str) -> Option<Outcome> {
    let says = |needle: &str| message.to_ascii_lowercase().contains(needle);
    match (op, status) {
        // 400 {"errorMessages":["… is already a member of …"]}
        (JiraOp::AddToGroup { .. }, 400) if says("already a member") => Some(Outcome::AlreadyDone),
        // 400 {"errorMessages":["Cannot remove user. '…' is not a member of '…'."]}
        (JiraOp::RemoveFromGroup { .. }, 400) if says("not a member") => Some(Outcome::AlreadyDone),
        // Removing what is gone: no such member, user or group.
        (JiraOp::RemoveFromGroup { .. } | JiraOp::DeleteUser { .. } | JiraOp::DeleteGroup { .. }, 404) => {
            Some(Outcome::AlreadyDone)
        }
        // The desk itself is gone, so its customers are too.
        (JiraOp::RemoveCustomers { .. }, 404) => Some(Outcome::AlreadyDone),
        (JiraOp::GetUser { .. }, 404) => Some(Outcome::Done(JiraData::User(None))),
        // 400 {"errors":{"name":"A group with this name already exists."}}; 409 from newer APIs.
        (JiraOp::CreateGroup { name }, 400 | 409) if status == 409 || says("already exists") => {
            Some(Outcome::LookUp(JiraOp::FindGroupByName { name: name.clone() }))
        }
        // strictConflictStatusCode=true gives 409; without it Jira says so in a 400.
        (JiraOp::CreateCustomer { email, .. }, 400 | 409) if status == 409 || says("already exists") => {
            Some(Outcome::LookUp(JiraOp::FindUserByEmail { email: email.clone() }))
        }
        _ => None,
    }
}

/// Reads a 2xx body into the data the op yields.
fn parse_success(op: &JiraOp, body: &str) -> Result<JiraData, ResponseError> {
    let kind = op.kind();
    Ok(match op {
        JiraOp::CreateUser { .. } | JiraOp::CreateCustomer { .. } => JiraData::Account(parse_user(kind, body)?),
        JiraOp::GetUser { .. } => JiraData::User(Some(parse_user(kind, body)?)),
        JiraOp::FindUserByEmail { email } => JiraData::Users(parse_search(kind, body, email)?),
        JiraOp::CreateGroup { .. } => JiraData::Group(Some(parse_group(kind, body)?)),
        JiraOp::FindGroupByName { name } => JiraData::Group(parse_found_group(kind, body, name)?),
        JiraOp::ListGroupMembers { .. } => JiraData::Members(parse_member_page(kind, body)?),
        JiraOp::ListCustomers { .. } => JiraData::Members(parse_customers(kind, body)?),
        JiraOp::ListServiceDesks { .. } => JiraData::ServiceDesks(parse_service_desks(kind, body)?),
        JiraOp::DeleteUser { .. }
        | JiraOp::DeleteGroup { .. }
        | JiraOp::AddToGroup { .. }
        | JiraOp::RemoveFromGroup { .. }
        | JiraOp::AddCustomers { .. }
        | JiraOp::RemoveCustomers { .. }
        | JiraOp::SuspendUser { .. }
        | JiraOp::RestoreUser { .. } => JiraData::Nothing,
    })
}
