//! The sync half's keys, built here and nowhere else (the store's own keys and the full
//! table are in `store::keys`; these rows belong in it):
//!
//! | key | value |
//! | --- | --- |
//! | `ob:{conn}:{idem}` | [`Item`](super::Item): a queued [`Task`](super::Task); `idem` makes enqueue idempotent |
//! | `dl:{conn}:{idem}` | [`DeadLetter`](super::DeadLetter): an item that ran out of attempts |
//! | `lease:{conn}:{scope}` | [`Lease`](super::lease::Lease): who runs the scope's tasks, until when |
//! | `lease:{conn}:{scope}#{until}` | `""`: the one host allowed to take over that expired lease |
//! | `ln:{conn}:u:{user}`, `ln:{conn}:g:{group}` | the Jira link of a user or group (`sync::links`) |
//! | `jn:{conn}:{sha256(lowercase name)}` | a Jira group found by name: `{name, groupId}` |
//! | `au:{hour}:{ms}:{rand}` | one audit entry (`audit`); `hour` and `ms` zero-padded, so keys sort by time |
//! | `aub:{hour}` | how many audit entries an hour bucket holds (approximate) |
//! | `aup:last` | when audit entries were last pruned |
//!
//! Links are kept apart from the store's records on purpose: the SCIM handlers rewrite a
//! record on every write, the drain rewrites links, and neither can lose the other's
//! update through a read-modify-write race (the host has no compare-and-set).

use crate::token::to_hex;
use sha2::{Digest, Sha256};

pub const OUTBOX: &str = "ob:";
pub const DEAD_LETTERS: &str = "dl:";

pub fn item(conn: &str, idem: &str) -> String {
    format!("ob:{conn}:{idem}")
}

pub fn outbox(conn: &str) -> String {
    format!("ob:{conn}:")
}

pub fn dead_letter(conn: &str, idem: &str) -> String {
    format!("dl:{conn}:{idem}")
}

pub fn dead_letters(conn: &str) -> String {
    format!("dl:{conn}:")
}

pub fn lease(conn: &str, scope: &str) -> String {
    format!("lease:{conn}:{scope}")
}

/// The create-only token that elects one host to take over the lease that expired at `until`.
pub fn takeover(conn: &str, scope: &str, until: i64) -> String {
    format!("lease:{conn}:{scope}#{until}")
}

pub fn user_link(conn: &str, user: &str) -> String {
    format!("ln:{conn}:u:{user}")
}

pub fn user_links(conn: &str) -> String {
    format!("ln:{conn}:u:")
}

pub fn group_link(conn: &str, group: &str) -> String {
    format!("ln:{conn}:g:{group}")
}

pub fn group_links(conn: &str) -> String {
    format!("ln:{conn}:g:")
}

/// A Jira group name, case folded (Jira compares group names case-insensitively).
pub fn jira_group_name(conn: &str, name: &str) -> String {
    format!("jn:{conn}:{}", sha_hex(&name.to_lowercase()))
}

/// The last part of a key (`ob:c1:abc` → `abc`).
pub fn last_segment(key: &str) -> &str {
    key.rsplit(':').next().unwrap_or(key)
}

/// Lowercase SHA-256 hex of `text`, the first 32 digits (128 bits: collisions are not a concern).
pub fn sha_hex(text: &str) -> String {
    let hex = to_hex(&Sha256::digest(text.as_bytes()));
    hex.get(..32).unwrap_or(&hex).to_string()
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::host::validate_key;

    #[test]
    fn keys_are_valid_for_any_text() {
        let name = "Sales/EMEA ü 😀".repeat(50);
        let keys = [
            item("c1", &sha_hex("x")),
            dead_letter("c1", "abc"),
            lease("c1", "m:g1:u1"),
            takeover("c1", "u:u1", 1_704_067_200_000),
            user_link("c1", "u1"),
            group_link("c1", "g1"),
            jira_group_name("c1", &name),
        ];
        for key in keys {
            assert_eq!(validate_key(&key), Ok(()), "{key}");
        }
        assert_eq!(jira_group_name("c", "Admins"), jira_group_name("c", "admins"));
        assert_eq!(last_segment(&item("c1", "abc")), "abc");
        assert!(!outbox("c1").starts_with(&outbox("c10")) && !outbox("c10").starts_with(&outbox("c1")));
    }
}
