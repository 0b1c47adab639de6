//! The intermediate model: what the spec means, in terms the emitters can use directly.
//!
//! The loader and the converter know OpenAPI; the emitters only know this module. Every name
//! here is already a valid, collision-free Rust identifier. Types are here, operations in
//! `operation`, and what follows from the whole graph (which types a request reaches) in
//! `graph`.

mod constraints;
mod graph;
mod operation;

pub use crate::pointer::Pointer;
pub use constraints::{Bound, Constraints, Pattern};
pub use graph::{body_ty, named_dependencies, reachable, request_types, response_types};
pub use operation::{
    Body, Example, FieldEncoding, GlobalHeader, Method, Operation, PageBy, PageField, Pagination,
    Param, ParamLocation, Part, PathTemplate, Payload, Polling, RequestPayload, Response, Scalar,
    Segment, Status, Style, Styled, Support, Wire,
};

/// A whole API: its named types and its operations.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// `info.title` of the spec.
    pub title: String,
    /// `info.version` of the spec.
    pub version: String,
    /// The server URLs, in spec order.
    pub servers: Vec<String>,
    /// Every named type, in a stable order: component schemas in spec order, the inline types
    /// in the order they were found, then the request shapes of types that requests and
    /// responses see differently (`readOnly`, `writeOnly`).
    pub types: Vec<TypeDef>,
    /// Every operation, in spec order (path, then method).
    pub operations: Vec<Operation>,
    /// Headers a client sets once and sends with every request, in spec order.
    pub global_headers: Vec<GlobalHeader>,
    /// The name the models give the support module's file type, when a [`Ty::File`] is used:
    /// `File`, unless a schema has that name.
    pub file_type: Option<String>,
}

impl Api {
    /// The type a [`Ty::Named`] points at.
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The one value a required field can take, when its type is an enum of one value (an
    /// `object: extract_run` marker, a union's tag): `new` sets it rather than asking for it.
    pub fn constant_value(&self, field: &Field) -> Option<&EnumVariant> {
        let Ty::Named(id) = field.ty else {
            return None;
        };
        match &self.get(id).kind {
            TypeKind::Enum(e) if field.presence == Presence::Required && e.variants.len() == 1 => {
                e.variants.first()
            }
            _ => None,
        }
    }

    /// The required fields `new` asks for: all but those of [`Api::constant_value`].
    pub fn constructor_fields<'s>(&'s self, s: &'s Struct) -> impl Iterator<Item = &'s Field> {
        s.required_fields()
            .filter(|f| self.constant_value(f).is_none())
    }

    /// The type an alias stands for (`NextPageToken` is a `String`), through chains of aliases
    /// and inside lists; any other type as it is.
    pub fn unalias(&self, ty: &Ty) -> Ty {
        fn walk(api: &Api, ty: &Ty, depth: usize) -> Ty {
            match ty {
                Ty::Named(id) if depth < 32 => match &api.get(*id).kind {
                    TypeKind::Alias(inner) => walk(api, inner, depth + 1),
                    _ => ty.clone(),
                },
                Ty::Array(inner) => Ty::Array(Box::new(walk(api, inner, depth))),
                _ => ty.clone(),
            }
        }
        walk(self, ty, 0)
    }
}

/// Index of a type in [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// A named type of the generated code.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust name.
    pub name: String,
    /// Where it comes from: a JSON pointer into the spec.
    pub origin: Pointer,
    /// Documentation from the spec's `title` and `description`.
    pub doc: Option<String>,
    /// What it is.
    pub kind: TypeKind,
    /// What its values must satisfy beyond their type.
    pub constraints: Constraints,
    /// Whether the spec marks the schema `deprecated`.
    pub deprecated: bool,
    /// For an inline schema the spec describes exactly as another type: that type, which
    /// this one is an alias of.
    pub same_as: Option<TypeId>,
}

/// The shapes a named type can take.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with known properties; unknown properties are kept.
    Struct(Struct),
    /// A string or integer enum that also accepts values it does not know.
    Enum(Enum),
    /// A `oneOf` with a discriminator: variants chosen by the value of one property.
    Tagged(TaggedUnion),
    /// A `oneOf` or `anyOf` without discriminator: variants tried in order.
    Untagged(UntaggedUnion),
    /// Another name for a type expression (maps, arrays, primitives).
    Alias(Ty),
}

impl TypeKind {
    /// Replaces every named type the kind holds (fields, the map of other properties,
    /// variants, an alias's target) by `f` of it.
    pub fn map_named(&mut self, f: &impl Fn(TypeId) -> TypeId) {
        match self {
            TypeKind::Struct(s) => {
                for field in &mut s.fields {
                    field.ty = field.ty.map_named(f);
                }
                s.extra.value = s.extra.value.map_named(f);
            }
            TypeKind::Tagged(t) => {
                for v in &mut t.variants {
                    v.ty = f(v.ty);
                }
            }
            TypeKind::Untagged(u) => {
                for v in &mut u.variants {
                    v.ty = v.ty.map_named(f);
                }
            }
            TypeKind::Alias(ty) => *ty = ty.map_named(f),
            TypeKind::Enum(_) => {}
        }
    }
}

/// An object schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Known properties, in spec order.
    pub fields: Vec<Field>,
    /// Where properties the spec does not list go.
    pub extra: Extra,
    /// Properties a request must not carry: the spec's `readOnly` ones, left out of this
    /// request shape.
    pub refused: Vec<String>,
    /// With `additionalProperties: false`, the only properties a server accepts (the known
    /// ones and a union's tag). The model still keeps others it reads, to stay lenient.
    pub closed: Option<Vec<String>>,
    /// When it has more required properties than a constructor takes as arguments, the name
    /// of the struct that holds them, which `new` takes instead.
    pub required_type: Option<String>,
    /// Sets of properties of which one must be present (`anyOf` of `required` lists), or
    /// exactly one (`oneOf`).
    pub alternatives: Option<RequiredAlternatives>,
}

/// An object's rule that it carries one of several sets of properties.
#[derive(Debug, Clone, PartialEq)]
pub struct RequiredAlternatives {
    /// `oneOf`: exactly one set is present in full; `anyOf`: at least one.
    pub exactly_one: bool,
    /// The sets, each of property names on the wire.
    pub sets: Vec<Vec<String>>,
}

impl RequiredAlternatives {
    /// The rule in words, for docs and refusals: "`fileUrl` or `fileId`".
    pub fn describe(&self) -> String {
        let sets: Vec<String> = self
            .sets
            .iter()
            .map(|set| {
                let names: Vec<String> = set.iter().map(|n| format!("`{n}`")).collect();
                names.join(" and ")
            })
            .collect();
        let alternatives = sets.join(" or ");
        if self.exactly_one {
            format!("exactly one of {alternatives}")
        } else {
            alternatives
        }
    }
}

impl Struct {
    /// The most required properties `new` takes as arguments of their own.
    pub const MAX_CONSTRUCTOR_ARGS: usize = 3;

    /// The properties a value must be given: required ones, nullable or not.
    pub fn required_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields
            .iter()
            .filter(|f| matches!(f.presence, Presence::Required | Presence::RequiredNullable))
    }

    /// True when every field may be left out, so that `Default` makes sense.
    pub fn all_optional(&self) -> bool {
        self.fields
            .iter()
            .all(|f| matches!(f.presence, Presence::Optional | Presence::OptionalNullable))
    }
}

/// The catch-all map of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    /// Rust name of the map field.
    pub name: String,
    /// The value type: any JSON for unknown fields, or the `additionalProperties` schema.
    pub value: Ty,
}

/// One property of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The name on the wire.
    pub wire: String,
    /// The Rust name.
    pub name: String,
    /// Documentation from the property's description.
    pub doc: Option<String>,
    /// The named type whose own doc describes the property, when the property is a bare
    /// `$ref` to it: its doc links there instead of repeating it.
    pub see: Option<TypeId>,
    /// The value type.
    pub ty: Ty,
    /// Whether it may be absent or null.
    pub presence: Presence,
    /// Whether the value is boxed to break a recursive cycle.
    pub boxed: bool,
    /// What its value must satisfy beyond its type.
    pub constraints: Constraints,
    /// The value the spec gives as `default`, as JSON text.
    pub default: Option<String>,
    /// Whether the spec marks the property `deprecated`.
    pub deprecated: bool,
    /// Whether it goes only one way: `readOnly` or `writeOnly`.
    pub access: Access,
}

/// Which way a property goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Access {
    /// Both ways.
    #[default]
    ReadWrite,
    /// `readOnly`: in responses only, never in a request.
    ReadOnly,
    /// `writeOnly`: in requests only, never in a response.
    WriteOnly,
}

/// How a property may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always present, never null: `T`.
    Required,
    /// Always present, may be null: `Option<T>`, written as `null`.
    RequiredNullable,
    /// May be absent (`null` reads as absent): `Option<T>`, omitted when `None`.
    Optional,
    /// May be absent or null and the difference matters (request bodies):
    /// `Option<Option<T>>`, where `Some(None)` is an explicit `null`.
    OptionalNullable,
}

/// An open enum of strings or integers: the values the spec lists, and any other kept as it
/// came.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// What its values are.
    pub kind: EnumKind,
    /// The known values.
    pub variants: Vec<EnumVariant>,
    /// Name of the variant that keeps unknown values verbatim.
    pub fallback: String,
}

/// The JSON type of an enum's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumKind {
    /// Strings.
    String,
    /// Whole numbers (`i64`).
    Integer,
}

/// One known value of an enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    /// The value on the wire: the string, or the integer in decimal.
    pub wire: String,
    /// The Rust variant name.
    pub name: String,
}

/// A discriminated union.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedUnion {
    /// The discriminating property.
    pub tag: String,
    /// Known variants.
    pub variants: Vec<TaggedVariant>,
    /// Name of the variant that keeps objects with an unknown tag verbatim.
    pub fallback: String,
}

/// One variant of a discriminated union.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedVariant {
    /// The tag value that selects it.
    pub value: String,
    /// The Rust variant name.
    pub name: String,
    /// The struct it carries; when the struct declares the tag property, that field holds
    /// the tag and is what is written.
    pub ty: TypeId,
    /// Whether the payload is boxed to break a recursive cycle.
    pub boxed: bool,
}

/// A union tried in order.
#[derive(Debug, Clone, PartialEq)]
pub struct UntaggedUnion {
    /// Variants in the order they are tried.
    pub variants: Vec<UntaggedVariant>,
    /// Name of the last-resort variant holding any JSON value, unless a variant already accepts
    /// anything.
    pub fallback: Option<String>,
}

/// One variant of an untagged union.
#[derive(Debug, Clone, PartialEq)]
pub struct UntaggedVariant {
    /// The Rust variant name.
    pub name: String,
    /// The payload.
    pub ty: Ty,
    /// Whether the payload is boxed to break a recursive cycle.
    pub boxed: bool,
}

/// A type expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// A generated type.
    Named(TypeId),
    /// Text.
    String,
    /// `format: date-time`: an RFC 3339 timestamp.
    DateTime,
    /// `format: date`: a calendar date.
    Date,
    /// A 32-bit integer (`format: int32`).
    I32,
    /// A 64-bit integer.
    I64,
    /// A 32-bit float (`format: float`).
    F32,
    /// A 64-bit float.
    F64,
    /// `true` or `false`.
    Bool,
    /// A list.
    Array(Box<Ty>),
    /// An object used as a map from string keys to values.
    Map(Box<Ty>),
    /// Any JSON value.
    Any,
    /// Any JSON object.
    AnyObject,
    /// The JSON value `null` and nothing else: `()`.
    Null,
    /// `format: binary`: a file's bytes, with the name and media type a multipart part gives.
    File,
}

impl Ty {
    /// The type in a word or two, for variant names and messages: `string`, `date-time`,
    /// `array`, or a named type's name (which `name_of` gives).
    pub fn noun<'n>(&self, name_of: impl Fn(TypeId) -> &'n str) -> &'n str {
        match self {
            Ty::Named(id) => name_of(*id),
            Ty::String => "string",
            Ty::DateTime => "date-time",
            Ty::Date => "date",
            Ty::I32 | Ty::I64 => "integer",
            Ty::F32 | Ty::F64 => "number",
            Ty::Bool => "boolean",
            Ty::Array(_) => "array",
            Ty::Map(_) | Ty::AnyObject => "object",
            Ty::Any => "any",
            Ty::Null => "null",
            Ty::File => "file",
        }
    }

    /// The expression with every named type replaced by `f` of it.
    pub fn map_named(&self, f: &impl Fn(TypeId) -> TypeId) -> Ty {
        match self {
            Ty::Named(id) => Ty::Named(f(*id)),
            Ty::Array(inner) => Ty::Array(Box::new(inner.map_named(f))),
            Ty::Map(inner) => Ty::Map(Box::new(inner.map_named(f))),
            other => other.clone(),
        }
    }

    /// Every named type the expression mentions, inside lists and maps too.
    pub fn named_types(&self) -> Vec<TypeId> {
        match self {
            Ty::Named(id) => vec![*id],
            Ty::Array(inner) | Ty::Map(inner) => inner.named_types(),
            _ => Vec::new(),
        }
    }

    /// The named type this expression holds inline (not behind a `Vec` or map), if any.
    pub fn inline_named(&self) -> Option<TypeId> {
        match self {
            Ty::Named(id) => Some(*id),
            _ => None,
        }
    }
}
