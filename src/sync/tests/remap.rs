//! The admin changes the group mappings: members of the IdP groups whose mapped Jira
//! groups (or desks) changed are brought in line by the next drain.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::env::{group, user, Env};
use crate::admin::ConnectionUpdate;
use crate::connection::{Deactivation, SyncMode};
use crate::host::block_on;
use crate::outbox::{self, Task, SETTLE_MS};

const FIND: &str = "GET /rest/api/3/group/bulk";
const JOIN: &str = "POST /rest/api/3/group/user";
const LEAVE: &str = "DELETE /rest/api/3/group/user";
const GRANT: &str = "POST /rest/servicedeskapi/servicedesk/{id}/customer";
const REVOKE: &str = "DELETE /rest/servicedeskapi/servicedesk/{id}/customer";

/// User Sync with linked users u1..=n, the Jira groups `jira_groups`, and IdP groups
/// `(id, name, members)` linked to their namesakes; calls cleared.
fn user_sync(n: usize, jira_groups: &[&str], groups: &[(&str, &str, &[&str])]) -> Env {
    let mut env = Env::user_sync();
    for name in jira_groups.iter().chain(groups.iter().map(|(_, name, _)| name)) {
        env.jira.borrow_mut().add_group(name);
    }
    for i in 1..=n {
        env.write_user(&format!("u{i}"), Some(user(&format!("user{i}@example.com"), &format!("User {i}"), true)));
    }
    for (id, name, members) in groups {
        env.write_group(id, Some(group(name)), members, &[]);
    }
    env.drain_all();
    env.calls();
    env
}

fn account(env: &Env, i: usize) -> String {
    env.account(&format!("user{i}@example.com")).unwrap_or_default()
}

/// Jira's members of `name`, as user numbers.
fn members_of(env: &Env, name: &str, users: usize) -> Vec<usize> {
    let members = env.jira.borrow().members_of(name);
    (1..=users).filter(|i| members.contains(&account(env, *i))).collect()
}

/// The queued work runs once it settled (the admin's update has no drain of its own).
fn drain_settled(env: &Env) {
    env.host.advance(SETTLE_MS);
    env.drain_all();
    assert!(env.dead_letters().is_empty(), "{:?}", env.dead_letters());
}

#[test]
fn a_new_mapping_puts_the_groups_members_in_the_mapped_jira_group() {
    let mut env = user_sync(3, &["developers"], &[("g1", "Engineering", &["u1", "u2"])]);
    env.remap(vec![Env::mapping("engineering", &["developers"], &[])]);
    assert_eq!(env.queued(), 2, "one AddMember per member");
    drain_settled(&env);
    assert_eq!(members_of(&env, "developers", 3), [1, 2]);
    // Per member: the linked group (already a member: done), then developers (found once).
    assert_eq!(env.calls(), [JOIN, FIND, JOIN, JOIN, JOIN]);
}

#[test]
fn a_removed_mapping_takes_members_out_unless_another_membership_grants_it() {
    // u2 keeps developers through Field's mapping; u3 through IdP group "developers",
    // which is linked to the Jira group of that name.
    let groups: &[(&str, &str, &[&str])] =
        &[("g1", "Engineering", &["u1", "u2", "u3"]), ("g2", "Field", &["u2"]), ("g3", "developers", &["u3"])];
    let mut env = user_sync(3, &[], groups);
    env.remap(vec![Env::mapping("Engineering", &["developers"], &[]), Env::mapping("Field", &["developers"], &[])]);
    drain_settled(&env);
    assert_eq!(members_of(&env, "developers", 3), [1, 2, 3]);
    env.calls();
    env.remap(vec![Env::mapping("Field", &["developers"], &[])]);
    assert_eq!(env.queued(), 3, "one Unmap per member of Engineering");
    drain_settled(&env);
    assert_eq!(members_of(&env, "developers", 3), [2, 3]);
    assert_eq!(members_of(&env, "Engineering", 3), [1, 2, 3], "the group's own Jira group stays");
    assert_eq!(env.calls(), [LEAVE], "only u1 leaves; the others' tasks make no call");
}

#[test]
fn desk_mappings_changed_grant_and_revoke_access() {
    let mut env = Env::new(SyncMode::Customer, Deactivation::Suspend);
    env.map("Support", &[], &["1"]);
    env.map("Partners", &[], &["1"]);
    for i in 1..=2 {
        env.write_user(&format!("u{i}"), Some(user(&format!("c{i}@example.com"), "C", true)));
    }
    env.write_group("g1", Some(group("Support")), &["u1", "u2"], &[]);
    env.write_group("g2", Some(group("Partners")), &["u1"], &[]);
    env.drain_all();
    env.calls();
    let desk = |env: &Env, id: &str| env.jira.borrow().desks.get(id).map(|c| c.len()).unwrap_or_default();
    assert_eq!((desk(&env, "1"), desk(&env, "2")), (2, 0));
    // Support moves from desk 1 to desk 2; Partners still grants u1 desk 1.
    env.remap(vec![Env::mapping("Support", &[], &["2"]), Env::mapping("Partners", &[], &["1"])]);
    assert_eq!(env.queued(), 4, "per member of Support: desk 1 and desk 2");
    drain_settled(&env);
    assert_eq!((desk(&env, "1"), desk(&env, "2")), (1, 2));
    let mut calls = env.calls();
    calls.sort();
    assert_eq!(calls, [REVOKE, GRANT, GRANT], "desk 1: u2 revoked, u1 kept (a grant); desk 2: both, batched");
}

#[test]
fn updates_that_leave_the_mappings_alone_or_fail_queue_nothing() {
    let mut env = user_sync(1, &["developers"], &[("g1", "Engineering", &["u1"])]);
    env.map("Engineering", &["developers"], &[]);
    let mut policies = env.conn.policies.clone();
    policies.import_users = !policies.import_users;
    policies.group_mappings[0].idp_group = "ENGINEERING".into();
    let same =
        ConnectionUpdate { name: Some("Renamed".into()), policies: Some(policies), ..ConnectionUpdate::default() };
    assert_eq!(env.update(same), Ok(()));
    assert_eq!(env.queued(), 0, "a name, a toggle, and a mapping that only changed case");
    let mut policies = env.conn.policies.clone();
    policies.group_mappings.clear();
    let invalid = ConnectionUpdate { name: Some(" ".into()), policies: Some(policies), ..ConnectionUpdate::default() };
    assert!(env.update(invalid).is_err());
    assert_eq!(env.queued(), 0);
    assert_eq!(env.conn.policies.group_mappings.len(), 1, "nothing saved");
    env.remap(Vec::new());
    assert_eq!(env.queued(), 1, "while removing the mapping queues its member's Unmap");
}

#[test]
fn an_unmap_that_runs_before_the_new_mappings_are_saved_leaves_nothing() {
    let mut env = user_sync(1, &["developers"], &[("g1", "Engineering", &["u1"])]);
    env.map("Engineering", &["developers"], &[]);
    env.members("g1", &["u1"], &[]);
    env.drain_all();
    assert_eq!(members_of(&env, "developers", 1), [1]);
    env.calls();
    let unmap = Task::Unmap {
        conn: "c1".into(),
        group: "g1".into(),
        user: "u1".into(),
        jira_groups: vec!["developers".into()],
    };
    assert!(block_on(outbox::enqueue_settled(&env.host, &[unmap], "test", None)).is_ok());
    env.drain_all();
    assert!(env.calls().is_empty(), "Engineering still maps to developers");
    assert_eq!(members_of(&env, "developers", 1), [1]);
}

#[test]
fn a_removal_still_queued_when_its_mapping_goes_leaves_the_formerly_mapped_group() {
    let mut env = user_sync(1, &["developers"], &[("g1", "Engineering", &["u1"])]);
    env.remap(vec![Env::mapping("Engineering", &["developers"], &[])]);
    drain_settled(&env);
    assert_eq!(members_of(&env, "developers", 1), [1]);
    // The IdP takes u1 out of Engineering; before the drain, the admin drops the mapping.
    env.members("g1", &[], &["u1"]);
    env.remap(Vec::new());
    drain_settled(&env);
    assert_eq!(members_of(&env, "developers", 1), Vec::<usize>::new(), "the removal remembers what was mapped");
    assert_eq!(members_of(&env, "Engineering", 1), Vec::<usize>::new());
}

#[test]
fn a_removal_keeps_a_mapped_group_another_idp_group_is_linked_to() {
    // IdP group "developers" syncs to the Jira group of that name, which Engineering maps to.
    let groups: &[(&str, &str, &[&str])] = &[("g1", "Engineering", &["u1"]), ("g2", "developers", &["u1"])];
    let mut env = user_sync(1, &[], groups);
    env.remap(vec![Env::mapping("Engineering", &["developers"], &[])]);
    drain_settled(&env);
    env.members("g1", &[], &["u1"]);
    drain_settled(&env);
    assert_eq!(members_of(&env, "developers", 1), [1], "still granted by IdP group developers");
    assert_eq!(members_of(&env, "Engineering", 1), Vec::<usize>::new());
}

#[test]
fn a_deleted_idp_group_takes_its_members_out_of_the_jira_groups_it_mapped_to() {
    let mut env = user_sync(2, &["developers"], &[("g1", "Engineering", &["u1", "u2"]), ("g2", "Field", &["u2"])]);
    env.remap(vec![Env::mapping("Engineering", &["developers"], &[]), Env::mapping("Field", &["developers"], &[])]);
    drain_settled(&env);
    assert_eq!(members_of(&env, "developers", 2), [1, 2]);
    env.write_group("g1", None, &[], &[]);
    drain_settled(&env);
    assert_eq!(members_of(&env, "developers", 2), [2], "u2 keeps it through Field");
}

#[test]
fn leaving_an_idp_group_keeps_its_jira_group_when_another_group_maps_to_it() {
    let mut env = user_sync(1, &[], &[("g1", "Engineering", &["u1"]), ("g2", "Field", &["u1"])]);
    env.remap(vec![Env::mapping("Field", &["Engineering"], &[])]);
    drain_settled(&env);
    assert_eq!(members_of(&env, "Engineering", 1), [1]);
    env.members("g1", &[], &["u1"]);
    drain_settled(&env);
    assert_eq!(members_of(&env, "Engineering", 1), [1], "Field still grants Engineering");
    env.members("g2", &[], &["u1"]);
    drain_settled(&env);
    assert_eq!(members_of(&env, "Engineering", 1), Vec::<usize>::new());
}
