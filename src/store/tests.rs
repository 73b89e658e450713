#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::claims::CLAIM_GRACE_MS;
use super::*;
use crate::host::{block_on, Host, MemoryHost};
use serde_json::json;

fn user(name: &str) -> UserRecord {
    UserRecord { resource: json!({"userName": name, "externalId": format!("ext-{name}")}), ..UserRecord::default() }
}

fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => panic!("unexpected error: {e:?}"),
    }
}

#[test]
fn a_name_goes_to_the_first_claim_whatever_its_case() {
    let host = MemoryHost::new();
    block_on(async {
        assert_eq!(ok(claim(&host, "c", NameKind::UserName, "BJensen", "u1").await), ClaimOutcome::Claimed);
        ok(save_user(&host, "c", "u1", &user("BJensen")).await);
        let cases = [
            ("bjensen", "u2", ClaimOutcome::HeldBy("u1".into())),
            ("BJENSEN", "u3", ClaimOutcome::HeldBy("u1".into())),
            ("bjensen", "u1", ClaimOutcome::Claimed),
            ("bjensen2", "u2", ClaimOutcome::Claimed),
        ];
        for (name, id, want) in cases {
            assert_eq!(ok(claim(&host, "c", NameKind::UserName, name, id).await), want, "{name} {id}");
        }
        // Another connection has its own names.
        assert_eq!(ok(claim(&host, "d", NameKind::UserName, "bjensen", "u9").await), ClaimOutcome::Claimed);
    });
}

#[test]
fn a_claim_without_its_record_is_held_while_young_and_taken_over_when_old() {
    let host = MemoryHost::new();
    block_on(async {
        // u1 claimed and then "crashed" before storing its record.
        ok(claim(&host, "c", NameKind::UserName, "x", "u1").await);
        assert_eq!(ok(claim(&host, "c", NameKind::UserName, "x", "u2").await), ClaimOutcome::HeldBy("u1".into()));
        host.advance(CLAIM_GRACE_MS);
        assert_eq!(ok(claim(&host, "c", NameKind::UserName, "x", "u2").await), ClaimOutcome::Claimed);
        assert_eq!(ok(claim(&host, "c", NameKind::UserName, "x", "u1").await), ClaimOutcome::HeldBy("u2".into()));
    });
}

#[test]
fn a_record_renamed_away_frees_its_old_claim_once_old() {
    let host = MemoryHost::new();
    block_on(async {
        ok(claim(&host, "c", NameKind::DisplayName, "Sales", "g1").await);
        ok(save_group(
            &host,
            "c",
            "g1",
            &GroupRecord { resource: json!({"displayName": "Sales"}), ..Default::default() },
        )
        .await);
        // Renamed without releasing (a crash after the record write).
        ok(save_group(
            &host,
            "c",
            "g1",
            &GroupRecord { resource: json!({"displayName": "Sales EMEA"}), ..Default::default() },
        )
        .await);
        assert_eq!(
            ok(claim(&host, "c", NameKind::DisplayName, "sales", "g2").await),
            ClaimOutcome::HeldBy("g1".into())
        );
        host.advance(CLAIM_GRACE_MS);
        assert_eq!(ok(claim(&host, "c", NameKind::DisplayName, "sales", "g2").await), ClaimOutcome::Claimed);
    });
}

#[test]
fn release_only_drops_ones_own_claim() {
    let host = MemoryHost::new();
    block_on(async {
        ok(claim(&host, "c", NameKind::UserName, "x", "u1").await);
        ok(release(&host, "c", NameKind::UserName, "x", "u2").await);
        assert_eq!(ok(claim(&host, "c", NameKind::UserName, "x", "u2").await), ClaimOutcome::HeldBy("u1".into()));
        ok(release(&host, "c", NameKind::UserName, "X", "u1").await);
        assert_eq!(ok(claim(&host, "c", NameKind::UserName, "x", "u2").await), ClaimOutcome::Claimed);
    });
}

#[test]
fn find_by_name_is_one_index_read_and_checks_the_record() {
    let host = MemoryHost::new();
    block_on(async {
        ok(claim(&host, "c", NameKind::UserName, "alice", "u1").await);
        assert_eq!(ok(find_user_by_name(&host, "c", "alice").await), None, "claim without record");
        ok(save_user(&host, "c", "u1", &user("Alice")).await);
        let found = ok(find_user_by_name(&host, "c", "ALICE").await);
        assert_eq!(found.map(|(id, _)| id), Some("u1".to_string()));
        assert_eq!(ok(find_user_by_name(&host, "c", "bob").await), None);
    });
}

#[test]
fn external_ids_are_an_index_not_a_constraint() {
    let host = MemoryHost::new();
    block_on(async {
        for id in ["u1", "u2"] {
            ok(save_user(&host, "c", id, &UserRecord { resource: json!({"externalId": "E1"}), ..Default::default() })
                .await);
            ok(host.set(&keys::external_id_index("c", "E1", id), "").await);
        }
        let mut ids: Vec<String> =
            ok(find_users_by_external_id(&host, "c", "E1").await).into_iter().map(|(id, _)| id).collect();
        ids.sort();
        assert_eq!(ids, ["u1", "u2"]);
        // caseExact (RFC 7643 §3.1): "e1" shares the index key but is another value.
        assert!(ok(find_users_by_external_id(&host, "c", "e1").await).is_empty());
    });
}

#[test]
fn membership_is_one_key_per_member_both_ways() {
    let host = MemoryHost::new();
    block_on(async {
        let entry = MemberEntry { kind: Some("User".into()), display: None };
        assert!(ok(members::add(&host, "c", "g1", "u1", &entry).await));
        assert!(!ok(members::add(&host, "c", "g1", "u1", &entry).await), "second add is a no-op");
        ok(members::add(&host, "c", "g2", "u1", &entry).await);
        ok(members::add(&host, "c", "g1", "u2", &entry).await);
        let before = host.kv_snapshot().len();
        ok(members::add(&host, "c", "g1", "u3", &entry).await);
        assert_eq!(host.kv_snapshot().len(), before + 2, "one forward and one reverse key");

        let mut groups = ok(members::groups_of(&host, "c", "u1").await);
        groups.sort();
        assert_eq!(groups, ["g1", "g2"]);
        assert_eq!(ok(members::list(&host, "c", "g1").await).len(), 3);
        assert!(ok(members::remove(&host, "c", "g1", "u1").await));
        assert!(!ok(members::remove(&host, "c", "g1", "u1").await));
        assert_eq!(ok(members::groups_of(&host, "c", "u1").await), ["g2"]);
        assert_eq!(ok(members::clear_member(&host, "c", "u1").await), ["g2"]);
        let mut left = ok(members::clear_group(&host, "c", "g1").await);
        left.sort();
        assert_eq!(left, ["u2", "u3"]);
        assert!(host.kv_snapshot().is_empty(), "{:?}", host.kv_snapshot());
    });
}

#[test]
fn a_reverse_key_without_its_forward_key_is_ignored() {
    let host = MemoryHost::new();
    block_on(async {
        ok(host.set(&keys::user_group("c", "u1", "g1"), "").await);
        assert!(ok(members::groups_of(&host, "c", "u1").await).is_empty());
    });
}

#[test]
fn walks_cross_pages_of_twenty() {
    let host = MemoryHost::new();
    block_on(async {
        for i in 0..45 {
            ok(save_user(&host, "c", &format!("u{i:02}"), &user(&format!("n{i}"))).await);
        }
        ok(save_user(&host, "c2", "other", &user("other")).await);
        assert_eq!(ok(all_users(&host, "c").await).len(), 45);
        assert_eq!(ok(delete_prefix(&host, &keys::users("c")).await), 45);
        assert_eq!(ok(all_users(&host, "c2").await).len(), 1);
    });
}

#[test]
fn records_over_240_kib_are_refused_before_writing() {
    let host = MemoryHost::new();
    let big = UserRecord { resource: json!({"userName": "x", "title": "t".repeat(250 * 1024)}), ..Default::default() };
    let err = block_on(save_user(&host, "c", "u1", &big));
    assert!(matches!(err, Err(StoreError::TooLarge { .. })), "{err:?}");
    assert!(host.kv_snapshot().is_empty());
}

#[test]
fn a_corrupt_value_names_its_key() {
    let host = MemoryHost::new();
    block_on(async {
        ok(host.set(&keys::user("c", "u1"), "{not json").await);
        let err = get_user(&host, "c", "u1").await;
        assert!(matches!(&err, Err(StoreError::Corrupt { key, .. }) if key == "u:c:u1"), "{err:?}");
    });
}

#[test]
fn ids_are_hex_distinct_and_time_ordered() {
    let a = ok(new_id(1_704_067_200_000));
    let b = ok(new_id(1_704_067_200_000));
    let later = ok(new_id(1_704_067_200_001));
    assert_eq!(a.len(), 32);
    assert!(a.bytes().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_ne!(a, b);
    assert!(later > a && later > b, "{a} {b} {later}");
}
