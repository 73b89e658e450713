//! THE key layout: every key the core writes, built here and nowhere else.
//!
//! Keys follow the Host contract (`[a-zA-Z0-9:._\s\-#]{1,500}`). Ids the core makes
//! (connections, users, groups) are hex, so they are always valid and never contain `:`;
//! text an IdP sends (userName, externalId, displayName) appears only as a SHA-256 hex of
//! its lowercase form, so any text fits and case-insensitive uniqueness is one key.
//!
//! | key | value | owner |
//! | --- | --- | --- |
//! | `conn:{conn}` | [`Connection`](crate::connection::Connection) JSON | service |
//! | `tok:{sha256(token)}` | connection id: bearer auth is one read, then a constant-time check | service |
//! | `site:{conn}` | Jira [`SiteSettings`](crate::jira::SiteSettings) JSON (no secrets) | service |
//! | `cfg:simulator` | operator-set Jira simulator base URL (Node/browser hosts only) | service |
//! | secret `jira:{conn}:apiToken`, `jira:{conn}:orgKey` | the Jira API token, the org API key | service |
//! | `u:{conn}:{user}` | [`UserRecord`](super::UserRecord) | service |
//! | `g:{conn}:{group}` | [`GroupRecord`](super::GroupRecord), resource without members | service |
//! | `gm:{conn}:{group}:{member}` | [`MemberEntry`](super::MemberEntry): one key per member | service |
//! | `um:{conn}:{user}:{group}` | `""`: reverse index, user → groups | service |
//! | `ix:{conn}:u:un:{sha}` | [`Claim`](super::Claim) of a userName (create-only: uniqueness), with a copy of the record so `userName eq` is one read | service |
//! | `ix:{conn}:g:dn:{sha}` | [`Claim`](super::Claim) of a group displayName (create-only), with a copy of the record | service |
//! | `ix:{conn}:u:ext:{sha}:{user}` | `""`: externalId lookup, not unique (list by prefix) | service |
//! | `ob:`, `dl:`, `lease:`, `ln:`, `jn:`, `au:`, `aub:`, `aup:` | outbox, dead letters, leases, Jira links, audit | sync: the table in `outbox::keys` |
//!
//! A record, its claim's copy and its externalId key change together, in one
//! `Host::transact` (`store::commit`).
//!
//! Per-member keys make adding one member to a 50 000-member group write O(1) keys with
//! no read-modify-write race; listing members is a prefix walk.

use sha2::{Digest, Sha256};

use crate::token::to_hex;

/// The operator's simulator base URL, for hosts that run against the Jira simulator.
pub const SIMULATOR: &str = "cfg:simulator";
/// Every connection record starts with this.
pub const CONNECTIONS: &str = "conn:";

pub fn connection(conn: &str) -> String {
    format!("conn:{conn}")
}

pub fn token(token_hash: &str) -> String {
    format!("tok:{token_hash}")
}

pub fn site(conn: &str) -> String {
    format!("site:{conn}")
}

/// Secret name of a connection's Jira API token.
pub fn api_token_secret(conn: &str) -> String {
    format!("jira:{conn}:apiToken")
}

/// Secret name of a connection's Atlassian org API key.
pub fn org_key_secret(conn: &str) -> String {
    format!("jira:{conn}:orgKey")
}

pub fn user(conn: &str, user: &str) -> String {
    format!("u:{conn}:{user}")
}

pub fn users(conn: &str) -> String {
    format!("u:{conn}:")
}

pub fn group(conn: &str, group: &str) -> String {
    format!("g:{conn}:{group}")
}

pub fn groups(conn: &str) -> String {
    format!("g:{conn}:")
}

pub fn member(conn: &str, group: &str, member: &str) -> String {
    format!("gm:{conn}:{group}:{member}")
}

pub fn members(conn: &str, group: &str) -> String {
    format!("gm:{conn}:{group}:")
}

pub fn user_group(conn: &str, user: &str, group: &str) -> String {
    format!("um:{conn}:{user}:{group}")
}

pub fn user_groups(conn: &str, user: &str) -> String {
    format!("um:{conn}:{user}:")
}

pub fn user_name_index(conn: &str, user_name: &str) -> String {
    format!("ix:{conn}:u:un:{}", fold_hash(user_name))
}

pub fn group_name_index(conn: &str, display_name: &str) -> String {
    format!("ix:{conn}:g:dn:{}", fold_hash(display_name))
}

pub fn external_id_index(conn: &str, external_id: &str, user: &str) -> String {
    format!("{}{user}", external_ids(conn, external_id))
}

/// Prefix of every user holding `external_id`.
pub fn external_ids(conn: &str, external_id: &str) -> String {
    format!("ix:{conn}:u:ext:{}:", fold_hash(external_id))
}

/// Every prefix holding a connection's data, for removing a connection: the store's and
/// the sync's per-connection ones (audit entries age out on their own).
pub fn connection_data(conn: &str) -> Vec<String> {
    use crate::outbox::keys as sync;
    vec![
        users(conn),
        groups(conn),
        format!("gm:{conn}:"),
        format!("um:{conn}:"),
        format!("ix:{conn}:"),
        sync::outbox(conn),
        sync::dead_letters(conn),
        sync::user_links(conn),
        sync::group_links(conn),
        format!("lease:{conn}:"),
        format!("jn:{conn}:"),
    ]
}

/// The id at the end of a key under `prefix` (`u:c1:` + `abc` → `abc`).
pub fn id_after<'k>(key: &'k str, prefix: &str) -> Option<&'k str> {
    key.strip_prefix(prefix).filter(|id| !id.is_empty() && !id.contains(':'))
}

/// Lowercase SHA-256 hex of the lowercased text: names compare case-insensitively
/// (RFC 7643 §4.1.1 makes userName caseExact false) and any text becomes a valid key.
fn fold_hash(text: &str) -> String {
    to_hex(&Sha256::digest(text.to_lowercase().as_bytes()))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::host::validate_key;

    #[test]
    fn every_key_is_valid_for_any_text() {
        let long = "ü/😀 \"x\"".repeat(200);
        let keys = [
            connection("c1"),
            token(&"a".repeat(64)),
            site("c1"),
            api_token_secret("c1"),
            user("c1", "u1"),
            group("c1", "g1"),
            member("c1", "g1", "u1"),
            user_group("c1", "u1", "g1"),
            user_name_index("c1", &long),
            group_name_index("c1", "Sales/EMEA"),
            external_id_index("c1", &long, "u1"),
        ];
        for key in keys {
            assert_eq!(validate_key(&key), Ok(()), "{key}");
        }
    }

    #[test]
    fn names_fold_case_but_not_content() {
        assert_eq!(user_name_index("c", "BJensen@Example.com"), user_name_index("c", "bjensen@example.com"));
        assert_ne!(user_name_index("c", "bjensen"), user_name_index("c", "bjensen2"));
        assert_ne!(user_name_index("c1", "x"), user_name_index("c2", "x"));
        assert_ne!(user_name_index("c", "x"), group_name_index("c", "x"));
    }

    #[test]
    fn prefixes_do_not_overlap_between_kinds_or_connections() {
        assert!(!group("c1", "x").starts_with(&users("c1")));
        assert!(!member("c1", "g", "u").starts_with(&groups("c1")));
        assert!(!users("c10").starts_with(&users("c1")));
        assert_eq!(id_after(&user("c1", "abc"), &users("c1")), Some("abc"));
        assert_eq!(id_after(&member("c1", "g", "u"), &groups("c1")), None);
    }
}
