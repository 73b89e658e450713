//! The filter lexer: splits input into words (attribute paths and keywords), JSON
//! strings and numbers, and the punctuation `( ) [ ] .`, each with its byte offset.
//!
//! Keywords are not decided here: `and`, `eq` or `true` are words until the parser
//! sees where they stand, so an attribute may be called `and` or `not`.

use serde_json::Number;

use super::FilterError;

/// What a token is; `Word` borrows the input, strings are decoded.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind<'a> {
    Word(&'a str),
    Str(String),
    Num(Number),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Dot,
}

/// One token: its kind, its source text (for error messages) and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token<'a> {
    pub kind: Kind<'a>,
    pub text: &'a str,
    pub at: usize,
}

/// Characters that continue a word: an attribute path is `[urn:]name[.sub]`, and URNs
/// carry dots (`2.0`) and colons, so all of them stay in one word that the parser splits.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '$')
}

/// Splits `input` into tokens; the first malformed token is the error.
pub(super) fn tokens(input: &str) -> Result<Vec<Token<'_>>, FilterError> {
    let mut out = Vec::new();
    let mut rest = input.char_indices().peekable();
    while let Some(&(at, c)) = rest.peek() {
        let punct = match c {
            '(' => Some(Kind::LParen),
            ')' => Some(Kind::RParen),
            '[' => Some(Kind::LBracket),
            ']' => Some(Kind::RBracket),
            '.' => Some(Kind::Dot),
            _ => None,
        };
        if c.is_whitespace() {
            rest.next();
            continue;
        }
        let token = if let Some(kind) = punct {
            Token { kind, text: &input[at..at + 1], at }
        } else if c == '"' {
            string(input, at)?
        } else if c == '-' || c.is_ascii_digit() {
            number(input, at)?
        } else if c.is_ascii_alphabetic() || c == '$' {
            let text = run(input, at, is_word_char);
            Token { kind: Kind::Word(text), text, at }
        } else {
            return Err(FilterError::UnexpectedChar { found: c, at });
        };
        let end = token.at + token.text.len();
        while rest.peek().is_some_and(|&(i, _)| i < end) {
            rest.next();
        }
        out.push(token);
    }
    Ok(out)
}

/// The longest run of `keep` characters starting at `at`.
fn run(input: &str, at: usize, keep: fn(char) -> bool) -> &str {
    let tail = input.get(at..).unwrap_or_default();
    let len = tail.find(|c: char| !keep(c)).unwrap_or(tail.len());
    &tail[..len]
}

/// A JSON number. The token runs over every character that could continue a number or
/// a word, so `1and` or `1.2.3` is one bad number, not a number followed by a word.
fn number(input: &str, at: usize) -> Result<Token<'_>, FilterError> {
    let text = run(input, at, |c| is_word_char(c) || c == '+');
    match json_number(text) {
        Some(n) => Ok(Token { kind: Kind::Num(n), text, at }),
        None => Err(FilterError::BadNumber { found: text.to_string(), at }),
    }
}

/// RFC 8259 `number`: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. Integers
/// stay exact while they fit i64/u64; the rest go through Rust's correctly rounded
/// `f64` parser (serde_json's default one can be an ulp off, which breaks the
/// print-then-parse round trip: found by fuzzing, `e eq 999…9991e3`).
fn json_number(text: &str) -> Option<Number> {
    let b = text.as_bytes();
    let digits_from = |i: usize| b.get(i..).map_or(0, |t| t.iter().take_while(|c| c.is_ascii_digit()).count());
    let mut i = usize::from(b.first() == Some(&b'-'));
    let int_len = digits_from(i);
    if int_len == 0 || (int_len > 1 && b.get(i) == Some(&b'0')) {
        return None;
    }
    i += int_len;
    let integer = i == b.len();
    if b.get(i) == Some(&b'.') {
        let frac_len = digits_from(i + 1);
        if frac_len == 0 {
            return None;
        }
        i += 1 + frac_len;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1 + usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
        let exp_len = digits_from(i);
        if exp_len == 0 {
            return None;
        }
        i += exp_len;
    }
    if i != b.len() {
        return None;
    }
    if integer {
        if let Some(n) =
            text.parse::<u64>().ok().map(Number::from).or_else(|| text.parse::<i64>().ok().map(Number::from))
        {
            return Some(n);
        }
    }
    text.parse::<f64>().ok().and_then(Number::from_f64)
}

/// A JSON string starting at the `"` at `at`, decoded.
fn string(input: &str, at: usize) -> Result<Token<'_>, FilterError> {
    let body = input.get(at + 1..).unwrap_or_default();
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let text = &input[at..at + 1 + i + 1];
                return Ok(Token { kind: Kind::Str(out), text, at });
            }
            '\\' => out.push(escape(body, i, &mut chars, at + 1)?),
            c => out.push(c),
        }
    }
    Err(FilterError::UnterminatedString { at })
}

/// Decodes the escape whose `\` is at `body[i]`, consuming its characters from `chars`.
/// `base` is `body`'s offset in the input, for error positions.
fn escape(body: &str, i: usize, chars: &mut std::str::CharIndices<'_>, base: usize) -> Result<char, FilterError> {
    // The escape as written, at most `len` characters and not past the closing quote.
    let bad = |len: usize| FilterError::BadEscape {
        found: body
            .get(i..)
            .unwrap_or_default()
            .chars()
            .take(len)
            .enumerate()
            .take_while(|&(n, c)| n < 2 || c != '"')
            .map(|(_, c)| c)
            .collect(),
        at: base + i,
    };
    let Some((_, c)) = chars.next() else { return Err(FilterError::UnterminatedString { at: base - 1 }) };
    let simple = match c {
        '"' => Some('"'),
        '\\' => Some('\\'),
        '/' => Some('/'),
        'b' => Some('\u{8}'),
        'f' => Some('\u{c}'),
        'n' => Some('\n'),
        'r' => Some('\r'),
        't' => Some('\t'),
        _ => None,
    };
    if let Some(decoded) = simple {
        return Ok(decoded);
    }
    if c != 'u' {
        return Err(bad(1 + c.len_utf8()));
    }
    let high = hex4(body, i + 2).ok_or_else(|| bad(6))?;
    skip(chars, 4);
    if !(0xD800..0xDC00).contains(&high) {
        return char::from_u32(high).ok_or_else(|| bad(6));
    }
    // A high surrogate must be followed by `\u` and a low surrogate (JSON's UTF-16 pairs).
    let low = body
        .get(i + 6..i + 8)
        .filter(|s| *s == "\\u")
        .and_then(|_| hex4(body, i + 8))
        .filter(|low| (0xDC00..0xE000).contains(low))
        .ok_or_else(|| bad(6))?;
    skip(chars, 6);
    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)).ok_or_else(|| bad(12))
}

/// The four hex digits at `body[at..at + 4]`, if they are hex digits.
fn hex4(body: &str, at: usize) -> Option<u32> {
    let digits = body.get(at..at + 4)?;
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

fn skip(chars: &mut std::str::CharIndices<'_>, n: usize) {
    for _ in 0..n {
        chars.next();
    }
}
