//! What the client and the server emitters both need: which parameter types go on the wire as
//! text (one rule for both sides), the type of error bodies, and an operation's doc comment.

use super::types::{doc_attrs, ty_in};
use crate::docs;
use crate::model::{Api, Operation, Param, ParamLocation, Ty, TypeId, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

/// A parameter type that goes on the wire as one piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// Text as it is.
    Text,
    /// A number or boolean, written and read with `Display` and `FromStr`.
    Plain,
    /// A calendar date, `2024-03-01`.
    Date,
    /// An RFC 3339 timestamp.
    DateTime,
    /// One of a string enum's values.
    Enum(TypeId),
}

/// How a parameter of type `ty` goes on the wire; `None` for types without one text form
/// (objects, unions, maps).
pub fn scalar(api: &Api, ty: &Ty) -> Option<Scalar> {
    Some(match ty {
        Ty::String => Scalar::Text,
        Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::Bool => Scalar::Plain,
        Ty::Date => Scalar::Date,
        Ty::DateTime => Scalar::DateTime,
        Ty::Named(id) if matches!(api.get(*id).kind, TypeKind::Enum(_)) => Scalar::Enum(*id),
        _ => return None,
    })
}

/// A parameter's value type, and whether it is a list of them (lists only in the query, where
/// they repeat the name: `tags=a&tags=b`, OpenAPI's default).
pub fn element(param: &Param) -> (&Ty, bool) {
    match (&param.ty, param.location) {
        (Ty::Array(inner), ParamLocation::Query) => (inner, true),
        (ty, _) => (ty, false),
    }
}

/// Why a parameter cannot go on the wire, if it cannot.
pub fn unsupported_param(api: &Api, param: &Param) -> Option<String> {
    let (ty, _) = element(param);
    scalar(api, ty).is_none().then(|| {
        format!(
            "parameter `{}` is not a string, number, boolean, date or enum (or, in the query, \
             a list of them)",
            param.wire
        )
    })
}

/// The one schema every documented error response with a JSON body uses, or any JSON when
/// they differ.
pub fn error_body(api: &Api, models: &TokenStream) -> TokenStream {
    let mut types = api
        .operations
        .iter()
        .flat_map(|op| op.errors.iter().filter_map(|e| e.json()));
    match types.next() {
        Some(first) if types.all(|t| t == first) => ty_in(api, first, models),
        _ => quote! { ::serde_json::Value },
    }
}

/// The doc comment of an operation's method, client or server: the spec's summary and
/// description, the method and path, and what each described parameter in `params` means.
pub fn method_doc<'p>(op: &Operation, params: impl IntoIterator<Item = &'p Param>) -> TokenStream {
    let mut doc = op.doc.clone().unwrap_or_default();
    if !doc.is_empty() {
        doc.push_str("\n\n");
    }
    doc.push_str(&format!(
        "`{} {}` (operation `{}`)",
        op.method, op.path, op.id
    ));
    let described: Vec<String> = params
        .into_iter()
        .filter_map(|p| {
            let annotations = docs::annotations(&p.constraints, p.default.as_deref());
            let deprecated = p.deprecated.then_some("Deprecated in the spec.");
            let parts: Vec<&str> = [p.doc.as_deref(), annotations.as_deref(), deprecated]
                .into_iter()
                .flatten()
                .collect();
            if parts.is_empty() {
                return None;
            }
            let text = parts
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            Some(format!("- `{}`: {text}", p.name))
        })
        .collect();
    if !described.is_empty() {
        doc.push_str("\n\n# Arguments\n\n");
        doc.push_str(&described.join("\n"));
    }
    doc_attrs(Some(&doc))
}
