//! `GET /Users`, `GET /Groups`, `POST /…/.search` and the base URL's `POST /.search`. The filters IdPs send before they
//! create or link (`userName eq "…"`, `externalId eq "…"`, `displayName eq "…"`, `id eq
//! "…"`, alone or and-ed with others) are answered from an index; anything else walks the
//! connection's records. Either way `scim::list::run_list` applies the whole query, so an
//! index only narrows the candidates and never changes an answer.

use serde_json::Value;

use super::ctx::{Action, Ctx};
use super::groups::returns_members;
use super::membership::with_members;
use super::render::Reply;
use crate::error::ScimError;
use crate::host::Host;
use crate::scim::filter::{CompareOp, Filter};
use crate::scim::list::{run_list, ListLimits, ListQuery, ListResponse};
use crate::scim::project::Projector;
use crate::scim::schema::ResourceType;
use crate::scim::schemas::{GROUP_TYPE, USER_TYPE};
use crate::scim::sort::{sort_key, SortKey, SortOrder};
use crate::store;

/// `GET /Users?filter=…&startIndex=…&count=…&sortBy=…&attributes=…`.
pub async fn list<H: Host>(ctx: &Ctx<'_, H>, rt: &'static ResourceType, action: &Action) -> Result<Reply, ScimError> {
    let query = ctx.list_query(action, rt)?;
    run(ctx, rt, &query).await
}

/// `POST /Users/.search` with a SearchRequest body (RFC 7644 §3.4.3).
pub async fn search<H: Host>(ctx: &Ctx<'_, H>, rt: &'static ResourceType, action: &Action) -> Result<Reply, ScimError> {
    let mut body = action.body()?.clone();
    if ctx.dialect == crate::connection::ScimVersion::V1_1 {
        translate_search_body(&mut body, rt);
    }
    let query = ListQuery::from_search_body(&body)?;
    run(ctx, rt, &query).await
}

async fn run<H: Host>(ctx: &Ctx<'_, H>, rt: &'static ResourceType, query: &ListQuery) -> Result<Reply, ScimError> {
    let limits = ListLimits::from(&super::provider_config());
    let body = page(ctx, rt, query, &limits).await?.into_v2_body();
    Ok(Reply::List { rt, body })
}

/// `POST /.search` at the base URL (RFC 7644 §3.4.3): the SearchRequest over every
/// resource type. Each type's matches are taken whole and unprojected, sorted together
/// (each by its own schema's key for `sortBy`; Users before Groups otherwise), paged as one
/// list, and only then projected, each by its own type.
pub async fn search_all<H: Host>(ctx: &Ctx<'_, H>, action: &Action) -> Result<Reply, ScimError> {
    let query = ListQuery::from_search_body(action.body()?)?;
    let whole = ListQuery {
        start_index: 1,
        count: None,
        attributes: Vec::new(),
        excluded_attributes: Vec::new(),
        ..query.clone()
    };
    let unbounded = ListLimits { max_results: usize::MAX, max_matches: None };
    let mut matches: Vec<(&'static ResourceType, Value)> = Vec::new();
    for rt in [&USER_TYPE, &GROUP_TYPE] {
        let found = page(ctx, rt, &whole, &unbounded).await?.resources;
        matches.extend(found.into_iter().map(|r| (rt, r)));
    }
    if let Some(path) = &query.sort_by {
        let mut keyed: Vec<(SortKey, (&'static ResourceType, Value))> =
            matches.into_iter().map(|(rt, r)| (sort_key(&r, path, rt.attribute(path), rt), (rt, r))).collect();
        // A stable sort, so Users stay before Groups on equal keys.
        keyed.sort_by(|(a, _), (b, _)| match query.sort_order {
            SortOrder::Ascending => a.cmp_ascending(b),
            SortOrder::Descending => b.cmp_ascending(a),
        });
        matches = keyed.into_iter().map(|(_, m)| m).collect();
    }
    let total = matches.len();
    let max = ListLimits::from(&super::provider_config()).max_results;
    let count = query.count.unwrap_or(max).min(max);
    let resources: Vec<Value> = matches
        .into_iter()
        .skip(query.start_index.saturating_sub(1))
        .take(count)
        .map(|(rt, r)| Projector::new(rt, &query.attributes, &query.excluded_attributes).apply(&r))
        .collect();
    let list = ListResponse {
        total_results: total,
        start_index: query.start_index,
        items_per_page: resources.len(),
        resources,
    };
    Ok(Reply::Document(list.into_v2_body()))
}

/// One page of `rt` resources for `query`, members included where the page returns them.
async fn page<H: Host>(
    ctx: &Ctx<'_, H>,
    rt: &'static ResourceType,
    query: &ListQuery,
    limits: &ListLimits,
) -> Result<ListResponse, ScimError> {
    let mut candidates = candidates(ctx, rt, query).await?;
    for resource in &mut candidates {
        set_location(ctx, rt, resource);
    }
    let is_group = std::ptr::eq(rt, &GROUP_TYPE);
    let filter_needs_members = query.filter.as_ref().is_some_and(mentions_members);
    if is_group && filter_needs_members {
        candidates = with_all_members(ctx, candidates).await?;
    }
    let page_needs_members =
        is_group && !filter_needs_members && returns_members(&query.attributes, &query.excluded_attributes);
    if !page_needs_members {
        return Ok(run_list(&candidates, query, rt, limits)?);
    }
    // Groups whose members the page returns: page first (projecting nothing away), then
    // list the members of the page's groups only, then project.
    let unprojected = ListQuery { attributes: Vec::new(), excluded_attributes: Vec::new(), ..query.clone() };
    let mut page = run_list(&candidates, &unprojected, rt, limits)?;
    page.resources = with_all_members(ctx, std::mem::take(&mut page.resources)).await?;
    let projector = Projector::new(rt, &query.attributes, &query.excluded_attributes);
    page.resources = page.resources.iter().map(|r| projector.apply(r)).collect();
    Ok(page)
}

/// The resources that may match: from an index when the filter allows, else all.
async fn candidates<H: Host>(ctx: &Ctx<'_, H>, rt: &ResourceType, query: &ListQuery) -> Result<Vec<Value>, ScimError> {
    let (host, conn) = (ctx.host, &ctx.conn.id);
    let is_user = std::ptr::eq(rt, &USER_TYPE);
    let lookup = query.filter.as_ref().and_then(|f| indexed_lookup(f, rt));
    let resources = match (lookup, is_user) {
        (Some(Lookup::Id(id)), true) if super::users::is_id(&id) => {
            store::get_user(host, conn, &id).await?.map(|r| r.resource).into_iter().collect()
        }
        (Some(Lookup::Id(id)), false) if super::users::is_id(&id) => {
            store::get_group(host, conn, &id).await?.map(|r| r.resource).into_iter().collect()
        }
        (Some(Lookup::Id(_)), _) => Vec::new(),
        (Some(Lookup::UserName(name)), true) => {
            store::find_user_by_name(host, conn, &name).await?.map(|(_, r)| r.resource).into_iter().collect()
        }
        (Some(Lookup::ExternalId(ext)), true) => {
            store::find_users_by_external_id(host, conn, &ext).await?.into_iter().map(|(_, r)| r.resource).collect()
        }
        (Some(Lookup::DisplayName(name)), false) => {
            store::find_group_by_name(host, conn, &name).await?.map(|(_, r)| r.resource).into_iter().collect()
        }
        (_, true) => store::all_users(host, conn).await?.into_iter().map(|(_, r)| r.resource).collect(),
        (_, false) => store::all_groups(host, conn).await?.into_iter().map(|(_, r)| r.resource).collect(),
    };
    Ok(resources)
}

/// An equality the store has an index for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lookup {
    Id(String),
    UserName(String),
    ExternalId(String),
    DisplayName(String),
}

/// The first indexed `attr eq "string"` among the and-ed terms of `filter`.
fn indexed_lookup(filter: &Filter, rt: &ResourceType) -> Option<Lookup> {
    let terms = match filter {
        Filter::And(..) => filter.operands(),
        other => vec![other],
    };
    terms.into_iter().find_map(|term| {
        let Filter::Compare { path, op: CompareOp::Eq, value: Value::String(value) } = term else { return None };
        let core = path.urn.as_deref().is_none_or(|u| u.eq_ignore_ascii_case(rt.schema.id));
        if !core || path.sub.is_some() {
            return None;
        }
        let value = value.clone();
        let is_user = std::ptr::eq(rt, &USER_TYPE);
        match path.name.to_ascii_lowercase().as_str() {
            "id" => Some(Lookup::Id(value)),
            "username" if is_user => Some(Lookup::UserName(value)),
            "externalid" if is_user => Some(Lookup::ExternalId(value)),
            "displayname" if !is_user => Some(Lookup::DisplayName(value)),
            _ => None,
        }
    })
}

/// Whether a filter reads `members` anywhere (then every group needs its members).
fn mentions_members(filter: &Filter) -> bool {
    let mut stack = vec![filter];
    while let Some(node) = stack.pop() {
        match node {
            Filter::Compare { path, .. } | Filter::Present(path) if path.is("members") => return true,
            Filter::ValuePath { path, .. } if path.is("members") => return true,
            Filter::And(a, b) | Filter::Or(a, b) => stack.extend([&**a, &**b]),
            Filter::Not(inner) | Filter::ValuePath { filter: inner, .. } => stack.push(inner),
            _ => {}
        }
    }
    false
}

/// Each group with its members, listed from the store.
async fn with_all_members<H: Host>(ctx: &Ctx<'_, H>, groups: Vec<Value>) -> Result<Vec<Value>, ScimError> {
    let mut out = Vec::with_capacity(groups.len());
    for group in groups {
        let id = group.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
        let members = store::members::list(ctx.host, &ctx.conn.id, &id).await?;
        out.push(with_members(ctx, group, &members));
    }
    Ok(out)
}

/// `meta.location` for this request's base URL.
fn set_location<H: Host>(ctx: &Ctx<'_, H>, rt: &ResourceType, resource: &mut Value) {
    let Some(id) = resource.get("id").and_then(Value::as_str).map(str::to_string) else { return };
    if let Some(Value::Object(meta)) = resource.get_mut("meta") {
        meta.insert("location".into(), Value::String(ctx.location(rt, &id)));
    }
}

/// 1.1 names in a SearchRequest body's filter, sortBy and attribute lists.
fn translate_search_body(body: &mut Value, rt: &ResourceType) {
    let Some(map) = body.as_object_mut() else { return };
    for (key, value) in map.iter_mut() {
        let named =
            ["filter", "sortBy", "attributes", "excludedAttributes"].iter().any(|n| n.eq_ignore_ascii_case(key));
        match value {
            Value::String(text) if named => *text = crate::scim::v1::filter_to_v2(text, rt),
            Value::Array(items) if named => {
                for item in items.iter_mut() {
                    if let Value::String(text) = item {
                        *text = crate::scim::v1::filter_to_v2(text, rt);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::scim::filter::parse;

    #[test]
    fn indexed_lookups_table() {
        let user = |f: &str| parse(f).ok().and_then(|f| indexed_lookup(&f, &USER_TYPE));
        let group = |f: &str| parse(f).ok().and_then(|f| indexed_lookup(&f, &GROUP_TYPE));
        assert_eq!(user(r#"userName eq "bjensen""#), Some(Lookup::UserName("bjensen".into())));
        assert_eq!(
            user(r#"urn:ietf:params:scim:schemas:core:2.0:User:userName eq "b""#),
            Some(Lookup::UserName("b".into()))
        );
        assert_eq!(user(r#"active eq true and externalId eq "e1""#), Some(Lookup::ExternalId("e1".into())));
        assert_eq!(user(r#"id eq "abc""#), Some(Lookup::Id("abc".into())));
        assert_eq!(user(r#"userName eq "a" or userName eq "b""#), None);
        assert_eq!(user(r#"userName co "a""#), None);
        assert_eq!(user(r#"displayName eq "a""#), None);
        assert_eq!(group(r#"displayName eq "Sales""#), Some(Lookup::DisplayName("Sales".into())));
        assert_eq!(group(r#"userName eq "a""#), None);
    }

    #[test]
    fn member_filters_are_noticed() {
        let cases = [
            (r#"members eq "u1""#, true),
            (r#"displayName eq "x" and members[value eq "u1"]"#, true),
            (r#"not (members.value eq "u1")"#, true),
            (r#"displayName eq "members""#, false),
        ];
        for (text, want) in cases {
            let filter = parse(text).ok();
            assert_eq!(filter.as_ref().map(mentions_members), Some(want), "{text}");
        }
    }
}
