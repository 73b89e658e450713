#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::env::{group, user, Env};
use super::fake_jira::Fault;
use crate::connection::{Deactivation, SyncMode};
use crate::host::block_on;
use crate::reconcile::{reconcile, repair, Drift, DriftReport};

fn check(env: &Env) -> DriftReport {
    match block_on(reconcile(&env.host, &env.site, "c1", 60_000)) {
        Ok(report) => report,
        Err(error) => panic!("reconcile: {error}"),
    }
}

fn kinds(report: &DriftReport) -> Vec<String> {
    let mut kinds: Vec<String> = report
        .drift
        .iter()
        .map(|d| match d {
            Drift::UserUnlinked { user, .. } => format!("unlinked {user}"),
            Drift::AccountMissing { user, .. } => format!("account missing {user}"),
            Drift::AccountActive { user, jira_active, .. } => format!("{user} active in Jira: {jira_active}"),
            Drift::AccessKept { user, jira_groups, .. } => format!("{user} deactivated, still in {jira_groups:?}"),
            Drift::GroupUnlinked { group, .. } => format!("group unlinked {group}"),
            Drift::GroupMissing { group, .. } => format!("group missing {group}"),
            Drift::MemberMissing { jira_group, user, .. } => format!("{user} missing from {jira_group}"),
            Drift::MemberExtra { group, user, .. } => {
                format!("extra in {group}: {}", user.as_deref().unwrap_or("stranger"))
            }
            Drift::CustomerMissing { desk, user, .. } => format!("{user} missing from desk {desk}"),
            Drift::CustomerExtra { desk, user, .. } => format!("{user} extra on desk {desk}"),
        })
        .collect();
    kinds.sort();
    kinds
}

#[test]
fn user_sync_drift_is_found_and_repaired() {
    let mut env = Env::new(SyncMode::User, Deactivation::Suspend);
    for i in 1..=3 {
        env.write_user(&format!("u{i}"), Some(user(&format!("u{i}@example.com"), "U", true)));
    }
    env.write_group("g1", Some(group("Sales")), &["u1", "u2"], &[]);
    env.write_group("g2", Some(group("Ops")), &[], &[]);
    env.drain_all();
    assert!(check(&env).drift.is_empty(), "{:?}", check(&env).drift);
    env.calls();

    // Behind our back: u1 suspended, u2 out of Sales, u3 and a stranger in it, Ops deleted,
    // u4 never found (Import Users off).
    let acc: Vec<String> = (0..=3).map(|i| env.account(&format!("u{i}@example.com")).unwrap_or_default()).collect();
    let acc = |i: usize| acc[i].clone();
    {
        let mut jira = env.jira.borrow_mut();
        jira.suspended.insert(acc(1));
        let stranger = jira.add_account("stranger@example.com", "S");
        let sales = jira.group_named("Sales").map(|g| g.0).unwrap_or_default();
        if let Some((_, members)) = jira.groups.get_mut(&sales) {
            members.remove(&acc(2));
            members.insert(acc(3));
            members.insert(stranger);
        }
        let ops = jira.group_named("Ops").map(|g| g.0).unwrap_or_default();
        jira.groups.remove(&ops);
    }
    env.conn.policies.import_users = false;
    env.save_conn();
    env.write_user("u4", Some(user("u4@example.com", "U", true)));
    env.drain_all();
    env.calls();

    let report = check(&env);
    assert!(report.complete);
    assert_eq!(
        kinds(&report),
        [
            "extra in g1: stranger",
            "extra in g1: u3",
            "group missing g2",
            "u1 active in Jira: false",
            "u2 missing from Sales",
            "unlinked u4"
        ]
    );
    assert_eq!((report.users_checked, report.groups_checked), (4, 2));
    assert_eq!(report.jira_calls, 3 + 2, "one read per linked user, one page per linked group");
    assert_eq!(env.calls().len(), report.jira_calls);

    assert!(block_on(repair(&env.host, &report)).is_ok_and(|queued| queued == 5), "all but the stranger");
    env.drain_all();
    let after = check(&env);
    assert_eq!(kinds(&after), ["extra in g1: stranger", "unlinked u4"], "what a person must decide");
    assert!(env.jira.borrow().group_named("Ops").is_some(), "Ops made again");
    assert!(!env.jira.borrow().suspended.contains(&acc(1)), "u1 restored");
}

#[test]
fn a_mapped_jira_group_missing_a_member_is_drift_and_a_stranger_in_it_is_not() {
    let mut env = Env::new(SyncMode::User, Deactivation::Suspend);
    env.jira.borrow_mut().add_group("developers");
    env.map("Sales", &["developers"], &[]);
    for i in 1..=2 {
        env.write_user(&format!("u{i}"), Some(user(&format!("u{i}@example.com"), "U", true)));
    }
    env.write_group("g1", Some(group("Sales")), &["u1", "u2"], &[]);
    env.drain_all();
    let clean = check(&env);
    assert!(clean.drift.is_empty(), "{:?}", clean.drift);
    assert_eq!(clean.mapped_groups_checked, 1);
    let u2 = env.account("u2@example.com").unwrap_or_default();
    {
        let mut jira = env.jira.borrow_mut();
        let stranger = jira.add_account("stranger@example.com", "S");
        let developers = jira.group_named("developers").map(|g| g.0).unwrap_or_default();
        if let Some((_, members)) = jira.groups.get_mut(&developers) {
            members.remove(&u2);
            members.insert(stranger);
        }
    }
    env.calls();
    let report = check(&env);
    assert_eq!(kinds(&report), ["u2 missing from developers"]);
    assert_eq!(report.jira_calls, 2 + 1 + 2, "users, the linked group, the mapped group's look-up and page");
    assert!(block_on(repair(&env.host, &report)).is_ok_and(|queued| queued == 1));
    env.drain_all();
    assert!(check(&env).drift.is_empty());
    assert!(env.jira.borrow().members_of("developers").contains(&u2));
}

#[test]
fn a_deactivated_user_still_in_a_product_access_group_is_drift_and_repair_takes_it_away() {
    let mut env = Env::new(SyncMode::User, Deactivation::RemoveProductAccess);
    for (id, email) in [("u1", "ann@example.com"), ("u2", "bob@example.com")] {
        env.write_user(id, Some(user(email, "U", true)));
    }
    env.drain_all();
    let access = |env: &Env, email: &str| {
        let account = env.account(email).unwrap_or_default();
        env.jira.borrow().members_of("jira-software-users").contains(&account)
    };
    for email in ["ann@example.com", "bob@example.com"] {
        let account = env.account(email).unwrap_or_default();
        let mut jira = env.jira.borrow_mut();
        jira.groups.values_mut().filter(|(n, _)| n == "jira-software-users").for_each(|(_, m)| {
            m.insert(account.clone());
        });
    }
    env.write_user("u1", Some(user("ann@example.com", "U", false)));
    env.write_user("u2", Some(user("bob@example.com", "U", false)));
    env.drain_all();
    assert!(!access(&env, "ann@example.com") && !access(&env, "bob@example.com"));
    assert!(check(&env).drift.is_empty(), "{:?}", check(&env).drift);

    // Someone gives Ann her product back in Jira; Bob is left alone.
    let ann = env.account("ann@example.com").unwrap_or_default();
    env.jira.borrow_mut().groups.values_mut().filter(|(n, _)| n == "jira-software-users").for_each(|(_, m)| {
        m.insert(ann.clone());
    });
    env.calls();
    let report = check(&env);
    assert_eq!(kinds(&report), [r#"u1 deactivated, still in ["jira-software-users"]"#]);
    assert_eq!(report.jira_calls, 2, "the groups come with the user read: no extra call");
    assert!(block_on(repair(&env.host, &report)).is_ok_and(|queued| queued == 1));
    env.drain_all();
    assert!(!access(&env, "ann@example.com"), "repair took the access away again");
    assert!(check(&env).drift.is_empty());
}

#[test]
fn a_linked_group_another_group_maps_to_holds_its_grants_without_drift() {
    let mut env = Env::new(SyncMode::User, Deactivation::Suspend);
    env.map("Field", &["Engineering"], &[]);
    for i in 1..=2 {
        env.write_user(&format!("u{i}"), Some(user(&format!("u{i}@example.com"), "U", true)));
    }
    env.write_group("g1", Some(group("Engineering")), &["u1"], &[]);
    env.write_group("g2", Some(group("Field")), &["u2"], &[]);
    env.drain_all();
    let clean = check(&env);
    assert!(clean.drift.is_empty(), "u2 is in Engineering through Field: {:?}", clean.drift);
    assert_eq!(clean.mapped_groups_checked, 0, "Engineering is read once, as a linked group");
    let u2 = env.account("u2@example.com").unwrap_or_default();
    {
        let mut jira = env.jira.borrow_mut();
        let engineering = jira.group_named("Engineering").map(|g| g.0).unwrap_or_default();
        if let Some((_, members)) = jira.groups.get_mut(&engineering) {
            members.remove(&u2);
        }
    }
    let report = check(&env);
    assert_eq!(kinds(&report), ["u2 missing from Engineering"]);
    assert!(matches!(&report.drift[0], Drift::MemberMissing { group, .. } if group == "g2"), "Field grants it");
    assert!(block_on(repair(&env.host, &report)).is_ok_and(|queued| queued == 1));
    env.drain_all();
    assert!(check(&env).drift.is_empty());
}

#[test]
fn customer_sync_desk_drift_is_found_and_repaired() {
    let mut env = Env::new(SyncMode::Customer, Deactivation::Suspend);
    env.map("Jira-Service-group", &[], &["1"]);
    for i in 1..=3 {
        env.write_user(&format!("u{i}"), Some(user(&format!("u{i}@example.com"), "U", true)));
    }
    env.write_group("g1", Some(group("Jira-Service-group")), &["u1", "u2"], &[]);
    env.drain_all();
    assert!(check(&env).drift.is_empty());
    let acc: Vec<String> = (0..=3).map(|i| env.account(&format!("u{i}@example.com")).unwrap_or_default()).collect();
    let acc = |i: usize| acc[i].clone();
    {
        let mut jira = env.jira.borrow_mut();
        let stranger = jira.add_account("walk-in@example.com", "W");
        let desk = jira.desks.entry("1".into()).or_default();
        desk.remove(&acc(2));
        desk.insert(acc(3));
        desk.insert(stranger);
    }
    let report = check(&env);
    assert_eq!(kinds(&report), ["u2 missing from desk 1", "u3 extra on desk 1"], "walk-in customers are not drift");
    assert_eq!(block_on(repair(&env.host, &report)), Ok(2));
    env.drain_all();
    assert!(check(&env).drift.is_empty());
}

#[test]
fn a_rate_limit_stops_the_check_and_says_so() {
    let mut env = Env::user_sync();
    env.write_user("u1", Some(user("u1@example.com", "U", true)));
    env.drain_all();
    env.jira.borrow_mut().fail_next("GET /rest/api/3/user", Fault::Status(429, Some(30)));
    let report = check(&env);
    assert!(!report.complete);
    assert!(report.stopped.as_deref().is_some_and(|s| s.contains("wait")), "{:?}", report.stopped);
}
