//! Tables for the filter: every grammar production, every error with its offset,
//! display round trips (tables and generated ASTs), and evaluation, compiled and not.

mod compiled;
mod display;
mod errors;
mod eval;
mod generate;
mod grammar;
mod reference;

use serde_json::Value;

use super::{AttrPath, CompareOp, Filter};

pub(super) const CORE: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub(super) const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/// `name` or `name.sub`, without a URN.
pub(super) fn path(dotted: &str) -> AttrPath {
    match dotted.split_once('.') {
        Some((name, sub)) => AttrPath::with_sub(name, sub),
        None => AttrPath::new(dotted),
    }
}

/// `urn:name[.sub]`.
pub(super) fn urn_path(urn: &str, dotted: &str) -> AttrPath {
    AttrPath { urn: Some(urn.to_string()), ..path(dotted) }
}

pub(super) fn cmp(p: AttrPath, op: CompareOp, value: impl Into<Value>) -> Filter {
    Filter::Compare { path: p, op, value: value.into() }
}

pub(super) fn eq(dotted: &str, value: impl Into<Value>) -> Filter {
    cmp(path(dotted), CompareOp::Eq, value)
}

pub(super) fn pr(dotted: &str) -> Filter {
    Filter::Present(path(dotted))
}

pub(super) fn and(left: Filter, right: Filter) -> Filter {
    Filter::And(Box::new(left), Box::new(right))
}

pub(super) fn or(left: Filter, right: Filter) -> Filter {
    Filter::Or(Box::new(left), Box::new(right))
}

pub(super) fn not(inner: Filter) -> Filter {
    Filter::Not(Box::new(inner))
}

pub(super) fn vp(name: &str, inner: Filter) -> Filter {
    Filter::ValuePath { path: path(name), filter: Box::new(inner) }
}
