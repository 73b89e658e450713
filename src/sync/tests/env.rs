//! The test bench: a MemoryHost whose fetch is the fake Jira, a connection, and SCIM
//! writes done the way the service does them (plan, enqueue, then store the state).

use super::fake_jira::{Jira, Shared};
use crate::admin::{self, AdminError, ConnectionUpdate};
use crate::connection::{Connection, Deactivation, GroupMapping, SyncMode};
use crate::host::{block_on, Host, HttpRequest, MemoryHost};
use crate::jira::{JiraSite, SiteSettings};
use crate::outbox::{self, DrainReport};
use crate::scim::changes::ChangeSet;
use crate::store::{self, members, GroupRecord, MemberEntry, UserRecord};
use crate::sync::{links, plan_group, plan_membership, plan_user};
use crate::token::Secret;
use serde_json::{json, Value};

/// The origin of every write the bench makes: its drains run them at once, as the
/// writing request's own drain would.
pub const ORIGIN: &str = "bench";

pub struct Env {
    pub host: MemoryHost,
    pub jira: Shared,
    pub site: JiraSite,
    pub conn: Connection,
    writes: u64,
}

pub fn site() -> JiraSite {
    let settings = SiteSettings {
        site_url: "https://acme.atlassian.net".into(),
        admin_email: "admin@example.com".into(),
        products: vec!["jira-software".into()],
        org_id: Some("org1".into()),
        directory_id: Some("dir1".into()),
    };
    match JiraSite::new(&settings, Secret::new("api-token"), Some(Secret::new("org-key")), None) {
        Ok(site) => site,
        Err(error) => panic!("test site: {error}"),
    }
}

/// A user resource as the store keeps it.
pub fn user(email: &str, name: &str, active: bool) -> Value {
    json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": email, "displayName": name,
           "emails": [{"value": email, "primary": true}], "active": active})
}

pub fn group(name: &str) -> Value {
    json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": name})
}

impl Env {
    pub fn new(mode: SyncMode, deactivation: Deactivation) -> Env {
        let host = MemoryHost::new();
        let jira = Jira::shared();
        let answering = jira.clone();
        host.respond_with(move |request: &HttpRequest| answering.borrow_mut().answer(request));
        let mut conn = Connection { id: "c1".into(), name: "Okta".into(), mode, ..Connection::default() };
        conn.policies.deactivation = deactivation;
        conn.policies.products = vec!["jira-software".into()];
        let env = Env { host, jira, site: site(), conn, writes: 0 };
        env.save_conn();
        env
    }

    pub fn user_sync() -> Env {
        Env::new(SyncMode::User, Deactivation::Suspend)
    }

    pub fn save_conn(&self) {
        assert_eq!(block_on(store::connections::save(&self.host, &self.conn)), Ok(()));
    }

    pub fn map(&mut self, idp_group: &str, jira_groups: &[&str], desks: &[&str]) {
        self.conn.policies.group_mappings.push(Env::mapping(idp_group, jira_groups, desks));
        self.save_conn();
    }

    /// Mapping `idp_group` as [`Env::map`] does, without saving: for an admin update.
    pub fn mapping(idp_group: &str, jira_groups: &[&str], desks: &[&str]) -> GroupMapping {
        GroupMapping {
            idp_group: idp_group.into(),
            jira_groups: jira_groups.iter().map(|s| s.to_string()).collect(),
            service_desks: desks.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// The admin's update of the connection (`admin::update_connection`); the bench's copy
    /// follows what was stored.
    pub fn update(&mut self, update: ConnectionUpdate) -> Result<(), AdminError> {
        self.host.advance(1);
        block_on(admin::update_connection(&self.host, "c1", update))?;
        match block_on(store::connections::load(&self.host, "c1")) {
            Ok(Some(conn)) => self.conn = conn,
            other => panic!("the connection after the update: {other:?}"),
        }
        Ok(())
    }

    /// The admin replaces the group mappings with `mappings`.
    pub fn remap(&mut self, mappings: Vec<GroupMapping>) {
        let mut policies = self.conn.policies.clone();
        policies.group_mappings = mappings;
        let result = self.update(ConnectionUpdate { policies: Some(policies), ..ConnectionUpdate::default() });
        assert_eq!(result, Ok(()));
    }

    fn enqueue(&mut self, tasks: &[crate::outbox::Task], resource: &str) {
        self.writes += 1;
        // Requests come a little apart; the queue runs writes in arrival order.
        self.host.advance(1);
        let write_key = format!("{resource}@{}", self.writes);
        let result = block_on(outbox::enqueue(&self.host, tasks, &write_key, Some(ORIGIN)));
        assert!(result.is_ok(), "{result:?}");
    }

    /// A SCIM create, PATCH/PUT (`Some`) or DELETE (`None`) of user `id`.
    pub fn write_user(&mut self, id: &str, after: Option<Value>) {
        let before = block_on(store::get_user(&self.host, "c1", id)).ok().flatten().map(|r| r.resource);
        let tasks = plan_user(before.as_ref(), after.as_ref(), id, &self.conn);
        self.enqueue(&tasks, &format!("u:{id}"));
        match after {
            Some(resource) => {
                let record = UserRecord { resource, ..UserRecord::default() };
                assert_eq!(block_on(store::put_user(&self.host, "c1", id, None, &record)), Ok(()));
            }
            None => {
                assert!(block_on(members::clear_member(&self.host, "c1", id)).is_ok());
                assert_eq!(block_on(self.host.delete(&format!("u:c1:{id}"))), Ok(()));
            }
        }
    }

    /// A SCIM create/update/delete of group `id`; `added`/`removed` as the PATCH's members.
    pub fn write_group(&mut self, id: &str, after: Option<Value>, added: &[&str], removed: &[&str]) {
        let before = block_on(store::get_group(&self.host, "c1", id)).ok().flatten().map(|r| r.resource);
        let mut changes = ChangeSet {
            members_added: added.iter().map(|s| s.to_string()).collect(),
            members_removed: removed.iter().map(|s| s.to_string()).collect(),
            ..ChangeSet::default()
        };
        if after.is_none() {
            let former = block_on(members::clear_group(&self.host, "c1", id)).unwrap_or_default();
            changes.members_removed.extend(former);
        }
        let tasks = plan_group(before.as_ref(), after.as_ref(), &changes, id, &self.conn);
        self.enqueue(&tasks, &format!("g:{id}"));
        match after {
            Some(resource) => {
                let record = GroupRecord { resource, ..GroupRecord::default() };
                assert_eq!(block_on(store::put_group(&self.host, "c1", id, None, &record)), Ok(()));
                for user in added {
                    assert!(block_on(members::add(&self.host, "c1", id, user, &MemberEntry::default())).is_ok());
                }
                for user in removed {
                    assert!(block_on(members::remove(&self.host, "c1", id, user)).is_ok());
                }
            }
            None => assert_eq!(block_on(self.host.delete(&format!("g:c1:{id}"))), Ok(())),
        }
    }

    /// A PATCH of members only.
    pub fn members(&mut self, id: &str, added: &[&str], removed: &[&str]) {
        let resource = block_on(store::get_group(&self.host, "c1", id)).ok().flatten().map(|r| r.resource);
        let Some(resource) = resource else { panic!("no group {id}") };
        let changes = ChangeSet {
            members_added: added.iter().map(|s| s.to_string()).collect(),
            members_removed: removed.iter().map(|s| s.to_string()).collect(),
            ..ChangeSet::default()
        };
        let tasks = plan_membership(&resource, &changes, id, &self.conn);
        self.enqueue(&tasks, &format!("g:{id}"));
        for user in added {
            assert!(block_on(members::add(&self.host, "c1", id, user, &MemberEntry::default())).is_ok());
        }
        for user in removed {
            assert!(block_on(members::remove(&self.host, "c1", id, user)).is_ok());
        }
    }

    /// The drain the writing request runs once its state is stored.
    pub fn drain(&self) -> DrainReport {
        match block_on(outbox::drain_after_write(&self.host, &self.site, 55_000, ORIGIN)) {
            Ok(report) => report,
            Err(error) => panic!("drain failed: {error}"),
        }
    }

    /// Drains, moving the clock past each retry wait, until nothing is queued.
    pub fn drain_all(&self) -> DrainReport {
        let mut total = DrainReport::default();
        for _ in 0..50 {
            let report = self.drain();
            total.done += report.done;
            total.parked += report.parked;
            total.retried += report.retried;
            total.dead_lettered += report.dead_lettered;
            total.jira_calls += report.jira_calls;
            total.pending = report.pending;
            match report.next_due {
                Some(due) if report.pending > 0 => self.host.set_now(due.max(self.host.now())),
                _ => break,
            }
        }
        total
    }

    /// The Jira calls made since the last time, as `METHOD /path/template`.
    pub fn calls(&self) -> Vec<String> {
        self.host
            .take_requests()
            .iter()
            .map(|r| {
                let path = crate::audit::endpoint(r.method.as_str(), &r.url);
                let (method, path) = path.split_once(' ').unwrap_or(("", &path));
                format!("{method} {}", super::fake_jira::template(path))
            })
            .collect()
    }

    pub fn user_link(&self, id: &str) -> links::UserLink {
        block_on(links::user_link(&self.host, "c1", id)).unwrap_or_default()
    }

    pub fn group_link(&self, id: &str) -> links::GroupLink {
        block_on(links::group_link(&self.host, "c1", id)).unwrap_or_default()
    }

    pub fn queued(&self) -> usize {
        self.host.kv_snapshot().keys().filter(|k| k.starts_with("ob:")).count()
    }

    pub fn dead_letters(&self) -> Vec<crate::outbox::DeadLetter> {
        let snapshot = self.host.kv_snapshot();
        snapshot
            .iter()
            .filter(|(k, _)| k.starts_with("dl:"))
            .filter_map(|(_, v)| serde_json::from_str(v).ok())
            .collect()
    }

    /// The account id Jira has for `email`.
    pub fn account(&self, email: &str) -> Option<String> {
        self.jira.borrow().account_by_email(email).map(|a| a.id)
    }
}
