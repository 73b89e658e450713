//! Storing and removing a record together with its index keys, in one [`Host::transact`]:
//! the record, its name claim carrying a copy of the record (so a `userName eq` or
//! `displayName eq` filter is one KV read), the old name's claim on a rename, and the
//! externalId lookup key. A reader never sees a record without its indexes or the reverse.
//!
//! The new name's claim must already be held (`claims::claim`, create-only): a transaction
//! has no create-only write, and the claim is what makes two creates of one name give one.

use serde::Serialize;
use serde_json::Value;

use super::claims::name_of;
use super::records::HasResource;
use super::{encode, fits, keys, Claim, GroupRecord, NameKind, StoreError, UserRecord};
use crate::host::{Host, Write};
use crate::scim::resource::value_ci;

/// Writes user `id`'s new `record`; `before` is the resource it replaces (`None` on create).
pub async fn put_user<H: Host>(
    host: &H,
    conn: &str,
    id: &str,
    before: Option<&Value>,
    record: &UserRecord,
) -> Result<(), StoreError> {
    let mut writes = record_writes(host, conn, NameKind::UserName, id, before, record)?;
    writes.extend(external_id_writes(conn, id, before, Some(&record.resource)));
    host.transact(&writes).await?;
    Ok(())
}

/// Writes group `id`'s new `record` (members are kept apart, see `members`).
pub async fn put_group<H: Host>(
    host: &H,
    conn: &str,
    id: &str,
    before: Option<&Value>,
    record: &GroupRecord,
) -> Result<(), StoreError> {
    let writes = record_writes(host, conn, NameKind::DisplayName, id, before, record)?;
    host.transact(&writes).await?;
    Ok(())
}

/// Removes user `id` (whose resource was `before`) with its name claim and externalId key.
pub async fn remove_user<H: Host>(host: &H, conn: &str, id: &str, before: &Value) -> Result<(), StoreError> {
    let mut writes = vec![Write::delete(keys::user(conn, id))];
    writes.extend(name_of(before, NameKind::UserName).map(|n| Write::delete(NameKind::UserName.key(conn, n))));
    writes.extend(external_id_writes(conn, id, Some(before), None));
    host.transact(&writes).await?;
    Ok(())
}

/// Removes group `id` (whose resource was `before`) with its name claim.
pub async fn remove_group<H: Host>(host: &H, conn: &str, id: &str, before: &Value) -> Result<(), StoreError> {
    let mut writes = vec![Write::delete(keys::group(conn, id))];
    writes.extend(name_of(before, NameKind::DisplayName).map(|n| Write::delete(NameKind::DisplayName.key(conn, n))));
    host.transact(&writes).await?;
    Ok(())
}

/// A [`Claim`] with its copy of the record, `{"id":…,"at":…,"record":…}`: the record's
/// JSON (`record_text`, as it is written) is spliced in, not serialized a second time.
fn claim_with_copy(key: &str, id: &str, at: i64, record_text: &str) -> Result<String, StoreError> {
    let id = Value::from(id);
    fits(key, "name claim", format!(r#"{{"id":{id},"at":{at},"record":{record_text}}}"#))
}

/// The record, its claim with a copy of it, and the old name's claim gone if it changed.
/// A record without its unique name (not valid SCIM, so never stored) gets no claim.
fn record_writes<H: Host, R: Serialize + HasResource>(
    host: &H,
    conn: &str,
    kind: NameKind,
    id: &str,
    before: Option<&Value>,
    record: &R,
) -> Result<Vec<Write>, StoreError> {
    let record_key = kind.record_key(conn, id);
    let text = encode(&record_key, "record", record)?;
    let mut writes = Vec::with_capacity(3);
    let new_claim_key = name_of(record.resource(), kind).map(|n| kind.key(conn, n));
    if let Some(key) = &new_claim_key {
        let at = host.now();
        // A record near the value limit doesn't fit twice in one value: its claim goes
        // without the copy, and a lookup by its name reads the record too.
        let claim = match claim_with_copy(key, id, at, &text) {
            Err(StoreError::TooLarge { .. }) => {
                encode(key, "name claim", &Claim { id: id.to_string(), at, record: None })?
            }
            other => other?,
        };
        writes.push(Write::set(key.clone(), claim));
    }
    let old_claim_key = before.and_then(|b| name_of(b, kind)).map(|n| kind.key(conn, n));
    if let Some(old) = old_claim_key.filter(|old| Some(old) != new_claim_key.as_ref()) {
        writes.push(Write::delete(old));
    }
    writes.push(Write::set(record_key, text));
    Ok(writes)
}

/// The externalId lookup key set for the new value and deleted for the old, if it changed.
fn external_id_writes(conn: &str, id: &str, before: Option<&Value>, after: Option<&Value>) -> Vec<Write> {
    let (old, new) = (before.and_then(external_id), after.and_then(external_id));
    if old == new {
        return Vec::new();
    }
    let set = new.map(|e| Write::set(keys::external_id_index(conn, e, id), ""));
    let delete = old.map(|e| Write::delete(keys::external_id_index(conn, e, id)));
    set.into_iter().chain(delete).collect()
}

fn external_id(resource: &Value) -> Option<&str> {
    resource.as_object().and_then(|m| value_ci(m, "externalId")).and_then(Value::as_str)
}
