//! Breaking recursive types with `Box`.
//!
//! A struct that holds itself inline, directly or through other types, has infinite size. An
//! inline reference needs a box exactly when it stays inside one strongly connected component of
//! the "holds inline" graph (a cycle runs through it). `Vec` and maps already allocate, so they
//! are not edges. The components are found once, in linear time, so large specs stay fast.

use crate::model::{Api, TypeId, TypeKind};

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
}
