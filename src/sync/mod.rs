//! The sync: what a SCIM write means for Jira. Planning ([`plan`]) is pure: a write
//! becomes [`Task`](crate::outbox::Task)s. Running a task ([`machine`]) is a state machine
//! over the store as it is when the task runs ([`facts`]), whose effects are data: the
//! Jira calls it wants and the links it learned. The outbox stores and drains the tasks;
//! [`links`] keeps each resource's Jira side.
//!
//! Flows and the fewest Jira calls each needs, with the policies that shape them:
//! - user create: find by email (1) → link; else with Import Users create (1 more);
//!   a later write that changes nothing Jira holds makes no call;
//! - deactivate/reactivate: suspend/restore (1), or leave/rejoin each product-access
//!   group (1 each, plus 1 look-up per group the first time), or nothing;
//! - group create: find by name (1) → link; else with Import Groups create (1 more);
//! - member add/remove: 1 call per Jira group (the linked one and each mapped one) for a
//!   linked user; none for an unlinked one (its groups follow when it is linked);
//! - rename: Recreate = find/create the new group, add each linked member, delete the
//!   old one; KeepOldName = none; either way, when the names map to different Jira
//!   groups, each linked member leaves those only the old name mapped to (1 each) and
//!   joins those only the new one maps to (1 each; under Recreate, the member's add does);
//!   in Customer Sync only the desks one name maps to and the other doesn't change;
//! - Customer Sync: create customer (1; a taken email adds a look-up), desk access
//!   (1 per desk, batched across users by the drain).

pub mod attrs;
pub mod facts;
pub mod links;
pub mod machine;
pub mod plan;
pub mod preview;
pub mod remap;
pub mod store_view;

pub use plan::{plan_group, plan_membership, plan_user};
pub use preview::{preview, PlannedCall, Preview};

#[cfg(test)]
mod tests;
