//! Listing (RFC 7644 §3.4.2) and searching (§3.4.3): the query, from URL parameters or a
//! `SearchRequest` body, and running it over stored resources: filter, sort, page,
//! project, into a `ListResponse`.

use serde_json::{json, Value};

use super::body::json_kind;
use super::discovery::ProviderConfig;
use super::filter::{self, Filter, FilterError};
use super::path::AttrPath;
use super::project::{parse_attr_list, Projector};
use super::resource::value_ci;
use super::schema::ResourceType;
use super::sort::{sort_resources, SortOrder};

pub use super::discovery::LIST_RESPONSE_URN;
pub const SEARCH_REQUEST_URN: &str = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

/// A list or search request, validated.
///
/// Decisions where the RFC leaves room:
/// - parameter names match case-insensitively; unknown ones are ignored (§3.4.2 SHOULD);
///   an empty value (`filter=`) counts as absent; a repeated one replaces the earlier,
///   except `attributes`/`excludedAttributes`, which accumulate.
/// - `sortOrder` other than `ascending`/`descending` (any case) is 400 `invalidValue`.
/// - `attributes` with `excludedAttributes` is 400 `invalidSyntax`: §3.9 calls them
///   mutually exclusive.
/// - `startIndex` < 1 means 1 and a negative `count` means 0 (§3.4.2.4); values too
///   large for the machine saturate; non-integers are 400 `invalidValue`.
#[derive(Debug, Clone, PartialEq)]
pub struct ListQuery {
    pub filter: Option<Filter>,
    pub sort_by: Option<AttrPath>,
    pub sort_order: SortOrder,
    /// 1-based, at least 1.
    pub start_index: usize,
    /// `None`: the server's page size ([`ListLimits::max_results`]).
    pub count: Option<usize>,
    pub attributes: Vec<AttrPath>,
    pub excluded_attributes: Vec<AttrPath>,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            filter: None,
            sort_by: None,
            sort_order: SortOrder::Ascending,
            start_index: 1,
            count: None,
            attributes: Vec::new(),
            excluded_attributes: Vec::new(),
        }
    }
}

/// Why a list or search request was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QueryError {
    /// `filter` did not parse, e.g. `filter=userName eq`.
    #[error("invalid filter {input:?}: {source}")]
    Filter { input: String, source: FilterError },
    /// A path in `sortBy`, `attributes` or `excludedAttributes` did not parse, e.g. `sortBy=a b`.
    #[error("{param}: invalid attribute path {input:?}: {source}")]
    AttrPath { param: &'static str, input: String, source: FilterError },
    /// `startIndex` or `count` is not an integer, e.g. `count=abc` or `count=1.5`.
    #[error("{param} must be an integer, found {found}")]
    NotAnInteger { param: &'static str, found: String },
    /// `sortOrder=up`.
    #[error("sortOrder must be \"ascending\" or \"descending\", found {found:?}")]
    SortOrder { found: String },
    /// Both `attributes` and `excludedAttributes` (RFC 7644 §3.9: mutually exclusive).
    #[error("attributes and excludedAttributes are mutually exclusive; send one of them")]
    BothAttributeLists,
    /// A `SearchRequest` member of the wrong JSON type, e.g. `"filter": 5`.
    #[error("{param} must be {expected}, found {found}")]
    WrongType { param: &'static str, expected: &'static str, found: &'static str },
    /// A `SearchRequest` body that is not an object.
    #[error("a SearchRequest must be a JSON object, found {found}")]
    NotAnObject { found: &'static str },
    /// A body whose `schemas` lacks the SearchRequest URN, e.g. a User sent to `/.search`.
    #[error("schemas must include \"{SEARCH_REQUEST_URN}\", found {found}")]
    NotASearchRequest { found: String },
}

/// The parameters as given, before validation; shared by both request forms.
#[derive(Default)]
struct RawQuery<'a> {
    filter: Option<&'a str>,
    sort_by: Option<&'a str>,
    sort_order: Option<&'a str>,
    start_index: Option<i64>,
    count: Option<i64>,
    attributes: Vec<&'a str>,
    excluded: Vec<&'a str>,
}

impl ListQuery {
    /// From `GET /Users?…` parameters, already percent-decoded.
    pub fn from_params(params: &[(String, String)]) -> Result<ListQuery, QueryError> {
        let mut raw = RawQuery::default();
        for (name, value) in params {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let is = |n: &str| name.eq_ignore_ascii_case(n);
            let int = |param| parse_int(value).ok_or_else(|| not_an_integer(param, &Value::from(value)));
            if is("filter") {
                raw.filter = Some(value);
            } else if is("sortBy") {
                raw.sort_by = Some(value);
            } else if is("sortOrder") {
                raw.sort_order = Some(value);
            } else if is("startIndex") {
                raw.start_index = Some(int("startIndex")?);
            } else if is("count") {
                raw.count = Some(int("count")?);
            } else if is("attributes") {
                raw.attributes.push(value);
            } else if is("excludedAttributes") {
                raw.excluded.push(value);
            }
        }
        raw.validate()
    }

    /// From a `POST /.search` body (RFC 7644 §3.4.3). `schemas` may be left out, but if
    /// given must name the SearchRequest. Numbers may be JSON numbers or numeric strings,
    /// and the attribute lists arrays or comma-separated strings.
    pub fn from_search_body(body: &Value) -> Result<ListQuery, QueryError> {
        let map = body.as_object().ok_or(QueryError::NotAnObject { found: json_kind(body) })?;
        if let Some(schemas) = value_ci(map, "schemas") {
            let named = schemas.as_array().is_some_and(|a| {
                a.iter().any(|s| s.as_str().is_some_and(|s| s.eq_ignore_ascii_case(SEARCH_REQUEST_URN)))
            });
            if !named {
                return Err(QueryError::NotASearchRequest { found: schemas.to_string() });
            }
        }
        let text = |param: &'static str| -> Result<Option<&str>, QueryError> {
            match value_ci(map, param) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.trim()).filter(|s| !s.is_empty())),
                Some(other) => Err(QueryError::WrongType { param, expected: "a string", found: json_kind(other) }),
            }
        };
        let int = |param: &'static str| match value_ci(map, param) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => json_int(v).map(Some).ok_or_else(|| not_an_integer(param, v)),
        };
        let list = |param: &'static str| -> Result<Vec<&str>, QueryError> {
            match value_ci(map, param) {
                None | Some(Value::Null) => Ok(Vec::new()),
                Some(Value::String(s)) => Ok(vec![s.as_str()]),
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|v| {
                        v.as_str().ok_or(QueryError::WrongType {
                            param,
                            expected: "an array of strings",
                            found: json_kind(v),
                        })
                    })
                    .collect(),
                Some(other) => {
                    Err(QueryError::WrongType { param, expected: "an array of strings", found: json_kind(other) })
                }
            }
        };
        let raw = RawQuery {
            filter: text("filter")?,
            sort_by: text("sortBy")?,
            sort_order: text("sortOrder")?,
            start_index: int("startIndex")?,
            count: int("count")?,
            attributes: list("attributes")?,
            excluded: list("excludedAttributes")?,
        };
        raw.validate()
    }
}

/// Only `attributes`/`excludedAttributes` (as `(attributes, excluded)`), for a single-resource
/// GET or a write response (RFC 7644 §3.9), where the list parameters mean nothing and
/// must not cause errors.
pub fn projection_params(params: &[(String, String)]) -> Result<(Vec<AttrPath>, Vec<AttrPath>), QueryError> {
    let is_projection =
        |name: &str| name.eq_ignore_ascii_case("attributes") || name.eq_ignore_ascii_case("excludedAttributes");
    let only: Vec<(String, String)> = params.iter().filter(|(name, _)| is_projection(name)).cloned().collect();
    let query = ListQuery::from_params(&only)?;
    Ok((query.attributes, query.excluded_attributes))
}

impl RawQuery<'_> {
    fn validate(self) -> Result<ListQuery, QueryError> {
        let attributes = attr_lists("attributes", &self.attributes)?;
        let excluded_attributes = attr_lists("excludedAttributes", &self.excluded)?;
        if !attributes.is_empty() && !excluded_attributes.is_empty() {
            return Err(QueryError::BothAttributeLists);
        }
        let filter = match self.filter {
            Some(input) => {
                Some(filter::parse(input).map_err(|source| QueryError::Filter { input: input.into(), source })?)
            }
            None => None,
        };
        let sort_by = match self.sort_by {
            Some(input) => Some(filter::parse_attr_path(input).map_err(|source| QueryError::AttrPath {
                param: "sortBy",
                input: input.into(),
                source,
            })?),
            None => None,
        };
        let sort_order = match self.sort_order {
            None => SortOrder::Ascending,
            Some(s) if s.eq_ignore_ascii_case("ascending") => SortOrder::Ascending,
            Some(s) if s.eq_ignore_ascii_case("descending") => SortOrder::Descending,
            Some(s) => return Err(QueryError::SortOrder { found: s.into() }),
        };
        Ok(ListQuery {
            filter,
            sort_by,
            sort_order,
            start_index: self.start_index.map_or(1, |i| saturate(i.max(1))),
            count: self.count.map(|c| saturate(c.max(0))),
            attributes,
            excluded_attributes,
        })
    }
}

fn attr_lists(param: &'static str, raws: &[&str]) -> Result<Vec<AttrPath>, QueryError> {
    let mut paths = Vec::new();
    for raw in raws {
        let parsed = parse_attr_list(raw).map_err(|(input, source)| QueryError::AttrPath { param, input, source })?;
        paths.extend(parsed);
    }
    Ok(paths)
}

fn not_an_integer(param: &'static str, found: &Value) -> QueryError {
    QueryError::NotAnInteger { param, found: found.to_string() }
}

/// A decimal integer, saturating at the bounds of `i64` (`99999999999999999999` is just
/// "very many"). `None` for anything else: `abc`, `1.5`, `1e3`, `--1`.
fn parse_int(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..)?),
        Some(b'+') => (false, text.get(1..)?),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.parse::<i64>().unwrap_or(if negative { i64::MIN } else { i64::MAX }))
}

/// A JSON integer (or integral float, or numeric string), saturating like [`parse_int`].
fn json_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| n.as_u64().map(|_| i64::MAX)).or_else(|| {
            // `as` saturates for floats: 1e300 becomes i64::MAX.
            n.as_f64().filter(|f| f.is_finite() && f.fract() == 0.0).map(|f| f as i64)
        }),
        Value::String(s) => parse_int(s),
        _ => None,
    }
}

/// A non-negative `i64` as `usize`, saturating on 32-bit targets (wasm32).
fn saturate(n: i64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Server limits on listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListLimits {
    /// The page size when the client gives no `count`, and the most a page holds
    /// (advertised as `filter.maxResults` in `/ServiceProviderConfig`).
    pub max_results: usize,
    /// The most resources a query may match before it is refused as `tooMany`
    /// (RFC 7644 §3.12): sorting holds every match in memory, so this bounds that.
    /// `None`: no limit.
    pub max_matches: Option<usize>,
}

impl From<&ProviderConfig> for ListLimits {
    /// The page size the service advertises as `filter.maxResults`; no match cap.
    fn from(config: &ProviderConfig) -> Self {
        let max_results = usize::try_from(config.filter_max_results).unwrap_or(usize::MAX);
        ListLimits { max_results, max_matches: None }
    }
}

impl Default for ListLimits {
    fn default() -> Self {
        ListLimits::from(&ProviderConfig::default())
    }
}

/// Why a valid query could not be answered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ListError {
    /// The filter cannot apply to this resource type (RFC 7644 §3.4.2.2: 400
    /// invalidFilter), e.g. `active gt true` or `meta.created gt "yesterday"`.
    #[error("invalid filter: {0}")]
    Filter(FilterError),
    /// More matches than [`ListLimits::max_matches`], e.g. `filter=userName pr` over a large tenant.
    #[error("the query matches {matched} resources; at most {cap} can be listed, so narrow the filter")]
    TooMany { matched: usize, cap: usize },
}

/// One page of results (RFC 7644 §3.4.2).
#[derive(Debug, Clone, PartialEq)]
pub struct ListResponse {
    /// Every match, not just this page.
    pub total_results: usize,
    pub start_index: usize,
    pub items_per_page: usize,
    pub resources: Vec<Value>,
}

impl ListResponse {
    /// The `urn:ietf:params:scim:api:messages:2.0:ListResponse` body.
    pub fn into_v2_body(self) -> Value {
        json!({
            "schemas": [LIST_RESPONSE_URN],
            "totalResults": self.total_results,
            "startIndex": self.start_index,
            "itemsPerPage": self.items_per_page,
            "Resources": self.resources,
        })
    }
}

/// Runs `query` over `resources` (borrowed: only the returned page is copied).
///
/// Without `sortBy` the page is taken in the order given, in one pass, and only the
/// page is kept; with it, every match is kept and sorted. `count=0` returns only
/// `totalResults`.
pub fn run_list<'a>(
    resources: impl IntoIterator<Item = &'a Value>,
    query: &ListQuery,
    rt: &ResourceType,
    limits: &ListLimits,
) -> Result<ListResponse, ListError> {
    if let Some(f) = &query.filter {
        filter::check(f, rt).map_err(ListError::Filter)?;
    }
    // Resolved against the schema once, not once per resource.
    let compiled = query.filter.as_ref().map(|f| filter::compile(f, rt));
    let matching = resources.into_iter().filter(|r| compiled.as_ref().is_none_or(|c| c.matches(r)));
    let skip = query.start_index.saturating_sub(1);
    let count = query.count.unwrap_or(limits.max_results).min(limits.max_results);
    let (total, page) = match &query.sort_by {
        Some(path) => {
            let mut all: Vec<&Value> = matching.collect();
            check_cap(all.len(), limits)?;
            if count > 0 {
                sort_resources(&mut all, path, query.sort_order, rt);
            }
            let total = all.len();
            (total, all.into_iter().skip(skip).take(count).collect::<Vec<_>>())
        }
        None => {
            let (mut total, mut page) = (0usize, Vec::new());
            for r in matching {
                if total >= skip && page.len() < count {
                    page.push(r);
                }
                total += 1;
            }
            check_cap(total, limits)?;
            (total, page)
        }
    };
    let projector = Projector::new(rt, &query.attributes, &query.excluded_attributes);
    let resources: Vec<Value> = page.into_iter().map(|r| projector.apply(r)).collect();
    Ok(ListResponse {
        total_results: total,
        start_index: query.start_index.max(1),
        items_per_page: resources.len(),
        resources,
    })
}

fn check_cap(matched: usize, limits: &ListLimits) -> Result<(), ListError> {
    match limits.max_matches {
        Some(cap) if matched > cap => Err(ListError::TooMany { matched, cap }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
