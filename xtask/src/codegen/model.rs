//! The intermediate model: what the spec means, in terms the emitters can use directly.
//!
//! The loader and the converter know OpenAPI; the emitters only know this module. Every name
//! here is already a valid, collision-free Rust identifier.

/// A whole API: its named types and its operations.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// `info.title` of the spec.
    pub title: String,
    /// `info.version` of the spec.
    pub version: String,
    /// The server URLs, in spec order.
    pub servers: Vec<String>,
    /// Every named type, in a stable order: component schemas in spec order, then the inline
    /// types in the order they were found.
    pub types: Vec<TypeDef>,
    /// Every operation, in spec order (path, then method).
    pub operations: Vec<Operation>,
    /// Headers a client sets once and sends with every request, in spec order.
    pub global_headers: Vec<GlobalHeader>,
}

impl Api {
    /// The type a [`Ty::Named`] points at.
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
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
    pub origin: String,
    /// Documentation from the spec's `title` and `description`.
    pub doc: Option<String>,
    /// What it is.
    pub kind: TypeKind,
}

/// The shapes a named type can take.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with known properties; unknown properties are kept.
    Struct(Struct),
    /// A string enum that also accepts values it does not know.
    Enum(StringEnum),
    /// A `oneOf` with a discriminator: variants chosen by the value of one property.
    Tagged(TaggedUnion),
    /// A `oneOf` or `anyOf` without discriminator: variants tried in order.
    Untagged(UntaggedUnion),
    /// Another name for a type expression (maps, arrays, primitives).
    Alias(Ty),
}

/// An object schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Known properties, in spec order.
    pub fields: Vec<Field>,
    /// Where properties the spec does not list go.
    pub extra: Extra,
}

impl Struct {
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
    /// The value type.
    pub ty: Ty,
    /// Whether it may be absent or null.
    pub presence: Presence,
    /// Whether the value is boxed to break a recursive cycle.
    pub boxed: bool,
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

/// An open string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct StringEnum {
    /// The known values.
    pub variants: Vec<EnumVariant>,
    /// Name of the variant that keeps unknown values verbatim.
    pub fallback: String,
}

/// One known value of a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    /// The value on the wire.
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
    /// The struct it carries (its tag property removed).
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
}

impl Ty {
    /// The named type this expression holds inline (not behind a `Vec` or map), if any.
    pub fn inline_named(&self) -> Option<TypeId> {
        match self {
            Ty::Named(id) => Some(*id),
            _ => None,
        }
    }
}

/// A header a client sets once, for every request, instead of on each call: a parameter the
/// spec lists under `x-speakeasy-globals`. Operations still list it; their client methods
/// leave it out.
#[derive(Debug, Clone, PartialEq)]
pub struct GlobalHeader {
    /// The header name on the wire.
    pub wire: String,
    /// The Rust name of the client setting, such as `api_version`.
    pub name: String,
    /// The value sent when the client sets none: the schema's `default`.
    pub default: Option<String>,
    /// Whether the spec requires it, so that a client without a value cannot be built.
    pub required: bool,
    /// Documentation from the parameter's description.
    pub doc: Option<String>,
}

impl GlobalHeader {
    /// Whether it is the parameter `param` of an operation.
    pub fn is(&self, param: &Param) -> bool {
        param.location == ParamLocation::Header && param.wire.eq_ignore_ascii_case(&self.wire)
    }
}

/// An HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The operationId as written in the spec (or derived from method and path).
    pub id: String,
    /// The Rust method name.
    pub name: String,
    /// Upper-case HTTP method.
    pub method: String,
    /// The path template, such as `/workflow_runs/{id}`.
    pub path: String,
    /// Summary and description.
    pub doc: Option<String>,
    /// Parameters, path ones first in template order.
    pub params: Vec<Param>,
    /// The request body.
    pub body: Option<Body>,
    /// The documented success (2xx) responses, in spec order.
    pub success: Vec<SuccessResponse>,
    /// The documented error responses with a JSON body.
    pub errors: Vec<ErrorResponse>,
    /// Whether the spec requires credentials for it, by its own `security` or the document's.
    pub secured: bool,
}

/// A parameter of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The name on the wire.
    pub wire: String,
    /// The Rust argument name.
    pub name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Its type.
    pub ty: Ty,
    /// Whether it must be given.
    pub required: bool,
    /// Documentation.
    pub doc: Option<String>,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// A segment of the path.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// What it carries.
    pub payload: Payload,
    /// Whether it must be sent.
    pub required: bool,
}

/// What a request or response body carries, by media type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Payload {
    /// JSON (`application/json` or any `+json` type) of a type.
    Json(Ty),
    /// Text (`text/*`).
    Text,
    /// Bytes (any other media type).
    Binary,
}

/// A documented success response.
#[derive(Debug, Clone, PartialEq)]
pub struct SuccessResponse {
    /// The status code, or a range such as `2XX`.
    pub status: String,
    /// The description of the response.
    pub doc: Option<String>,
    /// Its body, if it has one.
    pub payload: Option<Payload>,
    /// The media type of that body, as the spec names it (`application/vnd.example+json`).
    pub media_type: Option<String>,
    /// The JSON examples of its body, by name (`example` alone is named `example`).
    pub examples: Vec<Example>,
}

/// A named example value from the spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Its key under `examples`.
    pub name: String,
    /// The value as compact JSON text.
    pub json: String,
}

/// A documented error response.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorResponse {
    /// The status code, or `default`, or a range such as `4XX`.
    pub status: String,
    /// The description of the response.
    pub doc: Option<String>,
    /// The media type of the body, as the spec names it.
    pub media_type: String,
    /// The body type.
    pub ty: Ty,
}
