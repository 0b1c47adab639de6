//! What the client and the server emitters both need: the parts of a multipart body, the type
//! of error bodies, and an operation's doc comment.

use super::types::{doc_attrs, ty_in};
use crate::docs;
use crate::model::{Api, FieldEncoding, Operation, Param, Ty, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

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
