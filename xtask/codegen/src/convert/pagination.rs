//! The `x-pagination` marker: which operations are cursor-paginated listings, and where their
//! cursor and items are.
//!
//! ```yaml
//! x-pagination:
//!   cursor: nextPageToken      # the optional string query parameter that takes the cursor
//!   nextCursor: nextPageToken  # the response field with the next page's cursor
//!   items: workflowRuns        # the response field with the page's items (an array)
//! ```
//!
//! A marked operation's client gets, beside the one-page method, a method that streams the
//! items of every page. A marker that does not fit its operation is reported where it is and
//! leaves the operation with its one-page method only.
//!
//! An operation without a marker whose success response declares a `Link` header and whose
//! body is a JSON array is paged by that header (RFC 8288 `rel="next"`, as GitHub and many
//! others page): its stream follows the next page's URL.

use crate::error::Diagnostic;
use crate::model::{
    Api, Operation, PageBy, PageField, Pagination, ParamLocation, Payload, Presence, Ty,
};
use crate::model::{Struct, TypeKind};

/// The extension's name.
pub const MARKER: &str = "x-pagination";

/// Sets [`Operation::pagination`] for every marked operation (`markers` holds each marker by
/// the operation's index), after the types are final; reports the markers that do not fit.
/// Then for each of `linked` (the operations whose success response declares a `Link`
/// header) that has no marker and answers a JSON array.
pub(super) fn resolve(
    api: &mut Api,
    markers: &[(usize, &serde_json::Value)],
    linked: &[usize],
    warnings: &mut Vec<Diagnostic>,
) {
    resolve_markers(api, markers, warnings);
    for &index in linked {
        if api.operations[index].pagination.is_some() {
            continue;
        }
        if let Some(found) = link_pagination(api, &api.operations[index]) {
            api.operations[index].pagination = Some(found);
        }
    }
}

/// The `Link`-header paging of `op`, when its one success body is a JSON array and its stream
/// method's name is free.
fn link_pagination(api: &Api, op: &Operation) -> Option<Pagination> {
    let mut bodies = op.success.iter().map(|r| &r.payload);
    let (Some(Some(Payload::Json(ty))), None) = (bodies.next(), bodies.next()) else {
        return None;
    };
    let Ty::Array(item) = api.unalias(ty) else {
        return None;
    };
    let method = format!("{}_stream", op.name);
    if api.operations.iter().any(|o| o.name == method) {
        return None;
    }
    Some(Pagination {
        method,
        item: *item,
        by: PageBy::Link,
    })
}

fn resolve_markers(
    api: &mut Api,
    markers: &[(usize, &serde_json::Value)],
    warnings: &mut Vec<Diagnostic>,
) {
    super::resolve_markers(
        api,
        markers,
        warnings,
        MARKER,
        "no stream of its pages",
        pagination,
        |op, found| op.pagination = Some(found),
    );
}

/// The marker's three names.
struct Marker<'m> {
    cursor: &'m str,
    next_cursor: &'m str,
    items: &'m str,
}

fn marker(value: &serde_json::Value) -> Result<Marker<'_>, String> {
    let text = |key: &str| {
        value.get(key).and_then(|v| v.as_str()).ok_or_else(|| {
            format!(
                "`{MARKER}` must be an object with the texts `cursor`, `nextCursor` and `items`; \
                 `{key}` is missing or not a text"
            )
        })
    };
    Ok(Marker {
        cursor: text("cursor")?,
        next_cursor: text("nextCursor")?,
        items: text("items")?,
    })
}

/// What the marker says of `op`, checked against its parameters and its success body.
fn pagination(api: &Api, op: &Operation, value: &serde_json::Value) -> Result<Pagination, String> {
    let marker = marker(value)?;
    let cursor = op
        .params
        .iter()
        .find(|p| p.wire == marker.cursor && p.location == ParamLocation::Query)
        .ok_or_else(|| format!("it has no query parameter `{}`", marker.cursor))?;
    if cursor.required || cursor.ty != Ty::String {
        return Err(format!(
            "the cursor parameter `{}` must be an optional string (the first page is read without it)",
            marker.cursor
        ));
    }
    let body = page_body(api, op)?;
    let field = |wire: &str| {
        body.fields
            .iter()
            .find(|f| f.wire == wire)
            .ok_or_else(|| format!("its success body has no property `{wire}`"))
    };
    let next = field(marker.next_cursor)?;
    if api.unalias(&next.ty) != Ty::String {
        return Err(format!(
            "the next-cursor property `{}` must be a string",
            marker.next_cursor
        ));
    }
    let items = field(marker.items)?;
    let Ty::Array(item) = api.unalias(&items.ty) else {
        return Err(format!(
            "the items property `{}` must be an array",
            marker.items
        ));
    };
    let method = format!("{}_stream", op.name);
    if api.operations.iter().any(|o| o.name == method) {
        return Err(format!(
            "its stream method would be named `{method}`, which another operation's method has"
        ));
    }
    let page_field = |f: &crate::model::Field| PageField {
        name: f.name.clone(),
        optional: f.presence != Presence::Required,
    };
    Ok(Pagination {
        method,
        item: *item,
        by: PageBy::Cursor {
            cursor_param: cursor.name.clone(),
            cursor_wire: cursor.wire.clone(),
            next_cursor: page_field(next),
            items: page_field(items),
        },
    })
}

/// The object every success response of `op` has as its JSON body.
pub(super) fn page_body<'a>(api: &'a Api, op: &Operation) -> Result<&'a Struct, String> {
    let mut bodies = op.success.iter().map(|r| &r.payload);
    let (Some(Some(Payload::Json(Ty::Named(id)))), None) = (bodies.next(), bodies.next()) else {
        return Err("it must have one success response, whose body is a JSON object".into());
    };
    match &api.get(*id).kind {
        TypeKind::Struct(body) => Ok(body),
        _ => Err("its success body must be an object with properties".into()),
    }
}

#[cfg(test)]
mod tests {
    use crate::compile as compile_str;

    /// A listing spec with `marker` as its operation's `x-pagination` (YAML, indented for it).
    fn spec(marker: &str, cursor_required: bool) -> String {
        format!(
            r#"
openapi: 3.0.3
info: {{ title: T, version: "1" }}
paths:
  /books:
    get:
      operationId: listBooks
      x-pagination: {marker}
      parameters:
        - {{ name: pageToken, in: query, required: {cursor_required}, schema: {{ type: string }} }}
        - {{ name: pageSize, in: query, schema: {{ type: integer }} }}
      responses:
        "200":
          description: A page.
          content:
            application/json:
              schema:
                type: object
                required: [books]
                properties:
                  books: {{ type: array, items: {{ type: string }} }}
                  next: {{ type: string, nullable: true }}
                  total: {{ type: integer }}
"#
        )
    }

    fn warnings(marker: &str, cursor_required: bool) -> Vec<String> {
        let compiled = compile_str(&spec(marker, cursor_required)).expect("the spec compiles");
        compiled.warnings.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_fitting_marker_names_the_cursor_the_next_cursor_and_the_items() {
        let compiled = compile_str(&spec(
            "{ cursor: pageToken, nextCursor: next, items: books }",
            false,
        ))
        .unwrap();
        assert!(compiled.warnings.is_empty(), "{:?}", compiled.warnings);
        let paging = compiled.api.operations[0].pagination.clone().unwrap();
        assert_eq!(paging.method, "list_books_stream");
        assert_eq!(paging.item, crate::model::Ty::String);
        let crate::model::PageBy::Cursor {
            cursor_param,
            next_cursor,
            items,
            ..
        } = paging.by
        else {
            panic!("a cursor: {:?}", paging.by)
        };
        assert_eq!(cursor_param, "page_token");
        assert_eq!(next_cursor.name, "next");
        assert!(next_cursor.optional);
        assert_eq!(items.name, "books");
        assert!(!items.optional);
    }

    #[test]
    fn a_list_whose_response_declares_a_link_header_is_paged_by_it() {
        let spec = |body: &str| {
            format!(
                r##"
openapi: 3.0.3
info: {{ title: T, version: "1" }}
paths:
  /repos:
    get:
      operationId: listRepos
      parameters:
        - {{ name: per_page, in: query, schema: {{ type: integer }} }}
      responses:
        "200":
          description: A page.
          headers:
            Link: {{ $ref: "#/components/headers/link" }}
          content:
            application/json:
              schema: {body}
components:
  headers:
    link: {{ schema: {{ type: string }} }}
"##
            )
        };
        let compiled = compile_str(&spec("{ type: array, items: { type: string } }")).unwrap();
        let paging = compiled.api.operations[0].pagination.clone().unwrap();
        assert_eq!(paging.by, crate::model::PageBy::Link);
        assert_eq!(paging.item, crate::model::Ty::String);
        // An object body is not a page of items: no stream.
        let compiled = compile_str(&spec("{ type: object }")).unwrap();
        assert_eq!(compiled.api.operations[0].pagination, None);
    }

    #[test]
    fn a_cursor_and_a_list_given_by_aliases_are_followed_to_their_types() {
        let spec = r##"
openapi: 3.0.3
info: { title: T, version: "1" }
paths:
  /books:
    get:
      operationId: listBooks
      x-pagination: { cursor: pageToken, nextCursor: next, items: books }
      parameters:
        - { name: pageToken, in: query, schema: { $ref: "#/components/schemas/Token" } }
      responses:
        "200":
          description: A page.
          content:
            application/json:
              schema:
                type: object
                required: [books]
                properties:
                  books: { $ref: "#/components/schemas/Titles" }
                  next: { $ref: "#/components/schemas/Token" }
components:
  schemas:
    Token: { type: string }
    Titles: { type: array, items: { type: string } }
"##;
        let compiled = compile_str(spec).unwrap();
        assert!(compiled.warnings.is_empty(), "{:?}", compiled.warnings);
        let paging = compiled.api.operations[0].pagination.clone().unwrap();
        assert_eq!(paging.item, crate::model::Ty::String);
    }

    #[test]
    fn a_marker_that_does_not_fit_is_reported_at_the_marker() {
        for (marker, required, expected) in [
            ("[pageToken]", false, "must be an object"),
            (
                "{ cursor: pageToken, items: books }",
                false,
                "`nextCursor` is missing",
            ),
            (
                "{ cursor: page, nextCursor: next, items: books }",
                false,
                "no query parameter `page`",
            ),
            (
                "{ cursor: pageToken, nextCursor: next, items: books }",
                true,
                "must be an optional string",
            ),
            (
                "{ cursor: pageToken, nextCursor: after, items: books }",
                false,
                "no property `after`",
            ),
            (
                "{ cursor: pageToken, nextCursor: total, items: books }",
                false,
                "`total` must be a string",
            ),
            (
                "{ cursor: pageToken, nextCursor: next, items: next }",
                false,
                "`next` must be an array",
            ),
        ] {
            let found = warnings(marker, required);
            assert!(
                found
                    .iter()
                    .any(|w| w.contains("/paths/~1books/get/x-pagination")
                        && w.contains("gets no stream of its pages")
                        && w.contains(expected)),
                "{marker}: {found:?}"
            );
        }
    }
}
