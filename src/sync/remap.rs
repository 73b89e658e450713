//! Re-applying a change of group mappings to the members of the IdP groups it affects.
//! Pure: given the connection before and after, one IdP group and its members, the tasks
//! that bring those members in line. Each task decides from the store and the policies
//! when it runs, so these only say where to look.

use super::attrs;
use crate::connection::{Connection, SyncMode};
use crate::outbox::Task;

/// What a change of mappings changes for one IdP group name, in the connection's mode.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    /// User Sync: Jira groups the name no longer maps to.
    gone: Vec<String>,
    /// User Sync: whether the name maps to a Jira group it did not before.
    added: bool,
    /// Customer Sync: desks whose mapping changed, and whether the name maps to each now.
    desks: Vec<(String, bool)>,
}

impl Change {
    /// The change for `name` from `old`'s mappings to `new`'s (in `new`'s mode), names
    /// compared ignoring case as `attrs` does.
    pub fn of(old: &Connection, new: &Connection, name: &str) -> Change {
        match new.mode {
            SyncMode::User => {
                let (before, after) = (attrs::mapped_jira_groups(old, name), attrs::mapped_jira_groups(new, name));
                let added = !missing_from(&after, &before).is_empty();
                Change { gone: missing_from(&before, &after), added, desks: Vec::new() }
            }
            SyncMode::Customer => {
                let (before, after) = (attrs::mapped_desks(old, name), attrs::mapped_desks(new, name));
                let revoked = before.iter().filter(|d| !after.contains(d)).map(|d| (d.clone(), false));
                let granted = after.iter().filter(|d| !before.contains(d)).map(|d| (d.clone(), true));
                Change { gone: Vec::new(), added: false, desks: revoked.chain(granted).collect() }
            }
        }
    }

    /// Whether the name grants the same under both: then its members need nothing.
    pub fn is_empty(&self) -> bool {
        self.gone.is_empty() && !self.added && self.desks.is_empty()
    }

    /// The tasks for `members` of IdP group `group`. User Sync: each leaves the Jira
    /// groups no longer mapped (`Unmap`, which keeps those another membership grants),
    /// then joins the newly mapped ones (`AddMember` joins all the name maps to). Customer
    /// Sync: one `DeskAccess` per member and changed desk.
    pub fn tasks(&self, conn: &str, group: &str, members: &[String]) -> Vec<Task> {
        let mut tasks = Vec::new();
        for user in members {
            let (conn, group, user) = (conn.to_string(), group.to_string(), user.clone());
            if !self.gone.is_empty() {
                let jira_groups = self.gone.clone();
                tasks.push(Task::Unmap { conn: conn.clone(), group: group.clone(), user: user.clone(), jira_groups });
            }
            if self.added {
                tasks.push(Task::AddMember { conn: conn.clone(), group, user: user.clone() });
            }
            for (desk, grant) in &self.desks {
                let (conn, user, desk) = (conn.clone(), user.clone(), desk.clone());
                tasks.push(Task::DeskAccess { conn, user, desk, grant: *grant });
            }
        }
        tasks
    }
}

/// Names in `these` and not in `those`, ignoring case (as Jira group names do).
fn missing_from(these: &[String], those: &[String]) -> Vec<String> {
    these.iter().filter(|n| !those.iter().any(|o| o.eq_ignore_ascii_case(n))).cloned().collect()
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::connection::GroupMapping;

    fn conn(mode: SyncMode, mappings: &[(&str, &[&str], &[&str])]) -> Connection {
        let mut conn = Connection { id: "c".into(), mode, ..Connection::default() };
        conn.policies.group_mappings = mappings
            .iter()
            .map(|(idp, jira, desks)| GroupMapping {
                idp_group: idp.to_string(),
                jira_groups: jira.iter().map(|s| s.to_string()).collect(),
                service_desks: desks.iter().map(|s| s.to_string()).collect(),
            })
            .collect();
        conn
    }

    #[test]
    fn tasks_per_change_table() {
        let unmap = |groups: &[&str]| Task::Unmap {
            conn: "c".into(),
            group: "g".into(),
            user: "u".into(),
            jira_groups: groups.iter().map(|s| s.to_string()).collect(),
        };
        let add = Task::AddMember { conn: "c".into(), group: "g".into(), user: "u".into() };
        let desk =
            |desk: &str, grant| Task::DeskAccess { conn: "c".into(), user: "u".into(), desk: desk.into(), grant };
        type Mappings<'a> = &'a [(&'a str, &'a [&'a str], &'a [&'a str])];
        // (case, mode, old mappings, new mappings, tasks for member u of group g named "Sales")
        let cases: [(&str, SyncMode, Mappings, Mappings, Vec<Task>); 8] = [
            ("mapping added", SyncMode::User, &[], &[("Sales", &["x"], &[])], vec![add.clone()]),
            ("mapping removed", SyncMode::User, &[("Sales", &["x"], &[])], &[], vec![unmap(&["x"])]),
            (
                "one group swapped for another",
                SyncMode::User,
                &[("Sales", &["x", "y"], &[])],
                &[("sales", &["Y", "z"], &[])],
                vec![unmap(&["x"]), add.clone()],
            ),
            ("only case changed", SyncMode::User, &[("Sales", &["x"], &[])], &[("SALES", &["X"], &[])], vec![]),
            ("another group's mapping", SyncMode::User, &[], &[("Field", &["x"], &[])], vec![]),
            ("desks are not User Sync's", SyncMode::User, &[], &[("Sales", &[], &["1"])], vec![]),
            (
                "desk swapped",
                SyncMode::Customer,
                &[("Sales", &["x"], &["1", "2"])],
                &[("Sales", &[], &["2", "3"])],
                vec![desk("1", false), desk("3", true)],
            ),
            ("same desks", SyncMode::Customer, &[("Sales", &[], &["1"])], &[("sales", &[], &["1"])], vec![]),
        ];
        for (case, mode, old, new, expected) in cases {
            let change = Change::of(&conn(mode, old), &conn(mode, new), "Sales");
            assert_eq!(change.is_empty(), expected.is_empty(), "{case}");
            assert_eq!(change.tasks("c", "g", &["u".to_string()]), expected, "{case}");
        }
    }
}
