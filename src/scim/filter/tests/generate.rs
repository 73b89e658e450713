//! A small deterministic generator of filter ASTs, and the property that every one of
//! them prints to text that parses back to itself. No dependency: a xorshift generator
//! with fixed seeds, so a failure names the seed that reproduces it.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{json, Value};

use super::super::{parse, parse_path, AttrPath, CompareOp, Filter, PatchPath, MAX_DEPTH};
use super::{CORE, ENTERPRISE};

/// xorshift64*: good enough to spread choices, and reproducible.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub(super) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Names include the keywords, which the grammar must still read as attributes.
pub(super) const NAMES: &[&str] =
    &["userName", "emails", "value", "type", "and", "or", "not", "pr", "eq", "true", "null", "$ref", "x-y_z9", "A"];
pub(super) const URNS: &[&str] = &[CORE, ENTERPRISE, "urn:example:params:1.0:Thing"];
pub(super) const STRINGS: &[&str] = &[
    "",
    "bjensen",
    "O'Malley",
    "a\"b",
    "back\\slash",
    "été",
    "😀",
    "tab\tnl\n",
    "\u{1}\u{1f}",
    "(x) [y] and or not",
    "2011-05-13T04:42:34Z",
];

fn name(rng: &mut Rng) -> String {
    rng.pick(NAMES).to_string()
}

/// A path at the top (maybe with a URN and a sub-attribute) or inside `[...]` (a bare name).
fn attr_path(rng: &mut Rng, top: bool) -> AttrPath {
    let urn = (top && rng.below(3) == 0).then(|| rng.pick(URNS).to_string());
    let sub = (top && rng.below(3) == 0).then(|| name(rng));
    AttrPath { urn, name: name(rng), sub }
}

fn value(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => json!(rng.next() as i64),
        3 => json!(rng.next()),
        4 => json!(*rng.pick(&[0.5, -0.25, 2.0, 1e300, -1e-300, 0.1, 123_456.789])),
        5 => json!(f64::from_bits(rng.next())),
        _ => json!(rng.pick(STRINGS)),
    }
}

/// A random filter no deeper than `depth`; value paths only at the top.
pub(super) fn filter(rng: &mut Rng, depth: usize, top: bool) -> Filter {
    let choice = if depth == 0 { rng.below(2) } else { rng.below(7) };
    match choice {
        0 => Filter::Present(attr_path(rng, top)),
        1 => {
            let op = *rng.pick(&CompareOp::ALL);
            Filter::Compare { path: attr_path(rng, top), op, value: value(rng) }
        }
        2 | 3 => Filter::And(Box::new(filter(rng, depth - 1, top)), Box::new(filter(rng, depth - 1, top))),
        4 => Filter::Or(Box::new(filter(rng, depth - 1, top)), Box::new(filter(rng, depth - 1, top))),
        5 => Filter::Not(Box::new(filter(rng, depth - 1, top))),
        _ if top => Filter::ValuePath {
            path: AttrPath { sub: None, ..attr_path(rng, true) },
            filter: Box::new(filter(rng, depth - 1, false)),
        },
        _ => filter(rng, depth - 1, top),
    }
}

#[test]
fn generated_filters_round_trip() {
    for seed in 0..3_000 {
        let mut rng = Rng::new(seed);
        let depth = rng.below(6);
        let ast = filter(&mut rng, depth, true);
        let text = ast.to_string();
        assert_eq!(parse(&text).as_ref(), Ok(&ast), "seed {seed}: {text}");
    }
}

#[test]
fn generated_patch_paths_round_trip() {
    for seed in 0..1_000 {
        let mut rng = Rng::new(seed);
        let attr = AttrPath { sub: None, ..attr_path(&mut rng, true) };
        let with_filter = rng.below(3) != 0;
        let path = PatchPath {
            filter: with_filter.then(|| filter(&mut rng, 2, false)),
            sub: (with_filter && rng.below(2) == 0).then(|| name(&mut rng)),
            attr: if with_filter { attr } else { attr_path(&mut rng, true) },
        };
        let text = path.to_string();
        assert_eq!(parse_path(&text).as_ref(), Ok(&path), "seed {seed}: {text}");
    }
}

/// Nesting at exactly the depth limit still round-trips.
#[test]
fn deepest_nesting_round_trips() {
    let mut ast = Filter::Present(AttrPath::new("title"));
    for _ in 0..MAX_DEPTH {
        ast = Filter::Not(Box::new(ast));
    }
    assert_eq!(parse(&ast.to_string()), Ok(ast));
}
