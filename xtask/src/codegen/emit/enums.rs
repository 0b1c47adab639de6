//! Enums of strings or integers that keep values they do not know, so a new server-side value
//! never breaks a client and is written back unchanged.

use super::types::{derives, ident, integer_values, path_prefix, Derive};
use super::ModelOptions;
use crate::codegen::model::{Enum, EnumKind, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit(def: &TypeDef, e: &Enum, options: &ModelOptions) -> TokenStream {
    let doc = super::types::type_doc(def);
    let name = ident(&def.name);
    let fallback = ident(&e.fallback);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let variant_docs = e.variants.iter().map(|v| {
        let text = format!(" `{}`", v.wire);
        quote! { #[doc = #text] }
    });
    let derive = derives(&[Derive::Eq, Derive::Hash]);
    let payload = match e.kind {
        EnumKind::String => quote! { ::std::string::String },
        EnumKind::Integer => quote! { i64 },
    };
    let conversions = match e.kind {
        EnumKind::String => string_conversions(def, e, options),
        EnumKind::Integer => integer_conversions(def, e),
    };
    quote! {
        #doc
        #derive
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value this version of the crate does not know, kept verbatim.
            #fallback(#payload),
        }

        #conversions
    }
}

/// A string enum's value as text, conversions from text, serde and its JSON Schema.
fn string_conversions(def: &TypeDef, e: &Enum, options: &ModelOptions) -> TokenStream {
    let support = path_prefix(&options.support);
    let name = ident(&def.name);
    let name_str = &def.name;
    let fallback = ident(&e.fallback);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let wires: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    let description = def.doc.clone().unwrap_or_default();
    quote! {
        impl #name {
            /// Every value the spec lists, in spec order.
            pub const KNOWN_VALUES: &'static [&'static str] = &[#(#wires),*];

            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #wires,)*
                    Self::#fallback(value) => value.as_str(),
                }
            }

            /// Whether the value is one the spec lists.
            pub fn is_known(&self) -> bool {
                !::std::matches!(self, Self::#fallback(_))
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#wires => Self::#variants,)*
                    other => Self::#fallback(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    #(#wires => Self::#variants,)*
                    _ => Self::#fallback(value),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(::std::convert::From::from(value))
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                #support deserialize_open_enum(deserializer)
            }
        }

        #[cfg(feature = "schemars")]
        impl ::schemars::JsonSchema for #name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#name_str)
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({
                    "type": "string",
                    "description": #description,
                    "enum": [#(#wires),*],
                })
            }
        }
    }
}

/// An integer enum's value as a number, conversions from numbers and text, serde and its JSON
/// Schema.
fn integer_conversions(def: &TypeDef, e: &Enum) -> TokenStream {
    let name = ident(&def.name);
    let name_str = &def.name;
    let fallback = ident(&e.fallback);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let values = integer_values(e);
    let description = def.doc.clone().unwrap_or_default();
    quote! {
        impl #name {
            /// Every value the spec lists, in spec order.
            pub const KNOWN_VALUES: &'static [i64] = &[#(#values),*];

            /// The value as it appears on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    #(Self::#variants => #values,)*
                    Self::#fallback(value) => *value,
                }
            }

            /// Whether the value is one the spec lists.
            pub fn is_known(&self) -> bool {
                !::std::matches!(self, Self::#fallback(_))
            }
        }

        impl ::std::convert::From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::#fallback(other),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::num::ParseIntError;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                value.parse::<i64>().map(::std::convert::From::from)
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <i64 as ::serde::Deserialize>::deserialize(deserializer).map(::std::convert::From::from)
            }
        }

        #[cfg(feature = "schemars")]
        impl ::schemars::JsonSchema for #name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#name_str)
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({
                    "type": "integer",
                    "description": #description,
                    "enum": [#(#values),*],
                })
            }
        }
    }
}
