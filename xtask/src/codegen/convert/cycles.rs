//! Breaking recursive types with `Box`.
//!
//! A struct that holds itself inline, directly or through other types, has infinite size. A
//! field (or union payload) is boxed when the type it holds inline can reach back to the type
//! that holds it. `Vec` and maps already allocate, so they never need a box.

use crate::codegen::model::{Api, TypeId, TypeKind};

/// Marks every inline reference that closes a cycle as boxed.
pub fn box_recursive_fields(api: &mut Api) {
    let edges: Vec<Vec<TypeId>> = api.types.iter().map(|t| inline_edges(&t.kind)).collect();
    let reaches = |from: TypeId, to: TypeId| -> bool {
        let mut seen = vec![false; edges.len()];
        let mut stack = vec![from];
        while let Some(id) = stack.pop() {
            if id == to {
                return true;
            }
            if !std::mem::replace(&mut seen[id.0], true) {
                stack.extend(&edges[id.0]);
            }
        }
        false
    };
    for (i, def) in api.types.iter_mut().enumerate() {
        let owner = TypeId(i);
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for f in &mut s.fields {
                    f.boxed = f.ty.inline_named().is_some_and(|t| reaches(t, owner));
                }
            }
            TypeKind::Tagged(t) => {
                for v in &mut t.variants {
                    v.boxed = reaches(v.ty, owner);
                }
            }
            TypeKind::Untagged(u) => {
                for v in &mut u.variants {
                    v.boxed = v.ty.inline_named().is_some_and(|t| reaches(t, owner));
                }
            }
            TypeKind::Enum(_) | TypeKind::Alias(_) => {}
        }
    }
}

/// The types a definition holds inline, without an allocation in between.
fn inline_edges(kind: &TypeKind) -> Vec<TypeId> {
    match kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .filter_map(|f| f.ty.inline_named())
            .collect(),
        TypeKind::Tagged(t) => t.variants.iter().map(|v| v.ty).collect(),
        TypeKind::Untagged(u) => u
            .variants
            .iter()
            .filter_map(|v| v.ty.inline_named())
            .collect(),
        TypeKind::Alias(ty) => ty.inline_named().into_iter().collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}
