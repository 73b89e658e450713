//! When to try a failed Jira call again: a pure function of the attempt count, Jira's
//! `Retry-After` and a random number the caller supplies (so tests pick it).
//!
//! Atlassian's rate-limit guidance, followed here:
//! 1. If the response says `Retry-After: <seconds>`, wait at least that long. A little
//!    jitter is added on top (never taken off), so clients limited together don't all
//!    come back in the same instant.
//! 2. Otherwise back off exponentially: 5 s, 10 s, 20 s, then 30 s at most, each times a
//!    jitter factor between 0.7 and 1.3.
//! 3. After [`MAX_ATTEMPTS`] failures, stop: the operation goes to the dead letters.
//!    An attempt Jira throttled with a `Retry-After` is not a failure: Jira said when to
//!    come back, and a long rate-limit storm must not bury work that would then succeed.

/// Delay after the first failure, without jitter.
pub const INITIAL_DELAY_MS: u64 = 5_000;
/// The exponential delay stops growing here (before jitter).
pub const MAX_DELAY_MS: u64 = 30_000;
/// Jitter multiplies the backoff by a factor in `JITTER_MIN..=JITTER_MAX`.
pub const JITTER_MIN: f64 = 0.7;
pub const JITTER_MAX: f64 = 1.3;
/// Failed attempts (throttled ones aside) before an operation is dead-lettered.
pub const MAX_ATTEMPTS: u32 = 8;
/// The longest `Retry-After` honoured; a larger one (or a hostile one) is cut to this.
pub const MAX_RETRY_AFTER_SECS: u64 = 3_600;

/// What to do after a transient failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Try again this many milliseconds from now.
    RetryIn(u64),
    /// Out of attempts: move the operation to the dead letters.
    DeadLetter,
}

/// Decides after `attempts_made` attempts (1 after the first), of which `failures` were
/// not throttling: failures spend the dead-letter budget, every attempt steps the backoff.
pub fn decide(failures: u32, attempts_made: u32, retry_after_secs: Option<u64>, rand01: f64) -> RetryDecision {
    if failures >= MAX_ATTEMPTS {
        RetryDecision::DeadLetter
    } else {
        RetryDecision::RetryIn(next_delay(attempts_made, retry_after_secs, rand01))
    }
}

/// The wait in milliseconds before the next attempt, after `attempt` failures (1-based;
/// 0 is treated as 1). `rand01` is uniform in `[0, 1]`; out-of-range values are clamped
/// and NaN counts as 0.5.
pub fn next_delay(attempt: u32, retry_after_secs: Option<u64>, rand01: f64) -> u64 {
    let rand = if rand01.is_nan() { 0.5 } else { rand01.clamp(0.0, 1.0) };
    if let Some(secs) = retry_after_secs {
        let floor = secs.min(MAX_RETRY_AFTER_SECS) * 1_000;
        return scale(floor, 1.0 + (JITTER_MAX - 1.0) * rand);
    }
    // Past 16 doublings the cap has long been reached; shifting further would lose bits.
    let doublings = attempt.max(1) - 1;
    let backoff = if doublings >= 16 { MAX_DELAY_MS } else { (INITIAL_DELAY_MS << doublings).min(MAX_DELAY_MS) };
    scale(backoff, JITTER_MIN + (JITTER_MAX - JITTER_MIN) * rand)
}

/// `Retry-After` as whole seconds. Jira sends delta-seconds; an HTTP date, a negative or
/// garbled value gives `None` (fall back to backoff). Capped at [`MAX_RETRY_AFTER_SECS`].
pub fn parse_retry_after(value: Option<&str>) -> Option<u64> {
    let value = value?.trim();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // All digits: only overflow can fail, and an overflowing value means "a long time".
    Some(value.parse::<u64>().unwrap_or(u64::MAX).min(MAX_RETRY_AFTER_SECS))
}

fn scale(ms: u64, factor: f64) -> u64 {
    // Delays stay far below 2^53 ms, so the float round trip is exact enough.
    (ms as f64 * factor).round() as u64
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn backoff_table() {
        // (attempt, rand, expected ms)
        let cases = [
            (1, 0.0, 3_500),
            (1, 0.5, 5_000),
            (1, 1.0, 6_500),
            (0, 0.5, 5_000),
            (2, 0.5, 10_000),
            (3, 0.5, 20_000),
            (4, 0.5, 30_000),
            (4, 0.0, 21_000),
            (4, 1.0, 39_000),
            (7, 1.0, 39_000),
            (40, 0.5, 30_000),
            (62, 0.5, 30_000),
            (u32::MAX, 0.5, 30_000),
        ];
        for (attempt, rand, ms) in cases {
            assert_eq!(next_delay(attempt, None, rand), ms, "attempt {attempt}, rand {rand}");
        }
    }

    #[test]
    fn jitter_stays_in_bounds_and_grows_with_rand() {
        for attempt in 1..=MAX_ATTEMPTS {
            let low = next_delay(attempt, None, 0.0);
            let high = next_delay(attempt, None, 1.0);
            let base = (INITIAL_DELAY_MS << (attempt - 1)).min(MAX_DELAY_MS) as f64;
            assert_eq!(low, (base * JITTER_MIN).round() as u64);
            assert_eq!(high, (base * JITTER_MAX).round() as u64);
            for step in 0..=10 {
                let d = next_delay(attempt, None, f64::from(step) / 10.0);
                assert!((low..=high).contains(&d));
            }
        }
    }

    #[test]
    fn retry_after_comes_first_and_is_never_shortened() {
        let cases = [
            (1, Some(2), 0.0, 2_000),
            (1, Some(2), 1.0, 2_600),
            (6, Some(0), 0.7, 0),
            (6, Some(60), 0.0, 60_000),
            (1, Some(10_000), 0.0, 3_600_000),
        ];
        for (attempt, after, rand, ms) in cases {
            assert_eq!(next_delay(attempt, after, rand), ms, "Retry-After {after:?}, rand {rand}");
        }
    }

    #[test]
    fn odd_random_numbers_are_tamed() {
        assert_eq!(next_delay(1, None, f64::NAN), 5_000);
        assert_eq!(next_delay(1, None, -3.0), 3_500);
        assert_eq!(next_delay(1, None, 7.0), 6_500);
        assert_eq!(next_delay(1, None, f64::INFINITY), 6_500);
    }

    #[test]
    fn dead_letter_after_max_attempts() {
        assert_eq!(decide(1, 1, None, 0.5), RetryDecision::RetryIn(5_000));
        assert_eq!(decide(MAX_ATTEMPTS - 1, MAX_ATTEMPTS - 1, Some(3), 0.0), RetryDecision::RetryIn(3_000));
        assert_eq!(decide(MAX_ATTEMPTS, MAX_ATTEMPTS, None, 0.5), RetryDecision::DeadLetter);
        assert_eq!(decide(MAX_ATTEMPTS + 5, MAX_ATTEMPTS + 5, Some(1), 0.5), RetryDecision::DeadLetter);
        // Throttled attempts step the backoff but spend no failures.
        assert_eq!(decide(1, MAX_ATTEMPTS + 5, None, 0.5), RetryDecision::RetryIn(30_000));
    }

    #[test]
    fn retry_after_parsing_table() {
        let cases = [
            (Some("7"), Some(7)),
            (Some(" 30 "), Some(30)),
            (Some("0"), Some(0)),
            (Some("99999999999999999999999"), Some(MAX_RETRY_AFTER_SECS)),
            (Some("-1"), None),
            (Some("1.5"), None),
            (Some("Wed, 21 Oct 2015 07:28:00 GMT"), None),
            (Some(""), None),
            (None, None),
        ];
        for (header, secs) in cases {
            assert_eq!(parse_retry_after(header), secs, "{header:?}");
        }
    }
}
