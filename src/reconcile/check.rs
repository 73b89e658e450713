//! The check itself: walk the connection's users, groups and mapped desks, read Jira's
//! side, and compare.

use super::{Drift, DriftReport, ReconcileError};
use crate::connection::{Connection, Deactivation, SyncMode};
use crate::host::Host;
use crate::jira::{parse_outcome, JiraData, JiraOp, JiraSite, JiraUser, Outcome};
use crate::outbox::Sites;
use crate::sync::{attrs, links, store_view as view};
use std::collections::{BTreeMap, BTreeSet};

/// Compares connection `conn_id` with Jira for up to `budget_ms`.
pub async fn reconcile<H: Host, S: Sites>(
    host: &H,
    sites: &S,
    conn_id: &str,
    budget_ms: i64,
) -> Result<DriftReport, ReconcileError> {
    let conn = crate::store::connections::load(host, conn_id)
        .await?
        .ok_or_else(|| ReconcileError::NoConnection(conn_id.into()))?;
    let site = sites.site(host, &conn).await.map_err(|why| ReconcileError::NoSite { conn: conn_id.into(), why })?;
    let mut check = Check {
        host,
        site,
        conn,
        started: host.now(),
        budget_ms,
        report: DriftReport::default(),
        accounts: BTreeMap::new(),
    };
    check.report.conn = conn_id.to_string();
    let finished = check.run().await?;
    check.report.complete = finished.is_ok();
    check.report.stopped = finished.err();
    Ok(check.report)
}

struct Check<'h, H: Host> {
    host: &'h H,
    site: JiraSite,
    conn: Connection,
    started: i64,
    budget_ms: i64,
    report: DriftReport,
    /// Our users' accounts: account id → (user id, active in the IdP).
    accounts: BTreeMap<String, (String, bool)>,
}

/// Who a mapped Jira group should hold, by lowercased name: its name as mapped, and each
/// account with the IdP group and user that grant it.
type Grants = BTreeMap<String, (String, BTreeMap<String, (String, String)>)>;

/// `Err(why)` stops the check early (budget, rate limit, Jira refusing).
type Stop = Result<(), String>;

impl<H: Host> Check<'_, H> {
    async fn run(&mut self) -> Result<Stop, ReconcileError> {
        if let Err(why) = self.users().await? {
            return Ok(Err(why));
        }
        Ok(match self.conn.mode {
            SyncMode::User => match self.groups().await? {
                Ok(grants) => self.mapped_groups(grants).await,
                Err(why) => Err(why),
            },
            SyncMode::Customer => self.desks().await?,
        })
    }

    async fn users(&mut self) -> Result<Stop, ReconcileError> {
        let c = self.conn.id.clone();
        let user_sync = self.conn.mode == SyncMode::User;
        let policy = self.conn.policies.deactivation;
        let checks_active = user_sync && policy == Deactivation::Suspend;
        // Only the deactivated side: an active user outside the groups may be an existing
        // account linked without products, which is the admin's call, not drift.
        let access_groups = match (user_sync, policy) {
            (true, Deactivation::RemoveProductAccess) => attrs::access_groups(&self.conn.policies),
            _ => Vec::new(),
        };
        for (user, resource) in view::all_users(self.host, &c).await? {
            self.report.users_checked += 1;
            let link = links::user_link(self.host, &c, &user).await?;
            let idp_active = attrs::active(&resource);
            let Some(account_id) = link.linked().map(str::to_string) else {
                self.report.drift.push(Drift::UserUnlinked { user, note: link.note });
                continue;
            };
            self.accounts.insert(account_id.clone(), (user.clone(), idp_active));
            let found = match self.call(JiraOp::GetUser { account_id: account_id.clone() }).await {
                Ok(JiraData::User(found)) => found,
                Ok(_) => None,
                Err(why) => return Ok(Err(why)),
            };
            match found {
                None => self.report.drift.push(Drift::AccountMissing { user, account_id }),
                Some(account) => {
                    let jira_active = account.active.unwrap_or(true);
                    if checks_active && jira_active != idp_active {
                        self.report.drift.push(Drift::AccountActive { user, account_id, idp_active, jira_active });
                    } else if !idp_active && !access_groups.is_empty() {
                        let held = account.groups.iter().flat_map(|g| &g.items).map(|g| &g.name);
                        let kept: Vec<String> =
                            held.filter(|g| access_groups.iter().any(|a| a.eq_ignore_ascii_case(g))).cloned().collect();
                        if !kept.is_empty() {
                            self.report.drift.push(Drift::AccessKept { user, account_id, jira_groups: kept });
                        }
                    }
                }
            }
        }
        Ok(Ok(()))
    }

    /// The linked Jira groups, member by member; what the mapped ones should hold. A
    /// linked group that a mapping also names may hold what the mapping grants: that is
    /// not extra, and a granted account it lacks is missing. Such a group is read here
    /// once and left out of the grants returned for [`Check::mapped_groups`].
    async fn groups(&mut self) -> Result<Result<Grants, String>, ReconcileError> {
        let c = self.conn.id.clone();
        let mut grants = Grants::new();
        let mut linked = Vec::new();
        for (group, resource) in view::all_groups(self.host, &c).await? {
            self.report.groups_checked += 1;
            let mut expected = BTreeMap::new();
            for user in view::members(self.host, &c, &group).await? {
                if let Some(account) = links::user_link(self.host, &c, &user).await?.linked() {
                    expected.insert(account.to_string(), user);
                }
            }
            let name = attrs::group_name(&resource);
            for mapped in name.iter().flat_map(|n| attrs::mapped_jira_groups(&self.conn, n)) {
                let (_, holds) = grants.entry(mapped.to_lowercase()).or_insert_with(|| (mapped, BTreeMap::new()));
                for (account, user) in &expected {
                    holds.entry(account.clone()).or_insert_with(|| (group.clone(), user.clone()));
                }
            }
            let link = links::group_link(self.host, &c, &group).await?;
            match link.linked().map(str::to_string) {
                Some(group_id) => {
                    let jira_group = link.name.clone().or(name).unwrap_or_default();
                    linked.push((group, group_id, jira_group, expected));
                }
                None => self.report.drift.push(Drift::GroupUnlinked { group, note: link.note }),
            }
        }
        for (group, group_id, jira_group, expected) in linked {
            let actual = match self.group_members(&group_id).await {
                Ok(Some(members)) => members,
                Ok(None) => {
                    self.report.drift.push(Drift::GroupMissing { group, group_id });
                    continue;
                }
                Err(why) => return Ok(Err(why)),
            };
            let granted = grants.remove(&jira_group.to_lowercase()).map(|(_, holds)| holds).unwrap_or_default();
            let own = expected.iter().map(|(account, user)| (account, &group, user));
            let by_mapping = granted.iter().filter(|(a, _)| !expected.contains_key(*a)).map(|(a, (g, u))| (a, g, u));
            self.report_missing(&jira_group, own.chain(by_mapping), &actual);
            for account_id in actual.iter().filter(|a| !expected.contains_key(*a) && !granted.contains_key(*a)) {
                let user = self.accounts.get(account_id).map(|(u, _)| u.clone());
                let (group, jira_group) = (group.clone(), jira_group.clone());
                self.report.drift.push(Drift::MemberExtra { group, jira_group, account_id: account_id.clone(), user });
            }
        }
        Ok(Ok(grants))
    }

    /// The mapped Jira groups: an account a mapping grants and the group lacks is drift.
    /// Extra members are not: a mapped group (often a product-access group) may hold
    /// people no IdP group of this connection manages. A mapped group Jira doesn't have
    /// is not drift here either: the membership task reports it when it runs.
    async fn mapped_groups(&mut self, grants: Grants) -> Stop {
        for (_, (jira_group, holds)) in grants {
            if holds.is_empty() {
                continue;
            }
            self.report.mapped_groups_checked += 1;
            let found = match self.call(JiraOp::FindGroupByName { name: jira_group.clone() }).await? {
                JiraData::Group(Some(found)) => found,
                _ => continue,
            };
            let Some(actual) = self.group_members(&found.group_id).await? else { continue };
            self.report_missing(&jira_group, holds.iter().map(|(a, (g, u))| (a, g, u)), &actual);
        }
        Ok(())
    }

    /// A `MemberMissing` for each `(account, granting IdP group, user)` not in `actual`.
    fn report_missing<'a>(
        &mut self,
        jira_group: &str,
        wanted: impl Iterator<Item = (&'a String, &'a String, &'a String)>,
        actual: &BTreeSet<String>,
    ) {
        for (account_id, group, user) in wanted.filter(|(account, ..)| !actual.contains(*account)) {
            self.report.drift.push(Drift::MemberMissing {
                group: group.clone(),
                jira_group: jira_group.to_string(),
                user: user.clone(),
                account_id: account_id.clone(),
            });
        }
    }

    /// Every member of Jira group `group_id`; `Ok(None)` if the group doesn't exist.
    async fn group_members(&mut self, group_id: &str) -> Result<Option<BTreeSet<String>>, String> {
        let group_id = group_id.to_string();
        self.all_pages(|start| JiraOp::ListGroupMembers { group_id: group_id.clone(), start_at: start }).await
    }

    async fn desks(&mut self) -> Result<Stop, ReconcileError> {
        let c = self.conn.id.clone();
        // Who should have each desk: active linked users in a group mapped to it.
        let mut expected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (group, resource) in view::all_groups(self.host, &c).await? {
            let desks = attrs::group_name(&resource).map(|n| attrs::mapped_desks(&self.conn, &n)).unwrap_or_default();
            if desks.is_empty() {
                continue;
            }
            for user in view::members(self.host, &c, &group).await? {
                let account = links::user_link(self.host, &c, &user).await?.linked().map(str::to_string);
                let active = account.as_ref().and_then(|a| self.accounts.get(a)).is_some_and(|(_, active)| *active);
                if let (Some(account), true) = (account, active) {
                    desks.iter().for_each(|d| {
                        expected.entry(d.clone()).or_default().insert(account.clone());
                    });
                }
            }
        }
        for desk in attrs::all_desks(&self.conn) {
            self.report.desks_checked += 1;
            let actual =
                match self.all_pages(|start| JiraOp::ListCustomers { service_desk_id: desk.clone(), start }).await {
                    Ok(found) => found.unwrap_or_default(),
                    Err(why) => return Ok(Err(why)),
                };
            let want = expected.remove(&desk).unwrap_or_default();
            for account_id in want.difference(&actual) {
                let user = self.accounts.get(account_id).map(|(u, _)| u.clone()).unwrap_or_default();
                self.report.drift.push(Drift::CustomerMissing {
                    desk: desk.clone(),
                    user,
                    account_id: account_id.clone(),
                });
            }
            for account_id in actual.difference(&want) {
                // Customers who aren't ours (added in JSM directly) are not drift.
                if let Some((user, _)) = self.accounts.get(account_id) {
                    let user = user.clone();
                    self.report.drift.push(Drift::CustomerExtra {
                        desk: desk.clone(),
                        account_id: account_id.clone(),
                        user,
                    });
                }
            }
        }
        Ok(Ok(()))
    }

    /// Every account on a paged listing; `Ok(None)` if the group or desk doesn't exist.
    async fn all_pages(&mut self, page: impl Fn(u64) -> JiraOp) -> Result<Option<BTreeSet<String>>, String> {
        let mut accounts = BTreeSet::new();
        let mut start = 0;
        loop {
            match self.call(page(start)).await {
                Ok(JiraData::Members(members)) => {
                    accounts.extend(members.items.into_iter().map(|u: JiraUser| u.account_id));
                    match members.next_start {
                        Some(next) if next > start => start = next,
                        _ => return Ok(Some(accounts)),
                    }
                }
                Ok(_) => return Ok(None),
                Err(why) => return Err(why),
            }
        }
    }

    /// One read. `Ok(JiraData::Nothing)` stands for "not found"; `Err` stops the check.
    async fn call(&mut self, op: JiraOp) -> Result<JiraData, String> {
        if self.host.now().saturating_sub(self.started) >= self.budget_ms {
            return Err("out of time; run the check again to go on".into());
        }
        let request = op.request(&self.site).map_err(|e| e.to_string())?;
        self.report.jira_calls += 1;
        let outcome = match self.host.fetch(request).await {
            Ok(response) => parse_outcome(&op, &response),
            Err(error) => Outcome::from_fetch_error(&error),
        };
        match outcome {
            Outcome::Done(data) => Ok(data),
            Outcome::Failed(f) if f.kind == crate::jira::FailureKind::NotFound => Ok(JiraData::Nothing),
            Outcome::Retry { reason, .. } => Err(format!("Jira asked to wait ({reason}); run the check again later")),
            Outcome::Failed(f) => Err(format!("{}: Jira answered {}: {}", op.kind(), f.status, f.message)),
            other => Err(format!("{}: unexpected answer {other:?}", op.kind())),
        }
    }
}
