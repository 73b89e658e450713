#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::env::{group, user, Env};
use crate::connection::{GroupDelete, RenamePolicy};
use crate::sync::links::LinkStatus;

const FIND: &str = "GET /rest/api/3/group/bulk";
const CREATE: &str = "POST /rest/api/3/group";
const DELETE: &str = "DELETE /rest/api/3/group";
const JOIN: &str = "POST /rest/api/3/group/user";
const LEAVE: &str = "DELETE /rest/api/3/group/user";

/// An env with users u1..=n linked to accounts, calls cleared.
fn with_users(n: usize) -> Env {
    let mut env = Env::user_sync();
    for i in 1..=n {
        env.write_user(&format!("u{i}"), Some(user(&format!("user{i}@example.com"), &format!("User {i}"), true)));
    }
    env.drain();
    env.calls();
    env
}

fn account(env: &Env, i: usize) -> String {
    env.account(&format!("user{i}@example.com")).unwrap_or_default()
}

#[test]
fn group_create_links_or_creates_per_import_groups() {
    // (name, exists in Jira, import groups, calls, linked)
    let cases: [(&str, bool, bool, &[&str], bool); 3] = [
        ("existing group", true, false, &[FIND], true),
        ("new group, import on", false, true, &[FIND, CREATE], true),
        ("new group, import off", false, false, &[FIND], false),
    ];
    for (name, exists, import, calls, linked) in cases {
        let mut env = Env::user_sync();
        env.conn.policies.import_groups = import;
        env.save_conn();
        if exists {
            env.jira.borrow_mut().add_group("Engineering");
        }
        env.write_group("g1", Some(group("Engineering")), &[], &[]);
        env.drain();
        assert_eq!(env.calls(), calls, "{name}");
        let link = env.group_link("g1");
        assert_eq!(link.status == LinkStatus::Linked, linked, "{name}: {link:?}");
        assert_eq!(env.jira.borrow().group_named("Engineering").is_some(), exists || import, "{name}");
        assert_eq!(
            link.group_id,
            env.jira.borrow().group_named("Engineering").filter(|_| linked).map(|g| g.0),
            "{name}"
        );
    }
}

#[test]
fn members_go_in_and_out_with_one_call_each() {
    let mut env = with_users(2);
    env.write_group("g1", Some(group("Engineering")), &["u1"], &[]);
    env.drain();
    assert_eq!(env.calls(), [FIND, CREATE, JOIN, JOIN], "the planned add, and the add that follows the group's link");
    env.members("g1", &["u2"], &["u1"]);
    env.drain();
    assert_eq!(env.calls(), [JOIN, LEAVE]);
    let members = env.jira.borrow().members_of("Engineering");
    assert_eq!(members.into_iter().collect::<Vec<_>>(), [account(&env, 2)]);
}

#[test]
fn unlinked_users_make_no_membership_calls() {
    let mut env = Env::user_sync();
    env.conn.policies.import_users = false;
    env.save_conn();
    env.write_group("g1", Some(group("developers")), &[], &[]);
    env.write_user("u1", Some(user("nobody@example.com", "No Body", true)));
    env.drain();
    env.calls();
    env.members("g1", &["u1"], &[]);
    let report = env.drain();
    assert!(env.calls().is_empty());
    assert_eq!(report.parked, 1);
}

#[test]
fn add_then_remove_before_a_drain_ends_where_the_idp_is() {
    let mut env = with_users(1);
    env.write_group("g1", Some(group("developers")), &[], &[]);
    env.drain();
    env.calls();
    env.members("g1", &["u1"], &[]);
    env.members("g1", &[], &["u1"]);
    env.drain();
    assert!(!env.jira.borrow().members_of("developers").contains(&account(&env, 1)));
    assert_eq!(env.calls(), [LEAVE], "the add sees the user left and does nothing; the removal finds no member");
}

#[test]
fn mapped_jira_groups_follow_membership_and_stay_while_another_group_grants_them() {
    let mut env = with_users(1);
    env.map("Engineering", &["developers"], &[]);
    env.map("Platform", &["developers"], &[]);
    env.jira.borrow_mut().add_group("Engineering");
    env.jira.borrow_mut().add_group("Platform");
    env.write_group("g1", Some(group("Engineering")), &[], &[]);
    env.write_group("g2", Some(group("Platform")), &[], &[]);
    env.drain();
    env.calls();
    env.members("g1", &["u1"], &[]);
    env.drain();
    assert_eq!(env.calls(), [JOIN, FIND, JOIN], "linked group, then the mapped one (found once)");
    env.members("g2", &["u1"], &[]);
    env.drain();
    assert_eq!(env.calls(), [JOIN, JOIN], "the mapped group is remembered; already a member counts as done");
    env.members("g1", &[], &["u1"]);
    env.drain();
    assert_eq!(env.calls(), [LEAVE], "developers stays: Platform still grants it");
    assert!(env.jira.borrow().members_of("developers").contains(&account(&env, 1)));
    env.members("g2", &[], &["u1"]);
    env.drain();
    assert_eq!(env.calls(), [LEAVE, LEAVE]);
    assert!(env.jira.borrow().members_of("developers").is_empty());
}

#[test]
fn a_missing_mapped_group_goes_to_the_dead_letters() {
    let mut env = with_users(1);
    env.map("Engineering", &["no-such-group"], &[]);
    env.write_group("g1", Some(group("Engineering")), &["u1"], &[]);
    env.drain();
    let letters = env.dead_letters();
    assert!(!letters.is_empty());
    assert!(letters.iter().all(|l| l.error.contains("no-such-group")), "{letters:?}");
    assert!(
        env.jira.borrow().members_of("Engineering").contains(&account(&env, 1)),
        "the linked group still got the member"
    );
}

#[test]
fn rename_policies_table() {
    // (policy, calls for the rename of a 2-member group, old group left in Jira)
    let cases: [(RenamePolicy, &[&str], bool); 2] =
        [(RenamePolicy::Recreate, &[FIND, CREATE, JOIN, JOIN, DELETE], false), (RenamePolicy::KeepOldName, &[], true)];
    for (policy, calls, old_left) in cases {
        let mut env = with_users(2);
        env.conn.policies.rename = policy;
        env.save_conn();
        env.write_group("g1", Some(group("Sales")), &["u1", "u2"], &[]);
        env.drain();
        env.calls();
        env.write_group("g1", Some(group("Revenue")), &[], &[]);
        env.drain();
        assert_eq!(env.calls(), calls, "{policy:?}");
        let jira = env.jira.borrow();
        assert_eq!(jira.group_named("Sales").is_some(), old_left, "{policy:?}");
        let expected = if old_left { "Sales" } else { "Revenue" };
        assert_eq!(jira.members_of(expected).len(), 2, "{policy:?}");
        assert_eq!(env.group_link("g1").name.as_deref(), Some(expected), "{policy:?}");
        assert_eq!(env.group_link("g1").retired, None, "{policy:?}");
    }
}

#[test]
fn a_rename_that_only_changes_case_makes_no_call() {
    let mut env = with_users(0);
    env.write_group("g1", Some(group("Sales")), &[], &[]);
    env.drain();
    env.calls();
    env.write_group("g1", Some(group("SALES")), &[], &[]);
    env.drain();
    assert!(env.calls().is_empty());
    assert!(env.group_link("g1").note.unwrap_or_default().contains("ignore case"));
}

#[test]
fn delete_policies_table() {
    let cases: [(GroupDelete, &[&str], bool); 2] =
        [(GroupDelete::Delete, &[DELETE], false), (GroupDelete::Keep, &[], true)];
    for (policy, calls, kept) in cases {
        let mut env = with_users(1);
        env.conn.policies.group_delete = policy;
        env.save_conn();
        env.write_group("g1", Some(group("Sales")), &["u1"], &[]);
        env.drain();
        env.calls();
        env.write_group("g1", None, &[], &[]);
        env.drain();
        assert_eq!(env.calls(), calls, "{policy:?}");
        assert_eq!(env.jira.borrow().group_named("Sales").is_some(), kept, "{policy:?}");
        assert_eq!(env.group_link("g1").status, LinkStatus::Deleted);
        if kept {
            assert!(
                env.jira.borrow().members_of("Sales").contains(&account(&env, 1)),
                "a kept group keeps its members"
            );
        }
    }
}

#[test]
fn a_rename_moves_members_from_the_old_names_mapped_groups_to_the_new_ones() {
    // Sales → {sales-team, everyone}; Revenue → {revenue-team, everyone}. u2 is also in
    // "Field", which maps to sales-team, so u2 keeps it.
    for policy in [RenamePolicy::KeepOldName, RenamePolicy::Recreate] {
        let mut env = with_users(2);
        for name in ["sales-team", "revenue-team", "everyone"] {
            env.jira.borrow_mut().add_group(name);
        }
        env.map("Sales", &["sales-team", "everyone"], &[]);
        env.map("Revenue", &["revenue-team", "everyone"], &[]);
        env.map("Field", &["sales-team"], &[]);
        env.conn.policies.rename = policy;
        env.save_conn();
        env.write_group("g1", Some(group("Sales")), &["u1", "u2"], &[]);
        env.write_group("g2", Some(group("Field")), &["u2"], &[]);
        env.drain();
        env.calls();
        env.write_group("g1", Some(group("Revenue")), &[], &[]);
        env.drain();
        let calls = env.calls();
        let (a1, a2) = (account(&env, 1), account(&env, 2));
        let jira = env.jira.borrow();
        let members = |g: &str| jira.members_of(g).into_iter().collect::<Vec<_>>();
        let both = {
            let mut both = vec![a1.clone(), a2.clone()];
            both.sort();
            both
        };
        assert_eq!(
            members("sales-team"),
            std::slice::from_ref(&a2),
            "{policy:?}: only u1 leaves; Field still grants u2's"
        );
        assert_eq!(members("revenue-team"), both, "{policy:?}");
        assert_eq!(members("everyone"), both, "{policy:?}");
        assert!(env.dead_letters().is_empty(), "{policy:?}: {:?}", env.dead_letters());
        // KeepOldName: u1 leaves sales-team; each joins revenue-team (looked up once).
        // "everyone" both names map to: no call. Recreate adds its own group moves.
        let count = |c: &str| calls.iter().filter(|x| **x == c).count();
        match policy {
            RenamePolicy::KeepOldName => assert_eq!((count(LEAVE), count(JOIN), count(FIND)), (1, 2, 1), "{calls:?}"),
            RenamePolicy::Recreate => {
                // find + create Revenue; per member: Revenue, revenue-team, everyone; u1 leaves
                // sales-team; the old group goes.
                assert_eq!((count(LEAVE), count(JOIN), count(DELETE)), (1, 6, 1), "{calls:?}");
            }
        }
    }
}

#[test]
fn a_rename_between_names_with_the_same_mappings_moves_nothing() {
    let mut env = with_users(1);
    env.jira.borrow_mut().add_group("everyone");
    env.map("Sales", &["everyone"], &[]);
    env.map("Revenue", &["EVERYONE"], &[]);
    env.conn.policies.rename = RenamePolicy::KeepOldName;
    env.save_conn();
    env.write_group("g1", Some(group("Sales")), &["u1"], &[]);
    env.drain();
    env.calls();
    env.write_group("g1", Some(group("Revenue")), &[], &[]);
    env.drain();
    assert!(env.calls().is_empty());
}
