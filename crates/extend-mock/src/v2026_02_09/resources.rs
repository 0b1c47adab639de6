//! What an operation does to the store, read from its method and path template alone, so that
//! the 109 operations of the spec need no handler each:
//!
//! | path and method | kind |
//! |---|---|
//! | `GET /things` | [`Kind::List`] |
//! | `POST /things` | [`Kind::Create`] |
//! | `GET /things/{id}` | [`Kind::Get`] |
//! | `POST`, `PUT` or `PATCH /things/{id}` | [`Kind::Update`] |
//! | `DELETE /things/{id}` | [`Kind::Delete`] |
//! | `POST /things/{id}/verb` | [`Kind::Action`] (`cancel`, ...) |
//! | anything else (`POST /extract`, `POST /files/upload`) | [`Kind::Other`] |
//!
//! Nested collections are collections of their parent (`/extractors/{extractorId}/versions`
//! holds the versions of one extractor).

/// What an operation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Lists a collection, a page at a time.
    List,
    /// Adds an object to a collection.
    Create,
    /// Reads one object.
    Get,
    /// Changes one object.
    Update,
    /// Removes one object.
    Delete,
    /// Does `verb` to one object.
    Action(&'static str),
    /// Anything else: answered with its example.
    Other,
}

/// An operation's kind and, for all but [`Kind::Other`], the collection it works on and the
/// name of the parameter that names its object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub kind: Kind,
    /// The collection's path template, such as `/extractors/{extractorId}/versions`.
    pub collection: &'static str,
    /// The path parameter of the object, for the kinds that name one.
    pub item_param: Option<&'static str>,
}

/// The parameter a path segment names, such as `id` for `{id}`.
pub fn param(segment: &str) -> Option<&str> {
    segment
        .strip_prefix('{')
        .and_then(|p| p.strip_suffix('}'))
        .filter(|p| !p.is_empty())
}

/// The route of `method path`.
pub fn route(method: &str, path: &'static str) -> Route {
    let parts: Vec<&'static str> = path.trim_start_matches('/').split('/').collect();
    // `path` without its last `n` segments.
    let prefix = |n: usize| {
        let cut: usize = parts[parts.len() - n..].iter().map(|p| p.len() + 1).sum();
        &path[..path.len() - cut]
    };
    let other = Route {
        kind: Kind::Other,
        collection: path,
        item_param: None,
    };
    match parts.as_slice() {
        [.., last] if param(last).is_some() => {
            let kind = match method {
                "GET" => Kind::Get,
                "DELETE" => Kind::Delete,
                "POST" | "PUT" | "PATCH" => Kind::Update,
                _ => return other,
            };
            Route {
                kind,
                collection: prefix(1),
                item_param: param(last),
            }
        }
        // A collection is a plural noun (`extract_runs`, `files`), or nested under an object
        // (`/extractors/{extractorId}/versions`).
        [.., last] if last.ends_with('s') => {
            let kind = match method {
                "GET" => Kind::List,
                "POST" => Kind::Create,
                _ => return other,
            };
            Route {
                kind,
                collection: path,
                item_param: None,
            }
        }
        [.., item, verb] if param(item).is_some() && method == "POST" => Route {
            kind: Kind::Action(verb),
            collection: prefix(2),
            item_param: param(item),
        },
        _ => other,
    }
}

/// The collection's path with its parent parameters filled in from `params` (a call's, or an
/// object's own fields), or `None` when one is missing.
pub fn concrete(
    collection: &str,
    params: &serde_json::Map<String, serde_json::Value>,
) -> Option<String> {
    let mut out = String::new();
    for part in collection.trim_start_matches('/').split('/') {
        out.push('/');
        match param(part) {
            Some(name) => out.push_str(params.get(name)?.as_str()?),
            None => out.push_str(part),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn operations_are_told_apart_by_method_and_path() {
        let cases = [
            ("GET", "/extract_runs", Kind::List, "/extract_runs", None),
            ("POST", "/extract_runs", Kind::Create, "/extract_runs", None),
            (
                "GET",
                "/extract_runs/{id}",
                Kind::Get,
                "/extract_runs",
                Some("id"),
            ),
            (
                "POST",
                "/workflow_runs/{id}",
                Kind::Update,
                "/workflow_runs",
                Some("id"),
            ),
            ("DELETE", "/files/{id}", Kind::Delete, "/files", Some("id")),
            (
                "POST",
                "/extract_runs/{id}/cancel",
                Kind::Action("cancel"),
                "/extract_runs",
                Some("id"),
            ),
            (
                "GET",
                "/extractors/{extractorId}/versions",
                Kind::List,
                "/extractors/{extractorId}/versions",
                None,
            ),
            (
                "GET",
                "/extractors/{extractorId}/versions/{versionId}",
                Kind::Get,
                "/extractors/{extractorId}/versions",
                Some("versionId"),
            ),
        ];
        for (method, path, kind, collection, item) in cases {
            let found = route(method, path);
            assert_eq!(
                (found.kind, found.collection, found.item_param),
                (kind, collection, item),
                "{method} {path}"
            );
        }
        assert_eq!(route("POST", "/extract").kind, Kind::Other);
        assert_eq!(route("POST", "/files/upload").kind, Kind::Other);
    }

    #[test]
    fn a_nested_collection_is_one_parents() {
        let params = json!({ "extractorId": "ex_1", "other": 3 });
        let params = params.as_object().unwrap();
        assert_eq!(
            concrete("/extractors/{extractorId}/versions", params).as_deref(),
            Some("/extractors/ex_1/versions")
        );
        assert_eq!(concrete("/files", params).as_deref(), Some("/files"));
        assert_eq!(concrete("/a/{missing}/b", params), None);
    }
}
