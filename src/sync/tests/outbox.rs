#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::env::{group, user, Env, ORIGIN};
use super::fake_jira::Fault;
use crate::audit::{self, AuditEvent, AuditFilter};
use crate::connection::SyncMode;
use crate::host::{block_on, Host, HostError, HttpRequest, HttpResponse, ListPage, LogLevel, MemoryHost};
use crate::jira::retry::MAX_ATTEMPTS;
use crate::outbox::{self, keys, lease, Item, OutboxError, Task};
use std::cell::Cell;

const SEARCH: &str = "GET /rest/api/3/user/search";
const CREATE: &str = "POST /rest/api/3/user";

/// The one queued item.
fn only_item(env: &Env) -> Item {
    let snapshot = env.host.kv_snapshot();
    let items: Vec<Item> = snapshot
        .iter()
        .filter(|(k, _)| k.starts_with("ob:"))
        .filter_map(|(_, v)| serde_json::from_str(v).ok())
        .collect();
    assert_eq!(items.len(), 1, "{items:?}");
    items.into_iter().next().unwrap_or_else(|| unreachable!())
}

#[test]
fn the_same_write_enqueued_twice_is_stored_once() {
    let host = MemoryHost::new();
    let tasks = [
        Task::SyncUser { conn: "c1".into(), user: "u1".into() },
        Task::SyncGroup { conn: "c1".into(), group: "g1".into() },
    ];
    let first = block_on(outbox::enqueue(&host, &tasks, "u:u1@3", None));
    let again = block_on(outbox::enqueue(&host, &tasks, "u:u1@3", None));
    let later = block_on(outbox::enqueue(&host, &tasks[..1], "u:u1@4", None));
    assert_eq!(first.map(|e| (e.created, e.duplicates)), Ok((2, 0)));
    assert_eq!(again.map(|e| (e.created, e.duplicates)), Ok((0, 2)));
    assert_eq!(later.map(|e| (e.created, e.duplicates)), Ok((1, 0)), "a later write is new work");
}

#[test]
fn retries_honour_retry_after_then_back_off_with_jitter() {
    let mut env = Env::user_sync();
    env.jira.borrow_mut().fail_next(SEARCH, Fault::Status(429, Some(7)));
    env.jira.borrow_mut().fail_next(SEARCH, Fault::Status(503, None));
    env.jira.borrow_mut().fail_next(SEARCH, Fault::Status(503, None));
    env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
    // (attempt that failed, least wait, most wait): Retry-After 7 s plus up to 30 %; then
    // 10 s and 20 s times 0.7–1.3 (the first backoff step, 5 s, went to Retry-After).
    let waits = [(1, 7_000, 9_100), (2, 7_000, 13_000), (3, 14_000, 26_000)];
    for (attempts, least, most) in waits {
        let now = env.host.now();
        let report = env.drain();
        assert_eq!((report.retried, report.done), (1, 0));
        let item = only_item(&env);
        assert_eq!(item.attempts, attempts);
        let wait = item.not_before - now;
        assert!((least..=most).contains(&wait), "attempt {attempts}: waits {wait} ms");
        assert_eq!(report.next_due, Some(item.not_before));
        env.calls();
        env.host.set_now(item.not_before - 1);
        assert_eq!(env.drain().jira_calls, 0, "not due yet");
        env.host.set_now(item.not_before);
    }
    let report = env.drain();
    assert_eq!((report.done, report.pending), (1, 0));
    assert_eq!(env.calls(), [SEARCH, CREATE]);
}

#[test]
fn a_rate_limit_storm_longer_than_the_attempt_budget_buries_nothing() {
    let mut env = Env::user_sync();
    // Twice the dead-letter budget of 429s naming a Retry-After, then a 503 without one.
    for _ in 0..2 * MAX_ATTEMPTS {
        env.jira.borrow_mut().fail_next(SEARCH, Fault::Status(429, Some(2)));
    }
    env.jira.borrow_mut().fail_next(SEARCH, Fault::Status(503, None));
    env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
    let total = env.drain_all();
    assert_eq!((total.done, total.dead_lettered), (1, 0));
    assert!(env.dead_letters().is_empty());
    assert!(env.user_link("u1").account_id.is_some());
}

#[test]
fn failures_after_throttling_still_reach_the_dead_letters() {
    let mut env = Env::user_sync();
    env.jira.borrow_mut().fail_next(SEARCH, Fault::Status(429, Some(1)));
    for _ in 0..MAX_ATTEMPTS {
        env.jira.borrow_mut().fail_next(SEARCH, Fault::Status(500, None));
    }
    env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
    let total = env.drain_all();
    assert_eq!((total.retried, total.dead_lettered), (MAX_ATTEMPTS as usize, 1));
    let attempts = MAX_ATTEMPTS + 1;
    assert!(env.dead_letters().iter().any(|l| l.error.contains(&format!("gave up after {attempts} attempts"))));
}

#[test]
fn a_throttled_answer_pauses_the_connection_for_the_rest_of_the_drain() {
    let mut env = Env::user_sync();
    env.jira.borrow_mut().fail_next(SEARCH, Fault::Status(429, Some(5)));
    env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
    env.write_user("u2", Some(user("bob@example.com", "Bob", true)));
    let report = env.drain();
    assert_eq!((report.jira_calls, report.retried, report.done), (1, 1, 0), "{report:?}");
    assert!(report.paused.iter().any(|p| p.contains("rate limit")), "{:?}", report.paused);
    assert_eq!(env.queued(), 2, "the other user waits for the next drain");
    env.drain_all();
    assert_eq!(env.queued(), 0);
}

#[test]
fn a_request_with_no_response_is_retried() {
    let mut env = Env::user_sync();
    env.jira.borrow_mut().fail_next(SEARCH, Fault::Drop);
    env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
    let report = env.drain();
    assert_eq!((report.retried, report.jira_calls), (1, 1));
    assert!(only_item(&env).last_error.unwrap_or_default().contains("scripted drop"));
    env.drain_all();
    assert_eq!(env.jira.borrow().accounts.len(), 1);
}

#[test]
fn dead_letters_after_the_last_attempt_and_the_admin_can_send_it_back() {
    let mut env = Env::user_sync();
    for _ in 0..MAX_ATTEMPTS {
        env.jira.borrow_mut().fail_next(SEARCH, Fault::Status(503, None));
    }
    env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
    let total = env.drain_all();
    assert_eq!((total.retried, total.dead_lettered), (MAX_ATTEMPTS as usize - 1, 1));
    assert_eq!(env.queued(), 0);
    let listing = block_on(outbox::list_dead_letters(&env.host, "c1", None));
    let Ok(listing) = listing else { panic!("{listing:?}") };
    assert_eq!(listing.entries.len(), 1);
    let letter = &listing.entries[0];
    assert!(letter.value.error.contains(&format!("gave up after {MAX_ATTEMPTS} attempts")), "{}", letter.value.error);
    assert_eq!(letter.value.item.task, Task::SyncUser { conn: "c1".into(), user: "u1".into() });
    assert!(matches!(block_on(outbox::retry_dead_letter(&env.host, "c1", "../x")), Err(OutboxError::BadId { .. })));
    assert_eq!(block_on(outbox::retry_dead_letter(&env.host, "c1", &letter.id)), Ok(true));
    assert_eq!(block_on(outbox::retry_dead_letter(&env.host, "c1", &letter.id)), Ok(false), "already sent back");
    assert_eq!(env.drain().done, 1);
    assert!(env.user_link("u1").account_id.is_some());
    assert!(env.dead_letters().is_empty());
}

#[test]
fn a_lost_response_never_makes_a_second_account_group_or_customer() {
    // (mode, endpoint whose answer is lost, the write, Jira's count of the thing after)
    type Count = fn(&Env) -> usize;
    let accounts: Count = |env| env.jira.borrow().accounts.len();
    let groups: Count = |env| env.jira.borrow().groups.values().filter(|(n, _)| n == "Sales").count();
    let cases: [(SyncMode, &str, bool, Count); 3] = [
        (SyncMode::User, CREATE, false, accounts),
        (SyncMode::User, "POST /rest/api/3/group", true, groups),
        (SyncMode::Customer, "POST /rest/servicedeskapi/customer", false, accounts),
    ];
    for (mode, endpoint, is_group, count) in cases {
        let mut env = Env::new(mode, crate::connection::Deactivation::Suspend);
        env.jira.borrow_mut().fail_next(endpoint, Fault::DropAfter);
        if is_group {
            env.write_group("g1", Some(group("Sales")), &[], &[]);
        } else {
            env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
        }
        let first = env.drain();
        assert_eq!(first.retried, 1, "{endpoint}");
        env.drain_all();
        assert_eq!(count(&env), 1, "{endpoint}: {:?}", env.calls());
        let linked =
            if is_group { env.group_link("g1").group_id.is_some() } else { env.user_link("u1").account_id.is_some() };
        assert!(linked, "{endpoint}");
    }
}

/// A host whose `fail_at`-th KV call fails (a store outage at that point of a drain).
struct FaultyHost<'a> {
    inner: &'a MemoryHost,
    calls: Cell<usize>,
    fail_at: usize,
}

impl FaultyHost<'_> {
    fn kv(&self, op: &'static str, key: &str) -> Result<(), HostError> {
        let n = self.calls.get();
        self.calls.set(n + 1);
        if n == self.fail_at {
            return Err(HostError::Storage { op, key: key.into(), detail: "injected".into() });
        }
        Ok(())
    }
}

impl Host for FaultyHost<'_> {
    async fn fetch(&self, request: HttpRequest) -> Result<HttpResponse, HostError> {
        self.inner.fetch(request).await
    }
    fn now(&self) -> i64 {
        self.inner.now()
    }
    fn log(&self, level: LogLevel, event: &str) {
        self.inner.log(level, event);
    }
    async fn raw_get(&self, key: &str) -> Result<Option<String>, HostError> {
        self.kv("get", key)?;
        self.inner.raw_get(key).await
    }
    async fn raw_set(&self, key: &str, value: &str) -> Result<(), HostError> {
        self.kv("set", key)?;
        self.inner.raw_set(key, value).await
    }
    async fn raw_create(&self, key: &str, value: &str) -> Result<bool, HostError> {
        self.kv("create", key)?;
        self.inner.raw_create(key, value).await
    }
    async fn raw_delete(&self, key: &str) -> Result<(), HostError> {
        self.kv("delete", key)?;
        self.inner.raw_delete(key).await
    }
    async fn raw_list(&self, prefix: &str, cursor: Option<&str>, limit: usize) -> Result<ListPage, HostError> {
        self.kv("list", prefix)?;
        self.inner.raw_list(prefix, cursor, limit).await
    }
    async fn raw_get_secret(&self, name: &str) -> Result<Option<String>, HostError> {
        self.inner.raw_get_secret(name).await
    }
    async fn raw_set_secret(&self, name: &str, value: &str) -> Result<(), HostError> {
        self.inner.raw_set_secret(name, value).await
    }
}

#[test]
fn a_drain_cut_short_at_any_store_call_converges_without_duplicates() {
    let setup = || {
        let mut env = Env::user_sync();
        env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
        env.write_group("g1", Some(group("Sales")), &["u1"], &[]);
        env
    };
    // Count the store calls of an undisturbed drain, then cut a drain short at each one.
    let reference = setup();
    let counting = FaultyHost { inner: &reference.host, calls: Cell::new(0), fail_at: usize::MAX };
    assert!(block_on(outbox::drain_after_write(&counting, &reference.site, 55_000, ORIGIN)).is_ok());
    let total = counting.calls.get();
    assert!(total > 20, "{total}");
    for fail_at in 0..total {
        let env = setup();
        let faulty = FaultyHost { inner: &env.host, calls: Cell::new(0), fail_at };
        let cut = block_on(outbox::drain_after_write(&faulty, &env.site, 55_000, ORIGIN));
        // The stranded lease (if any) expires; a healthy drain finishes the work.
        env.host.advance(lease::LEASE_MS);
        env.drain_all();
        let jira = env.jira.borrow();
        let account = jira.account_by_email("ann@example.com").map(|a| a.id);
        assert_eq!(jira.accounts.len(), 1, "cut at {fail_at} ({cut:?})");
        assert_eq!(jira.groups.values().filter(|(n, _)| n == "Sales").count(), 1, "cut at {fail_at}");
        assert!(account.is_some_and(|a| jira.members_of("Sales").contains(&a)), "cut at {fail_at}");
        assert_eq!((env.queued(), env.dead_letters().len()), (0, 0), "cut at {fail_at}");
    }
}

#[test]
fn an_expired_lease_of_a_dropped_host_is_taken_over() {
    let mut env = Env::user_sync();
    env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
    // Another host took the user's lease and died.
    assert!(matches!(block_on(lease::claim(&env.host, "c1", "u:u1", "dead-host")), Ok(Some(_))));
    let report = env.drain();
    assert_eq!((report.busy, report.jira_calls, report.pending), (1, 0, 1));
    env.host.advance(lease::LEASE_MS);
    let report = env.drain();
    assert_eq!((report.done, report.pending), (1, 0));
    assert!(env.user_link("u1").account_id.is_some());
    assert!(
        env.host.kv_snapshot().keys().all(|k| !k.starts_with("lease:")),
        "leases and takeover tokens are cleaned up"
    );
}

#[test]
fn refused_credentials_pause_the_connection_and_keep_the_work() {
    let mut env = Env::user_sync();
    env.jira.borrow_mut().fail_next(SEARCH, Fault::Status(401, None));
    env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
    env.write_user("u2", Some(user("bob@example.com", "Bob", true)));
    let report = env.drain();
    assert_eq!((report.retried, report.jira_calls, report.pending), (1, 1, 2), "u2 waits for the next drain");
    assert!(report.paused.iter().any(|p| p.starts_with("c1:")), "{:?}", report.paused);
    env.drain_all();
    assert_eq!(env.jira.borrow().accounts.len(), 2);
}

#[test]
fn items_of_a_removed_connection_go_to_the_dead_letters() {
    let env = Env::user_sync();
    let task = Task::SyncUser { conn: "gone".into(), user: "u1".into() };
    assert!(block_on(outbox::enqueue_settled(&env.host, &[task], "w", None)).is_ok());
    let report = env.drain();
    assert_eq!(report.dead_lettered, 1);
    assert!(env.dead_letters()[0].error.contains("no longer exists"));
}

#[test]
fn a_connection_without_a_site_waits() {
    let mut env = Env::user_sync();
    env.write_user("u1", Some(user("ann@example.com", "Ann", true)));
    let report = block_on(outbox::drain_after_write(&env.host, &outbox::StoreSites, 55_000, ORIGIN));
    let Ok(report) = report else { panic!("{report:?}") };
    assert_eq!((report.jira_calls, report.pending), (0, 1));
    assert!(report.paused[0].contains("no Jira site configured"), "{:?}", report.paused);
}

/// A host whose every fetch takes `ms` of its clock.
struct SlowHost<'a> {
    inner: &'a MemoryHost,
    ms: i64,
}

impl Host for SlowHost<'_> {
    async fn fetch(&self, request: HttpRequest) -> Result<HttpResponse, HostError> {
        self.inner.advance(self.ms);
        self.inner.fetch(request).await
    }
    fn now(&self) -> i64 {
        self.inner.now()
    }
    fn log(&self, level: LogLevel, event: &str) {
        self.inner.log(level, event);
    }
    async fn raw_get(&self, key: &str) -> Result<Option<String>, HostError> {
        self.inner.raw_get(key).await
    }
    async fn raw_set(&self, key: &str, value: &str) -> Result<(), HostError> {
        self.inner.raw_set(key, value).await
    }
    async fn raw_create(&self, key: &str, value: &str) -> Result<bool, HostError> {
        self.inner.raw_create(key, value).await
    }
    async fn raw_delete(&self, key: &str) -> Result<(), HostError> {
        self.inner.raw_delete(key).await
    }
    async fn raw_list(&self, prefix: &str, cursor: Option<&str>, limit: usize) -> Result<ListPage, HostError> {
        self.inner.raw_list(prefix, cursor, limit).await
    }
    async fn raw_get_secret(&self, name: &str) -> Result<Option<String>, HostError> {
        self.inner.raw_get_secret(name).await
    }
    async fn raw_set_secret(&self, name: &str, value: &str) -> Result<(), HostError> {
        self.inner.raw_set_secret(name, value).await
    }
}

#[test]
fn the_budget_bounds_a_drain_and_the_rest_waits() {
    let mut env = Env::user_sync();
    for i in 0..10 {
        env.write_user(&format!("u{i}"), Some(user(&format!("u{i}@example.com"), "U", true)));
    }
    let slow = SlowHost { inner: &env.host, ms: 1_000 };
    let report = block_on(outbox::drain_after_write(&slow, &env.site, 4_500, ORIGIN));
    let Ok(report) = report else { panic!("{report:?}") };
    assert!(report.out_of_time);
    // Each user takes 2 calls (2 s); the one started before the budget ran out finishes.
    assert_eq!((report.done, report.jira_calls, report.pending), (3, 6, 7));
    env.drain_all();
    assert_eq!(env.jira.borrow().accounts.len(), 10);
}

#[test]
fn each_attempt_is_audited_with_its_calls_and_no_secret() {
    let env = Env::user_sync();
    env.jira.borrow_mut().fail_next(SEARCH, Fault::Status(429, Some(1)));
    let origin = audit::new_id(env.host.now());
    let task = Task::SyncUser { conn: "c1".into(), user: "u1".into() };
    assert!(block_on(outbox::enqueue(&env.host, &[task], "w1", Some(&origin))).is_ok());
    assert!(block_on(crate::store::save_user(
        &env.host,
        "c1",
        "u1",
        &crate::store::UserRecord { resource: user("ann@example.com", "Ann", true), ..Default::default() }
    ))
    .is_ok());
    env.drain_all();
    let page = block_on(audit::query(&env.host, &AuditFilter::default(), 10));
    let Ok(page) = page else { panic!("{page:?}") };
    type Attempt = (Vec<(String, u16, u32)>, String);
    let attempts: Vec<Attempt> = page
        .entries
        .iter()
        .rev()
        .filter_map(|e| match &e.event {
            AuditEvent::Jira { calls, result, origin: o, .. } if o.as_deref() == Some(origin.as_str()) => {
                Some((calls.iter().map(|c| (c.endpoint.clone(), c.status, c.attempt)).collect(), result.clone()))
            }
            _ => None,
        })
        .collect();
    let expected = vec![
        (vec![(SEARCH.to_string(), 429, 1)], "retry".to_string()),
        (vec![(SEARCH.to_string(), 200, 2), (CREATE.to_string(), 201, 2)], "done".to_string()),
    ];
    assert_eq!(attempts, expected);
    let kv = env.host.kv_snapshot();
    for secret in ["api-token", "org-key", "Basic ", "Bearer "] {
        assert!(kv.values().all(|v| !v.contains(secret)), "{secret} stored");
    }
    assert!(
        kv.iter().filter(|(k, _)| k.starts_with("au:")).all(|(_, v)| !v.contains("ann@example.com")),
        "no emails in the audit log"
    );
}

#[test]
fn unreadable_items_are_counted_and_left_alone() {
    let env = Env::user_sync();
    assert_eq!(block_on(env.host.set(&keys::item("c1", "0123456789abcdef0123456789abcdef"), "{not json")), Ok(()));
    let report = env.drain();
    assert_eq!((report.unreadable, report.pending), (1, 0));
    assert!(env.host.logs().iter().any(|l| l.event.contains("outbox.unreadable")));
}

#[test]
fn other_drains_leave_a_write_s_items_until_its_state_is_stored() {
    let env = Env::user_sync();
    // A request queued a create and is about to store the user when another drains.
    let task = Task::SyncUser { conn: "c1".into(), user: "u1".into() };
    assert!(block_on(outbox::enqueue(&env.host, &[task], "u:u1@1", Some("req-a"))).is_ok());
    let background = block_on(outbox::drain(&env.host, &env.site, 55_000));
    let other = block_on(outbox::drain_after_write(&env.host, &env.site, 55_000, "req-b"));
    for report in [&background, &other] {
        assert!(report.as_ref().is_ok_and(|r| r.jira_calls == 0 && r.pending == 1), "{report:?}");
    }
    assert_eq!(background.ok().and_then(|r| r.next_due), Some(env.host.now() + outbox::SETTLE_MS));
    // The request stores the user, then its own drain runs the item at once.
    let record = crate::store::UserRecord { resource: user("ann@example.com", "Ann", true), ..Default::default() };
    assert_eq!(block_on(crate::store::save_user(&env.host, "c1", "u1", &record)), Ok(()));
    let own = block_on(outbox::drain_after_write(&env.host, &env.site, 55_000, "req-a"));
    assert!(own.is_ok_and(|r| r.done == 1));
    assert!(env.user_link("u1").account_id.is_some());
}

#[test]
fn a_write_that_never_stored_its_state_is_run_against_the_store_after_the_settle_time() {
    let env = Env::user_sync();
    let task = Task::SyncUser { conn: "c1".into(), user: "ghost".into() };
    assert!(block_on(outbox::enqueue(&env.host, &[task], "u:ghost@1", Some("crashed"))).is_ok());
    env.host.advance(outbox::SETTLE_MS);
    let report = block_on(outbox::drain(&env.host, &env.site, 55_000));
    assert!(report.is_ok_and(|r| r.done == 1 && r.jira_calls == 0 && r.pending == 0));
}
