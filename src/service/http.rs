//! The small HTTP pieces the service needs and hosts don't do for it: query-string
//! decoding, header lookup, bearer extraction, and RFC 3339 timestamps from `now`.

/// The first value of a header, by case-insensitive name.
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// The token of `Authorization: Bearer <token>` (scheme case-insensitive, RFC 6750 §2.1).
pub fn bearer(headers: &[(String, String)]) -> Option<&str> {
    let value = header(headers, "authorization")?.trim();
    let (scheme, token) = value.split_once(char::is_whitespace)?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim()).filter(|t| !t.is_empty())
}

/// `a=1&b=x%20y` → `[("a","1"),("b","x y")]`, as `application/x-www-form-urlencoded`
/// (`+` is a space). Malformed escapes are kept as written; invalid UTF-8 is replaced.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

/// Percent-decodes one query component.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let escaped = match (b, bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&hi), Some(&lo)) => hex(hi).zip(hex(lo)).map(|(h, l)| h << 4 | l),
            _ => None,
        };
        match (b, escaped) {
            (_, Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (other, None) => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Milliseconds since the epoch as RFC 3339 UTC with milliseconds: `2024-01-01T00:00:00.000Z`.
pub fn rfc3339(ms: i64) -> String {
    let (days, ms_of_day) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let (year, month, day) = civil_from_days(days);
    let secs = ms_of_day / 1000;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        ms_of_day % 1000
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    type Headers<'a> = &'a [(&'a str, &'a str)];

    #[test]
    fn bearer_table() {
        let cases: &[(Headers, Option<&str>)] = &[
            (&[("Authorization", "Bearer abc")], Some("abc")),
            (&[("authorization", "bearer   abc ")], Some("abc")),
            (&[("AUTHORIZATION", "Basic abc")], None),
            (&[("Authorization", "Bearer")], None),
            (&[("Authorization", "Bearer ")], None),
            (&[], None),
        ];
        for (headers, want) in cases {
            assert_eq!(bearer(&h(headers)), *want, "{headers:?}");
        }
    }

    #[test]
    fn query_table() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("", &[]),
            ("?a=1", &[("a", "1")]),
            ("filter=userName%20eq%20%22bjensen%22&count=1", &[("filter", "userName eq \"bjensen\""), ("count", "1")]),
            ("filter=userName+eq+%22a%2Bb%22", &[("filter", "userName eq \"a+b\"")]),
            ("x&y=", &[("x", ""), ("y", "")]),
            ("bad=%zz%4", &[("bad", "%zz%4")]),
            ("u=%C3%BC", &[("u", "ü")]),
        ];
        for (query, want) in cases {
            assert_eq!(parse_query(query), h(want), "{query}");
        }
    }

    #[test]
    fn timestamps_table() {
        let cases = [
            (0, "1970-01-01T00:00:00.000Z"),
            (1_704_067_200_000, "2024-01-01T00:00:00.000Z"),
            (1_709_210_096_789, "2024-02-29T12:34:56.789Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
            (4_102_444_800_000, "2100-01-01T00:00:00.000Z"),
        ];
        for (ms, want) in cases {
            assert_eq!(rfc3339(ms), want, "{ms}");
        }
    }
}
