//! What the client and the server emitters both need: which parameter types go on the wire as
//! text (one rule for both sides), the type of error bodies, and an operation's doc comment.

use super::types::{doc_attrs, ty_in};
use crate::docs;
use crate::model::{
    Api, FieldEncoding, Operation, Param, ParamLocation, Style, Ty, TypeId, TypeKind,
};
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

/// Whether a query parameter is written by its style from its JSON form rather than as the
/// text of one scalar (or the name repeated per item): objects, unions, maps, lists of
/// those, and lists that are not `form` exploded.
pub fn is_styled(api: &Api, param: &Param) -> bool {
    if param.location != ParamLocation::Query {
        return false;
    }
    let (ty, list) = element(param);
    let repeated = param.style.style == Style::Form && param.style.explode;
    scalar(api, ty).is_none() || (list && !repeated) || param.style.style == Style::DeepObject
}

/// The parts of a multipart body the runtime must be told about: each property that holds a
/// file (or a list of them), and each the spec's `encoding` gives a media type, as
/// `(name, holds files, media type)`.
pub fn multipart_fields(
    api: &Api,
    ty: &Ty,
    encodings: &[FieldEncoding],
) -> Vec<(String, bool, Option<String>)> {
    let fields = match ty {
        Ty::Named(id) => match &api.get(*id).kind {
            TypeKind::Struct(s) => s.fields.as_slice(),
            _ => &[],
        },
        _ => &[],
    };
    let holds_files = |ty: &Ty| matches!(ty, Ty::File) || *ty == Ty::Array(Box::new(Ty::File));
    let mut out: Vec<(String, bool, Option<String>)> = fields
        .iter()
        .filter(|f| holds_files(&f.ty))
        .map(|f| (f.wire.clone(), true, None))
        .collect();
    for encoding in encodings {
        let Some(media) = &encoding.content_type else {
            continue;
        };
        match out.iter_mut().find(|(wire, ..)| *wire == encoding.wire) {
            Some(entry) => entry.2 = Some(media.clone()),
            None => out.push((encoding.wire.clone(), false, Some(media.clone()))),
        }
    }
    out
}

/// Whether a parameter's value is a list, object, map or union rather than one scalar (a
/// query list of scalars counts as scalars): outside the query it is written as one `simple`
/// text (`a,b`), and a server reads it against its shape.
pub fn is_structured(api: &Api, param: &Param) -> bool {
    scalar(api, element(param).0).is_none()
}

/// Whether a server reads a parameter against its shape: a query parameter written by its
/// style, or a structured one anywhere else.
pub fn reads_by_shape(api: &Api, param: &Param) -> bool {
    is_styled(api, param) || (param.location != ParamLocation::Query && is_structured(api, param))
}

/// Why a parameter cannot be part of a path segment that mixes it with text: only a scalar
/// can.
pub fn unsupported_param(api: &Api, param: &Param) -> Option<String> {
    is_structured(api, param).then(|| {
        format!(
            "parameter `{}` is not a string, number, boolean, date or enum, and shares a path \
             segment with other text",
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
