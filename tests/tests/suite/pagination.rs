//! The stream methods the generator makes for listings marked `x-pagination`, on a spec that is
//! not Extend's (`tests/fixtures/pagination.yaml`), against wiremock: every page followed with
//! the same filters and page size, a page retried like any call, a failed page ending the
//! stream, and both end-of-listing forms (a null cursor, an empty one); and a listing paged by
//! its `Link` header, followed to its last page and never to another server.

use extend_tests::fixture_clients::pagination::{Client, Error};
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer, retries: u32) -> Client {
    Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .max_retries(retries)
        .retry_backoff(std::time::Duration::ZERO, std::time::Duration::ZERO)
        .build()
        .unwrap()
}

fn books(ids: &[&str], next: Option<&str>) -> ResponseTemplate {
    let data: Vec<_> = ids
        .iter()
        .map(|id| json!({"id": id, "title": id}))
        .collect();
    ResponseTemplate::new(200).set_body_json(json!({"data": data, "next_cursor": next}))
}

/// The shelf's three pages: the first (no cursor), `c2` and `c3`; each only for author `le
/// guin` and page size 2.
async fn shelf(server: &MockServer, second: ResponseTemplate) {
    let page = |after: Option<&str>, response: ResponseTemplate| {
        let mock = Mock::given(method("GET"))
            .and(path("/shelves/fiction/books"))
            .and(query_param("author", "le guin"))
            .and(query_param("limit", "2"));
        let mock = match after {
            Some(after) => mock.and(query_param("after", after)),
            None => mock.and(query_param_is_missing("after")),
        };
        mock.respond_with(response)
    };
    page(None, books(&["b1", "b2"], Some("c2")))
        .mount(server)
        .await;
    page(Some("c2"), second).mount(server).await;
    page(Some("c3"), books(&[], None)).mount(server).await;
}

#[tokio::test]
async fn the_stream_follows_the_cursor_with_the_same_filters_to_a_null_cursor() {
    let server = MockServer::start().await;
    shelf(&server, books(&["b3"], Some("c3"))).await;
    let client = client(&server, 0);
    let mut stream = client
        .list_books("fiction")
        .author("le guin")
        .limit(2)
        .stream();
    let mut ids = Vec::new();
    while let Some(book) = stream.next().await {
        ids.push(book.unwrap().id);
    }
    assert_eq!(ids, ["b1", "b2", "b3"]);
    assert_eq!(stream.pages_read(), 3);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_page_is_retried_like_any_call() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("after", "c2"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    shelf(&server, books(&["b3"], Some("c3"))).await;
    let all = client(&server, 2)
        .list_books("fiction")
        .author("le guin")
        .limit(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = all.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["b1", "b2", "b3"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}

#[tokio::test]
async fn a_failed_page_is_yielded_once_and_ends_the_stream() {
    let server = MockServer::start().await;
    let gone = ResponseTemplate::new(404).set_body_json(json!({"message": "no such cursor"}));
    shelf(&server, gone).await;
    let client = client(&server, 0);
    let mut stream = client
        .list_books("fiction")
        .author("le guin")
        .limit(2)
        .stream();
    assert_eq!(stream.next().await.unwrap().unwrap().id, "b1");
    assert_eq!(stream.next().await.unwrap().unwrap().id, "b2");
    let error = stream.next().await.unwrap().unwrap_err();
    let Error::Api(response) = &error else {
        panic!("expected the 404, got {error:?}");
    };
    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(
        response.body().and_then(|b| b.message.as_deref()),
        Some("no such cursor")
    );
    assert!(stream.next().await.is_none());
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn an_empty_cursor_ends_and_a_missing_list_is_an_empty_page() {
    let server = MockServer::start().await;
    let authors = |body: serde_json::Value| ResponseTemplate::new(200).set_body_json(body);
    Mock::given(path("/authors"))
        .and(query_param_is_missing("page"))
        .respond_with(authors(
            json!({"authors": [{"name": "Le Guin"}], "nextPage": "2"}),
        ))
        .mount(&server)
        .await;
    Mock::given(path("/authors"))
        .and(query_param("page", "2"))
        .respond_with(authors(json!({"nextPage": "3"})))
        .mount(&server)
        .await;
    Mock::given(path("/authors"))
        .and(query_param("page", "3"))
        .respond_with(authors(
            json!({"authors": [{"name": "Jemisin"}], "nextPage": ""}),
        ))
        .mount(&server)
        .await;
    let names: Vec<String> = client(&server, 0)
        .list_authors()
        .stream()
        .try_collect()
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, ["Le Guin", "Jemisin"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_server_that_repeats_a_cursor_does_not_make_the_stream_loop() {
    let server = MockServer::start().await;
    Mock::given(path("/authors"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"authors": [{"name": "Again"}], "nextPage": "same"})),
        )
        .mount(&server)
        .await;
    let result = client(&server, 0)
        .list_authors()
        .stream()
        .try_collect()
        .await;
    let error = result.unwrap_err();
    assert!(
        matches!(&error, Error::RepeatedCursor { operation: "listAuthors", cursor } if cursor == "same"),
        "{error:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

/// A stream can move to another task (it is `Send`), as servers that fan work out need.
#[test]
fn the_stream_is_send() {
    fn send<T: Send>(_: &T) {}
    let client = Client::builder()
        .api_key("k")
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    send(&client.list_books("fiction").stream());
}

/// A page of reviews with `next` as its `Link` header's `rel="next"`, beside a `last`.
fn reviews(ids: &[&str], next: Option<&str>) -> ResponseTemplate {
    let body: Vec<_> = ids.iter().map(|id| json!({ "id": id })).collect();
    let response = ResponseTemplate::new(200).set_body_json(body);
    match next {
        Some(next) => response.insert_header(
            "link",
            format!(r#"<{next}>; rel="next", <{next}&last=1>; rel="last""#).as_str(),
        ),
        None => response,
    }
}

#[tokio::test]
async fn a_link_paged_stream_follows_rel_next_through_three_pages_then_none() {
    let server = MockServer::start().await;
    let base = server.uri();
    let at = |page: &str| format!("{base}/authors/leguin/reviews?per_page=2&page={page}");
    Mock::given(method("GET"))
        .and(path("/authors/leguin/reviews"))
        .and(query_param("per_page", "2"))
        .and(query_param_is_missing("page"))
        .respond_with(reviews(&["r1", "r2"], Some(&at("2"))))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/authors/leguin/reviews"))
        .and(query_param("page", "2"))
        .respond_with(reviews(&["r3", "r4"], Some(&at("3"))))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/authors/leguin/reviews"))
        .and(query_param("page", "3"))
        .respond_with(reviews(&["r5"], None))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server, 0);
    let mut stream = client.list_reviews("leguin").per_page(2).stream();
    let mut ids = Vec::new();
    while let Some(review) = stream.next().await {
        ids.push(review.unwrap().id);
    }
    assert_eq!(ids, ["r1", "r2", "r3", "r4", "r5"]);
    assert_eq!(stream.pages_read(), 3);
}

#[tokio::test]
async fn a_link_to_another_server_is_not_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/authors/a/reviews"))
        .respond_with(reviews(
            &["r1"],
            Some("https://elsewhere.example.com/steal?page=2"),
        ))
        .mount(&server)
        .await;
    let client = client(&server, 0);
    let mut stream = client.list_reviews("a").stream();
    assert_eq!(stream.next().await.unwrap().unwrap().id, "r1");
    let error = stream.next().await.unwrap().unwrap_err();
    assert!(
        matches!(error, Error::InvalidRequest { .. })
            && error.to_string().contains("another server"),
        "{error}"
    );
    assert!(stream.next().await.is_none());
    // Only the first page was asked for.
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
