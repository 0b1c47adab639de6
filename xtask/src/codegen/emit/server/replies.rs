//! Reply enums: one variant per documented response of an operation, each written with its
//! status and body.

use super::super::types::{doc_attrs, ident, ty_in};
use super::ServerOptions;
use crate::codegen::model::{Api, Operation, Payload};
use proc_macro2::TokenStream;
use quote::quote;

/// The variant name of a status: its reason phrase in camel case (`NotFound`), or
/// `Status418` for codes without a well-known phrase.
pub(super) fn status_variant(status: &str) -> String {
    let phrase = match status {
        "200" => "Ok",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "NoContent",
        "400" => "BadRequest",
        "401" => "Unauthorized",
        "403" => "Forbidden",
        "404" => "NotFound",
        "405" => "MethodNotAllowed",
        "409" => "Conflict",
        "410" => "Gone",
        "413" => "PayloadTooLarge",
        "415" => "UnsupportedMediaType",
        "422" => "UnprocessableEntity",
        "429" => "TooManyRequests",
        "500" => "InternalServerError",
        "502" => "BadGateway",
        "503" => "ServiceUnavailable",
        "504" => "GatewayTimeout",
        "default" => "Default",
        other => return format!("Status{}", other.to_ascii_uppercase()),
    };
    phrase.to_owned()
}

/// One documented response of an operation: variant, payload type and how it is written.
struct ReplyVariant {
    status: String,
    doc: TokenStream,
    payload: Option<Payload>,
    media_type: Option<String>,
}

pub(super) fn reply_enum(
    api: &Api,
    op: &Operation,
    options: &ServerOptions,
    reply: &proc_macro2::Ident,
) -> TokenStream {
    let runtime = &options.runtime;
    let status_doc = |status: &str, doc: &Option<String>| match doc {
        Some(doc) => doc_attrs(Some(&format!("Status `{status}`: {}", doc.trim()))),
        None => doc_attrs(Some(&format!("Status `{status}`."))),
    };
    let mut variants: Vec<ReplyVariant> = op
        .success
        .iter()
        .map(|s| ReplyVariant {
            status: s.status.clone(),
            doc: status_doc(&s.status, &s.doc),
            payload: s.payload.clone(),
            media_type: s.media_type.clone(),
        })
        .collect();
    variants.extend(op.errors.iter().map(|e| ReplyVariant {
        status: e.status.clone(),
        doc: status_doc(&e.status, &e.doc),
        payload: Some(Payload::Json(e.ty.clone())),
        media_type: Some(e.media_type.clone()),
    }));
    let mut declared = Vec::new();
    let mut arms = Vec::new();
    for v in &variants {
        let name = ident(&status_variant(&v.status));
        let doc = &v.doc;
        // A range or `default` carries the exact status; a code is fixed.
        let (status_field, status_pattern, status_value) = match v.status.parse::<u16>() {
            Ok(code) => (None, None, quote! { #code }),
            Err(_) => (
                Some(quote! { u16, }),
                Some(quote! { status, }),
                quote! { status },
            ),
        };
        // Bodies go out with the media type the spec names for them.
        let media = v.media_type.as_deref();
        let (payload, pattern, write) = match &v.payload {
            None => (None, None, quote! { #runtime empty(#status_value) }),
            Some(Payload::Json(ty)) => {
                let ty = ty_in(api, ty, &options.models);
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
    quote! {
        #[doc = #doc]
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
        pub enum #reply {
            #(#declared)*
        }

        impl ::axum::response::IntoResponse for #reply {
            fn into_response(self) -> ::axum::response::Response {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}
