//! Facts about the whole model: which named types an expression or a request reaches.

use super::{Api, Operation, Ty, TypeId, TypeKind};
use std::collections::BTreeSet;

/// Every named type reachable from a request body or a parameter: the types a caller writes.
pub fn request_types(api: &Api) -> BTreeSet<TypeId> {
    let mut roots = Vec::new();
    for op in &api.operations {
        roots.extend(body_ty(op));
        roots.extend(op.params.iter().map(|p| &p.ty));
    }
    reachable(api, roots)
}

/// Every named type reachable from a JSON response body: the types a server writes.
pub fn response_types(api: &Api) -> BTreeSet<TypeId> {
    let roots = api
        .operations
        .iter()
        .flat_map(|op| op.success.iter().chain(&op.errors))
        .filter_map(|response| response.json());
    reachable(api, roots)
}

/// The type of an operation's request body, if it has one: JSON, form or multipart.
pub fn body_ty(op: &Operation) -> Option<&Ty> {
    op.body.as_ref()?.payload.typed()
}

/// Every named type the expressions `roots` mention, at any depth.
pub fn reachable<'t>(api: &Api, roots: impl IntoIterator<Item = &'t Ty>) -> BTreeSet<TypeId> {
    let mut found = BTreeSet::new();
    let mut stack: Vec<TypeId> = Vec::new();
    for ty in roots {
        collect_named(ty, &mut stack);
    }
    while let Some(id) = stack.pop() {
        if found.insert(id) {
            stack.extend(named_dependencies(&api.types[id.0].kind));
        }
    }
    found
}

/// Every named type a definition mentions, at any depth of `Vec` or map.
pub fn named_dependencies(kind: &TypeKind) -> Vec<TypeId> {
    let mut out = Vec::new();
    match kind {
        TypeKind::Struct(s) => {
            for f in &s.fields {
                collect_named(&f.ty, &mut out);
            }
            collect_named(&s.extra.value, &mut out);
        }
        TypeKind::Enum(_) => {}
        TypeKind::Tagged(t) => out.extend(t.variants.iter().map(|v| v.ty)),
        TypeKind::Untagged(u) => {
            for v in &u.variants {
                collect_named(&v.ty, &mut out);
            }
        }
        TypeKind::Alias(ty) => collect_named(ty, &mut out),
    }
    out
}

/// The named types an expression mentions, at any depth.
fn collect_named(ty: &Ty, out: &mut Vec<TypeId>) {
    out.extend(ty.named_types());
}
