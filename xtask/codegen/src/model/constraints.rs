//! What a value must satisfy beyond its type: the schema's validation keywords. The generated
//! docs show them and the generated server checks them.

/// The validation keywords of one schema position. Those of a `$ref` belong to the type it
/// names.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Constraints {
    /// `minLength`, in characters.
    pub min_length: Option<u64>,
    /// `maxLength`, in characters.
    pub max_length: Option<u64>,
    /// `pattern`.
    pub pattern: Option<Pattern>,
    /// `minimum`, or `exclusiveMinimum` with it.
    pub minimum: Option<Bound>,
    /// `maximum`, or `exclusiveMaximum` with it.
    pub maximum: Option<Bound>,
    /// `multipleOf`.
    pub multiple_of: Option<f64>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems`.
    pub unique_items: bool,
    /// `minProperties`.
    pub min_properties: Option<u64>,
    /// `maxProperties`.
    pub max_properties: Option<u64>,
    /// The values of an `enum` that no Rust type expresses (numbers, booleans, mixed), as JSON
    /// text.
    pub values: Vec<String>,
    /// A `format` no Rust type expresses (`uuid`, `email`, `uri`): shown, not checked.
    pub format: Option<String>,
    /// Those of an array's items.
    pub items: Option<Box<Constraints>>,
    /// Those of a map's values (`additionalProperties`).
    pub entries: Option<Box<Constraints>>,
}

/// A lower or upper bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    /// The bound.
    pub value: f64,
    /// Whether the bound itself is excluded.
    pub exclusive: bool,
}

/// A `pattern`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The regular expression as the spec writes it.
    pub regex: String,
    /// Whether the server can check it (the regex engine accepts it).
    pub checked: bool,
}

impl Constraints {
    /// Whether there is nothing to check or show.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// Whether a server has anything to check: not only a `format` or a pattern its regex
    /// engine cannot read.
    pub fn is_checked(&self) -> bool {
        let shown_only = Self {
            format: self.format.clone(),
            pattern: self.pattern.clone().filter(|p| !p.checked),
            ..Self::default()
        };
        self != &shown_only
    }
}
