//! Breaking recursive and over-deep types with `Box`.
//!
//! A struct that holds itself inline, directly or through other types, has infinite size. An
//! inline reference needs a box exactly when it stays inside one strongly connected component of
//! the "holds inline" graph (a cycle runs through it). `Vec` and maps already allocate, so they
//! are not edges. The components are found once, in linear time, so large specs stay fast.
//!
//! A long chain of types each holding the next inline (`S1000` holds `S999`, which holds
//! `S998`...) is finite but still a problem: each type is as large as the whole chain below it,
//! and rustc's trait solver follows the chain until it overflows its recursion limit (E0275).
//! References are boxed where the chain below them would get deeper than
//! [`MAX_INLINE_DEPTH`].

use crate::error::Diagnostic;
use crate::model::{Api, Ty, TypeId, TypeKind};

/// Turns the types that are nothing but names for themselves into any JSON value, with a
/// warning at each naming the cycle. `A: {$ref: B}` with `B: {$ref: A}`, a schema that is a
/// `$ref` to itself, `allOf` chains that come back, `A` a list of `A`: each would be a Rust
/// type alias of itself, which no compiler accepts, and a box cannot break (nothing holds it).
/// Runs before [`box_recursive_fields`], which then sees only cycles a box breaks.
pub fn break_alias_cycles(api: &mut Api) -> Vec<Diagnostic> {
    let edges: Vec<Vec<TypeId>> = api
        .types
        .iter()
        .map(|t| match &t.kind {
            // A type alias expands every type it mentions, inside lists and maps too.
            TypeKind::Alias(ty) => ty.named_types(),
            _ => Vec::new(),
        })
        .collect();
    let component = strongly_connected_components(&edges);
    let mut size = vec![0usize; api.types.len()];
    for &c in &component {
        size[c] += 1;
    }
    let cyclic: Vec<usize> = (0..api.types.len())
        .filter(|&i| size[component[i]] > 1 || edges[i].contains(&TypeId(i)))
        .collect();
    let mut warnings = Vec::new();
    for &i in &cyclic {
        let mut members: Vec<&str> = cyclic
            .iter()
            .filter(|&&j| component[j] == component[i])
            .map(|&j| api.types[j].name.as_str())
            .collect();
        members.sort_unstable();
        warnings.push(Diagnostic::at(
            api.types[i].origin.clone(),
            format!(
                "`{}` is only a name for itself (a cycle of {}): it is read as any JSON value",
                api.types[i].name,
                members.join(", ")
            ),
        ));
    }
    for i in cyclic {
        api.types[i].kind = TypeKind::Alias(Ty::Any);
    }
    warnings
}

/// Marks every inline reference that closes a cycle as boxed.
pub fn box_recursive_fields(api: &mut Api) {
    let edges: Vec<Vec<TypeId>> = api.types.iter().map(|t| inline_edges(&t.kind)).collect();
    let component = strongly_connected_components(&edges);
    let in_cycle = |from: TypeId, to: TypeId| component[from.0] == component[to.0];
    for (i, def) in api.types.iter_mut().enumerate() {
        let owner = TypeId(i);
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for f in &mut s.fields {
                    f.boxed = f.ty.inline_named().is_some_and(|t| in_cycle(owner, t));
                }
            }
            TypeKind::Tagged(t) => {
                for v in &mut t.variants {
                    v.boxed = in_cycle(owner, v.ty);
                }
            }
            TypeKind::Untagged(u) => {
                for v in &mut u.variants {
                    v.boxed = v.ty.inline_named().is_some_and(|t| in_cycle(owner, t));
                }
            }
            TypeKind::Enum(_) | TypeKind::Alias(_) => {}
        }
    }
}

/// How many types deep a type may hold others inline before the next reference is boxed.
/// Real specs stay far below it; rustc's default recursion limit (128) is reached at about
/// three levels of generic wrappers per type.
pub const MAX_INLINE_DEPTH: usize = 24;

/// Boxes the inline references (not boxed already) below which more than
/// [`MAX_INLINE_DEPTH`] types would nest. Runs after [`box_recursive_fields`], when the
/// unboxed references form no cycle.
pub fn box_deep_fields(api: &mut Api) {
    // 0: not measured yet; otherwise how many types deep the type nests inline, itself included.
    let mut depth = vec![0usize; api.types.len()];
    for root in 0..api.types.len() {
        // (type, whether what it holds has been measured)
        let mut work = vec![(root, false)];
        while let Some((node, measured)) = work.pop() {
            if depth[node] != 0 {
                continue;
            }
            let kind = &mut api.types[node].kind;
            if !measured {
                work.push((node, true));
                let pending = unboxed_inline(kind).filter(|t| depth[t.0] == 0);
                work.extend(pending.map(|t| (t.0, false)).collect::<Vec<_>>());
                continue;
            }
            let deep = |t: TypeId| depth[t.0] >= MAX_INLINE_DEPTH;
            box_references(kind, deep);
            let below = unboxed_inline(kind).map(|t| depth[t.0]).max().unwrap_or(0);
            let own = usize::from(!matches!(kind, TypeKind::Alias(_)));
            depth[node] = (below + own).max(1);
        }
    }
}

/// The inline references of a definition that are not boxed.
fn unboxed_inline(kind: &TypeKind) -> Box<dyn Iterator<Item = TypeId> + '_> {
    match kind {
        TypeKind::Struct(s) => Box::new(
            s.fields
                .iter()
                .filter(|f| !f.boxed)
                .filter_map(|f| f.ty.inline_named()),
        ),
        TypeKind::Tagged(t) => Box::new(t.variants.iter().filter(|v| !v.boxed).map(|v| v.ty)),
        TypeKind::Untagged(u) => Box::new(
            u.variants
                .iter()
                .filter(|v| !v.boxed)
                .filter_map(|v| v.ty.inline_named()),
        ),
        TypeKind::Alias(ty) => Box::new(ty.inline_named().into_iter()),
        TypeKind::Enum(_) => Box::new(std::iter::empty()),
    }
}

/// Boxes the inline references to types `deep` picks. An alias cannot box what it names.
fn box_references(kind: &mut TypeKind, deep: impl Fn(TypeId) -> bool) {
    match kind {
        TypeKind::Struct(s) => {
            for f in &mut s.fields {
                f.boxed |= f.ty.inline_named().is_some_and(&deep);
            }
        }
        TypeKind::Tagged(t) => {
            for v in &mut t.variants {
                v.boxed |= deep(v.ty);
            }
        }
        TypeKind::Untagged(u) => {
            for v in &mut u.variants {
                v.boxed |= v.ty.inline_named().is_some_and(&deep);
            }
        }
        TypeKind::Alias(_) | TypeKind::Enum(_) => {}
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

/// The strongly connected component of every node, numbered so that two nodes share a number
/// exactly when each reaches the other. A node alone on no cycle gets a number of its own,
/// unless it holds itself. Tarjan's algorithm, iterative so that long chains cannot overflow
/// the stack.
fn strongly_connected_components(edges: &[Vec<TypeId>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![UNVISITED; n];
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != UNVISITED {
            continue;
        }
        // (node, position of the next edge to follow)
        let mut work = vec![(root, 0)];
        while let Some((node, edge)) = work.pop() {
            if edge == 0 {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(next) = edges[node].get(edge).map(|t| t.0) {
                work.push((node, edge + 1));
                if index[next] == UNVISITED {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[usize]) -> Vec<TypeId> {
        list.iter().map(|&i| TypeId(i)).collect()
    }

    #[test]
    fn components_follow_cycles_only() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 0 hangs off it; 4 holds itself; 5 is alone.
        let edges = vec![
            ids(&[1]),
            ids(&[2]),
            ids(&[0]),
            ids(&[0]),
            ids(&[4]),
            ids(&[]),
        ];
        let c = strongly_connected_components(&edges);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert_ne!(c[3], c[0]);
        assert_ne!(c[4], c[5]);
        assert_eq!(c.iter().filter(|&&x| x == c[3]).count(), 1);
    }

    #[test]
    fn a_long_chain_is_no_cycle_and_no_stack_overflow() {
        let n = 200_000;
        let edges: Vec<Vec<TypeId>> = (0..n)
            .map(|i| if i + 1 < n { ids(&[i + 1]) } else { vec![] })
            .collect();
        let c = strongly_connected_components(&edges);
        let mut unique = c.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), n);
    }

    #[test]
    fn long_inline_chains_are_boxed_every_max_depth_types() {
        let mut spec = String::from(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    S0: {type: object, properties: {a: {type: string}}}\n",
        );
        for i in 1..100 {
            spec.push_str(&format!(
                "    S{i}: {{type: object, properties: {{parent: {{$ref: '#/components/schemas/S{}'}}}}}}\n",
                i - 1
            ));
        }
        let api = crate::compile(&spec).unwrap().api;
        let boxed: Vec<&str> = api
            .types
            .iter()
            .filter(|t| match &t.kind {
                TypeKind::Struct(s) => s.fields.iter().any(|f| f.boxed),
                _ => false,
            })
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(boxed, ["S24", "S48", "S72", "S96"]);
    }
}
