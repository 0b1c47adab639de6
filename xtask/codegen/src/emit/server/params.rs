//! Parameters on the server side: which types can be read from text, the type a trait method
//! takes, and the statement that reads each one.

use super::super::checks::deep_rules;
use super::super::types::{ident, integer_values};
use super::shapes::Shapes;
use super::Checks;
use super::{param_ty, ServerOptions};
use crate::model::{Api, EnumKind, Param, ParamLocation, Scalar, Ty, TypeKind, Wire};
use proc_macro2::TokenStream;
use quote::quote;

/// What reads typed values from a request: the check functions and the shapes of text.
pub(super) struct Readers<'r> {
    pub checks: &'r Checks,
    pub shapes: &'r Shapes,
}

/// The function that reads a scalar parameter's text as `ty`: `FromStr`, or for an enum a
/// check that the value is one the spec lists, then serde.
pub(super) fn parser(api: &Api, scalar: Scalar, ty: &Ty, options: &ServerOptions) -> TokenStream {
    let runtime = &options.runtime();
    let rust_ty = param_ty(api, ty, options);
    match scalar {
        Scalar::Enum(id) => match &api.get(id).kind {
            TypeKind::Enum(e) if e.kind == EnumKind::Integer => {
                let values = integer_values(e);
                quote! {
                    |text: &str| #runtime integer_enum_value::<#rust_ty>(text, &[#(#values),*])
                }
            }
            TypeKind::Enum(e) => {
                let values = e.variants.iter().map(|v| v.wire.as_str());
                quote! {
                    |text: &str| #runtime enum_value::<#rust_ty>(text, &[#(#values),*])
                }
            }
            _ => quote! { #runtime from_str::<#rust_ty> },
        },
        _ => quote! { #runtime from_str::<#rust_ty> },
    }
}

/// The type a trait method takes for a parameter: lists in the query are `Vec`s, and what the
/// spec does not require is an `Option`.
pub(super) fn param_arg_ty(api: &Api, p: &Param, options: &ServerOptions) -> TokenStream {
    let ty = param_ty(api, &p.ty, options);
    if p.required || p.location == ParamLocation::Path {
        ty
    } else {
        quote! { ::std::option::Option<#ty> }
    }
}

/// The statements that read a parameter into a variable of its name and check it.
pub(super) fn read_param(
    api: &Api,
    p: &Param,
    options: &ServerOptions,
    readers: &Readers<'_>,
) -> TokenStream {
    match p.form {
        Wire::Styled => read_styled(api, p, options, readers),
        Wire::Simple => {
            let runtime = &options.runtime();
            let explode = p.style.explode;
            let ShapeReader { ty, shape, check } = shape_reader(api, p, options, readers);
            let parse = quote! {
                |text: &str| #runtime simple_value::<#ty>(text, #explode, #shape, #check)
            };
            read_value(api, p, options, parse)
        }
        Wire::Scalar { scalar, list } => {
            let element = match &p.ty {
                Ty::Array(inner) if list => inner,
                ty => ty,
            };
            let read = read_value(api, p, options, parser(api, scalar, element, options));
            let check = check_value(p, options);
            quote! { #read #check }
        }
    }
}

/// What reads a parameter against its shape: its Rust type, its shape and its check.
struct ShapeReader {
    ty: TokenStream,
    shape: TokenStream,
    check: TokenStream,
}

fn shape_reader(
    api: &Api,
    p: &Param,
    options: &ServerOptions,
    readers: &Readers<'_>,
) -> ShapeReader {
    ShapeReader {
        ty: param_ty(api, &p.ty, options),
        shape: readers.shapes.expr(&p.ty, &options.runtime()),
        check: readers.checks.checker(&p.ty, &p.constraints),
    }
}

/// The statement that reads a query parameter written by its style: its pairs read against
/// its shape into JSON, checked like a body, then read as its type.
fn read_styled(
    api: &Api,
    p: &Param,
    options: &ServerOptions,
    readers: &Readers<'_>,
) -> TokenStream {
    let runtime = &options.runtime();
    let name = ident(&p.name);
    let wire = &p.wire;
    let style = ident(p.style.style.variant());
    let explode = p.style.explode;
    let ShapeReader { ty, shape, check } = shape_reader(api, p, options, readers);
    let read = quote! {
        #runtime styled_param::<#ty>(
            &query,
            #wire,
            (#runtime Style::#style, #explode),
            #shape,
            #check,
        )?
    };
    if p.required {
        quote! { let #name = #runtime required(#read, "query parameter", #wire)?; }
    } else {
        quote! { let #name = #read; }
    }
}

/// The statement that checks a read parameter against its schema's constraints, if it has any.
fn check_value(p: &Param, options: &ServerOptions) -> Option<TokenStream> {
    if p.constraints.is_empty() {
        return None;
    }
    let runtime = &options.runtime();
    let name = ident(&p.name);
    let part = format!("{} `{}`", part_name(p.location), p.wire);
    let rules = deep_rules(&p.constraints);
    let check = quote! {
        #runtime check_param(value, #part, |value, at| {
            #rules
            ::std::result::Result::Ok(())
        })?;
    };
    Some(if p.required || p.location == ParamLocation::Path {
        quote! { let value = &#name; #check }
    } else {
        quote! {
            if let ::std::option::Option::Some(value) = &#name {
                #check
            }
        }
    })
}

/// How problems name where a parameter is.
fn part_name(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path parameter",
        ParamLocation::Query => "query parameter",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// The statement that reads a parameter into a variable of its name, each text read by
/// `parse`.
fn read_value(api: &Api, p: &Param, options: &ServerOptions, parse: TokenStream) -> TokenStream {
    let runtime = &options.runtime();
    let name = ident(&p.name);
    let wire = &p.wire;
    let list = matches!(p.form, Wire::Scalar { list: true, .. });
    let ty = param_arg_ty(api, p, options);
    let part = part_name(p.location);
    let read = match p.location {
        ParamLocation::Path => {
            return quote! { let #name: #ty = #runtime path_param(&params, #wire, #parse)?; };
        }
        ParamLocation::Query if list => quote! { #runtime query_list(&query, #wire, #parse)? },
        ParamLocation::Query => quote! { #runtime query_param(&query, #wire, #parse)? },
        ParamLocation::Header => quote! { #runtime header_param(&headers, #wire, #parse)? },
        ParamLocation::Cookie => quote! { #runtime cookie_param(&headers, #wire, #parse)? },
    };
    if p.required {
        quote! { let #name: #ty = #runtime required(#read, #part, #wire)?; }
    } else {
        quote! { let #name: #ty = #read; }
    }
}
