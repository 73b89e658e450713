//! Attribute projection (RFC 7644 §3.4.2.5, §3.9) under each attribute's `returned`
//! characteristic (RFC 7643 §2.2): one function shapes every resource a response carries,
//! whether from a GET, a write, or a list.

use serde_json::{Map, Value};

use super::filter::{self, FilterError};
use super::path::AttrPath;
use super::schema::{Attribute, ResourceType, Returned, Schema};

/// `resource` as the client asked to see it.
///
/// - `returned: always` attributes (`id`) and `schemas` are always there;
///   `never` (`password`) never is.
/// - With `attributes`, only the named attributes and the `always` ones. A name may be a
///   sub-attribute (`name.givenName`, `emails.value`, `meta.lastModified`), URN-qualified
///   (`urn:…:enterprise:2.0:User:employeeNumber`), or a bare extension URN for the whole
///   extension. `returned: request` attributes appear only when named themselves.
/// - Otherwise the `default` attributes, minus `excluded` (no effect on `always`).
/// - Attributes the schemas don't define count as `default`: kept unless excluded.
///
/// For write responses, pass what the client wrote as `attributes` to honour `request`
/// attributes that were written (RFC 7643 §2.2); by default they are left out.
pub fn project(resource: &Value, rt: &ResourceType, attributes: &[AttrPath], excluded: &[AttrPath]) -> Value {
    Projector::new(rt, attributes, excluded).apply(resource)
}

/// Parses a comma-separated `attributes`/`excludedAttributes` value (RFC 7644 §3.10).
/// Empty items (`a,,b`, a trailing comma) are skipped.
pub fn parse_attr_list(raw: &str) -> Result<Vec<AttrPath>, (String, FilterError)> {
    raw.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| filter::parse_attr_path(item).map_err(|e| (item.to_string(), e)))
        .collect()
}

/// A projection with its paths resolved once, to apply to many resources (a list page).
pub struct Projector<'q> {
    rt: &'q ResourceType,
    include: Vec<Target<'q>>,
    exclude: Vec<Target<'q>>,
}

/// A requested path, resolved to where it lives in a stored resource.
struct Target<'q> {
    /// The extension object it is inside; `None` for core and common attributes.
    container: Option<&'q str>,
    name: &'q str,
    sub: Option<&'q str>,
    /// `urn:name` when a path parsed as URN + name may be a bare extension URN
    /// (`urn:…:enterprise:2.0` + `User`): the top-level key it selects whole.
    whole_key: Option<String>,
}

/// What a set of targets says about one attribute.
enum Pick<'q> {
    /// Not named.
    Nothing,
    /// The whole attribute; `explicit` unless it was selected through its whole extension.
    Whole { explicit: bool },
    /// Only these sub-attributes.
    Subs(Vec<&'q str>),
}

fn returned(def: Option<&Attribute>) -> Returned {
    def.map_or(Returned::Default, |d| d.returned)
}

/// Whether a sub-attribute appears when its parent is returned without a sub-selection.
fn shown_by_default(def: Option<&Attribute>) -> bool {
    !matches!(returned(def), Returned::Never | Returned::Request)
}

fn eq_opt(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        _ => false,
    }
}

impl<'q> Projector<'q> {
    pub fn new(rt: &'q ResourceType, attributes: &'q [AttrPath], excluded: &'q [AttrPath]) -> Self {
        let resolve = |paths: &'q [AttrPath]| paths.iter().map(|p| Target::resolve(p, rt)).collect();
        Projector { rt, include: resolve(attributes), exclude: resolve(excluded) }
    }

    /// The projection of one resource; non-objects come back unchanged.
    pub fn apply(&self, resource: &Value) -> Value {
        let Some(map) = resource.as_object() else {
            return resource.clone();
        };
        let mut out = Map::new();
        for (key, value) in map {
            let projected = if key.eq_ignore_ascii_case("schemas") {
                Some(value.clone())
            } else if let Some((schema, members)) = self.extension_object(key, value) {
                let members = self.project_members(key, schema, members);
                (!members.is_empty()).then_some(Value::Object(members))
            } else {
                self.project_attr(None, key, self.rt.attribute(&AttrPath::new(key.as_str())), value)
            };
            if let Some(v) = projected {
                out.insert(key.clone(), v);
            }
        }
        Value::Object(out)
    }

    /// An extension object: under a URN the resource type declares, or any `urn:` key
    /// holding an object (an extension we don't know, kept generically).
    fn extension_object<'v>(
        &self,
        key: &str,
        value: &'v Value,
    ) -> Option<(Option<&'static Schema>, &'v Map<String, Value>)> {
        let members = value.as_object()?;
        let schema = self.rt.extension(key);
        let is_urn = key.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("urn:"));
        (schema.is_some() || is_urn).then_some((schema, members))
    }

    fn project_members(&self, urn: &str, schema: Option<&Schema>, members: &Map<String, Value>) -> Map<String, Value> {
        members
            .iter()
            .filter_map(|(name, v)| {
                let def = schema.and_then(|s| s.attribute(name));
                Some((name.clone(), self.project_attr(Some(urn), name, def, v)?))
            })
            .collect()
    }

    /// One attribute under the `returned` rules; `None` leaves it out.
    fn project_attr(
        &self,
        container: Option<&str>,
        name: &str,
        def: Option<&Attribute>,
        value: &Value,
    ) -> Option<Value> {
        let returned = returned(def);
        let always = |sub: Option<&Attribute>| returned_is(sub, Returned::Always);
        match returned {
            Returned::Never => None,
            Returned::Always => keep_subs(value, def, true, |_, sub| !returned_is(sub, Returned::Never)),
            _ if !self.include.is_empty() => match pick(&self.include, container, name) {
                Pick::Whole { explicit } if explicit || returned != Returned::Request => default_subs(value, def),
                Pick::Subs(named) => keep_subs(value, def, false, |key, sub| {
                    always(sub)
                        || (named.iter().any(|n| n.eq_ignore_ascii_case(key)) && !returned_is(sub, Returned::Never))
                }),
                Pick::Whole { .. } | Pick::Nothing => None,
            },
            Returned::Request => None,
            _ => match pick(&self.exclude, container, name) {
                Pick::Whole { .. } => None,
                Pick::Subs(named) => keep_subs(value, def, true, |key, sub| {
                    always(sub) || (shown_by_default(sub) && !named.iter().any(|n| n.eq_ignore_ascii_case(key)))
                }),
                Pick::Nothing => default_subs(value, def),
            },
        }
    }
}

fn returned_is(def: Option<&Attribute>, r: Returned) -> bool {
    returned(def) == r
}

impl<'q> Target<'q> {
    fn resolve(path: &'q AttrPath, rt: &ResourceType) -> Self {
        let container = path.urn.as_deref().filter(|urn| !rt.schema.id.eq_ignore_ascii_case(urn));
        let whole_key = match (container, &path.sub) {
            (Some(urn), None) => Some(format!("{urn}:{}", path.name)),
            _ => None,
        };
        Target { container, name: &path.name, sub: path.sub.as_deref(), whole_key }
    }

    /// Whether this target names the top-level key `key` as a whole.
    fn selects_whole(&self, key: &str) -> bool {
        let by_name = self.container.is_none() && self.sub.is_none() && self.name.eq_ignore_ascii_case(key);
        by_name || self.whole_key.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(key))
    }
}

/// What `targets` select of attribute `name` (inside extension `container`, if any).
fn pick<'q>(targets: &[Target<'q>], container: Option<&str>, name: &str) -> Pick<'q> {
    let mut subs = Vec::new();
    let mut via_extension = false;
    for t in targets {
        if container.is_none() && t.selects_whole(name) {
            return Pick::Whole { explicit: true };
        }
        if eq_opt(t.container, container) && t.name.eq_ignore_ascii_case(name) {
            match t.sub {
                None => return Pick::Whole { explicit: true },
                Some(sub) => subs.push(sub),
            }
        }
        via_extension |= container.is_some_and(|urn| t.selects_whole(urn));
    }
    match (via_extension, subs.is_empty()) {
        (true, _) => Pick::Whole { explicit: false },
        (false, false) => Pick::Subs(subs),
        (false, true) => Pick::Nothing,
    }
}

/// The attribute with the sub-attributes that show by default (all, unless the schema
/// marks some `never`/`request`).
fn default_subs(value: &Value, def: Option<&Attribute>) -> Option<Value> {
    match def {
        Some(d) if !d.sub_attributes.iter().all(|s| shown_by_default(Some(s))) => {
            keep_subs(value, def, true, |_, sub| shown_by_default(sub))
        }
        _ => Some(value.clone()),
    }
}

/// `value` with only the sub-attributes `keep` accepts, element by element for
/// multi-valued attributes. A complex value left empty is dropped; a simple value is kept
/// only if `keep_simple` (a sub-attribute selection like `userName.x` selects nothing).
fn keep_subs(
    value: &Value,
    def: Option<&Attribute>,
    keep_simple: bool,
    keep: impl Fn(&str, Option<&Attribute>) -> bool + Copy,
) -> Option<Value> {
    match value {
        Value::Object(map) => {
            let kept: Map<String, Value> = map
                .iter()
                .filter(|(k, _)| keep(k, def.and_then(|d| d.sub(k))))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            (kept.len() == map.len() || !kept.is_empty()).then_some(Value::Object(kept))
        }
        Value::Array(items) => {
            let kept: Vec<Value> = items.iter().filter_map(|v| keep_subs(v, def, keep_simple, keep)).collect();
            (kept.len() == items.len() || !kept.is_empty()).then_some(Value::Array(kept))
        }
        simple => keep_simple.then(|| simple.clone()),
    }
}

#[cfg(test)]
mod tests;
