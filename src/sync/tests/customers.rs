#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::env::{group, user, Env};
use crate::connection::{Deactivation, SyncMode};
use crate::sync::links::LinkStatus;

const CREATE: &str = "POST /rest/servicedeskapi/customer";
const SEARCH: &str = "GET /rest/api/3/user/search";
const GRANT: &str = "POST /rest/servicedeskapi/servicedesk/{id}/customer";
const REVOKE: &str = "DELETE /rest/servicedeskapi/servicedesk/{id}/customer";

/// Customer Sync with the seed's mapping: "Jira-Service-group" → desk 1.
fn env() -> Env {
    let mut env = Env::new(SyncMode::Customer, Deactivation::Suspend);
    env.map("Jira-Service-group", &[], &["1"]);
    env
}

fn desk(env: &Env, id: &str) -> Vec<String> {
    env.jira.borrow().desks.get(id).map(|c| c.iter().cloned().collect()).unwrap_or_default()
}

#[test]
fn a_new_customer_is_one_call_and_a_taken_email_is_looked_up() {
    let mut env = env();
    let existing = env.jira.borrow_mut().add_account("staff@example.com", "Staff");
    env.write_user("u1", Some(user("cust@example.com", "Cust", true)));
    env.write_user("u2", Some(user("staff@example.com", "Staff", true)));
    env.drain();
    assert_eq!(env.calls(), [CREATE, CREATE, SEARCH]);
    assert_eq!(env.user_link("u1").account_id, env.account("cust@example.com"));
    assert_eq!(env.user_link("u2").account_id.as_deref(), Some(existing.as_str()));
    assert_eq!(env.jira.borrow().accounts.len(), 2, "no second account for the taken email");
}

#[test]
fn group_membership_is_desk_access_batched_per_desk() {
    let mut env = env();
    for i in 1..=3 {
        env.write_user(&format!("u{i}"), Some(user(&format!("c{i}@example.com"), "C", true)));
    }
    env.write_group("g1", Some(group("Jira-Service-group")), &[], &[]);
    env.write_group("g2", Some(group("Unmapped")), &["u1"], &[]);
    env.drain();
    assert_eq!(env.calls(), [CREATE, CREATE, CREATE], "groups make no Jira calls in Customer Sync");
    env.members("g1", &["u1", "u2", "u3"], &[]);
    let report = env.drain();
    assert_eq!(env.calls(), [GRANT], "three users, one call");
    assert_eq!(report.done, 3);
    assert_eq!(desk(&env, "1").len(), 3);
    env.members("g1", &[], &["u2"]);
    env.drain();
    assert_eq!(env.calls(), [REVOKE]);
    assert_eq!(desk(&env, "1").len(), 2);
    assert!(desk(&env, "2").is_empty());
}

#[test]
fn deactivation_revokes_desks_and_reactivation_grants_them_back() {
    let mut env = env();
    env.write_user("u1", Some(user("c1@example.com", "C", true)));
    env.write_group("g1", Some(group("Jira-Service-group")), &["u1"], &[]);
    env.drain();
    assert_eq!(desk(&env, "1").len(), 1);
    env.calls();
    env.write_user("u1", Some(user("c1@example.com", "C", false)));
    env.drain();
    assert_eq!(env.calls(), [REVOKE]);
    assert!(desk(&env, "1").is_empty());
    env.write_user("u1", Some(user("c1@example.com", "C", true)));
    env.drain();
    assert_eq!(env.calls(), [GRANT]);
    assert_eq!(desk(&env, "1").len(), 1);
}

#[test]
fn a_rename_moves_desk_access_to_the_new_names_desks() {
    let mut env = env();
    env.map("Desk Two", &[], &["2"]);
    env.write_user("u1", Some(user("c1@example.com", "C", true)));
    env.write_group("g1", Some(group("Jira-Service-group")), &["u1"], &[]);
    env.drain();
    env.calls();
    env.write_group("g1", Some(group("Desk Two")), &[], &[]);
    env.drain();
    let mut calls = env.calls();
    calls.sort();
    assert_eq!(calls, [REVOKE, GRANT]);
    assert_eq!((desk(&env, "1").len(), desk(&env, "2").len()), (0, 1));
}

#[test]
fn deleting_a_customer_revokes_every_mapped_desk() {
    let mut env = env();
    env.write_user("u1", Some(user("c1@example.com", "C", true)));
    env.write_group("g1", Some(group("Jira-Service-group")), &["u1"], &[]);
    env.drain();
    env.calls();
    env.write_user("u1", None);
    env.drain();
    assert_eq!(env.calls(), [REVOKE]);
    assert!(desk(&env, "1").is_empty());
    assert_eq!(env.user_link("u1").status, LinkStatus::Deleted);
}
