//! A readable outline of the API surface a spec produces: every operation and type, one line
//! each, so that a spec change shows up as a small reviewable diff in a snapshot.

use super::model::{Api, ParamLocation, Payload, Presence, RequestPayload, Ty, TypeKind};
use std::fmt::Write;

/// The outline as text.
pub fn summarize(api: &Api) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", api.title, api.version);
    for server in &api.servers {
        let _ = writeln!(out, "server {server}");
    }
    for global in &api.global_headers {
        let required = if global.required { " (required)" } else { "" };
        let default = global
            .default
            .as_ref()
            .map_or(String::new(), |d| format!(" = {d}"));
        let _ = writeln!(
            out,
            "global header {} -> {}{default}{required}",
            global.wire, global.name
        );
    }
    out.push_str("\noperations:\n");
    for op in &api.operations {
        let mut args: Vec<String> = op
            .params
            .iter()
            .map(|p| {
                let place = match p.location {
                    ParamLocation::Path => "path",
                    ParamLocation::Query => "query",
                    ParamLocation::Header => "header",
                    ParamLocation::Cookie => "cookie",
                };
                let optional = if p.required { "" } else { "?" };
                format!(
                    "{}{optional}: {} [{place} {}]",
                    p.name,
                    ty(api, &p.ty),
                    p.wire
                )
            })
            .collect();
        if let Some(body) = &op.body {
            let optional = if body.required { "" } else { "?" };
            args.push(format!(
                "body{optional}: {}",
                request_payload(api, &body.payload)
            ));
        }
        let responses: Vec<String> = op
            .success
            .iter()
            .map(|r| {
                r.payload
                    .as_ref()
                    .map_or("()".to_owned(), |p| payload(api, p))
            })
            .collect();
        let returns = match responses.as_slice() {
            [] => "()".to_owned(),
            [only] => only.clone(),
            several if several.windows(2).all(|w| w[0] == w[1]) => several[0].clone(),
            _ => op
                .success
                .iter()
                .zip(&responses)
                .map(|(r, p)| format!("{} {p}", r.status))
                .collect::<Vec<_>>()
                .join(" | "),
        };
        let _ = writeln!(
            out,
            "  {} {} -> {}({}) -> {returns}",
            op.method,
            op.path,
            op.name,
            args.join(", ")
        );
        for error in &op.errors {
            let body = error
                .payload
                .as_ref()
                .map_or("()".to_owned(), |p| payload(api, p));
            let _ = writeln!(out, "    error {}: {body}", error.status);
        }
    }
    out.push_str("\ntypes:\n");
    for def in &api.types {
        match &def.kind {
            TypeKind::Struct(s) => {
                let _ = writeln!(out, "  struct {}", def.name);
                for f in &s.fields {
                    let mut t = ty(api, &f.ty);
                    if f.boxed {
                        t = format!("Box<{t}>");
                    }
                    let (mark, suffix) = match f.presence {
                        Presence::Required => ("", ""),
                        Presence::RequiredNullable => ("", " | null"),
                        Presence::Optional => ("?", ""),
                        Presence::OptionalNullable => ("?", " | null (kept distinct)"),
                    };
                    let wire = if f.wire == f.name {
                        String::new()
                    } else {
                        format!("  [{}]", f.wire)
                    };
                    let _ = writeln!(out, "    {}{mark}: {t}{suffix}{wire}", f.name);
                }
                let _ = writeln!(
                    out,
                    "    ..{}: Map<{}>",
                    s.extra.name,
                    ty(api, &s.extra.value)
                );
            }
            TypeKind::Enum(e) => {
                let values: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
                let _ = writeln!(
                    out,
                    "  enum {} = {} | {}(..)",
                    def.name,
                    values.join(" | "),
                    e.fallback
                );
            }
            TypeKind::Tagged(t) => {
                let variants: Vec<String> = t
                    .variants
                    .iter()
                    .map(|v| format!("{} => {}", v.value, api.get(v.ty).name))
                    .collect();
                let _ = writeln!(
                    out,
                    "  tagged {} by {}: {} | {}(..)",
                    def.name,
                    t.tag,
                    variants.join(" | "),
                    t.fallback
                );
            }
            TypeKind::Untagged(u) => {
                let mut variants: Vec<String> = u
                    .variants
                    .iter()
                    .map(|v| format!("{}({})", v.name, ty(api, &v.ty)))
                    .collect();
                variants.extend(u.fallback.iter().map(|f| format!("{f}(Json)")));
                let _ = writeln!(out, "  untagged {}: {}", def.name, variants.join(" | "));
            }
            TypeKind::Alias(t) => {
                let _ = writeln!(out, "  alias {} = {}", def.name, ty(api, t));
            }
        }
    }
    out
}

fn payload(api: &Api, p: &Payload) -> String {
    match p {
        Payload::Json(t) => ty(api, t),
        Payload::Text => "text".to_owned(),
        Payload::Binary => "bytes".to_owned(),
    }
}

fn request_payload(api: &Api, p: &RequestPayload) -> String {
    match p {
        RequestPayload::Json(t) => ty(api, t),
        RequestPayload::Text => "text".to_owned(),
        RequestPayload::Binary => "bytes".to_owned(),
        RequestPayload::Form(t, _) => format!("form {}", ty(api, t)),
        RequestPayload::Multipart(t, _) => format!("multipart {}", ty(api, t)),
    }
}

fn ty(api: &Api, t: &Ty) -> String {
    match t {
        Ty::Named(id) => api.get(*id).name.clone(),
        Ty::String => "String".into(),
        Ty::DateTime => "DateTime".into(),
        Ty::Date => "Date".into(),
        Ty::I32 => "i32".into(),
        Ty::I64 => "i64".into(),
        Ty::F32 => "f32".into(),
        Ty::F64 => "f64".into(),
        Ty::Bool => "bool".into(),
        Ty::Array(inner) => format!("[{}]", ty(api, inner)),
        Ty::Map(inner) => format!("Map<{}>", ty(api, inner)),
        Ty::Any => "Json".into(),
        Ty::AnyObject => "JsonObject".into(),
        Ty::Null => "null".into(),
        Ty::File => "File".into(),
    }
}
