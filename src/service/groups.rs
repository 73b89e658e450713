//! `/Groups`: create, read, replace, patch, delete. The record holds the group without
//! members; members are one key each (`store::members`), read only when a response or a
//! PATCH needs the whole list. Writes follow the order of `users`: claim the name, queue
//! the Jira work, store the record, write the member keys, release the old name.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::ctx::{
    self, check_write_preconditions, etag_of, not_modified, resource_reply, taken, text, write_key, Action, Ctx,
};
use super::membership::{self, check_exist, take_members, with_members, MemberOp};
use super::render::Reply;
use super::sync_seam;
use crate::connection::ScimVersion;
use crate::error::{ScimError, ScimType};
use crate::host::Host;
use crate::scim::changes::{self, ChangeSet};
use crate::scim::path::AttrPath;
use crate::scim::schemas::GROUP_TYPE;
use crate::scim::validate::{validate, Mode};
use crate::scim::{meta, patch, v1};
use crate::store::{self, keys, ClaimOutcome, GroupRecord, MemberEntry, NameKind};

type Members = Vec<(String, MemberEntry)>;

/// `POST /Groups`.
pub async fn create<H: Host>(ctx: &Ctx<'_, H>, action: &Action) -> Result<Reply, ScimError> {
    let body = ctx.incoming(action.body()?, &GROUP_TYPE)?;
    let mut resource = validate(&body, &GROUP_TYPE, Mode::Create, &ctx::VALIDATE)?;
    let members = take_members(&mut resource)?;
    check_exist(ctx, &members.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>()).await?;
    let name = display_name(&resource)?;
    let id = store::new_id(ctx.host.now())?;
    meta::stamp_created(&mut resource, &GROUP_TYPE, &id, &ctx.location(&GROUP_TYPE, &id), &ctx.now);
    let record = versioned(resource, 1);
    store::encode(&keys::group(&ctx.conn.id, &id), "group record", &record)?;
    let changes =
        ChangeSet { members_added: members.iter().map(|(id, _)| id.clone()).collect(), ..ChangeSet::default() };
    claim(ctx, &name, &id).await?;
    let stored = async {
        let tasks = sync_seam::plan_group(None, Some(&record.resource), &changes, &id, ctx.conn);
        sync_seam::enqueue(ctx.host, &tasks, &write_key("g", &id, 1), &ctx.origin).await?;
        store::save_group(ctx.host, &ctx.conn.id, &id, &record).await?;
        apply_members(ctx, &id, &members, &[]).await
    }
    .await;
    if let Err(error) = stored {
        let _ = store::release(ctx.host, &ctx.conn.id, NameKind::DisplayName, &name, &id).await;
        return Err(error);
    }
    let resource = with_members(ctx, record.resource, &members);
    resource_reply(ctx, action, 201, &GROUP_TYPE, &id, resource)
}

/// `GET /Groups/{id}`: members are listed only if the projection returns them.
pub async fn get<H: Host>(ctx: &Ctx<'_, H>, action: &Action, id: &str) -> Result<Reply, ScimError> {
    let record = load(ctx, id).await?;
    let etag = etag_of(&record.resource);
    if not_modified(action, &etag) {
        return Ok(Reply::NotModified { etag });
    }
    let (attributes, excluded) = ctx.projection(action, &GROUP_TYPE)?;
    let resource = match returns_members(&attributes, &excluded) {
        true => with_members(ctx, record.resource, &store::members::list(ctx.host, &ctx.conn.id, id).await?),
        false => record.resource,
    };
    resource_reply(ctx, action, 200, &GROUP_TYPE, id, resource)
}

/// `PUT /Groups/{id}`: the body's members become the members.
pub async fn replace<H: Host>(ctx: &Ctx<'_, H>, action: &Action, id: &str) -> Result<Reply, ScimError> {
    let old = load(ctx, id).await?;
    check_write_preconditions(action, &etag_of(&old.resource))?;
    let body = ctx.incoming(action.body()?, &GROUP_TYPE)?;
    let mut resource = validate(&body, &GROUP_TYPE, Mode::Replace { existing: &old.resource }, &ctx::VALIDATE)?;
    let wanted = take_members(&mut resource)?;
    let current = store::members::list(ctx.host, &ctx.conn.id, id).await?;
    let (added, removed) = difference(&current, &wanted);
    commit(ctx, action, id, old, resource, added, removed).await
}

/// `PATCH /Groups/{id}`. Membership operations take the fast path (see `membership`);
/// anything else about members is applied to the full list.
pub async fn patch<H: Host>(ctx: &Ctx<'_, H>, action: &Action, id: &str) -> Result<Reply, ScimError> {
    let old = load(ctx, id).await?;
    check_write_preconditions(action, &etag_of(&old.resource))?;
    let ops = match ctx.dialect {
        ScimVersion::V2 => patch::parse_request(action.body()?)?,
        ScimVersion::V1_1 => {
            // The translation needs the members the body names (to tell adds from
            // merges and deletes from no-ops), or all of them when `meta.attributes`
            // clears the list.
            let present = match clears_attributes(action.body()?) {
                true => store::members::list(ctx.host, &ctx.conn.id, id).await?,
                false => present_members(ctx, id, &v1_member_values(action.body()?)).await?,
            };
            v1::patch_to_ops(action.body()?, &with_members(ctx, old.resource.clone(), &present), &GROUP_TYPE)?
        }
    };
    let split = membership::split(&ops);
    let (resource, added, removed) = if split.needs_all {
        let current = store::members::list(ctx.host, &ctx.conn.id, id).await?;
        let (mut full, _) = patch::apply(&with_members(ctx, old.resource.clone(), &current), &ops, &GROUP_TYPE)?;
        let wanted = take_members(&mut full)?;
        let (added, removed) = difference(&current, &wanted);
        (full, added, removed)
    } else {
        let (resource, _) = patch::apply(&old.resource, &split.other, &GROUP_TYPE)?;
        let (added, removed) = fast_member_changes(ctx, id, &split.members).await?;
        (resource, added, removed)
    };
    commit(ctx, action, id, old, resource, added, removed).await
}

/// Stores a new version of group `id` and its member changes; a change of nothing writes
/// nothing and queues nothing.
async fn commit<H: Host>(
    ctx: &Ctx<'_, H>,
    action: &Action,
    id: &str,
    old: GroupRecord,
    mut resource: Value,
    added: Members,
    removed: Vec<String>,
) -> Result<Reply, ScimError> {
    let mut changes = changes::diff(&old.resource, &resource);
    changes.members_added = added.iter().map(|(m, _)| m.clone()).collect();
    changes.members_removed = removed.clone();
    if changes.is_empty() {
        return patch_reply(ctx, action, id, old.resource).await;
    }
    check_exist(ctx, &changes.members_added.iter().map(String::as_str).collect::<Vec<_>>()).await?;
    let (old_name, new_name) = (display_name(&old.resource)?, display_name(&resource)?);
    let renamed = old_name.to_lowercase() != new_name.to_lowercase();
    meta::stamp_modified(&mut resource, &ctx.now);
    let record = versioned(resource, old.version + 1);
    store::encode(&keys::group(&ctx.conn.id, id), "group record", &record)?;
    if renamed {
        claim(ctx, &new_name, id).await?;
    }
    let stored = async {
        let tasks = sync_seam::plan_group(Some(&old.resource), Some(&record.resource), &changes, id, ctx.conn);
        sync_seam::enqueue(ctx.host, &tasks, &write_key("g", id, record.version), &ctx.origin).await?;
        store::save_group(ctx.host, &ctx.conn.id, id, &record).await?;
        apply_members(ctx, id, &added, &removed).await
    }
    .await;
    let release =
        |name: String| async move { store::release(ctx.host, &ctx.conn.id, NameKind::DisplayName, &name, id).await };
    match stored {
        Err(error) if renamed => {
            let _ = release(new_name).await;
            return Err(error);
        }
        Err(error) => return Err(error),
        Ok(()) if renamed => release(old_name).await?,
        Ok(()) => {}
    }
    patch_reply(ctx, action, id, record.resource).await
}

/// What a group write answers: 204 to a 2.0 PATCH that asked for no attributes (RFC 7644
/// §3.5.2 allows it; Okta and Entra expect it, and it spares listing a large group's
/// members), else 200 with the group.
async fn patch_reply<H: Host>(
    ctx: &Ctx<'_, H>,
    action: &Action,
    id: &str,
    resource: Value,
) -> Result<Reply, ScimError> {
    let (attributes, excluded) = ctx.projection(action, &GROUP_TYPE)?;
    if action.method == "PATCH" && ctx.dialect == ScimVersion::V2 && attributes.is_empty() && excluded.is_empty() {
        return Ok(Reply::NoContent);
    }
    let resource = match returns_members(&attributes, &excluded) {
        true => with_members(ctx, resource, &store::members::list(ctx.host, &ctx.conn.id, id).await?),
        false => resource,
    };
    resource_reply(ctx, action, 200, &GROUP_TYPE, id, resource)
}

/// `DELETE /Groups/{id}`: the former members are removed too, and the sync is told.
pub async fn delete<H: Host>(ctx: &Ctx<'_, H>, action: &Action, id: &str) -> Result<Reply, ScimError> {
    let old = load(ctx, id).await?;
    check_write_preconditions(action, &etag_of(&old.resource))?;
    let (host, conn) = (ctx.host, &ctx.conn.id);
    let former = store::members::list(host, conn, id).await?;
    let changes = ChangeSet { members_removed: former.into_iter().map(|(m, _)| m).collect(), ..ChangeSet::default() };
    let tasks = sync_seam::plan_group(Some(&old.resource), None, &changes, id, ctx.conn);
    sync_seam::enqueue(host, &tasks, &write_key("g", id, old.version + 1), &ctx.origin).await?;
    store::members::clear_group(host, conn, id).await?;
    store::members::clear_member(host, conn, id).await?;
    host.delete(&keys::group(conn, id)).await.map_err(store::StoreError::from)?;
    if let Ok(name) = display_name(&old.resource) {
        store::release(host, conn, NameKind::DisplayName, &name, id).await?;
    }
    Ok(Reply::NoContent)
}

/// The group `id`, or 404.
pub async fn load<H: Host>(ctx: &Ctx<'_, H>, id: &str) -> Result<GroupRecord, ScimError> {
    let missing = || ScimError::not_found(format!("Group {id}"));
    if !super::users::is_id(id) {
        return Err(missing());
    }
    store::get_group(ctx.host, &ctx.conn.id, id).await?.ok_or_else(missing)
}

/// Whether a projection returns `members` (it is `returned: default`).
pub fn returns_members(attributes: &[AttrPath], excluded: &[AttrPath]) -> bool {
    match attributes.is_empty() {
        true => !excluded.iter().any(|p| p.is("members") && p.sub.is_none()),
        false => attributes.iter().any(|p| p.is("members")),
    }
}

/// A record whose ETag changes with every version: the content hash alone would not
/// change when only members (kept outside the record) do.
fn versioned(mut resource: Value, version: u64) -> GroupRecord {
    let mut content = resource.clone();
    if let Some(map) = content.as_object_mut() {
        map.remove("meta");
    }
    let etag = meta::etag(&json!({ "group": content, "version": version }));
    if let Some(Value::Object(meta)) = resource.get_mut("meta") {
        meta.insert("version".into(), Value::String(etag));
    }
    GroupRecord { resource, version }
}

/// Member changes from the fast path's operations, in order, against the stored members:
/// adding a member already there and removing one not there change nothing.
async fn fast_member_changes<H: Host>(
    ctx: &Ctx<'_, H>,
    id: &str,
    ops: &[MemberOp],
) -> Result<(Members, Vec<String>), ScimError> {
    let mut state: BTreeMap<String, (bool, bool, MemberEntry)> = BTreeMap::new(); // id → (was, is, entry)
    for op in ops {
        let (ids, is, entries): (Vec<String>, bool, Vec<MemberEntry>) = match op {
            MemberOp::Add(list) => {
                (list.iter().map(|(m, _)| m.clone()).collect(), true, list.iter().map(|(_, e)| e.clone()).collect())
            }
            MemberOp::Remove(list) => (list.clone(), false, vec![MemberEntry::default(); list.len()]),
        };
        for (member, entry) in ids.into_iter().zip(entries) {
            if !state.contains_key(&member) {
                // An id the service never made is no member (and no key): adding it fails
                // the existence check later, removing it changes nothing.
                let was = super::users::is_id(&member)
                    && store::members::contains(ctx.host, &ctx.conn.id, id, &member).await?;
                state.insert(member.clone(), (was, was, MemberEntry::default()));
            }
            if let Some(slot) = state.get_mut(&member) {
                slot.1 = is;
                if is {
                    slot.2 = entry;
                }
            }
        }
    }
    let added =
        state.iter().filter(|(_, (was, is, _))| !was && *is).map(|(m, (_, _, e))| (m.clone(), e.clone())).collect();
    let removed = state.iter().filter(|(_, (was, is, _))| *was && !is).map(|(m, _)| m.clone()).collect();
    Ok((added, removed))
}

/// (added, removed) between the current members and the wanted ones.
fn difference(current: &[(String, MemberEntry)], wanted: &[(String, MemberEntry)]) -> (Members, Vec<String>) {
    let now: BTreeSet<&str> = current.iter().map(|(m, _)| m.as_str()).collect();
    let then: BTreeSet<&str> = wanted.iter().map(|(m, _)| m.as_str()).collect();
    let added = wanted.iter().filter(|(m, _)| !now.contains(m.as_str())).cloned().collect();
    let removed = current.iter().filter(|(m, _)| !then.contains(m.as_str())).map(|(m, _)| m.clone()).collect();
    (added, removed)
}

async fn apply_members<H: Host>(
    ctx: &Ctx<'_, H>,
    id: &str,
    added: &[(String, MemberEntry)],
    removed: &[String],
) -> Result<(), ScimError> {
    for (member, entry) in added {
        store::members::add(ctx.host, &ctx.conn.id, id, member, entry).await?;
    }
    for member in removed {
        store::members::remove(ctx.host, &ctx.conn.id, id, member).await?;
    }
    Ok(())
}

/// The member ids a 1.1 PATCH body names (`members: [{"value": …}]`).
fn v1_member_values(body: &Value) -> Vec<String> {
    let members = body.as_object().and_then(|m| crate::scim::resource::value_ci(m, "members"));
    let items = members.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    items.iter().filter_map(|m| m.get("value").and_then(Value::as_str)).map(str::to_string).collect()
}

/// Whether a 1.1 PATCH body lists attributes to clear (`meta.attributes`).
fn clears_attributes(body: &Value) -> bool {
    let meta = body.as_object().and_then(|m| crate::scim::resource::value_ci(m, "meta")).and_then(Value::as_object);
    meta.and_then(|m| crate::scim::resource::value_ci(m, "attributes")).is_some()
}

/// Of `ids`, those that are members of group `id`, as stored.
async fn present_members<H: Host>(ctx: &Ctx<'_, H>, id: &str, ids: &[String]) -> Result<Members, ScimError> {
    let mut out = Vec::new();
    for member in ids.iter().filter(|m| super::users::is_id(m)) {
        if store::members::contains(ctx.host, &ctx.conn.id, id, member).await? {
            out.push((member.clone(), MemberEntry::default()));
        }
    }
    Ok(out)
}

async fn claim<H: Host>(ctx: &Ctx<'_, H>, name: &str, id: &str) -> Result<(), ScimError> {
    match store::claim(ctx.host, &ctx.conn.id, NameKind::DisplayName, name, id).await? {
        ClaimOutcome::Claimed => Ok(()),
        ClaimOutcome::HeldBy(_) => Err(taken("displayName", name)),
    }
}

fn display_name(resource: &Value) -> Result<String, ScimError> {
    text(resource, "displayName")
        .map(str::to_string)
        .ok_or_else(|| ScimError::typed(ScimType::InvalidValue, "attribute \"displayName\" is required, found none"))
}
