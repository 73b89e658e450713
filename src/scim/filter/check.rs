//! Checks a filter against a resource type for the errors RFC 7644 §3.4.2.2 answers with
//! 400 invalidFilter, before any resource is matched.

use serde_json::Value;

use super::super::schema::AttrType;
use super::compile::{compared, full_path};
use super::{datetime, AttrPath, CompareOp, Filter, FilterError, ResourceType};

/// The static type errors RFC 7644 §3.4.2.2 answers with 400 invalidFilter: ordering
/// (`gt ge lt le`) on boolean or binary attributes, and (our reading of the RFC's table)
/// `co sw ew` on booleans and any operator but `eq ne pr` on complex attributes without
/// a `value` sub-attribute; plus dateTime comparisons with a string that is no instant.
/// Attributes not in any schema pass.
pub fn check(filter: &Filter, rt: &ResourceType) -> Result<(), FilterError> {
    check_in(filter, None, rt)
}
/// `parent` is the value path's attribute while inside `[...]`.
fn check_in(filter: &Filter, parent: Option<&AttrPath>, rt: &ResourceType) -> Result<(), FilterError> {
    match filter {
        Filter::Compare { path, op, value } => check_compare(&full_path(path, parent), *op, value, rt),
        Filter::Present(_) => Ok(()),
        Filter::And(..) | Filter::Or(..) => filter.operands().into_iter().try_for_each(|f| check_in(f, parent, rt)),
        Filter::Not(inner) => check_in(inner, parent, rt),
        Filter::ValuePath { path, filter } => check_in(filter, Some(path), rt),
    }
}

fn check_compare(path: &AttrPath, op: CompareOp, value: &Value, rt: &ResourceType) -> Result<(), FilterError> {
    let Some(def) = compared(rt.attribute(path)) else { return Ok(()) };
    let supported = match def.ty {
        AttrType::Boolean | AttrType::Complex => matches!(op, CompareOp::Eq | CompareOp::Ne),
        AttrType::Binary => !op.is_ordering(),
        _ => true,
    };
    if !supported {
        return Err(FilterError::UnsupportedOperator { op, path: path.to_string(), ty: def.ty });
    }
    let chronological = op.is_ordering() || matches!(op, CompareOp::Eq | CompareOp::Ne);
    if let (AttrType::DateTime, true, Value::String(text)) = (def.ty, chronological, value) {
        if datetime::parse(text).is_none() {
            return Err(FilterError::BadDateTime { path: path.to_string(), value: value.to_string() });
        }
    }
    Ok(())
}
