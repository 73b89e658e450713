//! What a write changed: the attributes that differ and the group members that came
//! and went. The sync engine diffs on this, so a no-op write makes no Jira call.

use std::collections::BTreeSet;

use serde_json::Value;

/// The difference between two versions of one resource.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSet {
    /// Top-level attribute names whose value differs, in their schema spelling;
    /// extension attributes as `urn:…:name`.
    pub attributes: BTreeSet<String>,
    /// Group member `value`s present after and not before.
    pub members_added: Vec<String>,
    /// Group member `value`s present before and not after.
    pub members_removed: Vec<String>,
}

impl ChangeSet {
    pub fn is_empty(&self) -> bool {
        self.attributes.is_empty() && self.members_added.is_empty() && self.members_removed.is_empty()
    }
}

/// Compares two resources. STUB: the PATCH work implements it.
pub fn diff(_before: &Value, _after: &Value) -> ChangeSet {
    ChangeSet::default()
}
