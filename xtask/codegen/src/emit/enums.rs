//! Enums of strings or integers that keep values they do not know, so a new server-side value
//! never breaks a client and is written back unchanged. The enum is written out, with its docs;
//! its impls (conversions, serde, JSON Schema) come from one macro of the support module
//! (`impl_open_string_enum!`, `impl_open_integer_enum!`), so each costs one call.

use super::types::{derives, ident, integer_values, Derive};
use super::ModelOptions;
use crate::model::{Enum, EnumKind, TypeDef};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub fn emit(def: &TypeDef, e: &Enum, options: &ModelOptions) -> TokenStream {
    let doc = super::types::type_doc(def);
    let name = ident(&def.name);
    let fallback = ident(&e.fallback);
    let derive = derives(&[Derive::Eq, Derive::Hash]);
    let (payload, values, generator) = match e.kind {
        EnumKind::String => (
            quote! { ::std::string::String },
            e.variants
                .iter()
                .map(|v| Literal::string(&v.wire))
                .collect(),
            quote! { impl_open_string_enum },
        ),
        EnumKind::Integer => (
            quote! { i64 },
            integer_values(e),
            quote! { impl_open_integer_enum },
        ),
    };
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let variant_docs = e.variants.iter().map(|v| {
        let text = format!(" `{}`", v.wire);
        quote! { #[doc = #text] }
    });
    let macros = options.macros.prefix();
    let description = def.doc.clone().unwrap_or_default();
    quote! {
        #doc
        #derive
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value this version of the crate does not know, kept verbatim.
            #fallback(#payload),
        }

        #macros #generator!(#name fallback #fallback schema #description {
            #(#variants = #values),*
        });
    }
}
