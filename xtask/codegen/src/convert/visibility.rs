//! `readOnly` and `writeOnly`: a read-only property never goes in a request, a write-only one
//! never comes back in a response. A type only requests use loses its read-only properties, a
//! type only responses use its write-only ones, and a type both use, when they see it
//! differently (directly or through a type it holds), is split: the original keeps the
//! response's shape and a copy named `...Request` takes the request's, and every request
//! position names the copy.

use crate::model::{request_types, response_types, Access, Api, TypeDef, TypeId, TypeKind};
use crate::naming::Scope;
use std::collections::{BTreeMap, BTreeSet};

/// Gives requests and responses the shapes the spec's `readOnly` and `writeOnly` describe.
pub fn split_by_direction(api: &mut Api) {
    let requests = request_types(api);
    let responses = response_types(api);
    let both: BTreeSet<TypeId> = requests.intersection(&responses).copied().collect();
    let differs = differing(api, &both);
    // A request copy of every type both use that the two directions see differently.
    let mut names = Scope::with_reserved(
        &api.types
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>(),
    );
    let mut copies: BTreeMap<TypeId, TypeId> = BTreeMap::new();
    for &id in &differs {
        let original = api.get(id);
        let copy = TypeDef {
            name: names.claim(&format!("{}Request", original.name)),
            ..original.clone()
        };
        api.types.push(copy);
        copies.insert(id, TypeId(api.types.len() - 1));
    }
    let to_request = |id: TypeId| copies.get(&id).copied().unwrap_or(id);
    for op in &mut api.operations {
        if let Some(body) = &mut op.body {
            if let Some(ty) = body.payload.typed_mut() {
                *ty = ty.map_named(&to_request);
            }
        }
        for param in &mut op.params {
            param.ty = param.ty.map_named(&to_request);
        }
    }
    let request_side: BTreeSet<TypeId> = requests
        .iter()
        .filter(|id| !both.contains(id))
        .copied()
        .chain(copies.values().copied())
        .collect();
    for (i, def) in api.types.iter_mut().enumerate() {
        let id = TypeId(i);
        if request_side.contains(&id) {
            def.kind.map_named(&to_request);
            keep(&mut def.kind, Access::ReadOnly);
        } else if responses.contains(&id) {
            keep(&mut def.kind, Access::WriteOnly);
        }
    }
}

/// The types both directions use that they see differently: a struct with a read-only or
/// write-only property, or any type holding one.
fn differing(api: &Api, both: &BTreeSet<TypeId>) -> BTreeSet<TypeId> {
    let one_way = |kind: &TypeKind| match kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| f.access != Access::ReadWrite),
        _ => false,
    };
    let mut found: BTreeSet<TypeId> = both
        .iter()
        .filter(|id| one_way(&api.get(**id).kind))
        .copied()
        .collect();
    // Whatever holds a type that differs differs too, until nothing changes.
    loop {
        let more: Vec<TypeId> = both
            .iter()
            .filter(|id| !found.contains(id))
            .filter(|id| {
                crate::model::named_dependencies(&api.get(**id).kind)
                    .iter()
                    .any(|dep| found.contains(dep))
            })
            .copied()
            .collect();
        if more.is_empty() {
            return found;
        }
        found.extend(more);
    }
}

/// Drops a struct's properties that go only the other way: `ReadOnly` ones from a request
/// shape (which then refuses them), `WriteOnly` ones from a response shape.
fn keep(kind: &mut TypeKind, leave_out: Access) {
    let TypeKind::Struct(s) = kind else {
        return;
    };
    let (out, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut s.fields)
        .into_iter()
        .partition(|f| f.access == leave_out);
    s.fields = kept;
    if leave_out == Access::ReadOnly {
        s.refused = out.into_iter().map(|f| f.wire).collect();
    }
}
