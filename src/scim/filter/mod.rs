//! SCIM filters (RFC 7644 §3.4.2.2): the AST, its errors and the public entry points.
//!
//! The lexer (`lex`), the recursive-descent parser (`parse`), the canonical printer
//! (`display`), the static type check (`check`), the compiled form resolved against a
//! resource type (`compile`) and its evaluator (`eval`, with `datetime`) live in their
//! own files. Callers hand over the filter already percent-decoded from the query string.
//!
//! `Display` prints text that parses back to the same AST for everything the parser
//! produces (tested over generated ASTs and fuzzed); an AST built by hand with names
//! outside RFC 7643 ATTRNAME, or a comparison value that is an array or object, prints
//! but does not parse back. Canonical text can be longer than its input (`1E3` prints as
//! `1000.0`), so input just under [`MAX_LEN`] may print past it.

mod check;
mod compile;
pub(crate) mod datetime;
mod display;
mod eval;
mod lex;
mod parse;

#[cfg(test)]
mod tests;

use serde_json::Value;

use super::path::AttrPath;
use super::schema::{AttrType, ResourceType};

pub use check::check;
pub use compile::{compile, Compiled};
pub use eval::matches;

/// Inputs longer than this many bytes are refused before lexing. Real IdP filters are a
/// few hundred bytes; the limit keeps the AST (and the recursion over it) small.
pub const MAX_LEN: usize = 8 * 1024;

/// How deeply parentheses, `not` and value paths may nest. Deeper input is refused
/// rather than risking the stack (kanidm bounds its filter depth the same way).
pub const MAX_DEPTH: usize = 64;

/// Comparison operators (case-insensitive on input, lower-case on display).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Co,
    Sw,
    Ew,
    Gt,
    Ge,
    Lt,
    Le,
}

impl CompareOp {
    /// Every operator, in the RFC's table order.
    pub const ALL: [CompareOp; 9] = [
        CompareOp::Eq,
        CompareOp::Ne,
        CompareOp::Co,
        CompareOp::Sw,
        CompareOp::Ew,
        CompareOp::Gt,
        CompareOp::Ge,
        CompareOp::Lt,
        CompareOp::Le,
    ];

    /// The operator's keyword as the RFC spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "eq",
            CompareOp::Ne => "ne",
            CompareOp::Co => "co",
            CompareOp::Sw => "sw",
            CompareOp::Ew => "ew",
            CompareOp::Gt => "gt",
            CompareOp::Ge => "ge",
            CompareOp::Lt => "lt",
            CompareOp::Le => "le",
        }
    }

    /// The operator named by `word`, ignoring ASCII case (`EQ`, `Eq` and `eq` alike).
    pub fn from_keyword(word: &str) -> Option<CompareOp> {
        Self::ALL.into_iter().find(|op| op.as_str().eq_ignore_ascii_case(word))
    }

    /// Whether the operator orders values (`gt ge lt le`), which the RFC refuses for
    /// boolean and binary attributes.
    pub fn is_ordering(self) -> bool {
        matches!(self, CompareOp::Gt | CompareOp::Ge | CompareOp::Lt | CompareOp::Le)
    }
}

/// A filter expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// `path op value`; `value` is a JSON string, number, boolean or null.
    Compare {
        path: AttrPath,
        op: CompareOp,
        value: Value,
    },
    /// `path pr`
    Present(AttrPath),
    And(Box<Filter>, Box<Filter>),
    Or(Box<Filter>, Box<Filter>),
    Not(Box<Filter>),
    /// `path[filter]`: some element of the multi-valued `path` matches `filter`,
    /// whose paths are relative to the element.
    ValuePath {
        path: AttrPath,
        filter: Box<Filter>,
    },
}

impl Filter {
    /// The operands of a left-deep chain of one logical operator, in order:
    /// `a or b or c` parses as `Or(Or(a, b), c)` and has operands `[a, b, c]`. Printing
    /// and evaluating walk chains with this loop, so a long chain costs no stack.
    /// Anything but `And`/`Or` is its own single operand.
    pub(crate) fn operands(&self) -> Vec<&Filter> {
        let mut operands = Vec::new();
        let mut node = self;
        while let (Filter::And(..), Filter::And(left, right)) | (Filter::Or(..), Filter::Or(left, right)) = (self, node)
        {
            operands.push(&**right);
            node = left;
        }
        operands.push(node);
        operands.reverse();
        operands
    }
}

/// A PATCH `path` (RFC 7644 §3.5.2): `attrPath` or `valuePath ["." subAttr]`.
#[derive(Debug, Clone, PartialEq)]
pub struct PatchPath {
    pub attr: AttrPath,
    pub filter: Option<Filter>,
    /// The sub-attribute after a value filter: `emails[type eq "work"].value`.
    pub sub: Option<String>,
}

/// What the parser was looking for when it found something else. Each variant's doc
/// gives an input that produces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// The start of a filter term: an attribute path, `(` or `not (`.
    /// `title pr and ` (input ends), `()` (found `)`), `"x" eq 1` (found a string).
    Term,
    /// `(` after `not`, which the RFC requires: `not title pr`.
    NotParen,
    /// A comparison operator or `pr` after an attribute path: `userName "bjensen"`,
    /// `userName equals "x"`, `userName` (input ends).
    Operator,
    /// A comparison value (string, number, `true`, `false`, `null`) after an operator:
    /// `userName eq bjensen`, `userName eq` (input ends).
    Value,
    /// `)` closing a group: `(title pr`, `(title pr title pr)`.
    CloseParen,
    /// `]` closing a value filter: `emails[type eq "work"`, `emails[type eq "work" x]`.
    CloseBracket,
    /// An attribute path (`[urn:]name[.subAttr]`), e.g. for `attributes=` or a PATCH
    /// path: `"userName"` or `[` as the whole path.
    AttrPath,
    /// An attribute name (a letter or `$`, then letters, digits, `-`, `_`):
    /// `name. pr` (empty sub-attribute), `name.1st pr`, `urn:x:y: pr`, `emails[type eq "work"].`.
    AttrName,
    /// The end of an attribute path, which has at most one `.subAttr`: `name.givenName.x pr`.
    AttrPathEnd,
    /// A `urn:` prefix before the last `:` of an attribute path: `foo:bar pr`.
    Urn,
    /// A plain sub-attribute name inside `[...]`, whose paths are relative to the
    /// element: `emails[type.x eq "a"]`, `emails[urn:x:y:type eq "a"]`.
    ElementAttr,
    /// An attribute without `.subAttr` before `[`: `emails.value[type eq "work"]`.
    ValuePathAttr,
}

impl Expect {
    /// A phrase for error messages.
    pub fn describe(self) -> &'static str {
        match self {
            Expect::Term => "an attribute path, `(` or `not (`",
            Expect::NotParen => "`(` after `not`",
            Expect::Operator => "a comparison operator (eq ne co sw ew gt ge lt le) or `pr`",
            Expect::Value => "a string, number, `true`, `false` or `null`",
            Expect::CloseParen => "`and`, `or` or `)`",
            Expect::CloseBracket => "`and`, `or` or `]`",
            Expect::AttrPath => "an attribute path",
            Expect::AttrName => "an attribute name",
            Expect::AttrPathEnd => "the end of the attribute path (at most one `.subAttr`)",
            Expect::Urn => "a `urn:` schema prefix",
            Expect::ElementAttr => "a plain sub-attribute name inside `[...]`",
            Expect::ValuePathAttr => "an attribute without `.subAttr` before `[`",
        }
    }
}

impl std::fmt::Display for Expect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.describe())
    }
}

/// Why a filter or path did not parse, or (from [`check`]) why a filter cannot apply to
/// a resource type. Byte offsets (`at`) count from the start of the input.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FilterError {
    /// The parser wanted `expected` at `at` and found `found`: `userName "bjensen"`.
    /// `found` is the offending source text, empty at the end of input.
    #[error("expected {expected} at byte {at}, found {}", shown(found))]
    Expected { expected: Expect, found: String, at: usize },
    /// A character that starts no token: `userName eq 'bjensen'` (single quotes).
    #[error("unexpected character {found:?} at byte {at}")]
    UnexpectedChar { found: char, at: usize },
    /// A string with no closing quote; `at` is its opening quote: `userName eq "bjensen`.
    #[error("string starting at byte {at} has no closing quote")]
    UnterminatedString { at: usize },
    /// An escape JSON does not define, or a lone surrogate: `userName eq "a\qb"`, `"\ud800"`.
    #[error("bad escape {found} at byte {at}")]
    BadEscape { found: String, at: usize },
    /// Not a JSON number: `age eq 01`, `age eq 1.`, `age eq 1x`, `age eq 1e999`.
    #[error("bad number {found} at byte {at}")]
    BadNumber { found: String, at: usize },
    /// Parentheses, `not` and value paths nest deeper than [`MAX_DEPTH`]: `((((…title pr…))))`.
    #[error("filter nests deeper than {limit} levels at byte {at}")]
    TooDeep { limit: usize, at: usize },
    /// Input left after a complete filter or path: `title pr title pr`, `emails[type pr]x`.
    #[error("unexpected {} at byte {at} after a complete expression", shown(found))]
    TrailingInput { found: String, at: usize },
    /// Nothing but whitespace.
    #[error("empty filter")]
    Empty,
    /// Longer than [`MAX_LEN`] bytes.
    #[error("filter is {len} bytes long; the limit is {limit}")]
    TooLong { len: usize, limit: usize },
    /// A PATCH path that names a whole schema, not an attribute:
    /// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`. The caller decides
    /// what a whole-extension path means (see [`names_schema`]).
    #[error("{urn} names a schema, not an attribute")]
    SchemaUrn { urn: String, at: usize },
    /// (From [`check`]) an operator the attribute's type does not support, which RFC 7644
    /// §3.4.2.2 answers with 400 invalidFilter: `active gt true`, `active co "t"`.
    #[error("operator {} is not supported on {path}, a {ty:?} attribute", op.as_str())]
    UnsupportedOperator { op: CompareOp, path: String, ty: AttrType },
    /// (From [`check`]) a dateTime attribute compared with a string that is not an
    /// RFC 3339 instant: `meta.lastModified gt "yesterday"`.
    #[error("{value} is not a dateTime, which {path} compares with")]
    BadDateTime { path: String, value: String },
}

/// Source text for an error message: quoted, shortened, or "end of input".
fn shown(found: &str) -> String {
    if found.is_empty() {
        return "end of input".to_string();
    }
    let short: String = found.chars().take(40).collect();
    let ellipsis = if short.len() < found.len() { "…" } else { "" };
    format!("`{short}{ellipsis}`")
}

/// Parses a `filter=` expression.
pub fn parse(input: &str) -> Result<Filter, FilterError> {
    parse::Parser::new(input, MAX_LEN, MAX_DEPTH)?.filter()
}

/// Parses a bare attribute path (`attributes=`, `excludedAttributes=`, `sortBy=`).
/// A bare schema URN parses as `{urn: <all but its last segment>, name: <last segment>}`;
/// ask [`names_schema`] when a caller gives that a meaning.
pub fn parse_attr_path(input: &str) -> Result<AttrPath, FilterError> {
    parse::Parser::new(input, MAX_LEN, MAX_DEPTH)?.attr_path_only()
}

/// Parses a PATCH `path`: `attrPath`, `valuePath` or `valuePath.subAttr`. A path that
/// names a whole schema (`urn:…:enterprise:2.0:User`) is [`FilterError::SchemaUrn`]:
/// RFC 7644 §3.5.2's grammar has no such path, and a client that sends one means the
/// extension object itself, which the PATCH code handles before calling this.
pub fn parse_path(input: &str) -> Result<PatchPath, FilterError> {
    parse::Parser::new(input, MAX_LEN, MAX_DEPTH)?.patch_path()
}

/// Whether `path` is really a schema URN split at its last `:`, like
/// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`. SCIM schema URNs end in
/// `<version>:<Resource>`, and no attribute follows a version segment directly, so a URN
/// whose last segment is a version (`2.0`, `1`) means the "name" is the resource.
pub fn names_schema(path: &AttrPath) -> bool {
    let Some(urn) = &path.urn else { return false };
    if path.sub.is_some() {
        return false;
    }
    let last = urn.rsplit(':').next().unwrap_or_default();
    last.starts_with(|c: char| c.is_ascii_digit()) && last.chars().all(|c| c.is_ascii_digit() || c == '.')
}
