//! One operation as a call: a client method named from its operationId that takes what the
//! call must have, and returns a builder with a setter for everything else (each optional
//! parameter, the per-call options), sent by `send()`.

use super::super::shared::{self, method_doc};
use super::super::types::{derives, doc_attrs, ident, ty_in};
use super::ClientOptions;
use crate::model::{
    Api, Body, Operation, Param, ParamLocation, Part, Payload, RequestPayload, Scalar, Segment,
    Status, Wire,
};
use crate::naming::{self, Scope};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// A generated call: its builder, the client method that starts it, and the enum of its
/// success responses when they have different bodies.
pub(super) struct Method {
    pub tokens: TokenStream,
    pub response_enum: Option<TokenStream>,
}

/// How a scalar parameter's value `v` (a reference) becomes its text on the wire: an
/// expression of type `String`.
fn to_text(scalar: Scalar) -> fn(TokenStream) -> TokenStream {
    match scalar {
        Scalar::Text | Scalar::Plain | Scalar::Date | Scalar::Enum(_) => {
            |v| quote! { ::std::string::ToString::to_string(#v) }
        }
        Scalar::DateTime => {
            |v| quote! { #v.to_rfc3339_opts(::chrono::SecondsFormat::AutoSi, true) }
        }
    }
}

pub(super) fn method(
    api: &Api,
    op: &Operation,
    options: &ClientOptions,
    names: &mut Scope,
) -> Method {
    let body = body_argument(api, op.body.as_ref(), options);
    let success = success(api, op, options, names);
    let builder = ident(&names.claim(&naming::type_name(&op.id, "Operation")));
    let params_ty = ident(&op.params_type);
    let models = options.models();
    let params_path = quote! { #models #params_ty };
    let up_front = UpFront::new(api, op, &body, options, names);
    let runtime = options.runtime();
    let builder_doc = super::line_docs(&format!(
        "A call of `{}`, made by [`Client::{}`]: set what it needs, then\n\
         [`send`](Self::send) it (or [`send_with_response`](Self::send_with_response) for the \
         status and headers too).",
        op.id, op.name
    ));
    let required_struct = &up_front.required_struct;
    let body_field = body.field.as_ref().map(|ty| quote! { body: #ty, });
    let starter = client_method(op, &builder, &params_path, &up_front, &body);
    let setters = op
        .params
        .iter()
        .filter(|p| !p.is_given())
        .map(|p| setter(api, p, options));
    let body_setter = &body.setter;
    let common = common_methods(op, &params_path, options);
    let returns = &success.returns;
    let send = send_methods(
        op,
        returns,
        &request(op, options),
        &body,
        &success.decode,
        options,
    );
    let stream = op
        .pagination
        .as_ref()
        .map(|paging| super::stream::stream_method(api, op, paging, options));
    let wait = op
        .polling
        .as_ref()
        .map(|polling| super::wait::wait_methods(op, polling, returns, options));
    let tokens = quote! {
        #required_struct

        #builder_doc
        #[derive(::std::fmt::Debug, ::std::clone::Clone)]
        #[must_use = "a call does nothing until it is sent: `.send().await`"]
        pub struct #builder<'a> {
            client: &'a Client,
            params: #params_path,
            #body_field
            options: #runtime RequestOptions,
        }

        #starter

        impl<'a> #builder<'a> {
            #(#setters)*
            #body_setter
            #common
            #send
            #stream
            #wait
        }
    };
    Method {
        tokens,
        response_enum: success.response_enum,
    }
}

/// The client's method that starts the call: what the call must have up front, the rest
/// left out.
fn client_method(
    op: &Operation,
    builder: &Ident,
    params_path: &TokenStream,
    up_front: &UpFront<'_>,
    body: &BodyParts,
) -> TokenStream {
    let doc = method_doc(op, up_front.documented.iter().copied());
    let deprecated = op
        .deprecated
        .then(|| super::super::types::deprecated(op.doc.as_deref()));
    let name = ident(&op.name);
    // A body is borrowed for as long as the call, and so is the client.
    let (lifetime, receiver, borrow) = if body.required.is_some() {
        (quote! { <'a> }, quote! { &'a self }, quote! { 'a })
    } else {
        (TokenStream::new(), quote! { &self }, quote! { '_ })
    };
    let (args, inits) = (&up_front.args, &up_front.inits);
    let body_init = &body.init;
    quote! {
        impl Client {
            #doc
            #deprecated
            pub fn #name #lifetime(#receiver, #(#args),*) -> #builder<#borrow> {
                #builder {
                    client: self,
                    params: #params_path::new(#(#inits),*),
                    #body_init
                    options: ::std::default::Default::default(),
                }
            }
        }
    }
}

/// What every call's builder has: its parameters as one value, and the per-call options.
fn common_methods(
    op: &Operation,
    params_path: &TokenStream,
    options: &ClientOptions,
) -> TokenStream {
    let params_doc = format!(
        " The parameters of the call as they stand, [`{}`]({}).",
        op.params_type,
        options.models.doc_link(&op.params_type)
    );
    quote! {
        #[doc = #params_doc]
        pub fn parameters(&self) -> &#params_path {
            &self.params
        }
        /// Replaces every parameter at once: for callers that hold them as one value
        /// (optional ones as `Option`s).
        pub fn with_parameters(mut self, params: #params_path) -> Self {
            self.params = params;
            self
        }
        /// How long each attempt of this call may take, instead of the client's timeout.
        pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.options.timeout = ::std::option::Option::Some(timeout);
            self
        }
        /// How many times this call is retried, instead of the client's count (0: never).
        pub fn max_retries(mut self, retries: u32) -> Self {
            self.options.max_retries = ::std::option::Option::Some(retries);
            self
        }
        /// A header sent with this call alone, replacing one of the same name.
        pub fn header(
            mut self,
            name: impl ::std::convert::Into<::std::string::String>,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.options.headers.push((name.into(), value.into()));
            self
        }
    }
}

/// The statements that write a call's parameters: a local for each value, then the path,
/// the query pairs and the headers (cookies among them).
struct Request {
    bindings: Vec<TokenStream>,
    path: Vec<TokenStream>,
    query: Vec<TokenStream>,
    headers: Vec<TokenStream>,
}

fn request(op: &Operation, options: &ClientOptions) -> Request {
    let runtime = options.runtime();
    let mut bindings = Vec::new();
    let mut query = Vec::new();
    let mut headers = Vec::new();
    let mut cookies = Vec::new();
    for param in &op.params {
        let push = match param.form {
            Wire::Styled => styled_parameter(op, param, options),
            Wire::Simple => text_parameter(op, param, options),
            Wire::Scalar { scalar, list } => parameter(param, to_text(scalar), list, &runtime),
        };
        bindings.push(binding(param));
        match param.location {
            ParamLocation::Query => query.push(push),
            ParamLocation::Header => headers.push(push),
            ParamLocation::Cookie => cookies.push(push),
            ParamLocation::Path => {}
        }
    }
    if !cookies.is_empty() {
        headers.push(quote! {
            let mut cookie: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
            #(#cookies)*
            if !cookie.is_empty() {
                headers.push(("cookie", cookie.join("; ")));
            }
        });
    }
    Request {
        bindings,
        path: path_segments(op, options),
        query,
        headers,
    }
}

/// `send` and `send_with_response`: the call written out, sent, and its answer decoded.
fn send_methods(
    op: &Operation,
    returns: &TokenStream,
    request: &Request,
    body: &BodyParts,
    decode: &TokenStream,
    options: &ClientOptions,
) -> TokenStream {
    let runtime = options.runtime();
    let op_id = &op.id;
    let method = ident(op.method.as_str());
    let Request {
        bindings,
        path,
        query,
        headers,
    } = request;
    let query_init = vec_init("query", query, quote! { ::std::string::String });
    let headers_init = vec_init("headers", headers, quote! { &'static str });
    let params_binding = (!op.params.is_empty()).then(|| quote! { let params = &self.params; });
    let body_call = &body.call;
    quote! {
        /// Sends the call and decodes the answer.
        pub async fn send(self) -> ::std::result::Result<#returns, Error> {
            self.send_with_response().await.map(#runtime Response::into_body)
        }
        /// Sends the call and returns the decoded answer with its status, headers and
        /// request id.
        pub async fn send_with_response(
            self,
        ) -> ::std::result::Result<#runtime Response<#returns>, Error> {
            #params_binding
            #(#bindings)*
            let path = [#(#path),*];
            #query_init
            #(#query)*
            #headers_init
            #(#headers)*
            let response = self.client.execute_raw(#runtime Call {
                operation: #op_id,
                method: ::reqwest::Method::#method,
                path: &path,
                query,
                headers,
                body: #body_call,
                options: &self.options,
            })
            .await?;
            #decode
        }
    }
}

/// How a call holds its body: the builder's field, the setter of an optional one, the
/// field's start value, and the expression that hands it to the runtime.
struct BodyParts {
    field: Option<TokenStream>,
    /// The type of a required body, taken up front.
    required: Option<TokenStream>,
    setter: Option<TokenStream>,
    init: TokenStream,
    call: TokenStream,
}

fn body_argument(api: &Api, body: Option<&Body>, options: &ClientOptions) -> BodyParts {
    let runtime = options.runtime();
    let Some(body) = body else {
        return BodyParts {
            field: None,
            required: None,
            setter: None,
            init: TokenStream::new(),
            call: quote! { ::std::option::Option::None::<#runtime RequestBody<'_, ()>> },
        };
    };
    let typed = |ty| {
        let ty = ty_in(api, ty, &options.models());
        quote! { &'a #ty }
    };
    // The field's type, and the runtime's body around `body`, as a call and, for the
    // variants that take the value alone, as a function (an optional body then maps
    // without a closure).
    let (ty, call, function) = match &body.payload {
        RequestPayload::Json(ty) => {
            let function = quote! { #runtime RequestBody::Json };
            (typed(ty), quote! { #function(body) }, Some(function))
        }
        RequestPayload::Text => {
            let function = quote! { #runtime RequestBody::<()>::Text };
            (
                quote! { &'a str },
                quote! { #function(body) },
                Some(function),
            )
        }
        RequestPayload::Binary => {
            let function = quote! { #runtime RequestBody::<()>::Binary };
            (
                quote! { &'a [u8] },
                quote! { #function(body) },
                Some(function),
            )
        }
        RequestPayload::Form(ty, fields) => {
            let fields = fields.iter().map(|f| {
                let wire = &f.wire;
                let style = ident(f.style.style.variant());
                let explode = f.style.explode;
                quote! { (#wire, #runtime Style::#style, #explode) }
            });
            let call = quote! { #runtime RequestBody::Form(body, &[#(#fields),*]) };
            (typed(ty), call, None)
        }
        RequestPayload::Multipart(ty, encodings) => {
            let fields = shared::multipart_fields(api, ty, encodings)
                .into_iter()
                .map(|(wire, file, media)| {
                    let media = match media {
                        Some(m) => quote! { ::std::option::Option::Some(#m) },
                        None => quote! { ::std::option::Option::None },
                    };
                    quote! { (#wire, #file, #media) }
                });
            let call = quote! { #runtime RequestBody::Multipart(body, &[#(#fields),*]) };
            (typed(ty), call, None)
        }
    };
    if body.required {
        let call = quote! {{
            let body = self.body;
            ::std::option::Option::Some(#call)
        }};
        BodyParts {
            field: Some(ty.clone()),
            required: Some(ty),
            setter: None,
            init: quote! { body, },
            call,
        }
    } else {
        let function = function.unwrap_or_else(|| quote! { |body| #call });
        let setter = quote! {
            /// The request body; without it, the call sends none.
            pub fn body(mut self, body: #ty) -> Self {
                self.body = ::std::option::Option::Some(body);
                self
            }
        };
        BodyParts {
            field: Some(quote! { ::std::option::Option<#ty> }),
            required: None,
            setter: Some(setter),
            init: quote! { body: ::std::option::Option::None, },
            call: quote! { self.body.map(#function) },
        }
    }
}

/// What a client method takes up front: the values of the parameters a call must have (path
/// and required ones) and a required body. Up to two are arguments of their own; more come as
/// one struct of the parameters, named fields being easier to read than a long list, with the
/// body beside it. Either way the method has at most three arguments with `&self`.
struct UpFront<'o> {
    /// The method's arguments.
    args: Vec<TokenStream>,
    /// The arguments of the params struct's `new`: the given parameters, in spec order.
    inits: Vec<TokenStream>,
    /// The struct of required parameters, when they are taken as one.
    required_struct: Option<TokenStream>,
    /// The parameters the method's doc describes.
    documented: Vec<&'o Param>,
}

impl<'o> UpFront<'o> {
    fn new(
        api: &Api,
        op: &'o Operation,
        body: &BodyParts,
        options: &ClientOptions,
        names: &mut Scope,
    ) -> Self {
        let models = options.models();
        let given: Vec<&Param> = op.params.iter().filter(|p| p.is_given()).collect();
        let count = given.len() + usize::from(body.required.is_some());
        let mut args = Vec::new();
        let mut inits = Vec::new();
        let mut required_struct = None;
        let mut documented = Vec::new();
        if count <= 2 {
            for p in &given {
                let name = ident(&p.name);
                let ty = ty_in(api, &p.ty, &models);
                args.push(quote! { #name: impl ::std::convert::Into<#ty> });
                inits.push(quote! { #name.into() });
                documented.push(*p);
            }
        } else {
            let struct_name = ident(&names.claim(&format!(
                "{}Required",
                naming::type_name(&op.id, "Operation")
            )));
            let fields = given.iter().map(|p| {
                let name = ident(&p.name);
                let ty = ty_in(api, &p.ty, &models);
                let doc = doc_attrs(Some(&crate::emit::params::param_doc_text(p)));
                quote! { #doc pub #name: #ty, }
            });
            let doc = format!(
                " The parameters `{}` must have, for [`Client::{}`].",
                op.id, op.name
            );
            required_struct = Some(quote! {
                #[doc = #doc]
                #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
                pub struct #struct_name {
                    #(#fields)*
                }
            });
            args.push(quote! { required: #struct_name });
            for p in &given {
                let name = ident(&p.name);
                inits.push(quote! { required.#name });
            }
        }
        if let Some(ty) = &body.required {
            args.push(quote! { body: #ty });
        }
        Self {
            args,
            inits,
            required_struct,
            documented,
        }
    }
}

/// The builder's setter of a parameter the call may leave out.
fn setter(api: &Api, param: &Param, options: &ClientOptions) -> TokenStream {
    let name = ident(&param.name);
    let ty = ty_in(api, &param.ty, &options.models());
    let doc = doc_attrs(Some(&crate::emit::params::param_doc_text(param)));
    let deprecated = param
        .deprecated
        .then(|| super::super::types::deprecated(param.doc.as_deref()));
    quote! {
        #doc
        #deprecated
        pub fn #name(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
            self.params.#name = ::std::option::Option::Some(value.into());
            self
        }
    }
}

/// The local that a parameter's value is read through while the call is written: a
/// reference, or an `Option` of one.
fn binding(param: &Param) -> TokenStream {
    let name = ident(&param.name);
    if param.is_given() {
        quote! { let #name = &params.#name; }
    } else {
        quote! { let #name = params.#name.as_ref(); }
    }
}

/// What an operation returns and how: the return type, the statements that decode it from
/// `response` (the runtime's `Received`, kept for its status and headers) and return it, and, when success
/// statuses carry different bodies, the enum it returns.
struct Success {
    returns: TokenStream,
    decode: TokenStream,
    response_enum: Option<TokenStream>,
}

fn success(api: &Api, op: &Operation, options: &ClientOptions, names: &mut Scope) -> Success {
    let plain = |returns, decode| Success {
        returns,
        decode,
        response_enum: None,
    };
    let payloads: Vec<&Option<Payload>> = op.success.iter().map(|s| &s.payload).collect();
    let single = payloads.windows(2).all(|w| w[0] == w[1]);
    if single {
        return match payloads.first().copied().cloned().flatten() {
            None => plain(
                quote! { () },
                quote! { ::std::result::Result::Ok(response.with_body(())) },
            ),
            Some(Payload::Json(ty)) => plain(
                ty_in(api, &ty, &options.models()),
                returned(quote! { response.json()? }),
            ),
            Some(Payload::Text) => plain(
                quote! { ::std::string::String },
                returned(quote! { response.text() }),
            ),
            Some(Payload::Binary) => plain(
                quote! { ::bytes::Bytes },
                returned(quote! { response.bytes() }),
            ),
        };
    }
    let enum_name = ident(&names.claim(&format!(
        "{}Response",
        naming::type_name(&op.id, "Operation")
    )));
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for response in &op.success {
        let label = response.status.to_string();
        let variant = ident(&format!("Status{label}"));
        let doc = format!(" Status `{label}`.");
        let pattern = match response.status {
            Status::Code(code) => quote! { #code },
            Status::Range(_) | Status::Default => quote! { 200..=299 },
        };
        let (payload, value) = match &response.payload {
            None => (None, quote! { #enum_name::#variant }),
            Some(Payload::Json(ty)) => {
                let ty = ty_in(api, ty, &options.models());
                (
                    Some(quote! { (#ty) }),
                    quote! { #enum_name::#variant(response.json()?) },
                )
            }
            Some(Payload::Text) => (
                Some(quote! { (::std::string::String) }),
                quote! { #enum_name::#variant(response.text()) },
            ),
            Some(Payload::Binary) => (
                Some(quote! { (::bytes::Bytes) }),
                quote! { #enum_name::#variant(response.bytes()) },
            ),
        };
        variants.push(quote! { #[doc = #doc] #variant #payload, });
        arms.push(quote! { #pattern => #value, });
    }
    let doc = format!(" The success responses of `{}`, by status.", op.id);
    let derive = derives(&[]);
    let response_enum = quote! {
        #[doc = #doc]
        #derive
        #[non_exhaustive]
        pub enum #enum_name {
            #(#variants)*
            /// A success status the spec does not document, with its body.
            Undocumented {
                /// The status code.
                status: u16,
                /// The body as received.
                body: ::bytes::Bytes,
            },
        }
    };
    let decode = returned(quote! {{
        #[allow(unreachable_patterns)]
        match response.status() {
            #(#arms)*
            status => #enum_name::Undocumented {
                status,
                body: response.bytes(),
            },
        }
    }});
    Success {
        returns: quote! { #enum_name },
        decode,
        response_enum: Some(response_enum),
    }
}

/// The statements that end a call: `body`, decoded from `response`, returned with the
/// response's status and headers.
fn returned(body: TokenStream) -> TokenStream {
    quote! {
        let body = #body;
        ::std::result::Result::Ok(response.with_body(body))
    }
}

/// `let mut query = Vec::new();` of `(key, String)` pairs, without `mut` when nothing is
/// pushed.
fn vec_init(name: &str, pushes: &[TokenStream], key: TokenStream) -> TokenStream {
    let name = ident(name);
    let mutability = (!pushes.is_empty()).then(|| quote! { mut });
    quote! {
        let #mutability #name: ::std::vec::Vec<(#key, ::std::string::String)> =
            ::std::vec::Vec::new();
    }
}

/// The statement that adds the pairs of a query parameter written by its style.
fn styled_parameter(op: &Operation, param: &Param, options: &ClientOptions) -> TokenStream {
    let runtime = options.runtime();
    let wire = &param.wire;
    let op_id = &op.id;
    let style = ident(param.style.style.variant());
    let explode = param.style.explode;
    let push = quote! {
        #runtime push_styled(&mut query, #wire, value, #runtime Style::#style, #explode)
            .map_err(|message| Error::InvalidRequest { operation: #op_id, message })?;
    };
    when_present(param, push)
}

/// The statement that adds the one `simple` text of a header or cookie parameter that is a
/// list, an object or a union (a path one is a segment of its own, written there).
fn text_parameter(op: &Operation, param: &Param, options: &ClientOptions) -> TokenStream {
    let runtime = options.runtime();
    let wire = &param.wire;
    let text = styled_text(op, param, &quote! { value }, &runtime);
    let push = match param.location {
        ParamLocation::Header => quote! { headers.push((#wire, #text)); },
        ParamLocation::Cookie => quote! { cookie.push(#runtime cookie_pair(#wire, &#text)); },
        ParamLocation::Path | ParamLocation::Query => return TokenStream::new(),
    };
    when_present(param, push)
}

/// The expression of `value` (a parameter's) as its `simple` text, failing the call with the
/// parameter's name when it does not serialize.
fn styled_text(
    op: &Operation,
    param: &Param,
    value: &TokenStream,
    runtime: &TokenStream,
) -> TokenStream {
    let op_id = &op.id;
    let explode = param.style.explode;
    let what = format!("parameter `{}`", param.wire);
    quote! {
        #runtime styled_text(#value, #explode).map_err(|message| Error::InvalidRequest {
            operation: #op_id,
            message: ::std::format!("{} {message}", #what),
        })?
    }
}

/// `push` run with `value` bound to a reference to the parameter's value, when the call has
/// one.
fn when_present(param: &Param, push: TokenStream) -> TokenStream {
    let name = ident(&param.name);
    if param.is_given() {
        quote! { let value = #name; #push }
    } else {
        quote! {
            if let ::std::option::Option::Some(value) = #name {
                #push
            }
        }
    }
}

/// The statement that adds a scalar parameter to the query, the headers or the cookies
/// (`list` is a list of values for a query array).
fn parameter(
    param: &Param,
    to_text: fn(TokenStream) -> TokenStream,
    list: bool,
    runtime: &TokenStream,
) -> TokenStream {
    let wire = &param.wire;
    let text = to_text(quote! { value });
    let push = match param.location {
        ParamLocation::Query if list => quote! {
            for value in value {
                query.push((::std::borrow::ToOwned::to_owned(#wire), #text));
            }
        },
        ParamLocation::Query => {
            quote! { query.push((::std::borrow::ToOwned::to_owned(#wire), #text)); }
        }
        ParamLocation::Header => quote! { headers.push((#wire, #text)); },
        ParamLocation::Cookie => quote! {
            cookie.push(#runtime cookie_pair(#wire, &#text));
        },
        ParamLocation::Path => return TokenStream::new(),
    };
    when_present(param, push)
}

/// The path template as segments: literal text, or a parameter's value as one whole segment.
/// A parameter the operation does not declare (the checks refuse such a spec) stays text.
fn path_segments(op: &Operation, options: &ClientOptions) -> Vec<TokenStream> {
    let path_param = |wire: &str| {
        op.params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.wire == wire)
    };
    let runtime = options.runtime();
    let mut out = Vec::new();
    for segment in &op.path.segments {
        let (label, value) = match segment {
            Segment::Literal(text) => {
                out.push(quote! { #runtime Segment::Literal(#text) });
                continue;
            }
            Segment::Param(wire) => {
                let Some(param) = path_param(wire) else {
                    let text = format!("{{{wire}}}");
                    out.push(quote! { #runtime Segment::Literal(#text) });
                    continue;
                };
                (wire.clone(), path_value(op, param, &runtime))
            }
            // Each parameter substituted, then the whole segment encoded as one.
            Segment::Mixed(parts) => {
                let mut format = String::new();
                let mut values = Vec::new();
                let mut names = Vec::new();
                for part in parts {
                    match (part, part_param(part, &path_param)) {
                        (Part::Param(wire), Some((param, scalar))) => {
                            let name = ident(&param.name);
                            format.push_str("{}");
                            values.push(to_text(scalar)(quote! { #name }));
                            names.push(wire.as_str());
                        }
                        (Part::Param(wire), None) => format.push_str(&format!("{{{{{wire}}}}}")),
                        (Part::Text(text), _) => {
                            format.push_str(&text.replace('{', "{{").replace('}', "}}"))
                        }
                    }
                }
                let value = quote! {
                    ::std::borrow::Cow::Owned(::std::format!(#format, #(#values),*))
                };
                (names.join(","), value)
            }
        };
        out.push(quote! { #runtime Segment::Param(#label, #value) });
    }
    out
}

/// A parameter that is a whole path segment, as the text of that segment.
fn path_value(op: &Operation, param: &Param, runtime: &TokenStream) -> TokenStream {
    let name = ident(&param.name);
    match param.form {
        _ if param.ty == crate::model::Ty::String => {
            quote! { ::std::borrow::Cow::Borrowed(::std::string::String::as_str(#name)) }
        }
        Wire::Scalar { scalar, .. } => {
            let text = to_text(scalar)(quote! { #name });
            quote! { ::std::borrow::Cow::Owned(#text) }
        }
        Wire::Simple | Wire::Styled => {
            let text = styled_text(op, param, &quote! { #name }, runtime);
            quote! { ::std::borrow::Cow::Owned(#text) }
        }
    }
}

/// The parameter of a piece of a mixed segment, when it is one with one text form (the only
/// kind such a segment can hold: `Support::client` leaves the operation out otherwise).
fn part_param<'o>(
    part: &Part,
    path_param: &impl Fn(&str) -> Option<&'o Param>,
) -> Option<(&'o Param, Scalar)> {
    let Part::Param(wire) = part else {
        return None;
    };
    let param = path_param(wire)?;
    match param.form {
        Wire::Scalar { scalar, .. } => Some((param, scalar)),
        Wire::Simple | Wire::Styled => None,
    }
}
