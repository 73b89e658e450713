//! Every outcome rule, with Jira's documented bodies.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::host::{HostError, HttpResponse};

fn add() -> JiraOp {
    JiraOp::AddToGroup { group_id: "g1".into(), account_id: "u1".into() }
}
fn remove() -> JiraOp {
    JiraOp::RemoveFromGroup { group_id: "g1".into(), account_id: "u1".into() }
}
fn create_user() -> JiraOp {
    JiraOp::CreateUser { email: "mia@example.com".into(), display_name: None }
}
fn create_customer() -> JiraOp {
    JiraOp::CreateCustomer { email: "fred@example.com".into(), display_name: "Fred".into() }
}
fn create_group() -> JiraOp {
    JiraOp::CreateGroup { name: "power-users".into() }
}

/// What a row expects, loosely enough to write as a table.
#[derive(Debug)]
enum Want {
    DoneAccount(&'static str),
    DoneGroup(&'static str),
    DoneNothing,
    UserMissing,
    Already,
    LookUp(JiraOp),
    Retry(Option<u64>),
    Failed(FailureKind, &'static str),
}

fn check(op: JiraOp, response: HttpResponse, want: Want) {
    let got = parse_outcome(&op, &response);
    let ok = match (&got, &want) {
        (Outcome::Done(data), Want::DoneAccount(id)) => data.account_id() == Some(id),
        (Outcome::Done(data), Want::DoneGroup(id)) => data.group_id() == Some(id),
        (Outcome::Done(JiraData::Nothing), Want::DoneNothing) => true,
        (Outcome::Done(JiraData::User(None)), Want::UserMissing) => true,
        (Outcome::AlreadyDone, Want::Already) => true,
        (Outcome::LookUp(next), Want::LookUp(expected)) => next == expected,
        (Outcome::Retry { retry_after_secs, .. }, Want::Retry(after)) => retry_after_secs == after,
        (Outcome::Failed(f), Want::Failed(kind, phrase)) => f.kind == *kind && f.message.contains(phrase),
        _ => false,
    };
    assert!(ok, "{} {}: want {want:?}, got {got:?}", op.kind(), response.status);
}

fn r(status: u16, body: &str) -> HttpResponse {
    HttpResponse::new(status, body)
}

#[test]
fn successes_yield_their_data() {
    let user = r#"{"accountId":"5b10a2844c20165700ede21g","accountType":"atlassian","emailAddress":"mia@example.com","displayName":"Mia Krystof","active":true}"#;
    let customer = r#"{"accountId":"qm:a713c8ea-1075-4e30-9d96-891a7d181739:5ad6d69abfa3980ce712caae","name":"qm:a713c8ea","emailAddress":"fred@example.com","displayName":"Fred F. User","active":true,"timeZone":"Australia/Sydney","_links":{}}"#;
    let group = r#"{"name":"power-users","groupId":"276f955c-63d7-42c8-9520-92d01dca0625","self":"https://x/rest/api/3/group?groupId=276f955c","users":{"size":0,"items":[]}}"#;
    let cases = [
        (create_user(), r(201, user), Want::DoneAccount("5b10a2844c20165700ede21g")),
        (
            create_customer(),
            r(201, customer),
            Want::DoneAccount("qm:a713c8ea-1075-4e30-9d96-891a7d181739:5ad6d69abfa3980ce712caae"),
        ),
        (JiraOp::GetUser { account_id: "5b10".into() }, r(200, user), Want::DoneAccount("5b10a2844c20165700ede21g")),
        (create_group(), r(201, group), Want::DoneGroup("276f955c-63d7-42c8-9520-92d01dca0625")),
        (add(), r(201, group), Want::DoneNothing),
        (remove(), r(200, ""), Want::DoneNothing),
        (JiraOp::DeleteUser { account_id: "u1".into() }, r(204, ""), Want::DoneNothing),
        (
            JiraOp::SuspendUser { account_id: "u1".into() },
            r(200, r#"{"message":"Access suspended"}"#),
            Want::DoneNothing,
        ),
        (
            JiraOp::AddCustomers { service_desk_id: "10".into(), account_ids: vec!["u1".into()] },
            r(204, ""),
            Want::DoneNothing,
        ),
    ];
    for (op, response, want) in cases {
        check(op, response, want);
    }
}

#[test]
fn find_results_are_data_not_failures() {
    let op = JiraOp::FindUserByEmail { email: "MIA@example.com".into() };
    let body = r#"[{"accountId":"a1","emailAddress":"mia@example.com"},{"accountId":"a2"}]"#;
    let Outcome::Done(JiraData::Users(found)) = parse_outcome(&op, &r(200, body)) else { panic!() };
    assert_eq!(found.exact.len(), 1);
    assert_eq!(found.email_hidden.len(), 1);
    let op = JiraOp::FindGroupByName { name: "nope".into() };
    let empty = r#"{"isLast":true,"maxResults":50,"startAt":0,"total":0,"values":[]}"#;
    assert_eq!(parse_outcome(&op, &r(200, empty)), Outcome::Done(JiraData::Group(None)));
}

#[test]
fn already_so_answers_count_as_done_or_lead_to_a_lookup() {
    let member = r#"{"errorMessages":["Cannot add user. 'u1' is already a member of 'power-users'"],"errors":{}}"#;
    let missing =
        r#"{"errorMessages":["Specified user does not exist or you do not have required permissions"],"errors":{}}"#;
    let not_member =
        r#"{"errorMessages":["Cannot remove user. 'Fred' is not a member of 'power-users'."],"errors":{}}"#;
    let group_taken = r#"{"errorMessages":[],"errors":{"name":"A group with this name already exists."}}"#;
    let customer_taken = r#"{"errorMessage":"An account already exists for this email","i18nErrorMessage":{"i18nKey":"sd.customer.already.exists","parameters":[]}}"#;
    let find_group = JiraOp::FindGroupByName { name: "power-users".into() };
    let find_user = JiraOp::FindUserByEmail { email: "fred@example.com".into() };
    let cases = [
        (add(), r(400, member), Want::Already),
        (remove(), r(404, missing), Want::Already),
        (remove(), r(400, not_member), Want::Already),
        (JiraOp::DeleteUser { account_id: "u1".into() }, r(404, missing), Want::Already),
        (
            JiraOp::DeleteGroup { group_id: "g1".into() },
            r(404, r#"{"errorMessages":["Group not found"]}"#),
            Want::Already,
        ),
        (JiraOp::RemoveCustomers { service_desk_id: "10".into(), account_ids: vec![] }, r(404, ""), Want::Already),
        (JiraOp::GetUser { account_id: "u1".into() }, r(404, missing), Want::UserMissing),
        (create_group(), r(400, group_taken), Want::LookUp(find_group.clone())),
        (create_group(), r(409, ""), Want::LookUp(find_group)),
        (create_customer(), r(409, customer_taken), Want::LookUp(find_user.clone())),
        (create_customer(), r(400, customer_taken), Want::LookUp(find_user)),
    ];
    for (op, response, want) in cases {
        check(op, response, want);
    }
}

#[test]
fn lookalike_errors_stay_failures() {
    let bad_account = r#"{"errorMessages":["Invalid accountId"],"errors":{}}"#;
    let cases = [
        // A 400 that is not "already a member" is a real refusal.
        (add(), r(400, bad_account), Want::Failed(FailureKind::Rejected, "Invalid accountId")),
        (remove(), r(400, bad_account), Want::Failed(FailureKind::Rejected, "Invalid accountId")),
        // Adding to a group that doesn't exist is not "already done".
        (
            add(),
            r(404, r#"{"errorMessages":["Group not found"]}"#),
            Want::Failed(FailureKind::NotFound, "Group not found"),
        ),
        // A 400 on create group that isn't a name clash.
        (
            create_group(),
            r(400, r#"{"errors":{"name":"Group name is too long"}}"#),
            Want::Failed(FailureKind::Rejected, "name: Group name is too long"),
        ),
        (
            create_customer(),
            r(400, r#"{"errorMessage":"Email address is invalid"}"#),
            Want::Failed(FailureKind::Rejected, "Email address is invalid"),
        ),
    ];
    for (op, response, want) in cases {
        check(op, response, want);
    }
}

#[test]
fn transient_answers_are_retried_with_retry_after() {
    let cases = [
        (r(429, "").with_header("Retry-After", "7"), Want::Retry(Some(7))),
        (r(429, "").with_header("retry-after", "soon"), Want::Retry(None)),
        (r(429, r#"{"errorMessages":["Rate limit exceeded"]}"#), Want::Retry(None)),
        (r(503, "").with_header("Retry-After", "30"), Want::Retry(Some(30))),
        (r(500, "<html>oops</html>"), Want::Retry(None)),
        (r(502, ""), Want::Retry(None)),
        (r(504, ""), Want::Retry(None)),
        (r(408, ""), Want::Retry(None)),
    ];
    for (response, want) in cases {
        check(add(), response, want);
    }
}

#[test]
fn permanent_failures_carry_jira_words() {
    let cases = [
        (
            create_user(),
            r(
                401,
                r#"{"errorMessages":["You are not authenticated. Authentication required to perform this operation."]}"#,
            ),
            Want::Failed(FailureKind::Unauthorized, "not authenticated"),
        ),
        (
            create_user(),
            r(403, r#"{"errorMessages":["You do not have permission to create users."]}"#),
            Want::Failed(FailureKind::Unauthorized, "permission"),
        ),
        (
            create_user(),
            r(400, r#"{"errorMessages":[],"errors":{"emailAddress":"The email address is invalid."}}"#),
            Want::Failed(FailureKind::Rejected, "emailAddress: The email address is invalid."),
        ),
        (
            JiraOp::SuspendUser { account_id: "u1".into() },
            r(
                404,
                r#"{"errors":[{"code":"ADMIN-UAM-404-1","title":"Unknown Resource","detail":"User not in directory"}]}"#,
            ),
            Want::Failed(FailureKind::NotFound, "Unknown Resource: User not in directory"),
        ),
        (create_user(), r(302, ""), Want::Failed(FailureKind::Unexpected, "HTTP 302")),
        // 2xx with a body that lacks what the op needs.
        (create_user(), r(201, r#"{"displayName":"x"}"#), Want::Failed(FailureKind::Unexpected, "accountId")),
        (create_group(), r(201, "<html>"), Want::Failed(FailureKind::Unexpected, "expected a JSON body")),
    ];
    for (op, response, want) in cases {
        check(op, response, want);
    }
}

#[test]
fn fetch_errors_retry_only_when_transient() {
    let retry = Outcome::from_fetch_error(&HostError::Timeout { after_ms: 25_000 });
    assert!(matches!(retry, Outcome::Retry { retry_after_secs: None, .. }));
    let dropped = Outcome::from_fetch_error(&HostError::Network { detail: "connection reset".into() });
    assert!(matches!(dropped, Outcome::Retry { ref reason, .. } if reason.contains("connection reset")));
    let refused = Outcome::from_fetch_error(&HostError::Refused { detail: "egress not allowed".into() });
    assert!(matches!(refused, Outcome::Failed(JiraFailure { kind: FailureKind::Unexpected, status: 0, .. })));
    assert!(Outcome::AlreadyDone.is_success() && Outcome::Done(JiraData::Nothing).is_success());
    assert!(!retry.is_success());
}
