//! A filter resolved against a resource type once, for matching many resources: schema
//! definitions looked up, extension URNs decided, the comparison value case-folded and
//! dateTime operands parsed here, so matching (in `eval`) repeats none of it per resource.

use std::borrow::Cow;

use serde_json::{Number, Value};

use super::super::schema::{AttrType, Attribute};
use super::{datetime, AttrPath, CompareOp, Filter, ResourceType};

/// A filter compiled for one resource type by [`compile`]; match resources with
/// [`Compiled::matches`]. Owns everything it needs, so it outlives the `Filter`.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    pub(super) root: Node,
}

/// Compiles `filter` for resources of type `rt`. Matching the result gives exactly what
/// [`matches`](super::matches) gives; compile once when matching many resources.
pub fn compile(filter: &Filter, rt: &ResourceType) -> Compiled {
    Compiled { root: node(filter, None, rt) }
}

/// The compiled form of each [`Filter`] variant.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    /// `path op value` with a string, number or boolean value.
    Compare {
        lookup: Lookup,
        op: CompareOp,
        operand: Operand,
    },
    /// `path op null`: a question about presence (RFC 7643 §2.5).
    CompareNull {
        lookup: Lookup,
        op: CompareOp,
    },
    /// A comparison whose answer the value alone decides: an array or object operand
    /// (only in hand-built ASTs) meets no leaf as an equal, so only `ne` holds.
    Constant(bool),
    Present(Lookup),
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    ValuePath {
        lookup: Lookup,
        filter: Box<Node>,
    },
}

/// Where an attribute's values are, relative to the object being matched.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Lookup {
    /// The key of the extension object to look in: a URN other than the core schema's,
    /// at the top level only (inside `[...]` paths are relative to the element).
    pub(super) extension: Option<String>,
    pub(super) name: String,
    pub(super) sub: Option<String>,
}

/// The comparison value, prepared for the attribute's definition.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Operand {
    Text(Text),
    Number(Number),
    Bool(bool),
}

/// A string comparison value.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Text {
    /// As given if `case_exact`, else `str::to_lowercase`d, as attribute values will be.
    pub(super) folded: String,
    pub(super) case_exact: bool,
    /// The value as an instant, when the attribute is a dateTime, the operator compares
    /// order or equality (not `co sw ew`), and the value parses: then attribute values
    /// that parse compare chronologically.
    pub(super) instant: Option<datetime::Instant>,
}

/// `parent` is the value path's attribute while inside `[...]`.
fn node(filter: &Filter, parent: Option<&AttrPath>, rt: &ResourceType) -> Node {
    match filter {
        Filter::Compare { path, op, value } => {
            let lookup = lookup(path, parent, rt);
            match value {
                Value::Null => Node::CompareNull { lookup, op: *op },
                Value::String(text) => {
                    let def = compared(rt.attribute(&full_path(path, parent)));
                    Node::Compare { lookup, op: *op, operand: Operand::Text(prepare_text(text, *op, def)) }
                }
                Value::Number(number) => Node::Compare { lookup, op: *op, operand: Operand::Number(number.clone()) },
                Value::Bool(b) => Node::Compare { lookup, op: *op, operand: Operand::Bool(*b) },
                Value::Array(_) | Value::Object(_) => Node::Constant(*op == CompareOp::Ne),
            }
        }
        Filter::Present(path) => Node::Present(lookup(path, parent, rt)),
        Filter::And(..) => Node::And(filter.operands().into_iter().map(|f| node(f, parent, rt)).collect()),
        Filter::Or(..) => Node::Or(filter.operands().into_iter().map(|f| node(f, parent, rt)).collect()),
        Filter::Not(inner) => Node::Not(Box::new(node(inner, parent, rt))),
        Filter::ValuePath { path, filter } => {
            Node::ValuePath { lookup: lookup(path, parent, rt), filter: Box::new(node(filter, Some(path), rt)) }
        }
    }
}

/// At the top, a URN other than the core schema's selects the extension object stored
/// under that URN; inside `[...]` a URN (which the parser refuses) is ignored.
fn lookup(path: &AttrPath, parent: Option<&AttrPath>, rt: &ResourceType) -> Lookup {
    let extension = match (&path.urn, parent) {
        (Some(urn), None) if !rt.schema.id.eq_ignore_ascii_case(urn) => Some(urn.clone()),
        _ => None,
    };
    Lookup { extension, name: path.name.clone(), sub: path.sub.clone() }
}

fn prepare_text(text: &str, op: CompareOp, def: Option<&Attribute>) -> Text {
    let case_exact = def.is_some_and(|d| d.case_exact);
    let substring = matches!(op, CompareOp::Co | CompareOp::Sw | CompareOp::Ew);
    let chronological = def.is_some_and(|d| d.ty == AttrType::DateTime) && !substring;
    Text {
        folded: if case_exact { text.to_string() } else { text.to_lowercase() },
        case_exact,
        instant: if chronological { datetime::parse(text) } else { None },
    }
}

/// The path from the resource's root: inside `emails[...]`, `type` is `emails.type`.
pub(super) fn full_path<'p>(path: &'p AttrPath, parent: Option<&AttrPath>) -> Cow<'p, AttrPath> {
    match parent {
        None => Cow::Borrowed(path),
        Some(parent) => {
            Cow::Owned(AttrPath { urn: parent.urn.clone(), name: parent.name.clone(), sub: Some(path.name.clone()) })
        }
    }
}

/// The definition a comparison uses: a complex attribute compares its `value`.
pub(super) fn compared(def: Option<&'static Attribute>) -> Option<&'static Attribute> {
    match def {
        Some(complex) if complex.ty == AttrType::Complex => complex.sub("value").or(Some(complex)),
        other => other,
    }
}
