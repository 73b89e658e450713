#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::connection::GroupMapping;
use serde_json::json;

fn conn(mode: SyncMode) -> Connection {
    let mut conn = Connection { id: "c".into(), mode, ..Connection::default() };
    conn.policies.group_mappings = vec![GroupMapping {
        idp_group: "Jira-Service-group".into(),
        jira_groups: vec!["developers".into()],
        service_desks: vec!["1".into(), "2".into()],
    }];
    conn
}

fn sync_user() -> Task {
    Task::SyncUser { conn: "c".into(), user: "u".into() }
}

#[test]
fn user_writes_table() {
    let ann = json!({"userName":"ann@x.com","displayName":"Ann","active":true,"title":"Dev"});
    let with = |patch: Value| {
        let mut v = ann.clone();
        if let (Some(map), Some(extra)) = (v.as_object_mut(), patch.as_object()) {
            map.extend(extra.clone());
        }
        v
    };
    let user = conn(SyncMode::User);
    let delete = Task::DeleteUser { conn: "c".into(), user: "u".into(), account_id: None };
    type Row = (&'static str, Option<Value>, Option<Value>, Vec<Task>);
    let cases: Vec<Row> = vec![
        ("create", None, Some(ann.clone()), vec![sync_user()]),
        ("no-op write", Some(ann.clone()), Some(ann.clone()), vec![]),
        ("title only", Some(ann.clone()), Some(with(json!({"title":"Lead"}))), vec![]),
        ("deactivate", Some(ann.clone()), Some(with(json!({"active":false}))), vec![sync_user()]),
        ("Entra's string false", Some(ann.clone()), Some(with(json!({"active":"False"}))), vec![sync_user()]),
        ("true as a string is no change", Some(ann.clone()), Some(with(json!({"active":"True"}))), vec![]),
        ("new email", Some(ann.clone()), Some(with(json!({"emails":[{"value":"ann2@x.com"}]}))), vec![sync_user()]),
        ("new display name", Some(ann.clone()), Some(with(json!({"displayName":"Annie"}))), vec![sync_user()]),
        ("delete", Some(ann.clone()), None, vec![delete]),
        ("nothing", None, None, vec![]),
    ];
    for (name, before, after, expected) in cases {
        assert_eq!(plan_user(before.as_ref(), after.as_ref(), "u", &user), expected, "{name}");
    }
    let customer = conn(SyncMode::Customer);
    assert_eq!(
        plan_user(None, Some(&ann), "u", &customer),
        vec![Task::SyncCustomer { conn: "c".into(), user: "u".into() }]
    );
}

#[test]
fn group_writes_table() {
    let g = json!({"displayName":"Jira-Service-group"});
    let renamed = json!({"displayName":"Service"});
    let none = ChangeSet::default();
    let members =
        ChangeSet { members_added: vec!["u1".into()], members_removed: vec!["u2".into()], ..ChangeSet::default() };
    let former = ChangeSet { members_removed: vec!["u2".into()], ..ChangeSet::default() };
    let sync = Task::SyncGroup { conn: "c".into(), group: "g".into() };
    let add = Task::AddMember { conn: "c".into(), group: "g".into(), user: "u1".into() };
    // A removal remembers what the group's name maps to (here, to developers).
    let remove = Task::RemoveMember {
        conn: "c".into(),
        group: "g".into(),
        user: "u2".into(),
        account_id: None,
        mapped: vec!["developers".into()],
    };
    let delete = Task::DeleteGroup { conn: "c".into(), group: "g".into(), jira_group_id: None };
    let user = conn(SyncMode::User);
    type Row<'a> = (&'a str, Option<&'a Value>, Option<&'a Value>, &'a ChangeSet, Vec<Task>);
    let cases: Vec<Row> = vec![
        ("create", None, Some(&g), &none, vec![sync.clone()]),
        ("create with members", None, Some(&g), &members, vec![sync.clone(), add.clone(), remove.clone()]),
        ("no-op", Some(&g), Some(&g), &none, vec![]),
        ("rename", Some(&g), Some(&renamed), &none, vec![sync.clone()]),
        ("members only", Some(&g), Some(&g), &members, vec![add, remove.clone()]),
        ("delete with former members", Some(&g), None, &former, vec![delete, remove]),
    ];
    for (name, before, after, changes, expected) in cases {
        assert_eq!(plan_group(before, after, changes, "g", &user), expected, "{name}");
    }
}

#[test]
fn customer_sync_membership_becomes_desk_access() {
    let customer = conn(SyncMode::Customer);
    let mapped = json!({"displayName":"jira-service-group"});
    let unmapped = json!({"displayName":"Other"});
    let changes =
        ChangeSet { members_added: vec!["u1".into()], members_removed: vec!["u2".into()], ..ChangeSet::default() };
    let desk = |user: &str, desk: &str, grant| Task::DeskAccess {
        conn: "c".into(),
        user: user.into(),
        desk: desk.into(),
        grant,
    };
    assert_eq!(
        plan_membership(&mapped, &changes, "g", &customer),
        vec![desk("u1", "1", true), desk("u1", "2", true), desk("u2", "1", false), desk("u2", "2", false)]
    );
    assert!(plan_membership(&unmapped, &changes, "g", &customer).is_empty());
}
