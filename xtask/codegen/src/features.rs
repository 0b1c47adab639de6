//! Compile only what you use: in a standalone crate, a cargo feature per tag of the spec, each
//! enabling the operations under that tag (an operation is under its first tag) and exactly
//! the types they reach, through fields, variants, lists and maps. `full`, the default,
//! enables every tag; the server, which implements the whole API, needs `full`.
//!
//! Types no operation reaches (webhook payloads, unused schemas) come with `full` only; those
//! the error body reaches come always, since every call can answer with it; an alias nothing
//! reaches comes with the type it names. Operations without a tag are under `untagged`.
//!
//! A spec that tags nothing (Stripe's) is split by resource instead, as async-stripe splits
//! it: the first path segment after the prefix every path shares, so `/v1/customers/{id}` is
//! under `customers`.

use crate::model::{body_ty, named_dependencies, Api, Operation, Segment, Ty, TypeId};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The feature that enables every tag.
pub const FULL: &str = "full";
/// The feature of operations without a tag.
pub const UNTAGGED: &str = "untagged";
/// Feature names a tag may not take: the crate's own.
const RESERVED: &[&str] = &["default", FULL, "schemars", "server"];

/// When each item is compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gate {
    /// Always.
    Always,
    /// With any of these features (by index into [`Features::names`]).
    Any(BTreeSet<usize>),
}

/// The features of one API: their names, and which each operation and type needs.
#[derive(Debug, Clone)]
pub struct Features {
    /// The feature names, in the order their tags first appear.
    pub names: Vec<String>,
    operations: Vec<usize>,
    types: Vec<Gate>,
}

impl Features {
    /// The features of `api`, or `None` when it has fewer than two tags (one feature would
    /// gate nothing).
    pub fn of(api: &Api) -> Option<Self> {
        let mut names: Vec<String> = Vec::new();
        let mut tags: Vec<Option<&str>> = Vec::new();
        let mut operations = Vec::with_capacity(api.operations.len());
        for tag in groups(api) {
            let index = match tags.iter().position(|t| *t == tag) {
                Some(index) => index,
                None => {
                    tags.push(tag);
                    names.push(unique(feature_name(tag), &names));
                    names.len() - 1
                }
            };
            operations.push(index);
        }
        if names.len() < 2 {
            return None;
        }
        let mut reached: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); api.types.len()];
        for (op, &feature) in api.operations.iter().zip(&operations) {
            for root in roots(op) {
                mark(api, root, feature, &mut reached);
            }
        }
        let mut always = vec![false; api.types.len()];
        for op in &api.operations {
            for error in op.errors.iter().filter_map(|e| e.json()) {
                for id in error.named_types() {
                    reach_always(api, id, &mut always);
                }
            }
        }
        // An alias nothing reaches (a merged copy's name) comes with what it stands for.
        for (i, def) in api.types.iter().enumerate() {
            if let crate::model::TypeKind::Alias(Ty::Named(target)) = def.kind {
                if reached[i].is_empty() && !always[i] {
                    reached[i] = reached[target.0].clone();
                    always[i] = always[target.0];
                }
            }
        }
        let types = reached
            .into_iter()
            .zip(always)
            .map(|(features, always)| {
                if always {
                    Gate::Always
                } else {
                    Gate::Any(features)
                }
            })
            .collect();
        Some(Self {
            names,
            operations,
            types,
        })
    }

    /// The feature of operation `index`.
    pub fn of_operation(&self, index: usize) -> &str {
        &self.names[self.operations[index]]
    }

    /// The `#[cfg]` of type `id`, if it has one.
    pub fn type_cfg(&self, id: usize) -> Option<TokenStream> {
        match &self.types[id] {
            Gate::Always => None,
            // Reached by no operation: with the whole API only.
            Gate::Any(features) if features.is_empty() => Some(cfg_any(&[FULL])),
            Gate::Any(features) => {
                let names: Vec<&str> = features.iter().map(|&i| self.names[i].as_str()).collect();
                Some(cfg_any(&names))
            }
        }
    }

    /// The `#[cfg]` of operation `index`.
    pub fn operation_cfg(&self, index: usize) -> TokenStream {
        cfg_any(&[self.of_operation(index)])
    }
}

fn cfg_any(names: &[&str]) -> TokenStream {
    match names {
        [one] => quote! { #[cfg(feature = #one)] },
        many => quote! { #[cfg(any(#(feature = #many),*))] },
    }
}

/// Puts `cfg` on every item of `tokens` (a run of items, as the emitters give them).
pub fn gate(tokens: TokenStream, cfg: Option<TokenStream>) -> TokenStream {
    let Some(cfg) = cfg else {
        return tokens;
    };
    let items = items(tokens);
    quote! { #(#cfg #items)* }
}

/// The items of a stream of them, cut where each ends (at a `;`, or at a `{ ... }` body not
/// followed by `;`) without parsing them: the emitters give whole items only, and syn would
/// parse every gated item a second time before formatting.
fn items(tokens: TokenStream) -> Vec<TokenStream> {
    use proc_macro2::{Delimiter, TokenTree};
    let mut items = Vec::new();
    let mut current: Vec<TokenTree> = Vec::new();
    let mut after_body = false;
    for token in tokens {
        let ends_item = match &token {
            TokenTree::Punct(p) if p.as_char() == ';' => true,
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                // The body of an item, unless it is `use a::{b, c}` or an initializer: both
                // end at the `;` that follows.
                after_body = true;
                current.push(token);
                continue;
            }
            _ => false,
        };
        if after_body && !ends_item {
            items.push(current.drain(..).collect());
        }
        after_body = false;
        current.push(token);
        if ends_item {
            items.push(current.drain(..).collect());
        }
    }
    if !current.is_empty() {
        items.push(current.into_iter().collect());
    }
    items
}

/// What each operation is grouped under: its first tag or, when no operation has one, its
/// resource (see the module's doc).
fn groups(api: &Api) -> Vec<Option<&str>> {
    if api.operations.iter().any(|op| op.tag.is_some()) {
        return api.operations.iter().map(|op| op.tag.as_deref()).collect();
    }
    fn literals(op: &Operation) -> Vec<&str> {
        op.path
            .segments
            .iter()
            .map_while(|segment| match segment {
                Segment::Literal(text) => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
    let paths: Vec<Vec<&str>> = api.operations.iter().map(literals).collect();
    let shared = paths.first().map_or(0, |first| {
        (0..first.len())
            .take_while(|&i| paths.iter().all(|p| p.get(i) == first.get(i)))
            .count()
    });
    paths.iter().map(|p| p.get(shared).copied()).collect()
}

/// A tag as a feature name: `Repos` as `repos`, `Workflow Runs` as `workflow-runs`.
fn feature_name(tag: Option<&str>) -> String {
    let Some(tag) = tag else {
        return UNTAGGED.to_owned();
    };
    let mut name = String::new();
    for c in tag.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('-') && !name.is_empty() {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-').to_owned();
    match name.as_str() {
        "" => "tag".to_owned(),
        reserved if RESERVED.contains(&reserved) => format!("{name}-tag"),
        _ if name.starts_with(|c: char| c.is_ascii_digit()) => format!("tag-{name}"),
        _ => name,
    }
}

/// `name`, or `name-2`, `name-3`... where it is taken.
fn unique(name: String, taken: &[String]) -> String {
    if !taken.contains(&name) {
        return name;
    }
    (2..)
        .map(|n| format!("{name}-{n}"))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or(name)
}

/// The types an operation names directly: parameters, body, responses.
fn roots(op: &Operation) -> Vec<TypeId> {
    let mut tys: Vec<&Ty> = op.params.iter().map(|p| &p.ty).collect();
    tys.extend(body_ty(op));
    tys.extend(op.success.iter().chain(&op.errors).filter_map(|r| r.json()));
    tys.into_iter().flat_map(Ty::named_types).collect()
}

/// Marks `root` and all it reaches as needed by `feature`.
fn mark(api: &Api, root: TypeId, feature: usize, reached: &mut [BTreeSet<usize>]) {
    let mut work = vec![root];
    while let Some(id) = work.pop() {
        if reached[id.0].insert(feature) {
            work.extend(named_dependencies(&api.types[id.0].kind));
        }
    }
}

/// Marks `root` and all it reaches as always compiled.
fn reach_always(api: &Api, root: TypeId, always: &mut [bool]) {
    let mut work = vec![root];
    while let Some(id) = work.pop() {
        if !always[id.0] {
            always[id.0] = true;
            work.extend(named_dependencies(&api.types[id.0].kind));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gated_items_each_get_the_cfg_without_being_parsed() {
        let tokens = quote! {
            #[derive(Debug)]
            pub struct A { x: u8 }
            pub struct B(u8);
            use std::{fmt, io};
            const C: &[u8] = &[1];
            impl A { fn f(&self) -> u8 { self.x } }
            pub type D = A;
            macro_call! { a }
            static E: A = A { x: 1 };
        };
        let gated = gate(tokens.clone(), Some(quote! { #[cfg(feature = "f")] }));
        let file: syn::File = syn::parse2(gated).unwrap();
        assert_eq!(file.items.len(), 8);
        for item in &file.items {
            let text = quote! { #item }.to_string();
            assert!(text.starts_with("# [cfg (feature = \"f\")]"), "{text}");
        }
        assert_eq!(gate(tokens.clone(), None).to_string(), tokens.to_string());
    }

    #[test]
    fn tags_become_feature_names_that_cannot_clash() {
        assert_eq!(feature_name(Some("Workflow Runs")), "workflow-runs");
        assert_eq!(feature_name(Some("server")), "server-tag");
        assert_eq!(feature_name(Some("3D")), "tag-3d");
        assert_eq!(feature_name(None), "untagged");
        assert_eq!(unique("a".into(), &["a".into(), "a-2".into()]), "a-3");
    }

    #[test]
    fn a_spec_without_tags_is_split_by_resource_after_the_shared_prefix() {
        let compiled = crate::compile(
            r##"
openapi: 3.0.3
info: { title: T, version: "1" }
paths:
  /v1/customers:
    get: { operationId: listCustomers, responses: { "204": { description: ok } } }
  /v1/customers/{id}/sources:
    get:
      operationId: listSources
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses: { "204": { description: ok } }
  /v1/test_helpers/clocks:
    post: { operationId: advanceClock, responses: { "204": { description: ok } } }
  /v1:
    get: { operationId: root, responses: { "204": { description: ok } } }
"##,
        )
        .unwrap();
        let features = Features::of(&compiled.api).unwrap();
        assert_eq!(features.names, ["customers", "test-helpers", "untagged"]);
        let of = |id: &str| {
            let index = compiled.api.operations.iter().position(|o| o.id == id);
            features.of_operation(index.unwrap()).to_owned()
        };
        assert_eq!(of("listSources"), "customers");
        assert_eq!(of("root"), "untagged");
    }

    #[test]
    fn each_operation_reaches_its_types_and_unreached_ones_need_full() {
        let compiled = crate::compile(
            r##"
openapi: 3.0.3
info: { title: T, version: "1" }
paths:
  /books:
    get:
      operationId: listBooks
      tags: [Books]
      responses:
        "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Shelf" } } } }
        "404": { description: no, content: { application/json: { schema: { $ref: "#/components/schemas/Problem" } } } }
  /authors:
    get:
      operationId: listAuthors
      tags: [Authors]
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: array, items: { $ref: "#/components/schemas/Author" } } } } }
components:
  schemas:
    Shelf:
      type: object
      properties: { books: { type: array, items: { $ref: "#/components/schemas/Book" } } }
      additionalProperties: { $ref: "#/components/schemas/Note" }
    Note: { type: object, properties: { text: { type: string } } }
    Book: { type: object, properties: { author: { $ref: "#/components/schemas/Author" } } }
    Author: { type: object, properties: { name: { type: string } } }
    Problem: { type: object, properties: { message: { type: string } } }
    Unused: { type: object }
"##,
        )
        .unwrap();
        let api = &compiled.api;
        let features = Features::of(api).unwrap();
        assert_eq!(features.names, ["books", "authors"]);
        let cfg = |name: &str| {
            let id = api.types.iter().position(|t| t.name == name).unwrap();
            features.type_cfg(id).map(|c| c.to_string())
        };
        assert_eq!(
            cfg("Book").as_deref(),
            Some(r#"# [cfg (feature = "books")]"#)
        );
        assert_eq!(
            cfg("Author").as_deref(),
            Some(r#"# [cfg (any (feature = "books" , feature = "authors"))]"#)
        );
        assert_eq!(cfg("Problem"), None);
        assert_eq!(
            cfg("Unused").as_deref(),
            Some(r#"# [cfg (feature = "full")]"#)
        );
    }
}
