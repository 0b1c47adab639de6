//! What the generated client of `tests/fixtures/forms.yaml` puts on the wire, byte for byte
//! against wiremock: a Stripe-style form body, a multipart upload, every query style and a
//! cookie. Then the same calls against the server generated from the same spec, which must
//! read each request back into the values the client was given.

use extend_mock::runtime::check::Problem;
use extend_mock::runtime::Credentials;
use extend_tests::fixture_clients::forms::{Client, Error};
use extend_tests::fixture_servers::forms::{
    router, CreateChargeReply, ErrorBody, Forms, GetLabelReply, PingReply, PutBlobReply,
    PutNoteReply, SearchChargesReply, UploadFileReply,
};
use extend_tests::fixtures::forms::{
    ChargeParams, Color, CreateChargeParams, CreatedFilter, File, GetLabelLabel, GetLabelParams,
    PingParams, Point, PutBlobParams, PutNoteParams, Range, SearchChargesParams, UploadFileBody,
    UploadFileParams, UploadOptions,
};
use serde_json::{json, Value};
use std::sync::Arc;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(base_url: &str) -> Client {
    Client::builder()
        .api_key("k")
        .base_url(base_url)
        .max_retries(0)
        .build()
        .unwrap()
}

fn charge() -> ChargeParams {
    serde_json::from_value(json!({
        "amount": 2000,
        "currency": "usd",
        "capture": false,
        "card": {"number": "4242 4242", "exp_month": 12, "tags": ["a", "b"]},
        "metadata": {"order": "6735"},
        "expand": ["customer", "invoice"],
    }))
    .unwrap()
}

fn upload() -> UploadFileBody {
    serde_json::from_value(json!({"purpose": "extraction", "file": "", "pages": 3}))
        .map(|mut body: UploadFileBody| {
            body.file = File::new(vec![b'%', b'P', b'D', b'F', 0xff, b'\r', b'\n'])
                .with_name("scan.pdf")
                .with_media_type("application/pdf");
            body.with_tags(vec!["x".into(), "y".into()])
                .with_options(
                    serde_json::from_value::<UploadOptions>(
                        json!({"ocr": true, "languages": ["en"]}),
                    )
                    .unwrap(),
                )
                .with_attachments(vec![File::new("note one"), File::new("note two")])
        })
        .unwrap()
}

/// The search arguments every test sends: one of each query style, and a cookie.
struct Search {
    created: CreatedFilter,
    ids: Vec<i64>,
    words: Vec<String>,
    colors: Vec<Color>,
    point: Point,
}

fn search() -> Search {
    Search {
        created: CreatedFilter::Range(Range::new().with_gt(5).with_lte(9)),
        ids: vec![1, 2, 3],
        words: vec!["big".into(), "fox".into()],
        colors: vec![Color::Red, Color::Blue],
        point: Point::new().with_x(1.5).with_y(2.25),
    }
}

async fn send_search(client: &Client, s: &Search) -> Result<Value, Error> {
    client
        .search_charges()
        .created(s.created.clone())
        .ids(s.ids.clone())
        .words(s.words.clone())
        .colors(s.colors.clone())
        .point(s.point.clone())
        .limit(10)
        .session("s 1;2")
        .send()
        .await
}

/// A server that answers any request with `{}`, to see what the client sent.
async fn recorder() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_form_body_nests_in_brackets_on_the_wire() {
    let server = recorder().await;
    client(&server.uri())
        .create_charge(&charge())
        .send()
        .await
        .unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        sent.headers["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        String::from_utf8_lossy(&sent.body),
        "amount=2000&capture=false&card%5Bexp_month%5D=12&card%5Bnumber%5D=4242+4242\
         &card%5Btags%5D%5B0%5D=a&card%5Btags%5D%5B1%5D=b&currency=usd\
         &expand%5B0%5D=customer&expand%5B1%5D=invoice&metadata%5Border%5D=6735"
    );
}

#[tokio::test]
async fn every_query_style_and_the_cookie_on_the_wire() {
    let server = recorder().await;
    send_search(&client(&server.uri()), &search())
        .await
        .unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        sent.url.query(),
        Some(
            "created%5Bgt%5D=5&created%5Blte%5D=9&ids=1%2C2%2C3&words=big+fox\
             &colors=red%7Cblue&x=1.5&y=2.25&limit=10"
        )
    );
    assert_eq!(sent.headers["cookie"], "session=s%201%3B2");
}

fn window() -> Range {
    Range::new().with_gt(1).with_lte(4)
}

async fn send_label(client: &Client) -> Result<Value, Error> {
    client
        .get_label(GetLabelLabel::String("a/b,c".into()))
        .x_flags(vec!["x".to_owned(), "y z".to_owned()])
        .x_window(window())
        .prefs(vec![3, 4])
        .send()
        .await
}

#[tokio::test]
async fn lists_objects_and_unions_outside_the_query_are_one_simple_text() {
    let server = recorder().await;
    send_label(&client(&server.uri())).await.unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(sent.url.path(), "/labels/a%2Fb,c");
    assert_eq!(sent.headers["x-flags"], "x,y z");
    assert_eq!(sent.headers["x-window"], "gt=1,lte=4");
    assert_eq!(sent.headers["cookie"], "prefs=3%2C4");
}

#[tokio::test]
async fn a_multipart_body_has_a_part_per_property_on_the_wire() {
    let server = recorder().await;
    client(&server.uri())
        .upload_file(&upload())
        .send()
        .await
        .unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    let media = sent.headers["content-type"].to_str().unwrap();
    let boundary = media
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("{media}"));
    let part = |head: &str, content: &[u8]| {
        let mut bytes =
            format!("--{boundary}\r\nContent-Disposition: form-data; {head}\r\n\r\n").into_bytes();
        bytes.extend_from_slice(content);
        bytes.extend_from_slice(b"\r\n");
        bytes
    };
    let mut expected = Vec::new();
    for bytes in [
        part(
            "name=\"attachments\"; filename=\"attachments\"\r\nContent-Type: application/octet-stream",
            b"note one",
        ),
        part(
            "name=\"attachments\"; filename=\"attachments\"\r\nContent-Type: application/octet-stream",
            b"note two",
        ),
        part(
            "name=\"file\"; filename=\"scan.pdf\"\r\nContent-Type: application/pdf",
            b"%PDF\xff\r\n",
        ),
        part(
            "name=\"options\"\r\nContent-Type: application/json",
            br#"{"languages":["en"],"ocr":true}"#,
        ),
        part("name=\"pages\"", b"3"),
        part("name=\"purpose\"", b"extraction"),
        part("name=\"tags\"", b"x"),
        part("name=\"tags\"", b"y"),
    ] {
        expected.extend(bytes);
    }
    expected.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    assert_eq!(
        String::from_utf8_lossy(&sent.body),
        String::from_utf8_lossy(&expected)
    );
    assert_eq!(sent.body, expected, "byte for byte");
}

/// Answers each operation with what it read, as JSON.
struct Reader;

impl Forms for Reader {
    fn authenticate(&self, _: &Credentials<'_>) -> Result<(), ErrorBody> {
        Ok(())
    }

    fn reject(&self, operation: &'static str, problem: &Problem) -> ErrorBody {
        json!({ "detail": format!("{operation}: {problem}") })
    }

    async fn create_charge(&self, _: CreateChargeParams, body: ChargeParams) -> CreateChargeReply {
        CreateChargeReply::Ok(serde_json::to_value(body).unwrap())
    }

    async fn search_charges(&self, p: SearchChargesParams) -> SearchChargesReply {
        SearchChargesReply::Ok(json!({
            "created": p.created, "ids": p.ids, "words": p.words, "colors": p.colors,
            "point": p.point, "limit": p.limit, "session": p.session,
        }))
    }

    async fn upload_file(&self, _: UploadFileParams, body: UploadFileBody) -> UploadFileReply {
        UploadFileReply::Ok(serde_json::to_value(body).unwrap())
    }

    async fn get_label(&self, p: GetLabelParams) -> GetLabelReply {
        GetLabelReply::Ok(json!({
            "label": p.label, "flags": p.x_flags, "window": p.x_window, "prefs": p.prefs,
        }))
    }

    async fn put_note(&self, p: PutNoteParams, body: String) -> PutNoteReply {
        PutNoteReply::Ok(format!("{}: {body}", p.id))
    }

    async fn put_blob(&self, _: PutBlobParams, body: Option<bytes::Bytes>) -> PutBlobReply {
        PutBlobReply::Ok(body.unwrap_or_else(|| bytes::Bytes::from_static(b"none")))
    }

    async fn ping(&self, _: PingParams) -> PingReply {
        PingReply::NoContent
    }
}

async fn reader() -> Client {
    client(&crate::common::serve(router(Arc::new(Reader))).await)
}

#[tokio::test]
async fn the_generated_server_reads_back_what_the_client_sends() {
    let client = reader().await;

    let read = client.create_charge(&charge()).send().await.unwrap();
    assert_eq!(read, serde_json::to_value(charge()).unwrap());

    let s = search();
    let read = send_search(&client, &s).await.unwrap();
    assert_eq!(
        read,
        json!({
            "created": s.created, "ids": s.ids, "words": s.words, "colors": s.colors,
            "point": s.point, "limit": 10, "session": "s 1;2",
        })
    );

    let read: UploadFileBody =
        serde_json::from_value(client.upload_file(&upload()).send().await.unwrap()).unwrap();
    let sent = upload();
    // A file sent without a name goes under its property's name, as servers want one.
    let named = |file: &File| {
        file.clone()
            .with_name("attachments")
            .with_media_type("application/octet-stream")
    };
    let mut expected = sent.clone();
    expected.attachments = sent
        .attachments
        .as_ref()
        .map(|files| files.iter().map(named).collect());
    assert_eq!(read, expected);

    let read = send_label(&client).await.unwrap();
    assert_eq!(
        read,
        json!({"label": "a/b,c", "flags": ["x", "y z"], "window": window(), "prefs": [3, 4]})
    );

    // Text and bytes reach the server as they were sent; no body is `None`.
    assert_eq!(
        client.put_note("n1", "héllo\nwörld").send().await.unwrap(),
        "n1: héllo\nwörld"
    );
    let bytes = [0u8, 159, 146, 150, 255];
    assert_eq!(
        client
            .put_blob()
            .body(&bytes)
            .send()
            .await
            .unwrap()
            .as_ref(),
        bytes
    );
    assert_eq!(client.put_blob().send().await.unwrap().as_ref(), b"none");

    client.ping().send().await.unwrap();
}

#[tokio::test]
async fn the_generated_server_refuses_what_the_spec_does_not_allow() {
    let base = crate::common::serve(router(Arc::new(Reader))).await;
    let http = crate::common::http();
    let cases = [
        (
            http.post(format!("{base}/charges"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body("amount=lots&currency=usd"),
            "body at `/amount`",
        ),
        (
            http.post(format!("{base}/charges"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body("currency=usd"),
            "amount",
        ),
        (
            http.get(format!("{base}/charges/search?ids=1,x")),
            "query parameter `ids`",
        ),
        (
            http.get(format!("{base}/charges/search?colors=red|mauve")),
            "query parameter `colors`",
        ),
        (
            http.get(format!("{base}/charges/search?limit=0")),
            "query parameter `limit`",
        ),
        (
            http.get(format!("{base}/labels/x")).header("x-window", "gt=a"),
            "header `X-Window`",
        ),
        (
            http.get(format!("{base}/labels/x")).header("cookie", "prefs=1,b"),
            "cookie `prefs`",
        ),
        (
            http.put(format!("{base}/notes/n1")).body(vec![0xffu8, 0xfe]),
            "not UTF-8",
        ),
        (
            http.post(format!("{base}/files"))
                .header("content-type", "multipart/form-data; boundary=b")
                .body("--b\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nextraction\r\n--b--\r\n"),
            "file",
        ),
    ];
    for (request, expected) in cases {
        let (status, _, body) = crate::common::send(request).await;
        assert_eq!(status, 400, "{body}");
        assert!(body.contains(expected), "{expected} not in {body}");
    }
}
