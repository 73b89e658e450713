//! `/Users`: create, read, replace, patch, delete (RFC 7644 §3.3–§3.6).
//!
//! Every write follows one order, so a crash between any two steps converges when the
//! client retries: claim the userName (create-only), queue the Jira work, store the
//! record, then tidy indexes and release the old name. Nothing is written until the
//! request has passed every check, and a failure after the claim gives the claim back.

use serde_json::Value;

use super::ctx::{
    self, check_write_preconditions, etag_of, not_modified, resource_reply, taken, text, write_key, Action, Ctx,
};
use super::render::Reply;
use super::sync_seam;
use crate::connection::ScimVersion;
use crate::error::ScimError;
use crate::host::Host;
use crate::scim::changes;
use crate::scim::schemas::USER_TYPE;
use crate::scim::validate::{take_write_only, validate, Mode};
use crate::scim::{meta, patch, v1};
use crate::store::{self, keys, ClaimOutcome, NameKind, UserRecord};

/// `POST /Users`.
pub async fn create<H: Host>(ctx: &Ctx<'_, H>, action: &Action) -> Result<Reply, ScimError> {
    let body = ctx.incoming(action.body()?, &USER_TYPE)?;
    let mut resource = validate(&body, &USER_TYPE, Mode::Create, &ctx::VALIDATE)?;
    // Jira accounts sign in through Atlassian: a password is accepted and dropped.
    take_write_only(&mut resource, &USER_TYPE);
    let name = user_name(&resource)?;
    let id = store::new_id(ctx.host.now())?;
    meta::stamp_created(&mut resource, &USER_TYPE, &id, &ctx.location(&USER_TYPE, &id), &ctx.now);
    let record = UserRecord { resource, version: 1 };
    store::encode(&keys::user(&ctx.conn.id, &id), "user record", &record)?;
    claim(ctx, &name, &id).await?;
    let stored = async {
        let tasks = sync_seam::plan_user(None, Some(&record.resource), &id, ctx.conn);
        sync_seam::enqueue(ctx.host, &tasks, &write_key("u", &id, record.version), &ctx.origin).await?;
        store::save_user(ctx.host, &ctx.conn.id, &id, &record).await?;
        index_external_id(ctx, &id, None, &record.resource).await
    }
    .await;
    if let Err(error) = stored {
        let _ = store::release(ctx.host, &ctx.conn.id, NameKind::UserName, &name, &id).await;
        return Err(error);
    }
    resource_reply(ctx, action, 201, &USER_TYPE, &id, record.resource)
}

/// `GET /Users/{id}`; 304 when `If-None-Match` names the current version.
pub async fn get<H: Host>(ctx: &Ctx<'_, H>, action: &Action, id: &str) -> Result<Reply, ScimError> {
    let record = load(ctx, id).await?;
    let etag = etag_of(&record.resource);
    if not_modified(action, &etag) {
        return Ok(Reply::NotModified { etag });
    }
    resource_reply(ctx, action, 200, &USER_TYPE, id, record.resource)
}

/// `PUT /Users/{id}`: the body replaces everything the client may write.
pub async fn replace<H: Host>(ctx: &Ctx<'_, H>, action: &Action, id: &str) -> Result<Reply, ScimError> {
    let old = load(ctx, id).await?;
    check_write_preconditions(action, &etag_of(&old.resource))?;
    let body = ctx.incoming(action.body()?, &USER_TYPE)?;
    let mut resource = validate(&body, &USER_TYPE, Mode::Replace { existing: &old.resource }, &ctx::VALIDATE)?;
    take_write_only(&mut resource, &USER_TYPE);
    commit(ctx, action, id, old, resource).await
}

/// `PATCH /Users/{id}`: 2.0 PatchOp, or a 1.1 partial resource translated to the same ops.
pub async fn patch<H: Host>(ctx: &Ctx<'_, H>, action: &Action, id: &str) -> Result<Reply, ScimError> {
    let old = load(ctx, id).await?;
    check_write_preconditions(action, &etag_of(&old.resource))?;
    let ops = match ctx.dialect {
        ScimVersion::V2 => patch::parse_request(action.body()?)?,
        ScimVersion::V1_1 => v1::patch_to_ops(action.body()?, &old.resource, &USER_TYPE)?,
    };
    let (mut resource, _) = patch::apply(&old.resource, &ops, &USER_TYPE)?;
    take_write_only(&mut resource, &USER_TYPE);
    commit(ctx, action, id, old, resource).await
}

/// Stores `resource` as the new version of user `id`, unless nothing changed: a no-op
/// update writes nothing and queues nothing, so it costs no Jira call.
async fn commit<H: Host>(
    ctx: &Ctx<'_, H>,
    action: &Action,
    id: &str,
    old: UserRecord,
    mut resource: Value,
) -> Result<Reply, ScimError> {
    if changes::diff(&old.resource, &resource).is_empty() {
        return resource_reply(ctx, action, 200, &USER_TYPE, id, old.resource);
    }
    let (old_name, new_name) = (user_name(&old.resource)?, user_name(&resource)?);
    let renamed = old_name.to_lowercase() != new_name.to_lowercase();
    meta::stamp_modified(&mut resource, &ctx.now);
    let record = UserRecord { resource, version: old.version + 1 };
    store::encode(&keys::user(&ctx.conn.id, id), "user record", &record)?;
    if renamed {
        claim(ctx, &new_name, id).await?;
    }
    let stored = async {
        let tasks = sync_seam::plan_user(Some(&old.resource), Some(&record.resource), id, ctx.conn);
        sync_seam::enqueue(ctx.host, &tasks, &write_key("u", id, record.version), &ctx.origin).await?;
        store::save_user(ctx.host, &ctx.conn.id, id, &record).await?;
        index_external_id(ctx, id, Some(&old.resource), &record.resource).await
    }
    .await;
    match stored {
        Err(error) if renamed => {
            let _ = store::release(ctx.host, &ctx.conn.id, NameKind::UserName, &new_name, id).await;
            return Err(error);
        }
        Err(error) => return Err(error),
        Ok(()) if renamed => store::release(ctx.host, &ctx.conn.id, NameKind::UserName, &old_name, id).await?,
        Ok(()) => {}
    }
    resource_reply(ctx, action, 200, &USER_TYPE, id, record.resource)
}

/// `DELETE /Users/{id}`: the Jira work first, then memberships, the record, the indexes.
pub async fn delete<H: Host>(ctx: &Ctx<'_, H>, action: &Action, id: &str) -> Result<Reply, ScimError> {
    let old = load(ctx, id).await?;
    check_write_preconditions(action, &etag_of(&old.resource))?;
    let (host, conn) = (ctx.host, &ctx.conn.id);
    let tasks = sync_seam::plan_user(Some(&old.resource), None, id, ctx.conn);
    sync_seam::enqueue(host, &tasks, &write_key("u", id, old.version + 1), &ctx.origin).await?;
    store::members::clear_member(host, conn, id).await?;
    host.delete(&keys::user(conn, id)).await.map_err(store::StoreError::from)?;
    if let Some(external_id) = text(&old.resource, "externalId") {
        host.delete(&keys::external_id_index(conn, external_id, id)).await.map_err(store::StoreError::from)?;
    }
    if let Ok(name) = user_name(&old.resource) {
        store::release(host, conn, NameKind::UserName, &name, id).await?;
    }
    Ok(Reply::NoContent)
}

/// The user `id`, or 404.
pub async fn load<H: Host>(ctx: &Ctx<'_, H>, id: &str) -> Result<UserRecord, ScimError> {
    let missing = || ScimError::not_found(format!("User {id}"));
    if !is_id(id) {
        return Err(missing());
    }
    store::get_user(ctx.host, &ctx.conn.id, id).await?.ok_or_else(missing)
}

/// Ids are what `store::new_id` makes; anything else names nothing (and can't be a key).
pub fn is_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

async fn claim<H: Host>(ctx: &Ctx<'_, H>, name: &str, id: &str) -> Result<(), ScimError> {
    match store::claim(ctx.host, &ctx.conn.id, NameKind::UserName, name, id).await? {
        ClaimOutcome::Claimed => Ok(()),
        ClaimOutcome::HeldBy(_) => Err(taken("userName", name)),
    }
}

/// Keeps the externalId lookup key in step with the record.
async fn index_external_id<H: Host>(
    ctx: &Ctx<'_, H>,
    id: &str,
    old: Option<&Value>,
    new: &Value,
) -> Result<(), ScimError> {
    let (before, after) = (old.and_then(|o| text(o, "externalId")), text(new, "externalId"));
    if before == after {
        return Ok(());
    }
    let conn = &ctx.conn.id;
    if let Some(external_id) = after {
        ctx.host.set(&keys::external_id_index(conn, external_id, id), "").await.map_err(store::StoreError::from)?;
    }
    if let Some(external_id) = before {
        ctx.host.delete(&keys::external_id_index(conn, external_id, id)).await.map_err(store::StoreError::from)?;
    }
    Ok(())
}

fn user_name(resource: &Value) -> Result<String, ScimError> {
    text(resource, "userName").map(str::to_string).ok_or_else(|| {
        ScimError::typed(crate::ScimType::InvalidValue, "attribute \"userName\" is required, found none")
    })
}
