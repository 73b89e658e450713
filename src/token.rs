//! Bearer tokens for the SCIM endpoint, and [`Secret`], the string that never prints.
//!
//! A token is `usy_` + 256 random bits in URL-safe base64 (no padding): the prefix lets
//! secret scanners and people recognise it. Only its SHA-256 is stored; a presented token
//! is checked by comparing digests in constant time.

use base64::Engine;
use sha2::{Digest, Sha256};
use std::fmt;
use subtle::ConstantTimeEq;

/// What every token starts with.
pub const PREFIX: &str = "usy_";
/// Random bytes in a token (256 bits).
const TOKEN_BYTES: usize = 32;
/// Length of a well-formed token: the prefix and 43 base64 characters.
pub const TOKEN_LEN: usize = PREFIX.len() + 43;

/// A credential (API token, org key, SCIM bearer token). `Debug` shows `<redacted>`, there
/// is no `Display` and no `Serialize`: reading it takes a deliberate [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that must send or hash it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Why a token could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// The platform's random source failed (getrandom); no weak fallback is used.
    #[error("no secure random source: {0}")]
    Random(String),
}

/// A fresh token: `usy_` + 43 URL-safe base64 characters of OS randomness.
pub fn generate() -> Result<Secret, TokenError> {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes).map_err(|e| TokenError::Random(e.to_string()))?;
    let body = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    Ok(Secret(format!("{PREFIX}{body}")))
}

/// True if `s` has a token's shape (prefix, length, alphabet). Says nothing of validity.
pub fn is_well_formed(s: &str) -> bool {
    s.len() == TOKEN_LEN
        && s.strip_prefix(PREFIX)
            .is_some_and(|body| body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
}

/// The stored form of a token: lowercase hex SHA-256 of the whole token.
pub fn hash(token: &str) -> String {
    to_hex(&Sha256::digest(token.as_bytes()))
}

/// True if `presented` hashes to `stored_hash`. Compares the 32-byte digests in constant
/// time, so response timing says nothing about how much of a guess was right.
pub fn verify(presented: &str, stored_hash: &str) -> bool {
    let Some(stored) = from_hex32(stored_hash) else { return false };
    let digest = Sha256::digest(presented.as_bytes());
    bool::from(digest.as_slice().ct_eq(&stored))
}

/// Lowercase hex of bytes.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// 64 hex digits (either case) as 32 bytes, or `None`.
fn from_hex32(s: &str) -> Option<[u8; 32]> {
    let bytes = s.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (slot, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        let (hi, lo) = (hex_value(*pair.first()?)?, hex_value(*pair.get(1)?)?);
        *slot = hi << 4 | lo;
    }
    Some(out)
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn fresh() -> Secret {
        match generate() {
            Ok(t) => t,
            Err(e) => panic!("generate failed: {e}"),
        }
    }

    #[test]
    fn generated_tokens_are_prefixed_well_formed_and_distinct() {
        let tokens: Vec<Secret> = (0..32).map(|_| fresh()).collect();
        for t in &tokens {
            assert!(t.expose().starts_with(PREFIX));
            assert_eq!(t.expose().len(), TOKEN_LEN);
            assert!(is_well_formed(t.expose()), "{}", t.expose());
        }
        let mut raw: Vec<&str> = tokens.iter().map(Secret::expose).collect();
        raw.sort_unstable();
        raw.dedup();
        assert_eq!(raw.len(), 32);
    }

    #[test]
    fn token_body_decodes_to_32_bytes() {
        let t = fresh();
        let body = t.expose().trim_start_matches(PREFIX);
        let decoded = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(body);
        assert!(matches!(decoded, Ok(ref b) if b.len() == 32), "{decoded:?}");
    }

    #[test]
    fn hash_is_sha256_hex() {
        // FIPS 180-2 test vector: SHA-256("abc").
        assert_eq!(hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(hash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    #[test]
    fn verify_table() {
        let t = fresh();
        let stored = hash(t.expose());
        let other = fresh();
        let cases: &[(&str, &str, bool)] = &[
            (t.expose(), &stored, true),
            (t.expose(), &stored.to_uppercase(), true),
            (other.expose(), &stored, false),
            ("", &stored, false),
            (t.expose(), "", false),
            (t.expose(), &stored[..63], false),
            (t.expose(), &format!("{}0", stored), false),
            (t.expose(), &"zz".repeat(32), false),
            (&t.expose()[..TOKEN_LEN - 1], &stored, false),
        ];
        for (presented, stored_hash, ok) in cases {
            assert_eq!(verify(presented, stored_hash), *ok, "{presented:?} vs {stored_hash:?}");
        }
    }

    #[test]
    fn well_formed_table() {
        let cases = [
            (format!("usy_{}", "A".repeat(43)), true),
            (format!("usy_{}", "-_9aZ".repeat(8) + "abc"), true),
            (format!("usy_{}", "A".repeat(42)), false),
            (format!("usx_{}", "A".repeat(43)), false),
            (format!("usy_{}=", "A".repeat(42)), false),
            (format!("usy_{}+", "A".repeat(42)), false),
        ];
        for (s, ok) in cases {
            assert_eq!(is_well_formed(&s), ok, "{s}");
        }
    }

    #[test]
    fn secrets_never_print() {
        let t = fresh();
        let shown = format!("{t:?} {:?}", Some(Secret::new("hunter2")));
        assert!(!shown.contains(t.expose()) && !shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }
}
