//! Paths and operations to [`Operation`]s.

use super::{Converter, SchemaRef};
use crate::docs;
use crate::error::Diagnostic;
use crate::model::{
    Body, Example, FieldEncoding, Method, Operation, Param, ParamLocation, PathTemplate, Payload,
    RequestPayload, Response, Status, Style, Styled, Ty, Wire,
};
use crate::naming::{self, Scope};
use crate::pointer::Pointer;
use indexmap::IndexMap;
use openapiv3::{
    MediaType, Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle, ReferenceOr, Responses,
    SecurityScheme, StatusCode,
};

impl<'a> Converter<'a> {
    /// Every operation the generator can express, in spec order; the others are reported as
    /// warnings.
    pub(super) fn operations(&mut self) -> Vec<Operation> {
        // The client runtime's own public methods, on the type every operation's method is on.
        let mut scope = Scope::with_reserved(&["builder", "from_env", "base_url", "execute_raw"]);
        let mut out = Vec::new();
        for (path, item) in &self.doc.paths.paths {
            let ReferenceOr::Item(item) = item else {
                continue;
            };
            let template = match PathTemplate::parse(path) {
                Ok(template) => template,
                Err(reason) => {
                    self.warnings.push(Diagnostic::at(
                        Pointer::root().child("paths").child(path),
                        format!("{reason}; its operations are skipped"),
                    ));
                    continue;
                }
            };
            for (key, op) in item.iter() {
                let Some(method) = Method::from_key(key) else {
                    continue;
                };
                let item_pointer = Pointer::root().child("paths").child(path);
                let pointer = item_pointer.child(key);
                let id = op
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| derived_operation_id(key, path));
                let name = scope.claim(&naming::value_name(&id, "operation"));
                let hint = naming::type_name(&id, "Operation");
                let doc = docs::combine(op.summary.as_deref(), op.description.as_deref());

                let params = self.params(
                    &hint,
                    &template,
                    [&item_pointer, &pointer],
                    [&item.parameters, &op.parameters],
                );
                let body = match &op.request_body {
                    None => None,
                    Some(body_ref) => {
                        let Some(body) = self.resolver.request_body(body_ref) else {
                            continue;
                        };
                        match self.request_payload(&body.content, &hint, &pointer) {
                            Some(payload) => Some(Body {
                                payload,
                                required: body.required,
                                constraints: json_entry(&body.content)
                                    .and_then(|(name, media)| Some((name, media.schema.as_ref()?)))
                                    .map(|(name, schema)| {
                                        let at =
                                            schema_pointer(&pointer.child("requestBody"), name);
                                        self.position_constraints(schema.into(), &at)
                                    })
                                    .unwrap_or_default(),
                            }),
                            None => {
                                self.warnings.push(Diagnostic::at(
                                    pointer.child("requestBody"),
                                    format!(
                                        "operation `{id}` is skipped: its request body has no \
                                         media type the client can send (found: {}; supported: \
                                         JSON, forms, multipart, text and raw bytes)",
                                        media_list(&body.content)
                                    ),
                                ));
                                continue;
                            }
                        }
                    }
                };
                let (success, errors) = self.responses(&hint, &pointer, &op.responses);
                // An empty requirement (`- {}`) in the list makes credentials optional.
                let requirements = op.security.as_ref().or(self.doc.security.as_ref());
                let secured = requirements
                    .is_some_and(|list| !list.is_empty() && list.iter().all(|r| !r.is_empty()));
                for scheme in requirements.into_iter().flatten().flat_map(|r| r.keys()) {
                    self.check_scheme(scheme);
                }
                if let Some(marker) = op.extensions.get(super::pagination::MARKER) {
                    self.pagination_markers.push((out.len(), marker));
                }
                if let Some(marker) = op.extensions.get(super::polling::MARKER) {
                    self.polling_markers.push((out.len(), marker));
                }
                if self.declares_link_header(&op.responses) {
                    self.link_paged.push(out.len());
                }
                out.push(Operation {
                    id,
                    name,
                    method,
                    path: template.clone(),
                    pointer,
                    doc,
                    params,
                    params_type: String::new(),
                    body,
                    success,
                    errors,
                    secured,
                    deprecated: op.deprecated,
                    pagination: None,
                    tag: op.tags.first().cloned(),
                    polling: None,
                    support: Default::default(),
                });
            }
        }
        out
    }

    /// Path-level and operation-level parameters merged (the operation's win), path
    /// parameters first in template order.
    fn params(
        &mut self,
        hint: &str,
        path: &PathTemplate,
        owners: [&Pointer; 2],
        lists: [&'a [ReferenceOr<Parameter>]; 2],
    ) -> Vec<Param> {
        let mut merged: IndexMap<(String, &'static str), (&'a Parameter, Pointer)> =
            IndexMap::new();
        for (owner, list) in owners.into_iter().zip(lists) {
            for (i, p) in list.iter().enumerate() {
                if let Some(p) = self.resolver.parameter(p) {
                    let key = (p.parameter_data_ref().name.clone(), location_word(p));
                    merged.insert(key, (p, owner.child("parameters").child(i)));
                }
            }
        }
        let mut params: Vec<(&'a Parameter, Pointer)> = merged.into_values().collect();
        params.sort_by_key(|(p, _)| match p {
            Parameter::Path { parameter_data, .. } => {
                (0, path.position(&parameter_data.name).unwrap_or(usize::MAX))
            }
            _ => (1, 0),
        });
        // The names the generated client methods and server handlers give their own locals.
        let mut scope = Scope::with_reserved(&[
            "body",
            "path",
            "query",
            "headers",
            "cookie",
            "response",
            "value",
            "api",
            "params",
            "request",
            "problem",
            // The methods of a call's builder beside its parameters' setters.
            "send",
            "send_with_response",
            "stream",
            "timeout",
            "max_retries",
            "header",
            "client",
            "options",
            "parameters",
            "with_parameters",
        ]);
        params
            .into_iter()
            .map(|(p, pointer)| {
                let data = p.parameter_data_ref();
                let (ty, constraints, default) = match &data.format {
                    ParameterSchemaOrContent::Schema(s) => {
                        let param_hint =
                            format!("{hint}{}", naming::type_name(&data.name, "Param"));
                        let param_pointer = pointer.child("schema");
                        (
                            self.ty(SchemaRef::from(s), &param_hint, &param_pointer),
                            self.position_constraints(SchemaRef::from(s), &param_pointer),
                            self.default_of(SchemaRef::from(s)),
                        )
                    }
                    ParameterSchemaOrContent::Content(_) => (Ty::String, Default::default(), None),
                };
                Param {
                    wire: data.name.clone(),
                    name: scope.claim(&naming::value_name(&data.name, "param")),
                    location: param_location(p),
                    ty,
                    required: data.required,
                    doc: data
                        .description
                        .as_deref()
                        .and_then(|d| docs::combine(None, Some(d))),
                    constraints,
                    default,
                    deprecated: data.deprecated.unwrap_or(false),
                    style: self.param_style(p, &pointer),
                    global: false,
                    // Decided once the types are final (`wire::decide`).
                    form: Wire::Simple,
                }
            })
            .collect()
    }

    /// How a parameter's value is written: its `style` and `explode`, or the defaults for
    /// where it goes. Path styles other than `simple` are written as `simple`, with a warning.
    fn param_style(&mut self, p: &Parameter, pointer: &Pointer) -> Styled {
        let data = p.parameter_data_ref();
        let location = param_location(p);
        let mut styled = Styled::default_for(location);
        let style = match p {
            Parameter::Query { style, .. } => Some(match style {
                QueryStyle::Form => Style::Form,
                QueryStyle::SpaceDelimited => Style::SpaceDelimited,
                QueryStyle::PipeDelimited => Style::PipeDelimited,
                QueryStyle::DeepObject => Style::DeepObject,
            }),
            Parameter::Path { style, .. } if *style != PathStyle::Simple => {
                self.warnings.push(Diagnostic::at(
                    pointer.child("style"),
                    format!(
                        "path parameter `{}` has style `{}`, which is not supported: it is \
                         written as `simple`",
                        data.name,
                        format!("{style:?}").to_ascii_lowercase()
                    ),
                ));
                None
            }
            _ => None,
        };
        if let Some(style) = style {
            styled = Styled {
                style,
                explode: style == Style::Form,
            };
        }
        if let Some(explode) = data.explode {
            styled.explode = explode;
        }
        styled
    }

    /// The success (2xx) responses and the others, `default` last, each with what its body
    /// carries.
    /// Whether a success response declares a `Link` header (any case).
    fn declares_link_header(&self, responses: &'a Responses) -> bool {
        responses.responses.iter().any(|(status, response)| {
            let success = match status {
                StatusCode::Code(code) => (200..300).contains(code),
                StatusCode::Range(class) => *class == 2,
            };
            success
                && self.resolver.response(response).is_some_and(|r| {
                    r.headers
                        .keys()
                        .any(|name| name.eq_ignore_ascii_case("link"))
                })
        })
    }

    fn responses(
        &mut self,
        hint: &str,
        pointer: &Pointer,
        responses: &'a Responses,
    ) -> (Vec<Response>, Vec<Response>) {
        let mut success = Vec::new();
        let mut errors = Vec::new();
        let by_status = responses.responses.iter().map(|(status, response)| {
            let status = match *status {
                StatusCode::Code(code) => Status::Code(code),
                StatusCode::Range(class) => Status::Range(u8::try_from(class).unwrap_or(u8::MAX)),
            };
            (status, response)
        });
        let default = responses.default.iter().map(|r| (Status::Default, r));
        for (status, response_ref) in by_status.chain(default) {
            let Some(response) = self.resolver.response(response_ref) else {
                continue;
            };
            let code = status.to_string();
            let response_pointer = pointer.child("responses").child(&code);
            let hint = match (status.is_success(), success.is_empty()) {
                (true, true) => format!("{hint}Response"),
                (true, false) => format!("{hint}Response{code}"),
                (false, _) if status == Status::Default => format!("{hint}ErrorDefault"),
                (false, _) => format!("{hint}Error{code}"),
            };
            let examples = json_media(&response.content)
                .map(|media| self.examples(media))
                .unwrap_or_default();
            let declared_at = match response_ref {
                ReferenceOr::Reference { reference } => {
                    Pointer::from_reference(reference).unwrap_or_default()
                }
                ReferenceOr::Item(_) => response_pointer.clone(),
            };
            // A success answering a JSON array pages by its `Link` header: the stream reads it.
            let pages_by_link = status.is_success()
                && json_media(&response.content)
                    .and_then(|media| media.schema.as_ref())
                    .and_then(|schema| self.resolver.schema(schema))
                    .is_some_and(|schema| {
                        matches!(
                            schema.schema_kind,
                            openapiv3::SchemaKind::Type(openapiv3::Type::Array(_))
                        )
                    });
            for name in response.headers.keys() {
                let read = RUNTIME_HEADERS.contains(&name.to_ascii_lowercase().as_str())
                    || (pages_by_link && name.eq_ignore_ascii_case("link"));
                if !read {
                    self.warn_once(
                        declared_at.child("headers").child(name),
                        format!(
                            "response header `{name}` is not read by the generated client nor \
                             set by the generated server"
                        ),
                    );
                }
            }
            let documented = Response {
                status,
                doc: docs::combine(None, Some(&response.description)),
                payload: self.response_payload(&response.content, &hint, &response_pointer),
                media_type: chosen_media(&response.content),
                examples,
            };
            if status.is_success() {
                success.push(documented);
            } else {
                errors.push(documented);
            }
        }
        (success, errors)
    }

    /// What a request body carries: JSON first, then a form, multipart, text, then raw bytes.
    fn request_payload(
        &mut self,
        content: &'a IndexMap<String, MediaType>,
        hint: &str,
        pointer: &Pointer,
    ) -> Option<RequestPayload> {
        let body_pointer = pointer.child("requestBody");
        if let Some((name, media)) = json_entry(content) {
            let at = schema_pointer(&body_pointer, name);
            let ty = self.media_ty(media, &format!("{hint}Body"), &at);
            // `format: binary` says the body is bytes, whatever the media type claims.
            if ty == Ty::File {
                return Some(RequestPayload::Binary);
            }
            return Some(RequestPayload::Json(ty));
        }
        for (name, media) in content {
            let form = match media_essence(name).as_str() {
                "application/x-www-form-urlencoded" => true,
                "multipart/form-data" => false,
                _ => continue,
            };
            let ty = match &media.schema {
                Some(schema) => self.ty(
                    schema.into(),
                    &format!("{hint}Body"),
                    &schema_pointer(&body_pointer, name),
                ),
                // A form without a schema (Stripe's GETs) carries nothing.
                None => Ty::AnyObject,
            };
            let fields = media
                .encoding
                .iter()
                .map(|(wire, encoding)| FieldEncoding {
                    wire: wire.clone(),
                    style: Styled {
                        style: match encoding.style {
                            None | Some(QueryStyle::Form) => Style::Form,
                            Some(QueryStyle::SpaceDelimited) => Style::SpaceDelimited,
                            Some(QueryStyle::PipeDelimited) => Style::PipeDelimited,
                            Some(QueryStyle::DeepObject) => Style::DeepObject,
                        },
                        explode: encoding.explode,
                    },
                    content_type: encoding.content_type.clone(),
                })
                .collect();
            return Some(if form {
                RequestPayload::Form(ty, fields)
            } else {
                RequestPayload::Multipart(ty, fields)
            });
        }
        let kinds: Vec<MediaKind> = content.keys().map(|name| media_kind(name)).collect();
        if kinds.contains(&MediaKind::Text) {
            Some(RequestPayload::Text)
        } else if kinds.contains(&MediaKind::Binary) {
            Some(RequestPayload::Binary)
        } else {
            None
        }
    }

    /// What a response body carries: JSON first, then text, else raw bytes (any body can be
    /// read as bytes); `None` when the response has no content.
    fn response_payload(
        &mut self,
        content: &'a IndexMap<String, MediaType>,
        hint: &str,
        pointer: &Pointer,
    ) -> Option<Payload> {
        if content.is_empty() {
            return None;
        }
        if let Some((name, media)) = json_entry(content) {
            let at = schema_pointer(pointer, name);
            // `format: binary` says the body is bytes, whatever the media type claims.
            return Some(match self.media_ty(media, hint, &at) {
                Ty::File => Payload::Binary,
                ty => Payload::Json(ty),
            });
        }
        if content
            .keys()
            .any(|name| media_kind(name) == MediaKind::Text)
        {
            Some(Payload::Text)
        } else {
            Some(Payload::Binary)
        }
    }

    /// The examples of a media type, by name, references followed.
    fn examples(&self, media: &'a MediaType) -> Vec<Example> {
        let single = media.example.iter().map(|value| ("example", value));
        let named = media.examples.iter().filter_map(|(name, example)| {
            let value = self.resolver.example(example)?.value.as_ref()?;
            Some((name.as_str(), value))
        });
        single
            .chain(named)
            .map(|(name, value)| Example {
                name: name.to_owned(),
                json: value.to_string(),
            })
            .collect()
    }

    /// The type of a media type's schema, which stands at `pointer`.
    fn media_ty(&mut self, media: &'a MediaType, hint: &str, pointer: &Pointer) -> Ty {
        match &media.schema {
            Some(schema) => self.ty(schema.into(), hint, pointer),
            None => Ty::Any,
        }
    }
}

/// The response headers the client runtime reads itself: waits and request ids.
const RUNTIME_HEADERS: &[&str] = &[
    "retry-after",
    "x-should-retry",
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
];

impl Converter<'_> {
    /// Warns, once per scheme, when an operation asks for credentials the runtime does not
    /// send: it sends a bearer token, and the generated server reads one.
    fn check_scheme(&mut self, name: &str) {
        let pointer = Pointer::root()
            .child("components")
            .child("securitySchemes")
            .child(name);
        let scheme = self
            .doc
            .components
            .as_ref()
            .and_then(|c| c.security_schemes.get(name))
            .and_then(ReferenceOr::as_item);
        let described = match scheme {
            Some(SecurityScheme::HTTP { scheme, .. }) if scheme.eq_ignore_ascii_case("bearer") => {
                return
            }
            Some(SecurityScheme::HTTP { scheme, .. }) => format!("HTTP `{scheme}` authentication"),
            Some(SecurityScheme::APIKey { location, name, .. }) => {
                let place = format!("{location:?}").to_ascii_lowercase();
                format!("an API key in the {place} `{name}`")
            }
            Some(SecurityScheme::OAuth2 { .. }) => "OAuth 2".to_owned(),
            Some(SecurityScheme::OpenIDConnect { .. }) => "OpenID Connect".to_owned(),
            None => "not declared in `components.securitySchemes`".to_owned(),
        };
        self.warn_once(
            pointer,
            format!(
                "security scheme `{name}` ({described}) is not supported: the generated client \
                 sends the key as `Authorization: Bearer`, and the generated server reads that"
            ),
        );
    }
}

/// Where the schema of the media type `media` of a body or response at `owner` stands.
fn schema_pointer(owner: &Pointer, media: &str) -> Pointer {
    owner.child("content").child(media).child("schema")
}

/// The JSON media type of a content map: `application/json` or any `+json` type.
fn json_media(content: &IndexMap<String, MediaType>) -> Option<&MediaType> {
    json_entry(content).map(|(_, media)| media)
}

/// The JSON entry of a content map, with its name.
fn json_entry(content: &IndexMap<String, MediaType>) -> Option<(&String, &MediaType)> {
    content.iter().find(|(name, _)| {
        let essence = media_essence(name);
        essence == "application/json" || essence.ends_with("+json")
    })
}

/// The media type a response body is sent as, chosen as `response_payload` chooses its
/// payload: JSON first, then text, then the first listed.
fn chosen_media(content: &IndexMap<String, MediaType>) -> Option<String> {
    let name = json_entry(content)
        .map(|(name, _)| name)
        .or_else(|| content.keys().find(|n| media_kind(n) == MediaKind::Text))
        .or_else(|| content.keys().next())?;
    Some(name.clone())
}

/// How a non-JSON media type is carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MediaKind {
    Text,
    Binary,
    /// Forms and multipart bodies, which need an encoder of their own.
    Form,
}

/// A media type without its parameters, in lower case: `multipart/form-data`.
fn media_essence(name: &str) -> String {
    name.split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

fn media_kind(name: &str) -> MediaKind {
    let essence = media_essence(name);
    if essence.starts_with("multipart/") || essence == "application/x-www-form-urlencoded" {
        MediaKind::Form
    } else if essence.starts_with("text/") {
        MediaKind::Text
    } else {
        MediaKind::Binary
    }
}

fn media_list(content: &IndexMap<String, MediaType>) -> String {
    let names: Vec<&str> = content.keys().map(String::as_str).collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

fn param_location(p: &Parameter) -> ParamLocation {
    match p {
        Parameter::Path { .. } => ParamLocation::Path,
        Parameter::Query { .. } => ParamLocation::Query,
        Parameter::Header { .. } => ParamLocation::Header,
        Parameter::Cookie { .. } => ParamLocation::Cookie,
    }
}

fn location_word(p: &Parameter) -> &'static str {
    param_location(p).as_str()
}

/// A stable name for an operation without operationId: the method and the path's words, such
/// as `post_workflow_runs_by_id` for `POST /workflow_runs/{id}`.
fn derived_operation_id(method: &str, path: &str) -> String {
    let mut words = vec![method.to_ascii_lowercase()];
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => words.push(format!("by_{param}")),
            None => words.push(segment.to_owned()),
        }
    }
    words.join("_")
}

#[cfg(test)]
mod tests {
    #[test]
    fn derived_ids_are_stable_and_readable() {
        assert_eq!(
            super::derived_operation_id("post", "/workflow_runs/{id}"),
            "post_workflow_runs_by_id"
        );
        assert_eq!(super::derived_operation_id("get", "/"), "get");
    }
}
