//! Dry-run: the Jira calls queued tasks would make, found by stepping each task's machine
//! over the store as the write would leave it (the service's overlay host) and answering
//! each call the way the first time usually goes: look-ups find nothing (so creates
//! follow), writes succeed. No request is sent. Work that follows a link (a new user's
//! memberships, a new group's members) is named, not expanded.

use super::facts;
use super::machine::{desk_decision, step, DeskDecision, FollowUp, Step, TaskState};
use crate::audit;
use crate::connection::Connection;
use crate::host::Host;
use crate::jira::{GroupRef, JiraData, JiraOp, JiraSite, JiraUser, Outcome, Page, SiteSettings, UserMatches};
use crate::outbox::Task;
use crate::store::StoreError;
use crate::token::Secret;
use serde::Serialize;

/// The most calls previewed per task: enough for any flow short of a loop.
const MAX_CALLS: usize = 32;

/// One call a task would make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedCall {
    /// The task's kind and scope (`syncUser`, `u:{id}`).
    pub task: String,
    pub subject: String,
    /// `METHOD /path`, as the audit log shows it.
    pub call: String,
    pub op: JiraOp,
}

/// What the tasks would do: their calls, and what each ends with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub calls: Vec<PlannedCall>,
    /// Per task: how it would end (`done: …`, `parked: …`, `then: …` for follow-up work).
    pub outcomes: Vec<String>,
}

/// Previews `tasks` against `host` (an overlay holding the write). Reads only.
pub async fn preview<H: Host>(host: &H, conn: &Connection, tasks: &[Task]) -> Result<Preview, StoreError> {
    let site = placeholder_site();
    let mut preview = Preview::default();
    for task in tasks {
        let facts = facts::load(host, conn, task).await?;
        let (task_kind, subject) = (task.kind().to_string(), task.scope().key());
        let record = |op: JiraOp, preview: &mut Preview| {
            let request = site.as_ref().and_then(|site| op.request(site).ok());
            let call = request.map_or_else(|| op.kind().to_string(), |r| audit::endpoint(r.method.as_str(), &r.url));
            preview.calls.push(PlannedCall { task: task_kind.clone(), subject: subject.clone(), call, op });
        };
        if let Task::DeskAccess { desk, .. } = task {
            let service_desk_id = desk.clone();
            let op = match desk_decision(conn, &facts, desk) {
                DeskDecision::Grant { account_id } => {
                    JiraOp::AddCustomers { service_desk_id, account_ids: vec![account_id] }
                }
                DeskDecision::Revoke { account_id } => {
                    JiraOp::RemoveCustomers { service_desk_id, account_ids: vec![account_id] }
                }
                DeskDecision::Nothing(why) => {
                    preview.outcomes.push(format!("{subject}: {why}"));
                    continue;
                }
            };
            record(op, &mut preview);
            continue;
        }
        let mut state = TaskState::new(conn.clone(), task, facts);
        let mut last = None;
        let end = loop {
            if preview.calls.len() >= MAX_CALLS * tasks.len() {
                break "stopped: too many calls to preview".to_string();
            }
            match step(&mut state, last.take()) {
                Step::Call(op) => {
                    last = Some(assumed_answer(&op));
                    record(op, &mut preview);
                }
                Step::Done(what) => break format!("done: {what}"),
                Step::Park(why) => break format!("parked: {why}"),
                Step::Fail(why) => break format!("would fail: {why}"),
            }
        };
        preview.outcomes.push(format!("{subject}: {end}"));
        for follow in state.into_effects().follow {
            preview.outcomes.push(format!("{subject}: then {}", describe(&follow)));
        }
    }
    Ok(preview)
}

/// How a first sync usually goes: nothing found, everything made.
fn assumed_answer(op: &JiraOp) -> Outcome {
    let new_account = |email: &str| JiraUser {
        account_id: "(new account)".into(),
        account_type: None,
        email_address: Some(email.to_string()),
        display_name: None,
        active: Some(true),
        groups: None,
    };
    match op {
        JiraOp::FindUserByEmail { .. } => Outcome::Done(JiraData::Users(UserMatches::default())),
        JiraOp::FindGroupByName { .. } => Outcome::Done(JiraData::Group(None)),
        JiraOp::CreateUser { email, .. } | JiraOp::CreateCustomer { email, .. } => {
            Outcome::Done(JiraData::Account(new_account(email)))
        }
        JiraOp::CreateGroup { name } => {
            Outcome::Done(JiraData::Group(Some(GroupRef { name: name.clone(), group_id: "(new group)".into() })))
        }
        JiraOp::GetUser { .. } => Outcome::Done(JiraData::User(None)),
        JiraOp::ListGroupMembers { .. } | JiraOp::ListCustomers { .. } => {
            Outcome::Done(JiraData::Members(Page { items: Vec::new(), next_start: None }))
        }
        JiraOp::ListServiceDesks { .. } => {
            Outcome::Done(JiraData::ServiceDesks(Page { items: Vec::new(), next_start: None }))
        }
        _ => Outcome::Done(JiraData::Nothing),
    }
}

fn describe(follow: &FollowUp) -> String {
    match follow {
        FollowUp::UserGroups { user } => format!("the memberships of user {user}"),
        FollowUp::GroupMembers { group, .. } => format!("the members of group {group}"),
        FollowUp::Renamed { group, from } => {
            format!("the mapped Jira groups of group {group}'s members (renamed from {from:?})")
        }
        FollowUp::Tasks(tasks) => format!("{} more task(s)", tasks.len()),
    }
}

/// A site that only renders URLs: the preview never sends anything. (Constant settings
/// that pass validation; without it calls are named by their op.)
fn placeholder_site() -> Option<JiraSite> {
    let settings = SiteSettings {
        site_url: "https://preview.atlassian.net".into(),
        admin_email: "preview@example.com".into(),
        products: Vec::new(),
        org_id: Some("org".into()),
        directory_id: Some("directory".into()),
    };
    JiraSite::new(&settings, Secret::new("preview"), Some(Secret::new("preview")), None).ok()
}
