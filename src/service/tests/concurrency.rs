//! Hosts for the hard cases: one that yields at every KV call, so a small executor can
//! interleave many requests the way concurrent host invocations do, and one that fails
//! a chosen KV call.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use super::*;
use crate::host::{Host, HostError, HttpRequest, HttpResponse, ListPage, LogLevel, Write};

/// A future that is pending once, then ready: a point where another request may run.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            Poll::Pending
        }
    }
}

/// `MemoryHost` that yields before every KV call.
pub struct Yielding<'a>(pub &'a MemoryHost);

/// Which KV call to fail, by operation and key.
type FailWhen = Box<dyn Fn(&str, &str) -> bool>;

/// `MemoryHost` whose first KV call matching `fail` (operation, key) fails as a storage error.
pub struct Faulty<'a> {
    inner: &'a MemoryHost,
    fail: FailWhen,
    fired: Cell<bool>,
}

impl<'a> Faulty<'a> {
    pub fn new(inner: &'a MemoryHost, fail: impl Fn(&str, &str) -> bool + 'static) -> Self {
        Faulty { inner, fail: Box::new(fail), fired: Cell::new(false) }
    }

    fn check(&self, op: &'static str, key: &str) -> Result<(), HostError> {
        if !self.fired.get() && (self.fail)(op, key) {
            self.fired.set(true);
            return Err(HostError::Storage { op, key: key.into(), detail: "injected".into() });
        }
        Ok(())
    }
}

macro_rules! delegate_host {
    ($ty:ty, $before:ident) => {
        impl Host for $ty {
            async fn fetch(&self, request: HttpRequest) -> Result<HttpResponse, HostError> {
                self.inner().fetch(request).await
            }
            fn now(&self) -> i64 {
                self.inner().now()
            }
            fn log(&self, level: LogLevel, event: &str) {
                self.inner().log(level, event)
            }
            async fn raw_get(&self, key: &str) -> Result<Option<String>, HostError> {
                self.$before("get", key).await?;
                self.inner().raw_get(key).await
            }
            async fn raw_set(&self, key: &str, value: &str) -> Result<(), HostError> {
                self.$before("set", key).await?;
                self.inner().raw_set(key, value).await
            }
            async fn raw_create(&self, key: &str, value: &str) -> Result<bool, HostError> {
                self.$before("create", key).await?;
                self.inner().raw_create(key, value).await
            }
            async fn raw_delete(&self, key: &str) -> Result<(), HostError> {
                self.$before("delete", key).await?;
                self.inner().raw_delete(key).await
            }
            async fn raw_list(&self, prefix: &str, cursor: Option<&str>, limit: usize) -> Result<ListPage, HostError> {
                self.$before("list", prefix).await?;
                self.inner().raw_list(prefix, cursor, limit).await
            }
            async fn raw_get_secret(&self, name: &str) -> Result<Option<String>, HostError> {
                self.inner().raw_get_secret(name).await
            }
            async fn raw_transact(&self, writes: &[Write]) -> Result<(), HostError> {
                self.$before("transact", writes.first().map_or("", Write::key)).await?;
                self.inner().raw_transact(writes).await
            }
            async fn raw_set_secret(&self, name: &str, value: &str) -> Result<(), HostError> {
                self.inner().raw_set_secret(name, value).await
            }
            async fn raw_delete_secret(&self, name: &str) -> Result<(), HostError> {
                self.inner().raw_delete_secret(name).await
            }
        }
    };
}

impl Yielding<'_> {
    fn inner(&self) -> &MemoryHost {
        self.0
    }
    async fn pause(&self, _op: &str, _key: &str) -> Result<(), HostError> {
        YieldOnce(false).await;
        Ok(())
    }
}

impl Faulty<'_> {
    fn inner(&self) -> &MemoryHost {
        self.inner
    }
    async fn pause(&self, op: &'static str, key: &str) -> Result<(), HostError> {
        self.check(op, key)
    }
}

delegate_host!(Yielding<'_>, pause);
delegate_host!(Faulty<'_>, pause);

/// Polls every future in turn until all are done: a one-thread interleaving of requests.
pub fn join_all<F: Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut futures: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    let mut cx = Context::from_waker(Waker::noop());
    while outputs.iter().any(Option::is_none) {
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
                    *output = Some(value);
                }
            }
        }
    }
    outputs.into_iter().flatten().collect()
}

#[test]
fn fifty_concurrent_creates_of_one_user_name_make_one_user() {
    let env = Env::new();
    let host = Yielding(&env.host);
    let requests: Vec<_> = (0..50)
        .map(|i| {
            let name = if i % 2 == 0 { "Same@Example.com" } else { "same@example.com" };
            handle(&host, env.request("POST", "/Users", Some(user_body(name))))
        })
        .collect();
    let statuses: Vec<u16> = join_all(requests).into_iter().map(|r| r.status).collect();
    assert_eq!(statuses.iter().filter(|&&s| s == 201).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|&&s| s == 409).count(), 49, "{statuses:?}");
    assert_eq!(env.call("GET", "/Users", None).body["totalResults"], json!(1));
    assert_eq!(env.queued().len(), 1, "one user, one sync task");
}

#[test]
fn concurrent_member_adds_to_one_group_all_land() {
    let env = Env::new();
    let users: Vec<String> = (0..20).map(|i| env.user(&format!("u{i}@example.com"))).collect();
    let group = env.call("POST", "/Groups", Some(group_body("Team", &[]))).id();
    let host = Yielding(&env.host);
    let requests: Vec<_> = users
        .iter()
        .map(|u| {
            let ops = json!([{"op": "add", "path": "members", "value": [{"value": u}]}]);
            handle(&host, env.request("PATCH", &format!("/Groups/{group}"), Some(patch_body(ops))))
        })
        .collect();
    assert!(join_all(requests).iter().all(|r| r.status == 204));
    let members = env.call("GET", &format!("/Groups/{group}"), None).body["members"].as_array().map_or(0, Vec::len);
    assert_eq!(members, 20);
}
