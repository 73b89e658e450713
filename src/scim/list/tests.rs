#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{json, Value};

use super::*;
use crate::scim::filter;
use crate::scim::schemas::USER_TYPE;
use crate::{ScimError, ScimType};

fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// `n` users with ids "1"…"n" and userNames `user01@example.com`… in that order.
fn users(n: usize) -> Vec<Value> {
    (1..=n)
        .map(|i| {
            json!({
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "id": i.to_string(),
                "userName": format!("user{i:02}@example.com"),
                "emails": [{"value": format!("user{i:02}@example.com"), "type": "work", "primary": true}],
                "active": i % 2 == 0,
            })
        })
        .collect()
}

fn ids(response: &ListResponse) -> Vec<&str> {
    response.resources.iter().map(|r| r["id"].as_str().unwrap_or("?")).collect()
}

/// The largest count a client can get across: `i64::MAX` saturated to this target's `usize`.
const HUGE: usize = if (i64::MAX as u128) < (usize::MAX as u128) { i64::MAX as usize } else { usize::MAX };

/// Query parameters as written in a test row.
type Params = &'static [(&'static str, &'static str)];

#[test]
fn start_index_and_count_follow_rfc_7644_3_4_2_4() {
    // (query parameters, startIndex, count)
    let cases: &[(Params, usize, Option<usize>)] = &[
        (&[], 1, None),
        (&[("startIndex", "0")], 1, None),
        (&[("startIndex", "-5")], 1, None),
        (&[("startIndex", "7")], 7, None),
        (&[("startIndex", " +3 ")], 3, None),
        (&[("startIndex", "99999999999999999999")], HUGE, None),
        (&[("count", "-1")], 1, Some(0)),
        (&[("count", "0")], 1, Some(0)),
        (&[("count", "25")], 1, Some(25)),
        (&[("count", "99999999999999999999")], 1, Some(HUGE)),
        (&[("count", "-99999999999999999999")], 1, Some(0)),
        (&[("count", "")], 1, None),
        (&[("COUNT", "5"), ("StartIndex", "2")], 2, Some(5)),
        (&[("count", "1"), ("count", "2")], 1, Some(2)),
        (&[("unknownParam", "x"), ("count", "3")], 1, Some(3)),
    ];
    for &(pairs, start_index, count) in cases {
        let query = ListQuery::from_params(&params(pairs));
        let got = query.as_ref().map(|q| (q.start_index, q.count));
        assert_eq!(got, Ok((start_index, count)), "{pairs:?}");
    }
}

#[test]
fn non_integers_are_invalid_values() {
    for (param, value) in [
        ("count", "abc"),
        ("count", "1.5"),
        ("count", "1e3"),
        ("count", "--1"),
        ("count", "-"),
        ("startIndex", "0x10"),
        ("startIndex", "١"),
    ] {
        let err = ListQuery::from_params(&params(&[(param, value)])).err();
        assert!(
            matches!(&err, Some(QueryError::NotAnInteger { param: p, .. }) if *p == param),
            "{param}={value}: {err:?}"
        );
        let scim: Option<ScimError> = err.map(Into::into);
        assert_eq!(scim.map(|e| e.scim_type), Some(Some(ScimType::InvalidValue)));
    }
}

#[test]
fn sort_order_is_ascending_descending_or_refused() {
    let cases = [
        ("", Ok(SortOrder::Ascending)),
        ("ascending", Ok(SortOrder::Ascending)),
        ("descending", Ok(SortOrder::Descending)),
        ("DESCENDING", Ok(SortOrder::Descending)),
        ("asc", Err(QueryError::SortOrder { found: "asc".into() })),
        ("down", Err(QueryError::SortOrder { found: "down".into() })),
    ];
    for (value, want) in cases {
        let got = ListQuery::from_params(&params(&[("sortOrder", value)])).map(|q| q.sort_order);
        assert_eq!(got, want, "sortOrder={value}");
    }
}

#[test]
fn search_request_body_reads_numbers_and_types() {
    let search = |extra: Value| {
        let mut body = json!({"schemas": [SEARCH_REQUEST_URN]});
        if let (Some(map), Value::Object(extra)) = (body.as_object_mut(), extra) {
            map.extend(extra);
        }
        ListQuery::from_search_body(&body).map(|q| (q.start_index, q.count, q.sort_order))
    };
    let asc = SortOrder::Ascending;
    let cases = [
        (json!({}), Ok((1, None, asc))),
        (json!({"startIndex": 0, "count": -3}), Ok((1, Some(0), asc))),
        (json!({"startIndex": 4, "count": 10, "sortOrder": "descending"}), Ok((4, Some(10), SortOrder::Descending))),
        (json!({"count": "10", "startindex": "2"}), Ok((2, Some(10), asc))),
        (json!({"count": 1e300}), Ok((1, Some(HUGE), asc))),
        (json!({"count": 18446744073709551615u64}), Ok((1, Some(HUGE), asc))),
        (json!({"count": null}), Ok((1, None, asc))),
        (json!({"count": 1.5}), Err(QueryError::NotAnInteger { param: "count", found: "1.5".into() })),
        (json!({"count": true}), Err(QueryError::NotAnInteger { param: "count", found: "true".into() })),
        (json!({"filter": 5}), Err(QueryError::WrongType { param: "filter", expected: "a string", found: "a number" })),
        (
            json!({"attributes": [1]}),
            Err(QueryError::WrongType { param: "attributes", expected: "an array of strings", found: "a number" }),
        ),
        (json!({"sortOrder": "sideways"}), Err(QueryError::SortOrder { found: "sideways".into() })),
    ];
    for (extra, want) in cases {
        assert_eq!(search(extra.clone()), want, "{extra}");
    }
}

#[test]
fn search_request_must_be_one() {
    let user_urn = "urn:ietf:params:scim:schemas:core:2.0:User";
    let cases = [
        (json!({"count": 2}), None),
        (json!({"schemas": [SEARCH_REQUEST_URN.to_lowercase()]}), None),
        (json!({"schemas": [user_urn]}), Some(QueryError::NotASearchRequest { found: format!("[\"{user_urn}\"]") })),
        (
            json!({"schemas": SEARCH_REQUEST_URN}),
            Some(QueryError::NotASearchRequest { found: format!("\"{SEARCH_REQUEST_URN}\"") }),
        ),
        (json!([]), Some(QueryError::NotAnObject { found: "an array" })),
    ];
    for (body, want) in cases {
        assert_eq!(ListQuery::from_search_body(&body).err(), want, "{body}");
    }
}

#[test]
fn query_errors_map_to_the_rfc_table() {
    let cases = [
        (QueryError::BothAttributeLists, ScimType::InvalidSyntax),
        (QueryError::NotAnObject { found: "null" }, ScimType::InvalidSyntax),
        (QueryError::NotASearchRequest { found: "[]".into() }, ScimType::InvalidSyntax),
        (QueryError::SortOrder { found: "x".into() }, ScimType::InvalidValue),
        (QueryError::NotAnInteger { param: "count", found: "x".into() }, ScimType::InvalidValue),
        (QueryError::WrongType { param: "filter", expected: "a string", found: "null" }, ScimType::InvalidValue),
    ];
    for (err, scim_type) in cases {
        let mapped = ScimError::from(err.clone());
        assert_eq!((mapped.status, mapped.scim_type), (400, Some(scim_type)), "{err:?}");
        assert_eq!(mapped.detail, err.to_string());
    }
    let too_many = ScimError::from(ListError::TooMany { matched: 10, cap: 5 });
    assert_eq!((too_many.status, too_many.scim_type), (400, Some(ScimType::TooMany)));
}

/// (startIndex, count, max_results, totalResults, ids on the page)
type PageCase = (usize, Option<usize>, usize, usize, &'static [&'static str]);

#[test]
fn pages_in_stored_order_without_sort_by() {
    let cases: &[PageCase] = &[
        (1, None, 1000, 10, &["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]),
        (1, Some(3), 1000, 10, &["1", "2", "3"]),
        (4, Some(3), 1000, 10, &["4", "5", "6"]),
        (9, Some(5), 1000, 10, &["9", "10"]),
        (10, Some(1), 1000, 10, &["10"]),
        (11, Some(5), 1000, 10, &[]),
        (1, Some(0), 1000, 10, &[]),
        (1, None, 4, 10, &["1", "2", "3", "4"]),
        (2, Some(100), 4, 10, &["2", "3", "4", "5"]),
        (usize::MAX, Some(usize::MAX), 1000, 10, &[]),
    ];
    let all = users(10);
    for &(start_index, count, max_results, total, page) in cases {
        let query = ListQuery { start_index, count, ..ListQuery::default() };
        let limits = ListLimits { max_results, max_matches: None };
        let response = run_list(&all, &query, &USER_TYPE, &limits);
        let got = response.as_ref().map(|r| (r.total_results, r.start_index, r.items_per_page, ids(r)));
        assert_eq!(
            got,
            Ok((total, start_index, page.len(), page.to_vec())),
            "startIndex={start_index} count={count:?}"
        );
    }
}

#[test]
fn pages_after_sorting() {
    let cases: &[(SortOrder, usize, Option<usize>, &[&str])] = &[
        (SortOrder::Descending, 1, Some(3), &["10", "9", "8"]),
        (SortOrder::Descending, 9, Some(3), &["2", "1"]),
        (SortOrder::Ascending, 2, Some(2), &["2", "3"]),
        (SortOrder::Descending, 1, Some(0), &[]),
    ];
    let all = users(10);
    for &(sort_order, start_index, count, page) in cases {
        let query = ListQuery {
            sort_by: Some(AttrPath::new("userName")),
            sort_order,
            start_index,
            count,
            ..ListQuery::default()
        };
        let response = run_list(&all, &query, &USER_TYPE, &ListLimits::default());
        let got = response.as_ref().map(|r| (r.total_results, ids(r)));
        assert_eq!(got, Ok((10, page.to_vec())), "{sort_order:?} startIndex={start_index} count={count:?}");
    }
}

#[test]
fn refuses_too_many_matches_when_capped() {
    let all = users(10);
    for (sort_by, cap, want) in [
        (None, 10, Ok(10)),
        (None, 9, Err(ListError::TooMany { matched: 10, cap: 9 })),
        (Some(AttrPath::new("userName")), 9, Err(ListError::TooMany { matched: 10, cap: 9 })),
    ] {
        let query = ListQuery { sort_by, count: Some(1), ..ListQuery::default() };
        let limits = ListLimits { max_results: 100, max_matches: Some(cap) };
        assert_eq!(run_list(&all, &query, &USER_TYPE, &limits).map(|r| r.total_results), want, "cap {cap}");
    }
}

#[test]
fn response_body_is_an_rfc_list_response_with_projected_resources() {
    let all = users(3);
    let query =
        ListQuery { count: Some(2), excluded_attributes: vec![AttrPath::new("emails")], ..ListQuery::default() };
    let body = run_list(&all, &query, &USER_TYPE, &ListLimits::default()).map(ListResponse::into_v2_body);
    let want = json!({
        "schemas": [LIST_RESPONSE_URN],
        "totalResults": 3,
        "startIndex": 1,
        "itemsPerPage": 2,
        "Resources": [
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "1", "userName": "user01@example.com", "active": false},
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "2", "userName": "user02@example.com", "active": true},
        ],
    });
    assert_eq!(body, Ok(want));
}

// With the filter parser: `filter`, `sortBy` and the attribute lists.

const EXT: &str = crate::scim::schemas::ENTERPRISE_USER_URN;

#[test]
fn params_parse_filter_sort_by_and_attribute_lists() {
    let query = ListQuery::from_params(&params(&[
        ("filter", r#"userName eq "user05@example.com""#),
        ("sortBy", "name.familyName"),
        ("sortOrder", "descending"),
        ("attributes", &format!("userName, name.givenName,,{EXT}:employeeNumber")),
        ("attributes", "emails"),
    ]));
    let want = ListQuery {
        filter: filter::parse(r#"userName eq "user05@example.com""#).ok(),
        sort_by: Some(AttrPath::with_sub("name", "familyName")),
        sort_order: SortOrder::Descending,
        attributes: vec![
            AttrPath::new("userName"),
            AttrPath::with_sub("name", "givenName"),
            AttrPath { urn: Some(EXT.into()), name: "employeeNumber".into(), sub: None },
            AttrPath::new("emails"),
        ],
        ..ListQuery::default()
    };
    assert!(want.filter.is_some());
    assert_eq!(query, Ok(want));
}

#[test]
fn bad_filters_paths_and_both_lists_are_refused() {
    // (parameters, scimType of the error)
    let cases: &[(Params, ScimType)] = &[
        (&[("filter", "userName eq")], ScimType::InvalidFilter),
        (&[("filter", "userName eq 'x'")], ScimType::InvalidFilter),
        (&[("sortBy", "name givenName")], ScimType::InvalidValue),
        (&[("attributes", "emails[type eq \"work\"]")], ScimType::InvalidValue),
        (&[("excludedAttributes", "userName,na me")], ScimType::InvalidValue),
        (&[("attributes", "userName"), ("excludedAttributes", "emails")], ScimType::InvalidSyntax),
    ];
    for &(pairs, scim_type) in cases {
        let err = ListQuery::from_params(&params(pairs)).map_err(ScimError::from);
        assert_eq!(err.map_err(|e| e.scim_type), Err(Some(scim_type)), "{pairs:?}");
    }
}

#[test]
fn projection_params_ignore_list_parameters() {
    let got = projection_params(&params(&[("filter", "not a filter"), ("count", "x"), ("ATTRIBUTES", "userName")]));
    assert_eq!(got, Ok((vec![AttrPath::new("userName")], vec![])));
    let both = projection_params(&params(&[("attributes", "userName"), ("excludedAttributes", "emails")]));
    assert_eq!(both, Err(QueryError::BothAttributeLists));
}

#[test]
fn search_body_reads_filter_sort_and_attribute_arrays() {
    let body = json!({
        "schemas": [SEARCH_REQUEST_URN],
        "attributes": ["userName", "name.givenName"],
        "filter": "active eq true",
        "sortBy": "userName",
        "startIndex": 1,
        "count": 10
    });
    let query = ListQuery::from_search_body(&body);
    let got = query.as_ref().map(|q| (q.attributes.len(), q.filter.is_some(), q.sort_by.clone(), q.count));
    assert_eq!(got, Ok((2, true, Some(AttrPath::new("userName")), Some(10))));
    let both = json!({"attributes": ["userName"], "excludedAttributes": ["emails"]});
    assert_eq!(ListQuery::from_search_body(&both), Err(QueryError::BothAttributeLists));
}

/// The ids a `GET /Users?…` returns over `users(10)`.
fn list_ids(pairs: &[(&str, &str)]) -> Result<(usize, Vec<String>), ScimError> {
    let all = users(10);
    let query = ListQuery::from_params(&params(pairs))?;
    let response = run_list(&all, &query, &USER_TYPE, &ListLimits::default())?;
    Ok((response.total_results, ids(&response).into_iter().map(String::from).collect()))
}

#[test]
fn filters_then_sorts_then_pages() {
    let odd = ["1", "3", "5", "7", "9"];
    // (parameters, totalResults, ids on the page)
    let cases: &[(Params, usize, &[&str])] = &[
        (&[("filter", r#"userName eq "user05@example.com""#)], 1, &["5"]),
        (&[("filter", r#"USERNAME eq "User05@Example.COM""#)], 1, &["5"]),
        (&[("filter", r#"emails[type eq "work" and value co "03@"]"#)], 1, &["3"]),
        (&[("filter", "active eq false")], 5, &odd),
        (&[("filter", r#"not (active eq true) and userName sw "user0""#)], 5, &odd),
        (
            &[("filter", "active eq false"), ("sortBy", "userName"), ("sortOrder", "descending"), ("count", "2")],
            5,
            &["9", "7"],
        ),
        (&[("filter", "active eq false"), ("sortBy", "emails"), ("startIndex", "4")], 5, &["7", "9"]),
        (&[("filter", "active eq false"), ("count", "0")], 5, &[]),
        (&[("filter", r#"userName eq "nobody""#)], 0, &[]),
    ];
    for &(pairs, total, page) in cases {
        let want: Vec<String> = page.iter().map(|s| s.to_string()).collect();
        assert_eq!(list_ids(pairs), Ok((total, want)), "{pairs:?}");
    }
}

#[test]
fn filters_that_cannot_apply_are_invalid_filter() {
    for filter in ["active gt true", r#"active co "t""#, r#"meta.lastModified gt "yesterday""#] {
        let got = list_ids(&[("filter", filter)]).map_err(|e| e.scim_type);
        assert_eq!(got, Err(Some(ScimType::InvalidFilter)), "{filter}");
    }
}
