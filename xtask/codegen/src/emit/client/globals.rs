//! Global headers as client settings: a constant for each default, the list the builder
//! starts from, and a builder setting for each.

use super::super::types::{doc_attrs, ident};
use crate::model::GlobalHeader;
use crate::naming::Scope;
use proc_macro2::TokenStream;
use quote::quote;

/// The global headers: a constant for each default, the list the builder starts from, and a
/// builder setting for each.
/// What the global headers add to a client.
pub(super) struct GlobalHeaders {
    /// A public constant for each default.
    pub constants: TokenStream,
    /// The `&[GlobalHeader]` the runtime starts from.
    pub list: TokenStream,
    /// The builder's setting for each.
    pub setters: TokenStream,
}

pub(super) fn global_headers(globals: &[GlobalHeader], runtime: &TokenStream) -> GlobalHeaders {
    let mut constants = Vec::new();
    let mut entries = Vec::new();
    let mut setters = Vec::new();
    let mut names = Scope::new();
    for global in globals {
        let wire = &global.wire;
        let setter = &global.name;
        let setter_ident = ident(setter);
        let default = match &global.default {
            Some(value) => {
                let constant = ident(&names.claim(&setter.to_ascii_uppercase()));
                let doc = format!(
                    " The `{wire}` header a client sends unless `ClientBuilder::{setter}` sets \
                     another: `{value}`."
                );
                constants.push(quote! {
                    #[doc = #doc]
                    pub const #constant: &str = #value;
                });
                quote! { ::std::option::Option::Some(#constant) }
            }
            None => quote! { ::std::option::Option::None },
        };
        let required = global.required;
        entries.push(quote! {
            #runtime GlobalHeader {
                name: #wire,
                default: #default,
                required: #required,
                setter: #setter,
            }
        });
        let sent = match (&global.default, global.required) {
            (Some(value), _) => format!(
                "Sent as the `{wire}` header of every request; without this setting, `{value}`."
            ),
            (None, true) => format!(
                "Sent as the `{wire}` header of every request; the spec requires it, so a \
                 client cannot be built without it."
            ),
            (None, false) => {
                format!("Sent as the `{wire}` header of every request; without this setting, none.")
            }
        };
        let doc = match &global.doc {
            Some(doc) => format!("{doc}\n\n{sent}"),
            None => sent,
        };
        let doc = doc_attrs(Some(&doc));
        setters.push(quote! {
            #doc
            pub fn #setter_ident(
                self,
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> Self {
                self.default_header(#wire, value)
            }
        });
    }
    let setters = (!setters.is_empty()).then(|| {
        quote! {
            impl ClientBuilder {
                #(#setters)*
            }
        }
    });
    GlobalHeaders {
        constants: quote! { #(#constants)* },
        list: quote! { &[#(#entries),*] },
        setters: setters.unwrap_or_default(),
    }
}
