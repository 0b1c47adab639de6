//! Type expressions, identifiers and doc attributes.

use crate::docs;
use crate::model::{Access, Api, Field, Ty, TypeDef};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// An identifier for a name the naming rules already made valid.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The values of an integer enum as literals (the converter wrote each from an `i64`).
pub fn integer_values(e: &crate::model::Enum) -> Vec<proc_macro2::Literal> {
    e.variants
        .iter()
        .map(|v| proc_macro2::Literal::i64_unsuffixed(v.wire.parse().unwrap_or_default()))
        .collect()
}

/// A trait a generated type derives beyond the three every one does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derive {
    Copy,
    Eq,
    Hash,
    Default,
    /// `Serialize` and `Deserialize`.
    Serde,
}

/// The one derive list of generated types: `Debug`, `Clone` and `PartialEq`, then `extra` in
/// a fixed order (`Copy`, `Eq`, `Hash`, `Default`, serde), each named by its full path.
pub fn derives(extra: &[Derive]) -> TokenStream {
    let has = |d| extra.contains(&d);
    let copy = has(Derive::Copy).then(|| quote! { ::std::marker::Copy, });
    let eq = has(Derive::Eq).then(|| quote! { ::std::cmp::Eq, });
    let hash = has(Derive::Hash).then(|| quote! { ::std::hash::Hash, });
    let default = has(Derive::Default).then(|| quote! { ::std::default::Default, });
    let serde = has(Derive::Serde).then(|| quote! { ::serde::Serialize, ::serde::Deserialize, });
    let list = quote! {
        ::std::fmt::Debug, ::std::clone::Clone, #copy ::std::cmp::PartialEq,
        #eq #hash #default #serde
    };
    // Without the trailing comma, so that the list reads as it did when written out.
    let mut tokens: Vec<proc_macro2::TokenTree> = list.into_iter().collect();
    if matches!(tokens.last(), Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == ',') {
        tokens.pop();
    }
    let list: TokenStream = tokens.into_iter().collect();
    quote! { #[derive(#list)] }
}

/// The doc and attributes of a named type: its description, what its values must satisfy,
/// and `#[deprecated]` when the spec marks it.
pub fn type_doc(def: &TypeDef) -> TokenStream {
    let text = joined(
        def.doc.as_deref(),
        docs::annotations(&def.constraints, None),
    );
    let doc = doc_attrs(text.as_deref());
    let deprecated = def.deprecated.then(|| deprecated(def.doc.as_deref()));
    quote! { #doc #deprecated }
}

/// The doc and attributes of a property: its description (or a link to the type that has
/// it), its default and constraints, which way it goes, and `#[deprecated]` when the spec
/// marks it.
pub fn field_doc(api: &Api, f: &Field) -> TokenStream {
    let access = match f.access {
        Access::ReadWrite => None,
        Access::ReadOnly => Some("Read-only: the server sends it; requests leave it out."),
        Access::WriteOnly => Some("Write-only: requests send it; the server never returns it."),
    };
    let annotations = docs::annotations(&f.constraints, f.default.as_deref());
    let text = joined(f.doc.as_deref(), annotations);
    let text = joined(text.as_deref(), access.map(str::to_owned));
    // Our own link, written as rustdoc reads it; the spec's text is escaped.
    let see = f.see.map(|id| {
        let line = format!(" See [`{}`].", api.get(id).name);
        let gap = text.is_some().then(|| quote! { #[doc = ""] });
        quote! { #[doc = #line] #gap }
    });
    let doc = doc_attrs(text.as_deref());
    let deprecated = f.deprecated.then(|| deprecated(f.doc.as_deref()));
    quote! { #see #doc #deprecated }
}

/// `#[deprecated]` with a note: the spec's mark, and the description's first sentence, which
/// usually says what to use instead.
pub fn deprecated(doc: Option<&str>) -> TokenStream {
    let first = doc
        .and_then(|d| d.split(". ").next())
        .map(|s| s.trim().trim_end_matches('.').replace('\n', " "))
        .filter(|s| !s.is_empty());
    let note = match first {
        Some(sentence) => format!("deprecated in the spec: {sentence}"),
        None => "deprecated in the spec".to_owned(),
    };
    quote! { #[deprecated(note = #note)] }
}

/// Two optional paragraphs as one.
fn joined(first: Option<&str>, second: Option<String>) -> Option<String> {
    match (first, second) {
        (Some(a), Some(b)) => Some(format!("{a}\n\n{b}")),
        (Some(a), None) => Some(a.to_owned()),
        (None, b) => b,
    }
}

/// `#[doc = "..."]` attributes, one per line, rendered by prettyplease as `///` comments.
pub fn doc_attrs(doc: Option<&str>) -> TokenStream {
    let Some(doc) = doc else {
        return TokenStream::new();
    };
    let lines = docs::to_rustdoc(doc);
    let attrs = lines.lines().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote! { #[doc = #text] }
    });
    quote! { #(#attrs)* }
}

/// The Rust type of a type expression, inside the models module.
pub fn ty(api: &Api, ty: &Ty) -> TokenStream {
    ty_in(api, ty, &TokenStream::new())
}

/// The Rust type of a type expression, with named types under `prefix` (such as
/// `::extend_models::`) for code outside the models module.
pub fn ty_in(api: &Api, ty: &Ty, prefix: &TokenStream) -> TokenStream {
    match ty {
        Ty::Named(id) => {
            let name = ident(&api.get(*id).name);
            quote! { #prefix #name }
        }
        Ty::String => quote! { ::std::string::String },
        Ty::DateTime => quote! { ::chrono::DateTime<::chrono::Utc> },
        Ty::Date => quote! { ::chrono::NaiveDate },
        Ty::I32 => quote! { i32 },
        Ty::I64 => quote! { i64 },
        Ty::F32 => quote! { f32 },
        Ty::F64 => quote! { f64 },
        Ty::Bool => quote! { bool },
        Ty::Array(inner) => {
            let inner = ty_in(api, inner, prefix);
            quote! { ::std::vec::Vec<#inner> }
        }
        Ty::Map(inner) => {
            let inner = ty_in(api, inner, prefix);
            quote! { ::std::collections::BTreeMap<::std::string::String, #inner> }
        }
        Ty::Any => quote! { ::serde_json::Value },
        Ty::AnyObject => quote! { ::serde_json::Map<::std::string::String, ::serde_json::Value> },
        Ty::Null => quote! { () },
        Ty::File => {
            let name = ident(api.file_type.as_deref().unwrap_or("File"));
            quote! { #prefix #name }
        }
    }
}

/// The type, boxed when it closes a recursive cycle.
pub fn maybe_boxed(api: &Api, t: &Ty, boxed: bool) -> TokenStream {
    let inner = ty(api, t);
    if boxed {
        quote! { ::std::boxed::Box<#inner> }
    } else {
        inner
    }
}
