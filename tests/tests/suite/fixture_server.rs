//! The server generated for `tests/fixtures/operations.yaml`, over real HTTP: parameters from
//! the path, the query (lists repeat the name) and the headers reach the trait typed; a missing
//! required parameter, a value of the wrong type, an enum value the spec does not list and a
//! body that breaks its schema are 400s naming the problem; replies carry their status and
//! media type.

use crate::common::{http, send};
use extend_mock::runtime::check::Problem;
use extend_mock::runtime::Credentials;
use extend_tests::fixture_servers::operations::{
    router, DeleteItemReply, DownloadItemReply, ErrorBody, GetItemsByItemIdReply, Operations,
    ReplaceItemReply, SearchReply, UploadItemReply,
};
use extend_tests::fixtures::operations::{
    Created, DeleteItemParams, DownloadItemParams, GetItemsByItemIdParams, Item, ReplaceItemParams,
    SearchParams, UploadItemBody, UploadItemParams,
};
use serde_json::{json, Value};
use std::sync::Arc;

/// Answers each operation with what it received, so the test can see the typed arguments.
struct Echo;

fn item(id: String, extra: Value) -> Item {
    serde_json::from_value(json!({ "id": id, "echo": extra })).unwrap()
}

impl Operations for Echo {
    fn authenticate(&self, _: &Credentials<'_>) -> Result<(), ErrorBody> {
        Ok(())
    }

    fn reject(&self, operation: &'static str, problem: &Problem) -> ErrorBody {
        serde_json::from_value(json!({ "detail": format!("{operation}: {problem}") })).unwrap()
    }

    async fn get_items_by_item_id(&self, params: GetItemsByItemIdParams) -> GetItemsByItemIdReply {
        let GetItemsByItemIdParams {
            item_id,
            x_trace,
            limit,
            since,
            verbose,
            sort,
            ..
        } = params;
        // `default` covers every status the operation does not list, with its own body.
        if item_id == "teapot" {
            let problem = serde_json::from_value(json!({ "detail": "short and stout" })).unwrap();
            return GetItemsByItemIdReply::Default(418, problem);
        }
        let echo = json!({
            "trace": x_trace, "limit": limit, "since": since.to_rfc3339(), "verbose": verbose,
            "sort": sort.map(|s| s.as_str().to_owned()),
        });
        GetItemsByItemIdReply::Ok(item(item_id, echo))
    }

    async fn replace_item(&self, params: ReplaceItemParams, body: Item) -> ReplaceItemReply {
        match params.item_id.as_str() {
            "new" => ReplaceItemReply::Created(
                Created::new().with_location(format!("/items/{}", body.id)),
            ),
            "same" => ReplaceItemReply::NoContent,
            _ => ReplaceItemReply::Ok(body),
        }
    }

    async fn delete_item(&self, _: DeleteItemParams) -> DeleteItemReply {
        DeleteItemReply::NoContent
    }

    async fn download_item(&self, params: DownloadItemParams) -> DownloadItemReply {
        DownloadItemReply::Ok(bytes::Bytes::from(params.item_id.into_bytes()))
    }

    async fn upload_item(&self, _: UploadItemParams, _: Option<UploadItemBody>) -> UploadItemReply {
        UploadItemReply::NoContent
    }

    async fn search(&self, params: SearchParams) -> SearchReply {
        let tags = params.tags.unwrap_or_default();
        SearchReply::Ok(tags.into_iter().map(|t| item(t, Value::Null)).collect())
    }
}

/// Serves `Echo` on a free port and returns the base URL.
async fn serve() -> String {
    crate::common::serve(router(Arc::new(Echo))).await
}

#[tokio::test]
async fn parameters_arrive_typed() {
    let url = serve().await;
    let (status, _, body) = send(
        http()
            .get(format!(
                "{url}/items/a%20b?since=2024-03-01T10:00:00Z&limit=5&verbose=true&sort=desc"
            ))
            .header("X-Trace", "t-1"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["id"], "a b");
    assert_eq!(
        body["echo"],
        json!({ "trace": "t-1", "limit": 5, "since": "2024-03-01T10:00:00+00:00",
                "verbose": true, "sort": "desc" })
    );
    let (_, _, body) = send(http().get(format!("{url}/search?tags=x&tags=y%2Bz"))).await;
    let ids: Vec<Value> = serde_json::from_str::<Vec<Value>>(&body)
        .unwrap()
        .into_iter()
        .map(|i| i["id"].clone())
        .collect();
    assert_eq!(ids, [json!("x"), json!("y+z")]);
}

#[tokio::test]
async fn bad_parameters_are_400_naming_them() {
    let url = serve().await;
    let cases = [
        ("/items/1", "query parameter `since`: required but missing"),
        (
            "/items/1?since=yesterday",
            "query parameter `since`: `yesterday`",
        ),
        (
            "/items/1?since=2024-03-01T10:00:00Z&limit=x",
            "query parameter `limit`: `x`",
        ),
        (
            "/items/1?since=2024-03-01T10:00:00Z&limit=99999999999",
            "query parameter `limit`",
        ),
        (
            "/items/1?since=2024-03-01T10:00:00Z&sort=up",
            "query parameter `sort`: `up`: not one of asc, desc",
        ),
        (
            "/items/1?since=2024-03-01T10:00:00Z&verbose=1&verbose=0",
            "given more than once",
        ),
    ];
    for (path, expected) in cases {
        let (status, _, body) = send(http().get(format!("{url}{path}"))).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert!(body.contains(expected), "{path}: {body}");
    }
}

#[tokio::test]
async fn replies_carry_their_status_type_and_body() {
    let url = serve().await;
    let put = |id: &str, body: &str| {
        http()
            .put(format!("{url}/items/{id}"))
            .header("content-type", "application/json")
            .body(body.to_owned())
    };
    let (status, media, body) = send(put("1", r#"{"id": "1", "x": [1]}"#)).await;
    assert_eq!((status, media.as_str()), (200, "application/json"));
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        json!({ "id": "1", "x": [1] })
    );
    // Sent with the media type the spec gives the 201 response.
    let (status, media, body) = send(put("new", r#"{"id": "9"}"#)).await;
    assert_eq!(
        (status, media.as_str(), body.as_str()),
        (
            201,
            "application/vnd.example+json",
            r#"{"location":"/items/9"}"#
        )
    );
    let (status, _, body) = send(put("same", r#"{"id": "9"}"#)).await;
    assert_eq!((status, body.as_str()), (204, ""));
    let (status, _, body) = send(put("1", r#"{"name": "no id"}"#)).await;
    assert_eq!(status, 400);
    assert!(
        body.contains("the required property `id` is missing"),
        "{body}"
    );
    let (status, _, _) = send(http().delete(format!("{url}/items/1"))).await;
    assert_eq!(status, 204);
    let (status, media, body) = send(http().get(format!("{url}/items/abc/file"))).await;
    assert_eq!(
        (status, media.as_str(), body.as_str()),
        (200, "application/octet-stream", "abc")
    );
    // The `default` response: any status, with the body and media type the spec gives it.
    let (status, media, body) =
        send(http().get(format!("{url}/items/teapot?since=2024-03-01T10:00:00Z"))).await;
    assert_eq!(
        (status, media.as_str(), body.as_str()),
        (
            418,
            "application/problem+json",
            r#"{"detail":"short and stout"}"#
        )
    );
}

/// Implements no operation: the trait's own answers serve every route.
struct Nothing;

impl Operations for Nothing {
    fn authenticate(&self, _: &Credentials<'_>) -> Result<(), ErrorBody> {
        Ok(())
    }

    fn reject(&self, operation: &'static str, problem: &Problem) -> ErrorBody {
        serde_json::from_value(json!({ "detail": format!("{operation}: {problem}") })).unwrap()
    }
}

#[tokio::test]
async fn an_operation_left_unimplemented_answers_501_naming_it() {
    // A server need not implement every operation, so an operation the spec adds does not
    // break one that compiled before (a minor release of the generated crate).
    let url = crate::common::serve(router(Arc::new(Nothing))).await;
    let (status, media, body) = send(http().delete(format!("{url}/items/a"))).await;
    assert_eq!(status, 501, "{body}");
    assert_eq!(media, "application/json");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["code"], "NOT_IMPLEMENTED");
    assert_eq!(
        body["message"],
        "`deleteItem` is not implemented by this server"
    );
    // The request is still checked first: a bad one is a 400, not a 501.
    let (status, _, body) = send(http().get(format!("{url}/items/a?limit=x"))).await;
    assert_eq!(status, 400, "{body}");
}
