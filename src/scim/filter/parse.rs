//! Recursive descent over the lexer's tokens, with RFC 7644's precedence:
//! `not` (always with parentheses) binds tighter than `and`, `and` tighter than `or`;
//! both are left-associative. Chains loop instead of recursing, and every `(`, `not (`
//! and `[` counts against the depth limit, so no input can exhaust the stack.

use serde_json::Value;

use super::lex::{self, Kind, Token};
use super::{names_schema, AttrPath, CompareOp, Expect, Filter, FilterError, PatchPath};

/// Where a term stands: at the top, or inside `[...]`, where paths are plain sub-attribute
/// names of the element and value paths do not nest (RFC 7643 §2.3.8: no sub-sub-attributes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Top,
    Element,
}

pub(super) struct Parser<'a> {
    end: usize,
    tokens: Vec<Token<'a>>,
    pos: usize,
    depth: usize,
    max_depth: usize,
}

impl<'a> Parser<'a> {
    /// Checks the length, lexes, and refuses input with no tokens at all.
    pub(super) fn new(input: &'a str, max_len: usize, max_depth: usize) -> Result<Self, FilterError> {
        if input.len() > max_len {
            return Err(FilterError::TooLong { len: input.len(), limit: max_len });
        }
        let tokens = lex::tokens(input)?;
        if tokens.is_empty() {
            return Err(FilterError::Empty);
        }
        Ok(Parser { end: input.len(), tokens, pos: 0, depth: 0, max_depth })
    }

    /// `FILTER` then the end of input.
    pub(super) fn filter(mut self) -> Result<Filter, FilterError> {
        let filter = self.or_expr(Ctx::Top)?;
        self.finish()?;
        Ok(filter)
    }

    /// A lone `attrPath` then the end of input.
    pub(super) fn attr_path_only(mut self) -> Result<AttrPath, FilterError> {
        let (path, _) = self.path(Ctx::Top, Expect::AttrPath)?;
        self.finish()?;
        Ok(path)
    }

    /// `attrPath` or `valuePath ["." subAttr]` then the end of input.
    pub(super) fn patch_path(mut self) -> Result<PatchPath, FilterError> {
        let (attr, word) = self.path(Ctx::Top, Expect::AttrPath)?;
        if !matches!(self.kind(), Some(Kind::LBracket)) {
            self.finish()?;
            if names_schema(&attr) {
                return Err(FilterError::SchemaUrn { urn: word.text.to_string(), at: word.at });
            }
            return Ok(PatchPath { attr, filter: None, sub: None });
        }
        let filter = self.value_filter(&attr, &word)?;
        let sub = match self.kind() {
            Some(Kind::Dot) => {
                self.pos += 1;
                Some(self.sub_attr()?)
            }
            _ => None,
        };
        self.finish()?;
        Ok(PatchPath { attr, filter: Some(filter), sub })
    }

    /// The plain sub-attribute name after `valuePath.`.
    fn sub_attr(&mut self) -> Result<String, FilterError> {
        let (sub, word) = self.path(Ctx::Top, Expect::AttrName)?;
        let (found, at) = match (&sub.urn, &sub.sub) {
            (None, None) => return Ok(sub.name),
            (_, Some(extra)) => (format!(".{extra}"), word.at + word.text.len() - extra.len() - 1),
            (Some(_), None) => (word.text.to_string(), word.at),
        };
        let expected = if sub.sub.is_some() { Expect::AttrPathEnd } else { Expect::AttrName };
        Err(FilterError::Expected { expected, found, at })
    }

    fn or_expr(&mut self, ctx: Ctx) -> Result<Filter, FilterError> {
        let mut left = self.and_expr(ctx)?;
        while self.eat_keyword("or") {
            let right = self.and_expr(ctx)?;
            left = Filter::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and_expr(&mut self, ctx: Ctx) -> Result<Filter, FilterError> {
        let mut left = self.term(ctx)?;
        while self.eat_keyword("and") {
            let right = self.term(ctx)?;
            left = Filter::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    /// `( FILTER )`, `not ( FILTER )`, `valuePath`, `attrPath pr` or `attrPath op value`.
    fn term(&mut self, ctx: Ctx) -> Result<Filter, FilterError> {
        match self.kind() {
            Some(Kind::LParen) => self.group(ctx),
            Some(Kind::Word(w)) if w.eq_ignore_ascii_case("not") && !self.attr_follows(1) => {
                self.pos += 1;
                if !matches!(self.kind(), Some(Kind::LParen)) {
                    return Err(self.expected(Expect::NotParen));
                }
                Ok(Filter::Not(Box::new(self.group(ctx)?)))
            }
            Some(Kind::Word(_)) => self.attr_term(ctx),
            _ => Err(self.expected(Expect::Term)),
        }
    }

    /// Whether the token `ahead` places from here continues an attribute term (an
    /// operator, `pr` or `[`), which makes a preceding `not` an attribute name.
    fn attr_follows(&self, ahead: usize) -> bool {
        match self.tokens.get(self.pos + ahead).map(|t| &t.kind) {
            Some(Kind::Word(w)) => w.eq_ignore_ascii_case("pr") || CompareOp::from_keyword(w).is_some(),
            Some(Kind::LBracket) => true,
            _ => false,
        }
    }

    /// `( FILTER )`, at the `(`.
    fn group(&mut self, ctx: Ctx) -> Result<Filter, FilterError> {
        self.enter()?;
        let inner = self.or_expr(ctx)?;
        self.close(Kind::RParen, Expect::CloseParen)?;
        Ok(inner)
    }

    /// An attribute path and what follows it: `[`, `pr`, or an operator and a value.
    fn attr_term(&mut self, ctx: Ctx) -> Result<Filter, FilterError> {
        let (path, word) = self.path(ctx, Expect::Term)?;
        match self.kind() {
            Some(Kind::LBracket) if ctx == Ctx::Top => {
                let mut filter = self.value_filter(&path, &word)?;
                // Entra looks users up with `emails[type eq "work"].value eq "x"`, outside the
                // RFC grammar; it means `emails[type eq "work" and value eq "x"]`, and is
                // parsed (and displayed) as that. Fixture: entra/get_user_by_work_email.json.
                if matches!(self.kind(), Some(Kind::Dot)) {
                    self.pos += 1;
                    let sub = AttrPath::new(self.sub_attr()?);
                    filter = Filter::And(Box::new(filter), Box::new(self.condition(sub)?));
                }
                Ok(Filter::ValuePath { path, filter: Box::new(filter) })
            }
            _ => self.condition(path),
        }
    }

    /// What follows an attribute path in a comparison: `pr`, or an operator and a value.
    fn condition(&mut self, path: AttrPath) -> Result<Filter, FilterError> {
        match self.kind() {
            Some(Kind::Word(w)) if w.eq_ignore_ascii_case("pr") => {
                self.pos += 1;
                Ok(Filter::Present(path))
            }
            Some(Kind::Word(w)) => match CompareOp::from_keyword(w) {
                Some(op) => {
                    self.pos += 1;
                    let value = self.value()?;
                    Ok(Filter::Compare { path, op, value })
                }
                None => Err(self.expected(Expect::Operator)),
            },
            _ => Err(self.expected(Expect::Operator)),
        }
    }

    /// `[ valFilter ]` after `path` (whose word token is `word`), at the `[`.
    fn value_filter(&mut self, path: &AttrPath, word: &Token<'a>) -> Result<Filter, FilterError> {
        if path.sub.is_some() {
            return Err(FilterError::Expected {
                expected: Expect::ValuePathAttr,
                found: word.text.to_string(),
                at: word.at,
            });
        }
        self.enter()?;
        let inner = self.or_expr(Ctx::Element)?;
        self.close(Kind::RBracket, Expect::CloseBracket)?;
        Ok(inner)
    }

    /// A comparison value: a JSON string or number, or `true`/`false`/`null` in any case.
    fn value(&mut self) -> Result<Value, FilterError> {
        let value = match self.kind() {
            Some(Kind::Str(s)) => Value::String(s.clone()),
            Some(Kind::Num(n)) => Value::Number(n.clone()),
            Some(Kind::Word(w)) if w.eq_ignore_ascii_case("true") => Value::Bool(true),
            Some(Kind::Word(w)) if w.eq_ignore_ascii_case("false") => Value::Bool(false),
            Some(Kind::Word(w)) if w.eq_ignore_ascii_case("null") => Value::Null,
            _ => return Err(self.expected(Expect::Value)),
        };
        self.pos += 1;
        Ok(value)
    }

    /// The attribute path at the current word (or `missing` if there is no word).
    fn path(&mut self, ctx: Ctx, missing: Expect) -> Result<(AttrPath, Token<'a>), FilterError> {
        let token = match self.tokens.get(self.pos) {
            Some(t @ Token { kind: Kind::Word(_), .. }) => t.clone(),
            _ => return Err(self.expected(missing)),
        };
        let path = split_path(token.text, token.at, ctx)?;
        self.pos += 1;
        Ok((path, token))
    }

    /// Consumes `closer` or reports `expect`; leaves one nesting level.
    fn close(&mut self, closer: Kind<'static>, expect: Expect) -> Result<(), FilterError> {
        if self.kind() != Some(&closer) {
            return Err(self.expected(expect));
        }
        self.pos += 1;
        self.depth -= 1;
        Ok(())
    }

    /// Consumes the opening token of a nesting level, refusing one too many.
    fn enter(&mut self) -> Result<(), FilterError> {
        self.depth += 1;
        if self.depth > self.max_depth {
            let at = self.tokens.get(self.pos).map_or(self.end, |t| t.at);
            return Err(FilterError::TooDeep { limit: self.max_depth, at });
        }
        self.pos += 1;
        Ok(())
    }

    fn eat_keyword(&mut self, keyword: &str) -> bool {
        let hit = matches!(self.kind(), Some(Kind::Word(w)) if w.eq_ignore_ascii_case(keyword));
        self.pos += usize::from(hit);
        hit
    }

    fn finish(&self) -> Result<(), FilterError> {
        match self.tokens.get(self.pos) {
            Some(t) => Err(FilterError::TrailingInput { found: t.text.to_string(), at: t.at }),
            None => Ok(()),
        }
    }

    fn kind(&self) -> Option<&Kind<'a>> {
        self.tokens.get(self.pos).map(|t| &t.kind)
    }

    /// `expected` at the current token; at the end of input, `found` is empty.
    fn expected(&self, expected: Expect) -> FilterError {
        let (found, at) = self.tokens.get(self.pos).map_or((String::new(), self.end), |t| (t.text.to_string(), t.at));
        FilterError::Expected { expected, found, at }
    }
}

/// Splits a word into `[urn ":"] name ["." sub]`: the URN is everything up to the last
/// `:`, since URNs themselves contain colons and dots (`…:enterprise:2.0:User:manager.value`).
fn split_path(word: &str, at: usize, ctx: Ctx) -> Result<AttrPath, FilterError> {
    let expected = |expected, found: &str, at| FilterError::Expected { expected, found: found.to_string(), at };
    let (urn, rest, rest_at) = match word.rfind(':') {
        Some(colon) => (Some(&word[..colon]), &word[colon + 1..], at + colon + 1),
        None => (None, word, at),
    };
    if ctx == Ctx::Element && urn.is_some() {
        return Err(expected(Expect::ElementAttr, word, at));
    }
    if let Some(urn) = urn {
        if !urn.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("urn:")) {
            return Err(expected(Expect::Urn, urn, at));
        }
    }
    let (name, sub) = match rest.split_once('.') {
        Some((name, sub)) => (name, Some(sub)),
        None => (rest, None),
    };
    check_name(name, rest_at)?;
    if let Some(sub) = sub {
        let sub_at = rest_at + name.len() + 1;
        if let Some(dot) = sub.find('.') {
            return Err(expected(Expect::AttrPathEnd, &sub[dot..], sub_at + dot));
        }
        check_name(sub, sub_at)?;
        if ctx == Ctx::Element {
            return Err(expected(Expect::ElementAttr, word, at));
        }
    }
    Ok(AttrPath { urn: urn.map(str::to_string), name: name.to_string(), sub: sub.map(str::to_string) })
}

/// RFC 7643 §2.1 ATTRNAME (`ALPHA *(nameChar)`), plus a leading `$` for `$ref`.
fn check_name(name: &str, at: usize) -> Result<(), FilterError> {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '$');
    if first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Ok(());
    }
    Err(FilterError::Expected { expected: Expect::AttrName, found: name.to_string(), at })
}
