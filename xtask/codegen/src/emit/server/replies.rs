//! Reply enums: one variant per documented response of an operation, each written with its
//! status and body.

use super::super::types::{derives, doc_attrs, ident, ty_in};
use super::ServerOptions;
use crate::model::{Api, Operation, Payload, Status};
use proc_macro2::TokenStream;
use quote::quote;

/// The variant name of a status: its reason phrase in camel case (`NotFound`), or
/// `Status418` for codes without a well-known phrase.
pub(super) fn status_variant(status: Status) -> String {
    let phrase = match status {
        Status::Code(200) => "Ok",
        Status::Code(201) => "Created",
        Status::Code(202) => "Accepted",
        Status::Code(204) => "NoContent",
        Status::Code(400) => "BadRequest",
        Status::Code(401) => "Unauthorized",
        Status::Code(403) => "Forbidden",
        Status::Code(404) => "NotFound",
        Status::Code(405) => "MethodNotAllowed",
        Status::Code(409) => "Conflict",
        Status::Code(410) => "Gone",
        Status::Code(413) => "PayloadTooLarge",
        Status::Code(415) => "UnsupportedMediaType",
        Status::Code(422) => "UnprocessableEntity",
        Status::Code(429) => "TooManyRequests",
        Status::Code(500) => "InternalServerError",
        Status::Code(502) => "BadGateway",
        Status::Code(503) => "ServiceUnavailable",
        Status::Code(504) => "GatewayTimeout",
        Status::Default => "Default",
        other => return format!("Status{other}"),
    };
    phrase.to_owned()
}

/// One documented response of an operation: variant, payload type and how it is written.
struct ReplyVariant {
    status: Status,
    doc: TokenStream,
    payload: Option<Payload>,
    media_type: Option<String>,
}

/// How a variant holds its status: a code is fixed, a range or `default` carries the exact
/// status as its first field.
struct StatusForm {
    /// The field's type, if the variant has one.
    field: Option<TokenStream>,
    /// The binding of the field in a match arm.
    binding: Option<TokenStream>,
    /// The status as an expression.
    value: TokenStream,
}

impl StatusForm {
    fn of(status: Status) -> Self {
        match status {
            Status::Code(code) => Self {
                field: None,
                binding: None,
                value: quote! { #code },
            },
            Status::Range(_) | Status::Default => Self {
                field: Some(quote! { u16, }),
                binding: Some(quote! { status, }),
                value: quote! { status },
            },
        }
    }
}

pub(super) fn reply_enum(
    api: &Api,
    op: &Operation,
    options: &ServerOptions,
    reply: &proc_macro2::Ident,
) -> TokenStream {
    let runtime = &options.runtime();
    let status_doc = |status: Status, doc: &Option<String>| match doc {
        Some(doc) => doc_attrs(Some(&format!("Status `{status}`: {}", doc.trim()))),
        None => doc_attrs(Some(&format!("Status `{status}`."))),
    };
    let variants: Vec<ReplyVariant> = op
        .success
        .iter()
        .chain(&op.errors)
        .map(|r| ReplyVariant {
            status: r.status,
            doc: status_doc(r.status, &r.doc),
            payload: r.payload.clone(),
            media_type: r.media_type.clone(),
        })
        .collect();
    let mut declared = Vec::new();
    let mut arms = Vec::new();
    for v in &variants {
        let name = ident(&status_variant(v.status));
        let doc = &v.doc;
        let StatusForm {
            field: status_field,
            binding: status_pattern,
            value: status_value,
        } = StatusForm::of(v.status);
        // Bodies go out with the media type the spec names for them.
        let media = v.media_type.as_deref();
        let (payload, pattern, write) = match &v.payload {
            None => (None, None, quote! { #runtime empty(#status_value) }),
            Some(Payload::Json(ty)) => {
                let ty = ty_in(api, ty, &options.models());
                let write = match media {
                    None | Some("application/json") => {
                        quote! { #runtime json(#status_value, &body) }
                    }
                    Some(media) => quote! { #runtime json_as(#status_value, &body, #media) },
                };
                (Some(ty), Some(quote! { body }), write)
            }
            Some(Payload::Text) => {
                let media = media.unwrap_or("text/plain; charset=utf-8");
                (
                    Some(quote! { ::std::string::String }),
                    Some(quote! { body }),
                    quote! { #runtime text(#status_value, body, #media) },
                )
            }
            Some(Payload::Binary) => {
                let media = media.unwrap_or("application/octet-stream");
                (
                    Some(quote! { ::bytes::Bytes }),
                    Some(quote! { body }),
                    quote! { #runtime binary(#status_value, body, #media) },
                )
            }
        };
        let fields = (status_field.is_some() || payload.is_some())
            .then(|| quote! { (#status_field #payload) });
        let bindings = (status_pattern.is_some() || pattern.is_some())
            .then(|| quote! { (#status_pattern #pattern) });
        declared.push(quote! { #doc #name #fields, });
        arms.push(quote! { Self::#name #bindings => #write, });
    }
    let doc = format!(" The documented responses of `{}`.", op.id);
    let derive = derives(&[]);
    quote! {
        #[doc = #doc]
        #derive
        #[non_exhaustive]
        pub enum #reply {
            #(#declared)*
            /// Any status with a JSON body, written as given: the answer of a server that
            /// builds its answers as JSON (`JsonApi`).
            Raw(u16, ::serde_json::Value),
        }

        impl ::axum::response::IntoResponse for #reply {
            fn into_response(self) -> ::axum::response::Response {
                match self {
                    #(#arms)*
                    Self::Raw(status, body) => #runtime json(status, &body),
                }
            }
        }
    }
}
