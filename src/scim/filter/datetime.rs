//! RFC 3339 / xsd:dateTime instants (RFC 7643 §2.3.5) for chronological comparison:
//! `2011-05-13T04:42:34Z`, `2011-05-13T04:42:34.123+02:00`. A value without an offset
//! (xsd allows that) is read as UTC. No crate needed for one comparison. Sorting
//! (`sort`) orders dateTime attributes with the same parser, so the two agree.

/// An instant as (seconds since 1970-01-01T00:00:00Z, nanoseconds), ordered by time.
pub(crate) type Instant = (i64, u32);

/// Parses `YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm]`; `t`/`z` may be lower-case.
pub(crate) fn parse(text: &str) -> Option<Instant> {
    let b = text.as_bytes();
    let year = digits(b, 0, 4)?;
    let month = digits(b, 5, 2)?;
    let day = digits(b, 8, 2)?;
    let hour = digits(b, 11, 2)?;
    let minute = digits(b, 14, 2)?;
    let second = digits(b, 17, 2)?;
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if separators.iter().any(|&(i, s)| b.get(i) != Some(&s)) || !matches!(b.get(10), Some(b'T' | b't')) {
        return None;
    }
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    // Second 60 is a leap second; it orders as the first second of the next minute.
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let (nanos, rest) = fraction(b.get(19..)?)?;
    let offset = offset_seconds(rest)?;
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset;
    Some((seconds, nanos))
}

/// The decimal number in `b[at..at + len]`, if those are all ASCII digits.
fn digits(b: &[u8], at: usize, len: usize) -> Option<i64> {
    let slice = b.get(at..at + len)?;
    slice.iter().try_fold(0i64, |n, &c| c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0')))
}

/// An optional `.digits` fraction as nanoseconds (digits past the ninth are dropped),
/// and what follows it.
fn fraction(b: &[u8]) -> Option<(u32, &[u8])> {
    let Some((b'.', tail)) = b.split_first() else { return Some((0, b)) };
    let len = tail.iter().take_while(|c| c.is_ascii_digit()).count();
    if len == 0 {
        return None;
    }
    let nanos = tail.iter().take(9).take_while(|c| c.is_ascii_digit()).fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'));
    let scale = 10u32.pow(9 - len.min(9) as u32);
    Some((nanos * scale, tail.get(len..)?))
}

/// `Z`, `±hh:mm`, or nothing (UTC), as seconds east of UTC.
fn offset_seconds(b: &[u8]) -> Option<i64> {
    match b {
        [] | [b'Z' | b'z'] => Some(0),
        [sign @ (b'+' | b'-'), ..] if b.len() == 6 && b.get(3) == Some(&b':') => {
            let (hours, minutes) = (digits(b, 1, 2)?, digits(b, 4, 2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = hours * 3_600 + minutes * 60;
            Some(if *sign == b'-' { -seconds } else { seconds })
        }
        _ => None,
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::parse;

    #[test]
    fn instants_parse_to_seconds_since_the_epoch() {
        let cases: &[(&str, Option<(i64, u32)>)] = &[
            ("1970-01-01T00:00:00Z", Some((0, 0))),
            ("1970-01-02T00:00:00Z", Some((86_400, 0))),
            ("1969-12-31T23:59:59Z", Some((-1, 0))),
            // 2011-05-13 is day 15107 since the epoch: 41 years incl. 10 leap days, + 132 days.
            ("2011-05-13T04:42:34Z", Some((15_107 * 86_400 + 4 * 3_600 + 42 * 60 + 34, 0))),
            ("2011-05-13T04:42:34.5Z", Some((15_107 * 86_400 + 16_954, 500_000_000))),
            ("2011-05-13T04:42:34.123456789123Z", Some((15_107 * 86_400 + 16_954, 123_456_789))),
            ("2011-05-13T06:42:34+02:00", Some((15_107 * 86_400 + 16_954, 0))),
            ("2011-05-12T23:42:34-05:00", Some((15_107 * 86_400 + 16_954, 0))),
            ("2011-05-13t04:42:34z", Some((15_107 * 86_400 + 16_954, 0))),
            ("2011-05-13T04:42:34", Some((15_107 * 86_400 + 16_954, 0))),
            ("2000-02-29T00:00:00Z", Some((11_016 * 86_400, 0))),
            ("2016-12-31T23:59:60Z", Some((17_167 * 86_400, 0))),
            ("1900-02-29T00:00:00Z", None),
            ("2011-13-01T00:00:00Z", None),
            ("2011-04-31T00:00:00Z", None),
            ("2011-05-13T24:00:00Z", None),
            ("2011-05-13T04:42:34.Z", None),
            ("2011-05-13T04:42:34+2:00", None),
            ("2011-05-13T04:42:34+02:60", None),
            ("2011-05-13 04:42:34Z", None),
            ("2011-05-13", None),
            ("yesterday", None),
            ("", None),
            ("2011-05-13T04:42:34Zjunk", None),
            ("２011-05-13T04:42:34Z", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text), *want, "{text}");
        }
    }
}
