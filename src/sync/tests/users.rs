#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::env::{user, Env};
use crate::connection::{Deactivation, SyncMode};
use crate::sync::links::LinkStatus;

const SEARCH: &str = "GET /rest/api/3/user/search";
const CREATE: &str = "POST /rest/api/3/user";
const SUSPEND: &str = "POST /admin/v2/orgs/{org}/directories/{dir}/users/{id}/suspend";
const RESTORE: &str = "POST /admin/v2/orgs/{org}/directories/{dir}/users/{id}/restore";

#[test]
fn create_links_an_existing_account_with_one_search() {
    let mut env = Env::user_sync();
    let existing = env.jira.borrow_mut().add_account("ann@example.com", "Ann");
    env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
    let report = env.drain();
    assert_eq!(env.calls(), [SEARCH]);
    assert_eq!((report.done, report.pending), (1, 0));
    let link = env.user_link("u1");
    assert_eq!((link.account_id.as_deref(), link.status), (Some(existing.as_str()), LinkStatus::Linked));
    assert_eq!(link.note, None);
}

#[test]
fn create_makes_the_account_under_import_users() {
    let mut env = Env::user_sync();
    env.write_user("u1", Some(user("bob@example.com", "Bob", true)));
    env.drain();
    assert_eq!(env.calls(), [SEARCH, CREATE]);
    let created = env.account("bob@example.com");
    assert!(created.is_some());
    assert_eq!(env.user_link("u1").account_id, created);
    assert_eq!(env.user_link("u1").active, Some(true));
}

#[test]
fn users_that_cannot_be_linked_are_left_unlinked_and_say_why() {
    // (name, import users, active, accounts with that email, expected note fragment)
    let cases = [
        ("import off", false, true, 0, "Import Users is off"),
        ("inactive users are not created", true, false, 0, "inactive users are not created"),
        ("two accounts share the email", true, true, 2, "2 Jira accounts"),
    ];
    for (name, import, active, accounts, note) in cases {
        let mut env = Env::user_sync();
        env.conn.policies.import_users = import;
        env.save_conn();
        for _ in 0..accounts {
            env.jira.borrow_mut().add_account("cy@example.com", "Cy");
        }
        env.write_user("u1", Some(user("cy@example.com", "Cy", active)));
        let report = env.drain();
        assert_eq!(env.calls(), [SEARCH], "{name}");
        assert_eq!(report.parked, 1, "{name}");
        let link = env.user_link("u1");
        assert_eq!(link.status, LinkStatus::Unlinked, "{name}");
        assert!(link.note.as_deref().is_some_and(|n| n.contains(note)), "{name}: {:?}", link.note);
        assert_eq!(env.jira.borrow().accounts.len(), accounts, "{name}: nothing created");
    }
}

#[test]
fn writes_jira_does_not_hold_make_no_calls() {
    let mut env = Env::user_sync();
    let ann = user("ann@example.com", "Ann", true);
    env.write_user("u1", Some(ann.clone()));
    env.drain();
    env.calls();
    let mut titled = ann.clone();
    titled["title"] = "Engineer".into();
    for (name, resource) in [("same again", ann.clone()), ("title only", titled)] {
        env.write_user("u1", Some(resource));
        assert_eq!(env.queued(), 0, "{name}: nothing queued");
        env.drain();
        assert!(env.calls().is_empty(), "{name}");
    }
}

#[test]
fn what_jira_cannot_change_is_reported_without_a_call() {
    let mut env = Env::user_sync();
    env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
    env.drain();
    env.calls();
    env.write_user("u1", Some(user("ann.new@example.com", "Annie", true)));
    let report = env.drain();
    assert!(env.calls().is_empty());
    assert_eq!(report.done, 1);
    let note = env.user_link("u1").note.unwrap_or_default();
    assert!(note.contains("ann.new@example.com") && note.contains("Jira keeps ann@example.com"), "{note}");
    assert!(note.contains("\"Annie\"") && note.contains("Jira shows \"Ann\""), "{note}");
    assert_eq!(env.user_link("u1").account_id, env.account("ann@example.com"), "still the same account");
}

#[test]
fn deactivation_policies_table() {
    const FIND_GROUP: &str = "GET /rest/api/3/group/bulk";
    const LEAVE: &str = "DELETE /rest/api/3/group/user";
    const JOIN: &str = "POST /rest/api/3/group/user";
    // (policy, calls to deactivate, calls to reactivate)
    let cases: [(Deactivation, &[&str], &[&str]); 3] = [
        (Deactivation::Suspend, &[SUSPEND], &[RESTORE]),
        // The access group is looked up once, then remembered.
        (Deactivation::RemoveProductAccess, &[FIND_GROUP, LEAVE], &[JOIN]),
        (Deactivation::Nothing, &[], &[]),
    ];
    for (policy, off, on) in cases {
        let mut env = Env::new(SyncMode::User, policy);
        env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
        env.drain();
        env.calls();
        let account = env.account("ann@example.com").unwrap_or_default();
        env.jira.borrow_mut().groups.values_mut().filter(|(n, _)| n == "jira-software-users").for_each(|(_, m)| {
            m.insert(account.clone());
        });
        env.write_user("u1", Some(user("ann@example.com", "Ann", false)));
        env.drain();
        assert_eq!(env.calls(), off, "{policy:?} deactivate");
        assert_eq!(env.user_link("u1").active, Some(false), "{policy:?}");
        let jira = env.jira.borrow();
        let access = jira.members_of("jira-software-users").contains(&account);
        let suspended = jira.suspended.contains(&account);
        assert_eq!(
            (suspended, access),
            (policy == Deactivation::Suspend, policy != Deactivation::RemoveProductAccess),
            "{policy:?}"
        );
        drop(jira);
        env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
        env.drain();
        assert_eq!(env.calls(), on, "{policy:?} reactivate");
        let jira = env.jira.borrow();
        assert!(
            !jira.suspended.contains(&account) && jira.members_of("jira-software-users").contains(&account),
            "{policy:?}"
        );
    }
}

#[test]
fn delete_deactivates_and_never_deletes_the_account() {
    let mut env = Env::user_sync();
    env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
    env.write_user("u2", Some(user("bo@example.com", "Bo", true)));
    env.drain();
    env.write_user("u2", Some(user("bo@example.com", "Bo", false)));
    env.drain();
    env.calls();
    env.write_user("u1", None);
    env.drain();
    assert_eq!(env.calls(), [SUSPEND]);
    env.write_user("u2", None);
    env.drain();
    assert!(env.calls().is_empty(), "already deactivated: no call");
    assert_eq!(env.jira.borrow().accounts.len(), 2, "no account deleted");
    assert_eq!(env.user_link("u1").status, LinkStatus::Deleted);
}

#[test]
fn a_user_linked_later_gets_its_memberships_then() {
    let mut env = Env::user_sync();
    env.conn.policies.import_users = false;
    env.save_conn();
    env.write_group("g1", Some(super::env::group("developers")), &[], &[]);
    env.write_user("u1", Some(user("dee@example.com", "Dee", true)));
    env.members("g1", &["u1"], &[]);
    let report = env.drain();
    // The user (no account), the planned add and the add that followed the group's link.
    assert_eq!(report.parked, 3);
    assert_eq!(env.queued(), 0, "parked work leaves the queue; the user's link brings it back");
    env.calls();
    // The account appears in Jira; the IdP's next change to the user links it.
    let account = env.jira.borrow_mut().add_account("dee@example.com", "Dee");
    env.write_user("u1", Some(user("dee@example.com", "Dee Dee", true)));
    env.drain();
    assert_eq!(env.calls(), [SEARCH, "POST /rest/api/3/group/user"]);
    assert!(env.jira.borrow().members_of("developers").contains(&account));
}

#[test]
fn product_access_follows_the_sites_own_access_group_names() {
    const LEAVE: &str = "DELETE /rest/api/3/group/user";
    const JOIN: &str = "POST /rest/api/3/group/user";
    // A site whose access groups carry its name: the policy lists them.
    let mut env = Env::new(SyncMode::User, Deactivation::RemoveProductAccess);
    let suffixed = ["jira-software-users-mysite", "jira-servicemanagement-users-mysite"];
    for name in suffixed {
        env.jira.borrow_mut().add_group(name);
    }
    env.conn.policies.product_access_groups = Some(suffixed.map(String::from).to_vec());
    env.save_conn();
    env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
    env.drain();
    let account = env.account("ann@example.com").unwrap_or_default();
    for (_, members) in env
        .jira
        .borrow_mut()
        .groups
        .values_mut()
        .filter(|(n, _)| n == "jira-software-users" || suffixed.contains(&n.as_str()))
    {
        members.insert(account.clone());
    }
    let in_groups = |env: &Env| -> Vec<bool> {
        let jira = env.jira.borrow();
        ["jira-software-users", suffixed[0], suffixed[1]]
            .iter()
            .map(|g| jira.members_of(g).contains(&account))
            .collect()
    };
    env.calls();
    env.write_user("u1", Some(user("ann@example.com", "Ann", false)));
    env.drain();
    let calls = env.calls();
    assert_eq!(calls.iter().filter(|c| **c == LEAVE).count(), 2, "{calls:?}");
    assert_eq!(
        in_groups(&env),
        [true, false, false],
        "the listed groups are left, the conventional one is not touched"
    );
    env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
    env.drain();
    assert_eq!(env.calls(), [JOIN, JOIN], "both remembered: no look-up");
    assert_eq!(in_groups(&env), [true, true, true]);
}
