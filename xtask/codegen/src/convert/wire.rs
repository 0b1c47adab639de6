//! How each parameter goes on the wire, and what a client and a server can serve: decided
//! once, once the types are final, for the emitters to read. The client writes a parameter by
//! the same [`Wire`] the server reads it by.

use crate::model::{
    Api, Operation, Param, ParamLocation, Part, Scalar, Segment, Style, Support, Ty, TypeKind, Wire,
};

/// Sets every parameter's [`Wire`] and every operation's [`Support`].
pub(super) fn decide(api: &mut Api) {
    let wires: Vec<Vec<Wire>> = api
        .operations
        .iter()
        .map(|op| op.params.iter().map(|p| wire(api, p)).collect())
        .collect();
    for (op, wires) in api.operations.iter_mut().zip(wires) {
        for (param, wire) in op.params.iter_mut().zip(wires) {
            param.form = wire;
        }
        op.support = Support {
            client: client_limit(op),
            server: server_limit(op),
        };
    }
}

/// How a parameter of type `ty` goes on the wire as one text; `None` for types without one
/// text form (objects, unions, maps, lists).
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

fn wire(api: &Api, param: &Param) -> Wire {
    let query = param.location == ParamLocation::Query;
    let (element, list) = match &param.ty {
        Ty::Array(inner) if query => (&**inner, true),
        ty => (ty, false),
    };
    let repeated = param.style.style == Style::Form && param.style.explode;
    match scalar(api, element) {
        Some(_) if query && param.style.style == Style::DeepObject => Wire::Styled,
        Some(_) if list && !repeated => Wire::Styled,
        Some(scalar) => Wire::Scalar { scalar, list },
        None if query => Wire::Styled,
        None => Wire::Simple,
    }
}

/// Why a client cannot call `op`: a path segment that mixes text with a parameter that has
/// no one text form.
fn client_limit(op: &Operation) -> Option<String> {
    op.path.segments.iter().find_map(|segment| {
        let Segment::Mixed(parts) = segment else {
            return None;
        };
        parts.iter().find_map(|part| {
            let Part::Param(wire) = part else {
                return None;
            };
            let param = op.params.iter().find(|p| p.wire == *wire)?;
            (!matches!(param.form, Wire::Scalar { .. })).then(|| {
                format!(
                    "parameter `{wire}` is not a string, number, boolean, date or enum, and \
                     shares a path segment with other text"
                )
            })
        })
    })
}

/// Why a server cannot serve `op`: axum routes whole segments only.
fn server_limit(op: &Operation) -> Option<String> {
    op.path
        .segments
        .iter()
        .any(|s| matches!(s, Segment::Mixed(_)))
        .then(|| "a path segment mixes a parameter with other text".to_owned())
}
