//! Inline schemas that say the same thing become one type. Big specs repeat the same inline
//! object or enum in many places (GitHub's has 229 copies of `{ href: string }` and a
//! `Bot | User | Organization` enum 194 times); each copy would be a struct or an enum of its
//! own, with its own impls to compile. Two inline types are the same when everything the
//! generated code says about them is: kind, fields, docs, constraints. A copy of a named
//! component schema becomes that schema; copies of each other become the first one found.
//! Named schemas themselves are never merged: the spec named each.
//!
//! A merged copy keeps its name, as an alias of the type it became (`pub type X = Y;`, which
//! costs the compiler nothing), so that no name changes when a spec's copies start or stop
//! being alike.

use crate::model::{Api, Payload, Scalar, Ty, TypeDef, TypeId, TypeKind, Wire};
use crate::naming::Scope;
use std::collections::{BTreeMap, HashMap};

/// Merges the inline types (every type from index `named` on) that equal another one, until
/// none does; `names` are the type names taken.
pub fn merge_identical_inline_types(api: &mut Api, named: usize, names: &mut Scope) {
    let mut merged_into: Vec<Option<TypeId>> = vec![None; api.types.len()];
    loop {
        let mut first: HashMap<String, TypeId> = HashMap::new();
        let mut found = Vec::new();
        for (i, def) in api.types.iter().enumerate() {
            if merged_into[i].is_some() {
                continue;
            }
            match first.entry(key(def)) {
                std::collections::hash_map::Entry::Occupied(seen) if i >= named => {
                    found.push((TypeId(i), *seen.get()));
                }
                std::collections::hash_map::Entry::Occupied(_) => {}
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(TypeId(i));
                }
            }
        }
        if found.is_empty() {
            break;
        }
        for (copy, kept) in found {
            merged_into[copy.0] = Some(kept);
        }
        // Whatever held a copy now holds the type it was merged into, so the types that held
        // copies may be equal now too: the next round finds them.
        let to = |id: TypeId| merged_into[id.0].unwrap_or(id);
        remap(api, &to);
    }
    let mut groups: BTreeMap<TypeId, Vec<TypeId>> = BTreeMap::new();
    for i in 0..api.types.len() {
        let Some(mut kept) = merged_into[i] else {
            continue;
        };
        // A type kept in one round may be merged in a later one.
        while let Some(next) = merged_into[kept.0] {
            kept = next;
        }
        groups.entry(kept).or_default().push(TypeId(i));
    }
    for (kept, copies) in groups {
        for &copy in &copies {
            let def = &mut api.types[copy.0];
            def.kind = TypeKind::Alias(Ty::Named(kept));
            def.constraints = Default::default();
            def.same_as = Some(kept);
        }
        if kept.0 >= named {
            name_after_what_all_share(api, kept, &copies, names);
        }
    }
}

/// Renames a kept inline type after the words the ends of all its copies' names share
/// (`GetRunXApiVersion` and `ListRunsXApiVersion` are `XApiVersion`), when those are two words
/// or more and no type has that name: the first copy's name would read wrong everywhere else.
/// Its old name stays, as an alias like the others'.
fn name_after_what_all_share(api: &mut Api, kept: TypeId, copies: &[TypeId], taken: &mut Scope) {
    let names: Vec<Vec<&str>> = std::iter::once(kept)
        .chain(copies.iter().copied())
        .map(|id| words(&api.types[id.0].name))
        .collect();
    let shared = names.iter().map(|w| w.len()).min().map_or(0, |shortest| {
        (0..shortest)
            .take_while(|&n| {
                let word = names[0][names[0].len() - 1 - n];
                names.iter().all(|w| w[w.len() - 1 - n] == word)
            })
            .count()
    });
    let first = &names[0];
    // The whole of a name shared by all is no new name.
    if shared < 2 || shared == first.len() {
        return;
    }
    let name: String = first[first.len() - shared..].concat();
    if taken.is_taken(&name) {
        return;
    }
    taken.claim(&name);
    let def = &mut api.types[kept.0];
    let old = std::mem::replace(&mut def.name, name);
    let alias = TypeDef {
        name: old,
        origin: def.origin.clone(),
        doc: def.doc.clone(),
        kind: TypeKind::Alias(Ty::Named(kept)),
        constraints: Default::default(),
        deprecated: def.deprecated,
        same_as: Some(kept),
    };
    api.types.push(alias);
}

/// The words of an `UpperCamelCase` name: `XExtendApiVersion` is `X`, `Extend`, `Api`,
/// `Version`.
fn words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..i]);
            start = i;
        }
    }
    words.push(&name[start..]);
    words
}

/// What makes two types the same: everything but their name and where they come from.
fn key(def: &TypeDef) -> String {
    format!(
        "{:?}|{:?}|{:?}|{}",
        def.kind, def.doc, def.constraints, def.deprecated
    )
}

/// Rewrites every type reference of the API through `to`.
fn remap(api: &mut Api, to: &impl Fn(TypeId) -> TypeId) {
    for def in &mut api.types {
        def.kind.map_named(to);
        if let TypeKind::Struct(s) = &mut def.kind {
            for f in &mut s.fields {
                f.see = f.see.map(to);
            }
        }
    }
    for op in &mut api.operations {
        for param in &mut op.params {
            param.ty = param.ty.map_named(to);
            if let Wire::Scalar {
                scalar: Scalar::Enum(id),
                ..
            } = &mut param.form
            {
                *id = to(*id);
            }
        }
        if let Some(ty) = op.body.as_mut().and_then(|b| b.payload.typed_mut()) {
            *ty = ty.map_named(to);
        }
        for response in op.success.iter_mut().chain(op.errors.iter_mut()) {
            if let Some(Payload::Json(ty)) = &mut response.payload {
                *ty = ty.map_named(to);
            }
        }
        if let Some(paging) = &mut op.pagination {
            paging.item = paging.item.map_named(to);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Ty, TypeKind};

    fn api(yaml: &str) -> crate::model::Api {
        crate::compile(yaml).expect("a valid spec").api
    }

    const SPEC: &str = r##"
openapi: 3.0.3
info: { title: t, version: "1" }
paths: {}
components:
  schemas:
    Link:
      type: object
      properties: { href: { type: string } }
    Pull:
      type: object
      properties:
        self: { type: object, properties: { href: { type: string } } }
        html: { type: object, properties: { href: { type: string } } }
        state: { type: string, enum: [open, closed] }
    Issue:
      type: object
      properties:
        comments: { type: object, properties: { count: { type: integer } } }
        state: { type: string, enum: [open, closed] }
        author:
          type: object
          properties:
            state: { type: string, enum: [open, closed] }
    Review:
      type: object
      properties:
        comments: { type: object, properties: { count: { type: integer } } }
        author:
          type: object
          properties:
            state: { type: string, enum: [open, closed] }
        other: { type: object, description: Says more., properties: { href: { type: string } } }
"##;

    fn field_type<'a>(api: &'a crate::model::Api, owner: &str, field: &str) -> &'a str {
        let def = api.types.iter().find(|t| t.name == owner).unwrap();
        let TypeKind::Struct(s) = &def.kind else {
            panic!("{owner} is not a struct");
        };
        let f = s.fields.iter().find(|f| f.wire == field).unwrap();
        let Ty::Named(id) = f.ty else {
            panic!("{owner}.{field} is not a named type");
        };
        &api.get(id).name
    }

    #[test]
    fn an_inline_copy_of_a_named_schema_becomes_that_schema() {
        let api = api(SPEC);
        assert_eq!(field_type(&api, "Pull", "self"), "Link");
        assert_eq!(field_type(&api, "Pull", "html"), "Link");
    }

    #[test]
    fn inline_copies_of_each_other_become_the_first_one() {
        let api = api(SPEC);
        assert_eq!(field_type(&api, "Pull", "state"), "PullState");
        assert_eq!(field_type(&api, "Issue", "state"), "PullState");
        assert_eq!(field_type(&api, "Review", "comments"), "IssueComments");
        // The copy's name stays, as an alias of the type it became.
        let copy = api
            .types
            .iter()
            .find(|t| t.name == "ReviewComments")
            .unwrap();
        let TypeKind::Alias(Ty::Named(id)) = copy.kind else {
            panic!("ReviewComments is not an alias: {:?}", copy.kind);
        };
        assert_eq!(api.get(id).name, "IssueComments");
        assert_eq!(copy.same_as, Some(id));
    }

    #[test]
    fn types_equal_once_what_they_hold_is_merged_are_merged_too() {
        let api = api(SPEC);
        // `author` holds a `state` enum of its own in each; once those are one, so are they.
        assert_eq!(field_type(&api, "Review", "author"), "IssueAuthor");
    }

    #[test]
    fn a_kept_type_takes_the_words_all_its_copies_end_with() {
        let api = api(r##"
openapi: 3.0.3
info: { title: t, version: "1" }
paths: {}
components:
  schemas:
    Run:
      type: object
      properties:
        apiVersion: { type: string, enum: ["2025", "2026"] }
    Batch:
      type: object
      properties:
        apiVersion: { type: string, enum: ["2025", "2026"] }
"##);
        assert_eq!(field_type(&api, "Run", "apiVersion"), "ApiVersion");
        assert_eq!(field_type(&api, "Batch", "apiVersion"), "ApiVersion");
        // Both old names stay, as aliases of the new one.
        for old in ["RunApiVersion", "BatchApiVersion"] {
            let def = api.types.iter().find(|t| t.name == old).unwrap();
            assert!(def.same_as.is_some(), "{old}");
        }
    }

    #[test]
    fn one_shared_word_is_not_a_name() {
        let api = api(SPEC);
        // `PullState` and `IssueState` share `State` alone: the first name is kept.
        assert_eq!(field_type(&api, "Issue", "state"), "PullState");
    }

    #[test]
    fn words_split_at_capitals() {
        assert_eq!(
            super::words("XExtendApiVersion"),
            ["X", "Extend", "Api", "Version"]
        );
        assert_eq!(super::words("V2faDisabled"), ["V2fa", "Disabled"]);
    }

    #[test]
    fn a_different_description_keeps_a_type_apart() {
        let api = api(SPEC);
        assert_eq!(field_type(&api, "Review", "other"), "ReviewOther");
    }

    #[test]
    fn no_field_names_a_merged_copy() {
        let api = api(SPEC);
        for def in &api.types {
            if let TypeKind::Struct(s) = &def.kind {
                for f in &s.fields {
                    for id in f.ty.named_types() {
                        let target = api.get(id);
                        let merged = target.same_as.is_some();
                        assert!(!merged, "{}.{} names {}", def.name, f.wire, target.name);
                    }
                }
            }
        }
    }
}
