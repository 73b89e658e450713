//! The canonical text of a filter or PATCH path: lower-case keywords, single spaces,
//! JSON literals, and parentheses only where precedence needs them, so that parsing
//! the text gives back the same AST.

use std::fmt;

use serde_json::Value;

use super::{Filter, PatchPath};

/// Binding strength: a sub-filter weaker than its context gets parentheses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Or,
    And,
    Term,
}

fn strength(filter: &Filter) -> Strength {
    match filter {
        Filter::Or(..) => Strength::Or,
        Filter::And(..) => Strength::And,
        _ => Strength::Term,
    }
}

/// Writes `filter`, parenthesised if it binds more weakly than `context` requires.
/// Both operators are left-associative, so a right operand of its own kind needs
/// parentheses: `Or(a, Or(b, c))` prints as `a or (b or c)`. Recursion follows only
/// parentheses, `not` and value paths, which the parser bounds; chains loop.
fn write(f: &mut fmt::Formatter<'_>, filter: &Filter, context: Strength) -> fmt::Result {
    if strength(filter) < context {
        f.write_str("(")?;
        write(f, filter, Strength::Or)?;
        return f.write_str(")");
    }
    match filter {
        Filter::Compare { path, op, value } => write!(f, "{path} {} {}", op.as_str(), literal(value)),
        Filter::Present(path) => write!(f, "{path} pr"),
        Filter::And(..) => chain(f, filter, " and ", Strength::Term),
        Filter::Or(..) => chain(f, filter, " or ", Strength::And),
        Filter::Not(inner) => {
            f.write_str("not (")?;
            write(f, inner, Strength::Or)?;
            f.write_str(")")
        }
        Filter::ValuePath { path, filter } => {
            write!(f, "{path}[")?;
            write(f, filter, Strength::Or)?;
            f.write_str("]")
        }
    }
}

/// A chain `a op b op c`: operands after the first are parenthesised when they bind no
/// more tightly than the chain itself (`right`), which keeps the AST's left-association.
fn chain(f: &mut fmt::Formatter<'_>, filter: &Filter, word: &str, right: Strength) -> fmt::Result {
    for (i, operand) in filter.operands().into_iter().enumerate() {
        if i > 0 {
            f.write_str(word)?;
        }
        write(f, operand, if i == 0 { strength(filter) } else { right })?;
    }
    Ok(())
}

/// A comparison value as JSON text; serde_json escapes strings the way the lexer reads them.
fn literal(value: &Value) -> String {
    value.to_string()
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write(f, self, Strength::Or)
    }
}

impl fmt::Display for PatchPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.attr)?;
        if let Some(filter) = &self.filter {
            write!(f, "[{filter}]")?;
        }
        if let Some(sub) = &self.sub {
            write!(f, ".{sub}")?;
        }
        Ok(())
    }
}
