//! One operation as an async method of the client, named from its operationId, with typed
//! path, query and header parameters and body.

use super::super::shared::{self, method_doc, Scalar};
use super::super::types::{derives, ident, ty_in};
use super::ClientOptions;
use crate::model::{
    Api, Body, Operation, Param, ParamLocation, Part, Payload, RequestPayload, Segment, Status,
};
use crate::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::quote;

/// A generated method, and the enum of its success responses when they have different bodies.
pub(super) struct Method {
    pub tokens: TokenStream,
    pub response_enum: Option<TokenStream>,
    /// Its arguments (`name: Type`), one per parameter in the operation's order, then the body
    /// argument if it takes one: what a method that calls it takes too.
    pub args: Vec<TokenStream>,
    pub body_arg: Option<TokenStream>,
}

/// How an argument is taken and turned into text for the wire.
struct Argument {
    /// The parameter's type as the method takes it.
    ty: TokenStream,
    /// An expression of type `String` or `&str` for a present value `v`.
    to_text: fn(TokenStream) -> TokenStream,
}

/// The argument form of a scalar parameter type.
fn argument(api: &Api, scalar: Scalar, options: &ClientOptions) -> Argument {
    let display: fn(TokenStream) -> TokenStream =
        |v| quote! { ::std::string::ToString::to_string(&#v) };
    match scalar {
        Scalar::Text => Argument {
            ty: quote! { &str },
            to_text: display,
        },
        Scalar::Plain | Scalar::Date => Argument {
            ty: TokenStream::new(),
            to_text: display,
        },
        Scalar::DateTime => Argument {
            ty: quote! { &::chrono::DateTime<::chrono::Utc> },
            to_text: |v| quote! { #v.to_rfc3339_opts(::chrono::SecondsFormat::AutoSi, true) },
        },
        Scalar::Enum(id) => {
            let named = ty_in(api, &crate::model::Ty::Named(id), &options.models());
            Argument {
                ty: quote! { &#named },
                to_text: |v| quote! { ::std::string::ToString::to_string(#v) },
            }
        }
    }
}

/// The argument of a parameter, with its type filled in where the scalar kind leaves it open.
fn param_argument(api: &Api, param: &Param, options: &ClientOptions) -> Result<Argument, String> {
    let (ty, _) = shared::element(param);
    let scalar = shared::scalar(api, ty)
        .ok_or_else(|| shared::unsupported_param(api, param).unwrap_or_default())?;
    let mut arg = argument(api, scalar, options);
    if arg.ty.is_empty() {
        arg.ty = super::super::types::ty(api, ty);
    }
    Ok(arg)
}

pub(super) fn method(
    api: &Api,
    op: &Operation,
    options: &ClientOptions,
    names: &mut Scope,
) -> Result<Method, String> {
    let name = ident(&op.name);
    let op_id = &op.id;
    let method = ident(op.method.as_str());
    let doc = method_doc(op, &op.params);

    let runtime = options.runtime();
    let mut args = Vec::new();
    let mut query = Vec::new();
    let mut headers = Vec::new();
    let mut cookies = Vec::new();
    for param in &op.params {
        let (arg_tokens, push) = if shared::is_styled(api, param) {
            styled_parameter(api, op, param, options)
        } else if shared::is_structured(api, param) {
            text_parameter(api, op, param, options)
        } else {
            let arg = param_argument(api, param, options)?;
            parameter(param, &arg, shared::element(param).1, &runtime)
        };
        args.push(arg_tokens);
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
    let path = path_segments(op, api, options)?;

    let (body_arg, body_expr) = body_argument(api, op.body.as_ref(), options);
    let success = success(api, op, options, names);
    let query_init = vec_init("query", &query, quote! { ::std::string::String });
    let headers_init = vec_init("headers", &headers, quote! { &'static str });
    let Success {
        returns,
        execute,
        decode,
        response_enum,
    } = success;
    let deprecated = op
        .deprecated
        .then(|| super::super::types::deprecated(op.doc.as_deref()));
    let tokens = quote! {
        #doc
        #deprecated
        pub async fn #name(
            &self,
            #(#args,)*
            #body_arg
        ) -> ::std::result::Result<#returns, Error> {
            let path = [#(#path),*];
            #query_init
            #(#query)*
            #headers_init
            #(#headers)*
            let response = self.#execute(#runtime Call {
                operation: #op_id,
                method: ::reqwest::Method::#method,
                path: &path,
                query,
                headers,
                body: #body_expr,
            })
            .await?;
            #decode
        }
    };
    Ok(Method {
        tokens,
        response_enum,
        args,
        body_arg,
    })
}

/// The method's body argument, if the operation takes one, and the expression that hands it
/// to the runtime.
fn body_argument(
    api: &Api,
    body: Option<&Body>,
    options: &ClientOptions,
) -> (Option<TokenStream>, TokenStream) {
    let runtime = options.runtime();
    let Some(body) = body else {
        return (
            None,
            quote! { ::std::option::Option::None::<#runtime RequestBody<'_, ()>> },
        );
    };
    let typed = |ty| {
        let ty = ty_in(api, ty, &options.models());
        quote! { &#ty }
    };
    // The argument's type, and the runtime's body around `body`, as a call and, for the
    // variants that take the argument alone, as a function (an optional body then maps
    // without a closure).
    let (ty, call, function) = match &body.payload {
        RequestPayload::Json(ty) => {
            let function = quote! { #runtime RequestBody::Json };
            (typed(ty), quote! { #function(body) }, Some(function))
        }
        RequestPayload::Text => {
            let function = quote! { #runtime RequestBody::<()>::Text };
            (quote! { &str }, quote! { #function(body) }, Some(function))
        }
        RequestPayload::Binary => {
            let function = quote! { #runtime RequestBody::<()>::Binary };
            (quote! { &[u8] }, quote! { #function(body) }, Some(function))
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
        (
            Some(quote! { body: #ty, }),
            quote! { ::std::option::Option::Some(#call) },
        )
    } else {
        let function = function.unwrap_or_else(|| quote! { |body| #call });
        (
            Some(quote! { body: ::std::option::Option<#ty>, }),
            quote! { body.map(#function) },
        )
    }
}

/// What an operation returns and how: the return type, the runtime call that fetches it, the
/// statements that turn `response` into it, and, when success statuses carry different
/// bodies, the enum it returns.
struct Success {
    returns: TokenStream,
    execute: TokenStream,
    decode: TokenStream,
    response_enum: Option<TokenStream>,
}

fn success(api: &Api, op: &Operation, options: &ClientOptions, names: &mut Scope) -> Success {
    let ok = |value: TokenStream| quote! { ::std::result::Result::Ok(#value) };
    let raw = |returns, decode| Success {
        returns,
        execute: quote! { execute_raw },
        decode,
        response_enum: None,
    };
    let payloads: Vec<&Option<Payload>> = op.success.iter().map(|s| &s.payload).collect();
    let single = payloads.windows(2).all(|w| w[0] == w[1]);
    if single {
        return match payloads.first().copied().cloned().flatten() {
            None => raw(
                quote! { () },
                quote! {
                    drop(response);
                    ::std::result::Result::Ok(())
                },
            ),
            Some(Payload::Json(ty)) => Success {
                returns: ty_in(api, &ty, &options.models()),
                execute: quote! { execute },
                decode: ok(quote! { response }),
                response_enum: None,
            },
            Some(Payload::Text) => raw(
                quote! { ::std::string::String },
                ok(quote! { response.text() }),
            ),
            Some(Payload::Binary) => raw(
                quote! { ::bytes::Bytes },
                ok(quote! { response.into_bytes() }),
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
                quote! { #enum_name::#variant(response.into_bytes()) },
            ),
        };
        variants.push(quote! { #[doc = #doc] #variant #payload, });
        arms.push(quote! { #pattern => ::std::result::Result::Ok(#value), });
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
    let decode = quote! {
        #[allow(unreachable_patterns)]
        match response.status() {
            #(#arms)*
            status => ::std::result::Result::Ok(#enum_name::Undocumented {
                status,
                body: response.into_bytes(),
            }),
        }
    };
    Success {
        returns: quote! { #enum_name },
        execute: quote! { execute_raw },
        decode,
        response_enum: Some(response_enum),
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

/// The method argument of a query parameter written by its style, and the statement that
/// adds its pairs to the query: lists are taken as slices, other types by reference.
fn styled_parameter(
    api: &Api,
    op: &Operation,
    param: &Param,
    options: &ClientOptions,
) -> (TokenStream, TokenStream) {
    let runtime = options.runtime();
    let wire = &param.wire;
    let op_id = &op.id;
    let ty = by_reference(api, &param.ty, options);
    let style = ident(param.style.style.variant());
    let explode = param.style.explode;
    let push = quote! {
        #runtime push_styled(&mut query, #wire, value, #runtime Style::#style, #explode)
            .map_err(|message| Error::InvalidRequest { operation: #op_id, message })?;
    };
    argument_and_push(param, &ty, push)
}

/// The method argument of a path, header or cookie parameter that is a list, an object or a
/// union, and the statement that adds its one `simple` text to the headers or cookies.
fn text_parameter(
    api: &Api,
    op: &Operation,
    param: &Param,
    options: &ClientOptions,
) -> (TokenStream, TokenStream) {
    let runtime = options.runtime();
    let ty = by_reference(api, &param.ty, options);
    let wire = &param.wire;
    let text = styled_text(op, param, &quote! { value }, &runtime);
    let push = match param.location {
        ParamLocation::Header => quote! { headers.push((#wire, #text)); },
        ParamLocation::Cookie => quote! { cookie.push(#runtime cookie_pair(#wire, &#text)); },
        ParamLocation::Path | ParamLocation::Query => {
            let name = ident(&param.name);
            return (quote! { #name: #ty }, TokenStream::new());
        }
    };
    argument_and_push(param, &ty, push)
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

/// How a method takes a value of `ty` it does not own: lists as slices, others by reference.
fn by_reference(api: &Api, ty: &crate::model::Ty, options: &ClientOptions) -> TokenStream {
    match ty {
        crate::model::Ty::Array(inner) => {
            let inner = ty_in(api, inner, &options.models());
            quote! { &[#inner] }
        }
        other => {
            let ty = ty_in(api, other, &options.models());
            quote! { &#ty }
        }
    }
}

/// The argument `name: ty` (an `Option` when the parameter is not required) and `push` run
/// with `value` bound to its value, when there is one.
fn argument_and_push(
    param: &Param,
    ty: &TokenStream,
    push: TokenStream,
) -> (TokenStream, TokenStream) {
    let name = ident(&param.name);
    if param.required {
        (quote! { #name: #ty }, quote! { let value = #name; #push })
    } else {
        let push = quote! {
            if let ::std::option::Option::Some(value) = #name {
                #push
            }
        };
        (quote! { #name: ::std::option::Option<#ty> }, push)
    }
}

/// The method argument of a parameter and the statement that adds it to the query, the
/// headers or the cookies (`list` is a list of values for a query array).
fn parameter(
    param: &Param,
    arg: &Argument,
    list: bool,
    runtime: &TokenStream,
) -> (TokenStream, TokenStream) {
    let name = ident(&param.name);
    let wire = &param.wire;
    let element = &arg.ty;
    let ty = if list {
        quote! { &[#element] }
    } else {
        quote! { #element }
    };
    let text = (arg.to_text)(quote! { value });
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
        ParamLocation::Path => TokenStream::new(),
    };
    if param.location == ParamLocation::Path {
        (quote! { #name: #ty }, push)
    } else {
        argument_and_push(param, &ty, push)
    }
}

/// The path template as segments: literal text, or a parameter's value as one whole segment.
fn path_segments(
    op: &Operation,
    api: &Api,
    options: &ClientOptions,
) -> Result<Vec<TokenStream>, String> {
    let path_param = |wire: &str| {
        op.params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.wire == wire)
            .ok_or_else(|| format!("path parameter `{wire}` is not declared"))
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
                let param = path_param(wire)?;
                let name = ident(&param.name);
                let value = if param.ty == crate::model::Ty::String {
                    quote! { ::std::borrow::Cow::Borrowed(#name) }
                } else if shared::is_structured(api, param) {
                    let text = styled_text(op, param, &quote! { #name }, &runtime);
                    quote! { ::std::borrow::Cow::Owned(#text) }
                } else {
                    let text = (param_argument(api, param, options)?.to_text)(quote! { #name });
                    quote! { ::std::borrow::Cow::Owned(#text) }
                };
                (wire.clone(), value)
            }
            // Each parameter substituted, then the whole segment encoded as one.
            Segment::Mixed(parts) => {
                let mut format = String::new();
                let mut values = Vec::new();
                let mut names = Vec::new();
                for part in parts {
                    match part {
                        Part::Text(text) => {
                            format.push_str(&text.replace('{', "{{").replace('}', "}}"))
                        }
                        Part::Param(wire) => {
                            let param = path_param(wire)?;
                            let name = ident(&param.name);
                            let arg = param_argument(api, param, options)?;
                            format.push_str("{}");
                            values.push((arg.to_text)(quote! { #name }));
                            names.push(wire.as_str());
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
    Ok(out)
}
