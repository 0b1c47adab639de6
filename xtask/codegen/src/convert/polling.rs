//! The `x-polling` marker: an operation that reads something whose status moves on its own
//! (a run), and which of its statuses are final.
//!
//! ```yaml
//! x-polling:
//!   status: status                            # the success body's string or string-enum property
//!   pending: [PENDING, PROCESSING, CANCELLING] # not final; any other value is
//! ```
//!
//! or `final: [PROCESSED, FAILED, CANCELLED]` in place of `pending`, where any other value is not
//! final. `pending` is the safer of the two for an API whose enums grow: a status added later
//! ends the wait instead of prolonging it to the timeout. A marked operation's builder gets
//! `wait()`. A marker that does not fit its operation is reported where it is and gives none.

use super::pagination::page_body;
use crate::error::Diagnostic;
use crate::model::{Api, EnumKind, Method, Operation, PageField, Polling, Presence, Ty, TypeKind};

/// The extension's name.
pub const MARKER: &str = "x-polling";

/// Sets [`Operation::polling`] for every marked operation (`markers` holds each marker by the
/// operation's index), after the types are final; reports the markers that do not fit.
pub(super) fn resolve(
    api: &mut Api,
    markers: &[(usize, &serde_json::Value)],
    warnings: &mut Vec<Diagnostic>,
) {
    super::resolve_markers(
        api,
        markers,
        warnings,
        MARKER,
        "no `wait()`",
        polling,
        |op, found| op.polling = Some(found),
    );
}

/// What the marker says of `op`, checked against its method and its success body.
fn polling(api: &Api, op: &Operation, value: &serde_json::Value) -> Result<Polling, String> {
    if op.method != Method::Get {
        return Err("only a GET is sent again and again".into());
    }
    let status = value.get("status").and_then(|v| v.as_str()).ok_or_else(|| {
        format!("`{MARKER}` must be an object with the text `status` and a list `pending` or `final`")
    })?;
    let (listed_are_pending, values) = match (value.get("pending"), value.get("final")) {
        (Some(list), None) => (true, list),
        (None, Some(list)) => (false, list),
        _ => return Err("it must list either `pending` or `final` statuses, not both".into()),
    };
    let values: Vec<String> = values
        .as_array()
        .filter(|list| !list.is_empty())
        .and_then(|list| list.iter().map(|v| v.as_str().map(str::to_owned)).collect())
        .ok_or("its statuses must be a non-empty list of texts")?;
    let mut object = page_body(api, op)?;
    let mut path = Vec::new();
    let mut segments = status.split('.').peekable();
    let field = loop {
        let segment = segments.next().unwrap_or_default();
        let field = object
            .fields
            .iter()
            .find(|f| f.wire == segment)
            .ok_or_else(|| format!("its success body has no property `{status}`"))?;
        path.push(PageField {
            name: field.name.clone(),
            optional: field.presence != Presence::Required,
        });
        if segments.peek().is_none() {
            break field;
        }
        object = match api.unalias(&field.ty) {
            Ty::Named(id) if field.presence == Presence::Required => match &api.get(id).kind {
                TypeKind::Struct(inner) => inner,
                _ => return Err(format!("`{segment}` of `{status}` must be an object")),
            },
            _ => {
                return Err(format!(
                    "`{segment}` of `{status}` must be a required object"
                ))
            }
        };
    };
    match api.unalias(&field.ty) {
        Ty::String => {}
        Ty::Named(id) => match &api.get(id).kind {
            TypeKind::Enum(e) if e.kind == EnumKind::String => {
                if let Some(unknown) = values
                    .iter()
                    .find(|v| !e.variants.iter().any(|known| &known.wire == *v))
                {
                    return Err(format!(
                        "`{unknown}` is not a value of the status `{status}`"
                    ));
                }
            }
            _ => return Err(format!("the status `{status}` must be a string")),
        },
        _ => return Err(format!("the status `{status}` must be a string")),
    }
    Ok(Polling {
        wire: status.to_owned(),
        path,
        values,
        listed_are_pending,
    })
}

#[cfg(test)]
mod tests {
    use crate::compile as compile_str;

    /// A spec whose read has `marker` as its `x-polling` (YAML, inline).
    fn spec(method: &str, marker: &str) -> String {
        format!(
            r#"
openapi: 3.0.3
info: {{ title: T, version: "1" }}
paths:
  /jobs/{{id}}:
    {method}:
      operationId: getJob
      x-polling: {marker}
      parameters:
        - {{ name: id, in: path, required: true, schema: {{ type: string }} }}
      responses:
        "200":
          description: The job.
          content:
            application/json:
              schema:
                type: object
                required: [id, state]
                properties:
                  id: {{ type: string }}
                  state: {{ type: string, enum: [QUEUED, RUNNING, DONE] }}
                  note: {{ type: string }}
                  size: {{ type: integer }}
"#
        )
    }

    fn warnings(method: &str, marker: &str) -> Vec<String> {
        let compiled = compile_str(&spec(method, marker)).expect("the spec compiles");
        assert!(compiled.api.operations[0].polling.is_none());
        compiled.warnings.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_fitting_marker_names_the_status_and_its_values() {
        let compiled = compile_str(&spec(
            "get",
            "{ status: state, pending: [QUEUED, RUNNING] }",
        ))
        .unwrap();
        assert!(compiled.warnings.is_empty(), "{:?}", compiled.warnings);
        let polling = compiled.api.operations[0].polling.clone().unwrap();
        assert_eq!(polling.path.len(), 1);
        assert_eq!(polling.path[0].name, "state");
        assert!(!polling.path[0].optional);
        assert!(polling.listed_are_pending);
        assert_eq!(polling.describe(), "any but `QUEUED`, `RUNNING`");
        let finals = compile_str(&spec("get", "{ status: note, final: [done] }")).unwrap();
        let polling = finals.api.operations[0].polling.clone().unwrap();
        assert!(polling.path[0].optional && !polling.listed_are_pending);
    }

    #[test]
    fn a_marker_that_does_not_fit_is_a_located_warning() {
        for (method, marker, reason) in [
            ("post", "{ status: state, pending: [QUEUED] }", "only a GET"),
            ("get", "{ pending: [QUEUED] }", "the text `status`"),
            ("get", "{ status: state }", "either `pending` or `final`"),
            (
                "get",
                "{ status: state, pending: [QUEUED], final: [DONE] }",
                "not both",
            ),
            ("get", "{ status: state, final: [] }", "non-empty list"),
            (
                "get",
                "{ status: phase, final: [DONE] }",
                "no property `phase`",
            ),
            ("get", "{ status: size, final: [DONE] }", "must be a string"),
            (
                "get",
                "{ status: state, final: [FINISHED] }",
                "`FINISHED` is not a value",
            ),
            (
                "get",
                "{ status: id.state, final: [DONE] }",
                "must be a required object",
            ),
        ] {
            let found = warnings(method, marker);
            assert!(
                found
                    .iter()
                    .any(|w| w.contains("/x-polling") && w.contains(reason)),
                "{marker}: {found:?}"
            );
        }
    }
}
