//! Operations: method, path template, parameters, bodies and responses, each parsed once into
//! a type the emitters match on.

use super::Ty;
use crate::pointer::Pointer;
use std::fmt;

/// An HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The operationId as written in the spec (or derived from method and path).
    pub id: String,
    /// The Rust method name.
    pub name: String,
    /// The HTTP method.
    pub method: Method,
    /// The path template, such as `/workflow_runs/{id}`.
    pub path: PathTemplate,
    /// Where the operation is in the spec: `/paths/~1workflow_runs~1{id}/post`.
    pub pointer: Pointer,
    /// Summary and description.
    pub doc: Option<String>,
    /// Parameters, path ones first in template order.
    pub params: Vec<Param>,
    /// The name of the struct, among the models, that holds one value of each parameter:
    /// what a client call fills in and what a server method receives.
    pub params_type: String,
    /// The request body.
    pub body: Option<Body>,
    /// The documented success (2xx) responses, in spec order.
    pub success: Vec<Response>,
    /// The documented other responses, in spec order, `default` last.
    pub errors: Vec<Response>,
    /// Whether the spec requires credentials for it, by its own `security` or the document's.
    pub secured: bool,
    /// Whether the spec marks the operation `deprecated`.
    pub deprecated: bool,
    /// How to follow its pages, when the spec marks it as a cursor-paginated listing.
    pub pagination: Option<Pagination>,
    /// Its first tag, which names the cargo feature of a standalone crate it is under.
    pub tag: Option<String>,
    /// How to wait for what it reads to finish, when the spec marks it `x-polling`.
    pub polling: Option<Polling>,
    /// Whether a generated client and a generated server can serve it, and why not.
    pub support: Support,
}

/// What the generated code can do with an operation: `None` where it can, the reason where it
/// cannot (the operation is then left out of that side, with a warning naming the reason).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Support {
    /// Why the client cannot call it.
    pub client: Option<String>,
    /// Why the server cannot serve it.
    pub server: Option<String>,
}

/// A parameter type that goes on the wire as one piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// Text as it is.
    Text,
    /// A number or boolean, written and read with `Display` and `FromStr`.
    Plain,
    /// A calendar date, `2024-03-01`.
    Date,
    /// An RFC 3339 timestamp.
    DateTime,
    /// One of an enum's values.
    Enum(super::TypeId),
}

/// How a parameter's value goes on the wire, from its type, its place and its style: the one
/// rule the client writes it by and the server reads it by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Wire {
    /// The text of one scalar; in the query, with `list`, one pair per item
    /// (`tags=a&tags=b`, OpenAPI's default).
    Scalar {
        /// The value's, or each item's, kind of text.
        scalar: Scalar,
        /// Whether it is a list of them.
        list: bool,
    },
    /// A query parameter written from its JSON form by its style: objects, unions and maps,
    /// lists that are not `form` exploded, and `deepObject`s.
    Styled,
    /// A list, object, map or union in a path segment, a header or a cookie: one `simple`
    /// text (`a,b`; `k,v`).
    Simple,
}

/// A listing whose pages are read one after another, by a cursor its `x-pagination` marker
/// names or by the `Link` header its responses declare: the client gets a method that streams
/// the items of every page.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The Rust name of the stream method.
    pub method: String,
    /// The type of one item.
    pub item: Ty,
    /// How the next page is found.
    pub by: PageBy,
}

/// How a listing names its next page.
#[derive(Debug, Clone, PartialEq)]
pub enum PageBy {
    /// A cursor (the `x-pagination` marker): a query parameter takes it, a response field
    /// gives the next one, and another holds the page's items.
    Cursor {
        /// The Rust name of the query parameter that takes the cursor (optional, a string).
        cursor_param: String,
        /// Its name on the wire.
        cursor_wire: String,
        /// The response field that holds the next page's cursor (a string).
        next_cursor: PageField,
        /// The response field that holds the page's items (an array).
        items: PageField,
    },
    /// The next page's URL in the response's `Link` header (RFC 8288, `rel="next"`), as
    /// GitHub pages; the body is the page's items.
    Link,
}

/// A read of something whose status moves on its own (a run), as its `x-polling` marker
/// names it: the client's builder gets a `wait()` that sends it until the status is final.
#[derive(Debug, Clone, PartialEq)]
pub struct Polling {
    /// The status as the marker names it (`status`, or `workflowRun.status` inside a field).
    pub wire: String,
    /// The fields from the success body to the status (a string or string enum): all but the
    /// last are required objects.
    pub path: Vec<PageField>,
    /// The status values the marker lists.
    pub values: Vec<String>,
    /// Whether those are the values that are not final (`pending`), any other being final;
    /// otherwise they are the final ones (`final`).
    pub listed_are_pending: bool,
}

impl Polling {
    /// Which statuses end the wait, in words for the docs.
    pub fn describe(&self) -> String {
        let values: Vec<String> = self.values.iter().map(|v| format!("`{v}`")).collect();
        if self.listed_are_pending {
            format!("any but {}", values.join(", "))
        } else {
            values.join(", ")
        }
    }
}

/// A field of a page's body: its Rust name, and whether the model wraps it in an `Option`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageField {
    /// The Rust field name.
    pub name: String,
    /// Whether it is an `Option` (optional or nullable in the spec).
    pub optional: bool,
}

/// An HTTP method OpenAPI can describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    /// The method as a path item's key names it (`get`); `None` for other keys.
    pub fn from_key(key: &str) -> Option<Self> {
        Some(match key {
            "get" => Self::Get,
            "put" => Self::Put,
            "post" => Self::Post,
            "delete" => Self::Delete,
            "options" => Self::Options,
            "head" => Self::Head,
            "patch" => Self::Patch,
            "trace" => Self::Trace,
            _ => return None,
        })
    }

    /// The method as it goes on the wire: `GET`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Post => "POST",
            Self::Delete => "DELETE",
            Self::Options => "OPTIONS",
            Self::Head => "HEAD",
            Self::Patch => "PATCH",
            Self::Trace => "TRACE",
        }
    }

    /// The path item's key for the method: `get`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Get => "get",
            Self::Put => "put",
            Self::Post => "post",
            Self::Delete => "delete",
            Self::Options => "options",
            Self::Head => "head",
            Self::Patch => "patch",
            Self::Trace => "trace",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The status a response is documented for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// One status code, such as `404`.
    Code(u16),
    /// A class of codes, such as `4XX` (the digit is 1 to 5).
    Range(u8),
    /// `default`: every status the operation does not document otherwise.
    Default,
}

impl Status {
    /// Whether a response with this status is a success (2xx).
    pub fn is_success(self) -> bool {
        match self {
            Self::Code(code) => (200..300).contains(&code),
            Self::Range(class) => class == 2,
            Self::Default => false,
        }
    }
}

impl fmt::Display for Status {
    /// As the spec writes it: `200`, `4XX`, `default`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Code(code) => write!(f, "{code}"),
            Self::Range(class) => write!(f, "{class}XX"),
            Self::Default => f.write_str("default"),
        }
    }
}

/// A path template, such as `/workflow_runs/{id}` or `/notes/{noteId}.txt`, parsed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    /// The template as the spec writes it.
    pub text: String,
    /// Its segments, between slashes; empty ones left out.
    pub segments: Vec<Segment>,
}

/// One segment of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Text only.
    Literal(String),
    /// One parameter that is the whole segment: `{id}`.
    Param(String),
    /// Text and parameters together: `{noteId}.txt`, `v{major}.{minor}`.
    Mixed(Vec<Part>),
}

/// A piece of a [`Segment::Mixed`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Text.
    Text(String),
    /// A parameter's value.
    Param(String),
}

impl PathTemplate {
    /// Parses a template; fails on a `{` without its `}`, or a `}` or `{}` out of place.
    pub fn parse(text: &str) -> Result<Self, String> {
        let segments = text
            .split('/')
            .filter(|s| !s.is_empty())
            .map(parse_segment)
            .collect::<Result<_, _>>()
            .map_err(|e| format!("the path template `{text}` is malformed: {e}"))?;
        Ok(Self {
            text: text.to_owned(),
            segments,
        })
    }

    /// The names of its parameters, in order.
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().flat_map(|segment| {
            let names: Vec<&str> = match segment {
                Segment::Literal(_) => Vec::new(),
                Segment::Param(name) => vec![name.as_str()],
                Segment::Mixed(parts) => parts
                    .iter()
                    .filter_map(|p| match p {
                        Part::Param(name) => Some(name.as_str()),
                        Part::Text(_) => None,
                    })
                    .collect(),
            };
            names
        })
    }

    /// The position of parameter `name` among the template's parameters.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.params().position(|p| p == name)
    }
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

fn parse_segment(segment: &str) -> Result<Segment, String> {
    let mut parts = Vec::new();
    let mut rest = segment;
    while !rest.is_empty() {
        match rest.find(['{', '}']) {
            None => {
                parts.push(Part::Text(rest.to_owned()));
                break;
            }
            Some(i) if rest.as_bytes()[i] == b'}' => {
                return Err(format!("`}}` without its `{{` in `{segment}`"))
            }
            Some(open) => {
                if open > 0 {
                    parts.push(Part::Text(rest[..open].to_owned()));
                }
                let after = &rest[open + 1..];
                let close = after
                    .find(['{', '}'])
                    .filter(|&c| after.as_bytes()[c] == b'}')
                    .ok_or_else(|| format!("`{{` without its `}}` in `{segment}`"))?;
                if close == 0 {
                    return Err(format!("an empty `{{}}` in `{segment}`"));
                }
                parts.push(Part::Param(after[..close].to_owned()));
                rest = &after[close + 1..];
            }
        }
    }
    Ok(match parts.as_slice() {
        [Part::Param(name)] => Segment::Param(name.clone()),
        [Part::Text(text)] => Segment::Literal(text.clone()),
        _ => Segment::Mixed(parts),
    })
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
    /// What its value must satisfy beyond its type.
    pub constraints: super::Constraints,
    /// The value the spec gives as `default`, as JSON text.
    pub default: Option<String>,
    /// Whether the spec marks the parameter `deprecated`.
    pub deprecated: bool,
    /// How its value is written: the spec's `style` and `explode`, or their defaults.
    pub style: Styled,
    /// Whether it is a header the client sets once for every call (`x-speakeasy-globals`):
    /// a call may still override it, and it is never required of one.
    pub global: bool,
    /// How its value goes on the wire.
    pub form: Wire,
}

impl Param {
    /// Whether its field holds the value itself rather than an `Option`: path parameters
    /// and required ones, except a global header (the client sends its own value).
    pub fn is_given(&self) -> bool {
        (self.required || self.location == ParamLocation::Path) && !self.global
    }
}

/// How a structured value is written as text, as OpenAPI's `style` and `explode` say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Styled {
    /// The style.
    pub style: Style,
    /// Whether lists and objects spread over several pairs (`a=1&a=2`) rather than one.
    pub explode: bool,
}

impl Styled {
    /// OpenAPI's default for a parameter in `location`: `form` exploded in the query and
    /// cookies, `simple` in the path and headers.
    pub fn default_for(location: ParamLocation) -> Self {
        match location {
            ParamLocation::Query | ParamLocation::Cookie => Self {
                style: Style::Form,
                explode: true,
            },
            ParamLocation::Path | ParamLocation::Header => Self {
                style: Style::Simple,
                explode: false,
            },
        }
    }
}

/// OpenAPI's serialization styles that the generated code writes and reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// `a,b,c` (path and headers).
    Simple,
    /// `name=a&name=b`, or `name=a,b` unexploded (query, cookies, form bodies).
    Form,
    /// `name=a%20b`.
    SpaceDelimited,
    /// `name=a|b`.
    PipeDelimited,
    /// `name[key]=value`, nesting further with `[key]` and `[index]`.
    DeepObject,
}

impl Style {
    /// The style as the spec spells it; `None` for styles the generator does not write
    /// (`matrix`, `label`).
    pub fn from_spec(word: &str) -> Option<Self> {
        Some(match word {
            "simple" => Self::Simple,
            "form" => Self::Form,
            "spaceDelimited" => Self::SpaceDelimited,
            "pipeDelimited" => Self::PipeDelimited,
            "deepObject" => Self::DeepObject,
            _ => return None,
        })
    }

    /// The name of the runtime's matching `Style` variant.
    pub fn variant(self) -> &'static str {
        match self {
            Self::Simple => "Simple",
            Self::Form => "Form",
            Self::SpaceDelimited => "SpaceDelimited",
            Self::PipeDelimited => "PipeDelimited",
            Self::DeepObject => "DeepObject",
        }
    }
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

impl ParamLocation {
    /// The location as the spec's `in` spells it: `path`, `query`, `header`, `cookie`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Path => "path",
            Self::Query => "query",
            Self::Header => "header",
            Self::Cookie => "cookie",
        }
    }
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// What it carries.
    pub payload: RequestPayload,
    /// Whether it must be sent.
    pub required: bool,
    /// What a JSON body must satisfy beyond its type, when its schema is inline.
    pub constraints: super::Constraints,
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

/// What a request body carries, by media type: what a response can carry, and forms.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RequestPayload {
    /// JSON (`application/json` or any `+json` type) of a type.
    Json(Ty),
    /// Text (`text/*`).
    Text,
    /// Bytes (any other media type).
    Binary,
    /// `application/x-www-form-urlencoded` of an object type.
    Form(Ty, Vec<FieldEncoding>),
    /// `multipart/form-data` of an object type, one part per property.
    Multipart(Ty, Vec<FieldEncoding>),
}

impl RequestPayload {
    /// The type a request body of this payload is written from: JSON, form and multipart.
    pub fn typed(&self) -> Option<&Ty> {
        match self {
            Self::Json(ty) | Self::Form(ty, _) | Self::Multipart(ty, _) => Some(ty),
            Self::Text | Self::Binary => None,
        }
    }

    /// [`Self::typed`], to rewrite.
    pub fn typed_mut(&mut self) -> Option<&mut Ty> {
        match self {
            Self::Json(ty) | Self::Form(ty, _) | Self::Multipart(ty, _) => Some(ty),
            Self::Text | Self::Binary => None,
        }
    }
}

/// How one top-level property of a form or multipart body is written, from the media type's
/// `encoding` map; properties it does not list take the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldEncoding {
    /// The property's name on the wire.
    pub wire: String,
    /// Its style in a form body.
    pub style: Styled,
    /// The media type of its part in a multipart body.
    pub content_type: Option<String>,
}

/// A documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The status code, a range such as `2XX`, or `default`.
    pub status: Status,
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

impl Response {
    /// The type of its body, when that is JSON.
    pub fn json(&self) -> Option<&Ty> {
        match &self.payload {
            Some(Payload::Json(ty)) => Some(ty),
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
