//! Jira calls per SCIM operation, measured from the request log, for every flow. The
//! table is printed (`cargo test calls_per_operation -- --nocapture`) and each row is
//! asserted, so a change that costs a call fails here.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::env::{group, user, Env};
use crate::connection::{Deactivation, GroupDelete, RenamePolicy, SyncMode};
use crate::host::block_on;
use crate::store::{self, UserRecord};
use crate::sync::{plan_user, preview};

/// Runs `op` (SCIM writes), drains, and counts the Jira calls.
fn measure(env: &mut Env, op: impl FnOnce(&mut Env)) -> usize {
    env.calls();
    op(env);
    env.drain_all();
    env.calls().len()
}

fn linked_users(env: &mut Env, n: usize) {
    for i in 1..=n {
        env.write_user(&format!("u{i}"), Some(user(&format!("u{i}@example.com"), "U", true)));
    }
    env.drain_all();
}

#[test]
fn calls_per_operation() {
    let mut rows: Vec<(&str, usize, usize)> = Vec::new();
    let mut row = |name: &'static str, measured: usize, expected: usize| rows.push((name, measured, expected));

    let mut env = Env::user_sync();
    env.jira.borrow_mut().add_account("old@example.com", "Old");
    row(
        "user create, account exists (link)",
        measure(&mut env, |e| e.write_user("o", Some(user("old@example.com", "Old", true)))),
        1,
    );
    row(
        "user create, Import Users (find + create)",
        measure(&mut env, |e| e.write_user("u1", Some(user("u1@example.com", "U", true)))),
        2,
    );
    row(
        "user update, nothing Jira holds (title)",
        measure(&mut env, |e| {
            let mut titled = user("u1@example.com", "U", true);
            titled["title"] = "Lead".into();
            e.write_user("u1", Some(titled));
        }),
        0,
    );
    row("user PUT, no change", measure(&mut env, |e| e.write_user("u1", Some(user("u1@example.com", "U", true)))), 0);
    row(
        "user email/name change (reported, not sent)",
        measure(&mut env, |e| e.write_user("u1", Some(user("u1.new@example.com", "Ux", true)))),
        0,
    );
    row(
        "deactivate, suspend policy",
        measure(&mut env, |e| e.write_user("u1", Some(user("u1.new@example.com", "Ux", false)))),
        1,
    );
    row(
        "reactivate, suspend policy",
        measure(&mut env, |e| e.write_user("u1", Some(user("u1.new@example.com", "Ux", true)))),
        1,
    );
    row("user delete (deactivates; never deletes)", measure(&mut env, |e| e.write_user("u1", None)), 1);

    let mut env = Env::new(SyncMode::User, Deactivation::RemoveProductAccess);
    linked_users(&mut env, 1);
    row(
        "deactivate, remove-product-access, first time",
        measure(&mut env, |e| e.write_user("u1", Some(user("u1@example.com", "U", false)))),
        2,
    );
    row(
        "reactivate, remove-product-access",
        measure(&mut env, |e| e.write_user("u1", Some(user("u1@example.com", "U", true)))),
        1,
    );
    let mut env = Env::new(SyncMode::User, Deactivation::Nothing);
    linked_users(&mut env, 1);
    row(
        "deactivate, nothing policy",
        measure(&mut env, |e| e.write_user("u1", Some(user("u1@example.com", "U", false)))),
        0,
    );

    let mut env = Env::user_sync();
    linked_users(&mut env, 3);
    env.jira.borrow_mut().add_group("Existing");
    row(
        "group create, exists in Jira (link)",
        measure(&mut env, |e| e.write_group("g0", Some(group("Existing")), &[], &[])),
        1,
    );
    row(
        "group create, Import Groups (find + create)",
        measure(&mut env, |e| e.write_group("g1", Some(group("Sales")), &[], &[])),
        2,
    );
    row("member add, linked user", measure(&mut env, |e| e.members("g1", &["u1"], &[])), 1);
    row("member add, 2 users in one PATCH", measure(&mut env, |e| e.members("g1", &["u2", "u3"], &[])), 2);
    row("member remove", measure(&mut env, |e| e.members("g1", &[], &["u3"])), 1);
    row(
        "group rename, recreate, 2 members (find, create, 2 adds, delete)",
        measure(&mut env, |e| e.write_group("g1", Some(group("Revenue")), &[], &[])),
        5,
    );
    env.conn.policies.rename = RenamePolicy::KeepOldName;
    env.save_conn();
    row("group rename, keep old name", measure(&mut env, |e| e.write_group("g1", Some(group("Income")), &[], &[])), 0);
    env.conn.policies.group_delete = GroupDelete::Delete;
    env.save_conn();
    row("group delete, delete policy (2 members)", measure(&mut env, |e| e.write_group("g1", None, &[], &[])), 1);
    env.conn.policies.group_delete = GroupDelete::Keep;
    env.save_conn();
    row("group delete, keep policy", measure(&mut env, |e| e.write_group("g0", None, &[], &[])), 0);
    env.map("Mapped", &["developers"], &[]);
    env.write_group("g2", Some(group("Mapped")), &[], &[]);
    env.drain_all();
    row(
        "member add, group mapped to a Jira group, first time",
        measure(&mut env, |e| e.members("g2", &["u1"], &[])),
        3,
    );
    row("member add, mapped, group remembered", measure(&mut env, |e| e.members("g2", &["u2"], &[])), 2);
    env.conn.policies.rename = RenamePolicy::KeepOldName;
    env.map("Remapped", &["qa"], &[]);
    env.jira.borrow_mut().add_group("qa");
    row(
        "group rename, keep old name, mapped groups differ, 2 members (2 leaves, find + 2 joins)",
        measure(&mut env, |e| e.write_group("g2", Some(group("Remapped")), &[], &[])),
        5,
    );
    let developers = Env::mapping("Mapped", &["developers"], &[]);
    row("admin removes a mapping, 2 members (2 leaves)", measure(&mut env, |e| e.remap(vec![developers.clone()])), 2);
    row(
        "admin adds a mapping back, 2 members (per member: linked group + qa, remembered)",
        measure(&mut env, |e| e.remap(vec![developers, Env::mapping("Remapped", &["qa"], &[])])),
        4,
    );

    let mut env = Env::user_sync();
    env.conn.policies.import_users = false;
    env.save_conn();
    env.write_group("g1", Some(group("developers")), &[], &[]);
    env.drain_all();
    row(
        "user create, no account, Import Users off",
        measure(&mut env, |e| e.write_user("x", Some(user("x@example.com", "X", true)))),
        1,
    );
    row("member add, unlinked user", measure(&mut env, |e| e.members("g1", &["x"], &[])), 0);

    let mut env = Env::new(SyncMode::Customer, Deactivation::Suspend);
    env.map("Jira-Service-group", &[], &["1"]);
    env.jira.borrow_mut().add_account("staff@example.com", "Staff");
    row("customer create", measure(&mut env, |e| e.write_user("c1", Some(user("c1@example.com", "C", true)))), 1);
    row(
        "customer create, email has an account (409 + look-up)",
        measure(&mut env, |e| e.write_user("c2", Some(user("staff@example.com", "S", true)))),
        2,
    );
    env.write_user("c3", Some(user("c3@example.com", "C", true)));
    env.drain_all();
    env.write_group("g1", Some(group("Jira-Service-group")), &[], &[]);
    env.drain_all();
    row(
        "desk access for 3 users in one PATCH (batched)",
        measure(&mut env, |e| e.members("g1", &["c1", "c2", "c3"], &[])),
        1,
    );
    row("desk access revoke, 1 user", measure(&mut env, |e| e.members("g1", &[], &["c3"])), 1);
    row(
        "customer deactivate (1 mapped desk)",
        measure(&mut env, |e| e.write_user("c1", Some(user("c1@example.com", "C", false)))),
        1,
    );
    row("customer reactivate", measure(&mut env, |e| e.write_user("c1", Some(user("c1@example.com", "C", true)))), 1);
    // Sales Desks → {1, 2}; Desk Three → {2, 3}: desk 2 stays, 1 goes, 3 comes.
    let mut env = Env::new(SyncMode::Customer, Deactivation::Suspend);
    env.jira.borrow_mut().desks.insert("3".into(), Default::default());
    env.map("Sales Desks", &[], &["1", "2"]);
    env.map("Desk Three", &[], &["2", "3"]);
    env.write_user("c1", Some(user("c1@example.com", "C", true)));
    env.write_user("c2", Some(user("c2@example.com", "C", true)));
    env.write_group("g1", Some(group("Sales Desks")), &["c1", "c2"], &[]);
    env.drain_all();
    row(
        "group rename, desks differ, 2 members (1 revoke + 1 grant, batched; shared desk untouched)",
        measure(&mut env, |e| e.write_group("g1", Some(group("Desk Three")), &[], &[])),
        2,
    );

    println!("| SCIM operation | Jira calls |\n| --- | --- |");
    for (name, measured, _) in &rows {
        println!("| {name} | {measured} |");
    }
    let wrong: Vec<_> = rows.iter().filter(|(_, measured, expected)| measured != expected).collect();
    assert!(wrong.is_empty(), "{wrong:?}");
}

#[test]
fn a_dry_run_previews_the_calls_without_making_any() {
    let env = Env::user_sync();
    let resource = user("new@example.com", "New", true);
    let tasks = plan_user(None, Some(&resource), "u9", &env.conn);
    let record = UserRecord { resource, ..UserRecord::default() };
    assert_eq!(block_on(store::put_user(&env.host, "c1", "u9", None, &record)), Ok(()));
    let preview = block_on(preview(&env.host, &env.conn, &tasks));
    let Ok(preview) = preview else { panic!("{preview:?}") };
    let calls: Vec<&str> = preview.calls.iter().map(|c| c.call.as_str()).collect();
    assert_eq!(calls, ["GET /rest/api/3/user/search", "POST /rest/api/3/user"]);
    assert!(preview.outcomes.iter().any(|o| o.contains("then the memberships of user u9")), "{:?}", preview.outcomes);
    assert!(env.host.requests().is_empty(), "nothing sent");
    assert_eq!(env.queued(), 0, "nothing queued");
}
