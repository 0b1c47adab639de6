//! The strict request checks generated for `tests/fixtures/request_checks.yaml`, whose body
//! reaches every kind of schema and every validation keyword: each request the spec forbids is
//! a 400 naming the JSON pointer, the problem and the broken keyword, and every request it
//! allows reaches the operation, typed.

use extend_mock::runtime::check::Problem;
use extend_mock::runtime::Credentials;
use extend_tests::fixture_servers::request_checks::{
    router, ErrorBody, RequestChecks, SubmitShapeReply,
};
use extend_tests::fixtures::request_checks::{
    Shape, Size, Submission, SubmissionPriority, SubmitShapeParams,
};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

/// The query parameters an operation received: `limit` and `ids`.
type Query = (Option<i64>, Option<Vec<String>>);

/// Keeps what reached the operation: the body, and the query.
#[derive(Default)]
struct Recorder(Mutex<Vec<Submission>>, Mutex<Vec<Query>>);

impl RequestChecks for Recorder {
    fn authenticate(&self, _: &Credentials<'_>) -> Result<(), ErrorBody> {
        Ok(())
    }

    fn reject(&self, _: &'static str, problem: &Problem) -> ErrorBody {
        ErrorBody::new().with_detail(problem.to_string())
    }

    async fn submit_shape(&self, params: SubmitShapeParams, body: Submission) -> SubmitShapeReply {
        self.0.lock().unwrap().push(body);
        self.1.lock().unwrap().push((params.limit, params.ids));
        SubmitShapeReply::NoContent
    }
}

async fn serve() -> (String, Arc<Recorder>) {
    let recorder = Arc::new(Recorder::default());
    let url = crate::common::serve(router(Arc::clone(&recorder))).await;
    (format!("{url}/shapes"), recorder)
}

/// Posts `body` and returns the status and the problem text of a 400.
async fn submit(url: &str, body: &Value) -> (u16, String) {
    let (status, text) = crate::common::post_json(url, body).await;
    let detail = serde_json::from_str::<Value>(&text)
        .ok()
        .and_then(|v| v["detail"].as_str().map(str::to_owned))
        .unwrap_or(text);
    (status, detail)
}

fn valid() -> Value {
    json!({
        "shape": { "kind": "circle", "radius": 1.5 },
        "size": { "width": 2, "height": 3 },
        "when": "2024-03-01T10:00:00Z",
        "day": "2024-03-01",
        "count": 7,
        "ratio": 0.5,
        "color": "red",
        "note": null,
        "labels": { "a": 1 },
        "history": ["2024-01-01"],
        "extra": { "anything": [null, true] },
        "unlisted": "kept"
    })
}

/// `valid()` with the value at `pointer` replaced (or removed, for `None`).
fn with(pointer: &str, value: Option<Value>) -> Value {
    let mut body = valid();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let object = body.pointer_mut(parent).unwrap().as_object_mut().unwrap();
    match value {
        Some(value) => object.insert(key.to_owned(), value),
        None => object.remove(key),
    };
    body
}

#[tokio::test]
async fn what_the_spec_allows_reaches_the_operation_typed() {
    let (url, recorder) = serve().await;
    for body in [
        valid(),
        with("/size", Some(json!(4))),
        with("/shape", Some(json!({ "kind": "square", "side": 2 }))),
        with("/note", Some(json!("text"))),
        with("/day", None),
        with("/contact", Some(json!({ "email": "a@example.com" }))),
        with(
            "/contact",
            Some(json!({ "email": "a@example.com", "phone": "1" })),
        ),
        with("/source", Some(json!({ "id": "s1" }))),
    ] {
        let (status, detail) = submit(&url, &body).await;
        assert_eq!(status, 204, "{body}: {detail}");
    }
    // Every constraint at its edge.
    let mut edges = valid();
    for (key, value) in [
        ("code", json!("AB")),
        ("amount", json!(100)),
        ("priority", json!(3)),
        ("tags", json!(["a", "bb", "ccccc"])),
        ("scores", json!({ "x": 0, "y": 9 })),
        ("level", json!(1.5)),
        ("flag", json!(true)),
        ("mode", json!(0)),
        ("name", json!("ten chars!")),
        ("legacy", json!("xyz")),
    ] {
        edges[key] = value;
    }
    let (status, detail) = submit(&format!("{url}?limit=1000&ids=abc&ids=defg"), &edges).await;
    assert_eq!(status, 204, "{edges}: {detail}");
    let received = recorder.0.lock().unwrap();
    assert_eq!(received.len(), 9);
    assert_eq!(received[8].priority, Some(SubmissionPriority::V3));
    assert_eq!(
        recorder.1.lock().unwrap()[8],
        (Some(1000), Some(vec!["abc".to_owned(), "defg".to_owned()]))
    );
    assert!(matches!(received[0].shape, Shape::Circle(_)));
    assert!(matches!(received[0].size, Size::Dimensions(_)));
    assert!(matches!(received[1].size, Size::Integer(4)));
    assert!(matches!(received[2].shape, Shape::Square(_)));
    assert_eq!(received[0].additional_properties["unlisted"], "kept");
}

#[tokio::test]
async fn what_the_spec_forbids_is_a_400_naming_where_and_why() {
    let (url, recorder) = serve().await;
    let cases = [
        (
            with("/when", None),
            "body: the required property `when` is missing",
        ),
        (
            with("/when", Some(json!("soon"))),
            "body at `/when`: `soon` is not an RFC 3339 date-time",
        ),
        (
            with("/day", Some(json!("2024-02-30"))),
            "body at `/day`: `2024-02-30` is not a date",
        ),
        (
            with("/count", Some(json!(1.5))),
            "body at `/count`: expected an integer, found a number",
        ),
        (
            with("/count", Some(json!(3_000_000_000_i64))),
            "body at `/count`: 3000000000 is out of range",
        ),
        (
            with("/ratio", Some(json!("1"))),
            "body at `/ratio`: expected a number, found a string",
        ),
        (
            with("/color", Some(json!("blue"))),
            "body at `/color`: `blue` is not one of red, green",
        ),
        (
            with("/note", Some(json!(5))),
            "body at `/note`: expected a string, found a number",
        ),
        (
            with("/labels/a", Some(json!("x"))),
            "body at `/labels/a`: expected an integer",
        ),
        (
            with("/history", Some(json!(["2024-01-01", "x"]))),
            "body at `/history/1`: `x` is not a date",
        ),
        (
            with("/shape/kind", Some(json!("triangle"))),
            "body at `/shape/kind`: `triangle` is not one of circle, square",
        ),
        (
            with("/shape/kind", None),
            "body at `/shape`: the discriminator `kind` is missing",
        ),
        (
            with("/shape/radius", Some(json!("big"))),
            "body at `/shape/radius`: expected a number",
        ),
        (
            with("/size", Some(json!("large"))),
            "body at `/size`: matches none of integer, Dimensions",
        ),
        (
            with("/size/height", None),
            "body at `/size`: matches none of integer, Dimensions",
        ),
        // A closed object takes its own properties and its union's tag, nothing else.
        (
            with(
                "/shape",
                Some(json!({ "kind": "circle", "radius": 1, "color": "red" })),
            ),
            "body at `/shape/color`: `color` is not a property the spec allows \
             (additionalProperties: false)",
        ),
        // The validation keywords, each named.
        (
            with("/code", Some(json!("A"))),
            "body at `/code`: is 1 characters long, shorter than 2 (minLength)",
        ),
        (
            with("/code", Some(json!("ABCDE"))),
            "body at `/code`: is 5 characters long, longer than 4 (maxLength)",
        ),
        (
            with("/code", Some(json!("ab"))),
            "body at `/code`: `ab` does not match `^[A-Z]+$` (pattern)",
        ),
        (
            with("/amount", Some(json!(0))),
            "body at `/amount`: 0 is not greater than 0 (exclusiveMinimum)",
        ),
        (
            with("/amount", Some(json!(100.5))),
            "body at `/amount`: 100.5 is not at most 100 (maximum)",
        ),
        (
            with("/amount", Some(json!(0.7))),
            "body at `/amount`: 0.7 is not a multiple of 0.5 (multipleOf)",
        ),
        (
            with("/priority", Some(json!(4))),
            "body at `/priority`: 4 is not one of 1, 2, 3",
        ),
        (
            with("/tags", Some(json!([]))),
            "body at `/tags`: has 0 items, fewer than 1 (minItems)",
        ),
        (
            with("/tags", Some(json!(["a", "b", "c", "d"]))),
            "body at `/tags`: has 4 items, more than 3 (maxItems)",
        ),
        (
            with("/tags", Some(json!(["a", "b", "a"]))),
            "body at `/tags`: items 0 and 2 are equal (uniqueItems)",
        ),
        (
            with("/tags", Some(json!(["toolong"]))),
            "body at `/tags/0`: is 7 characters long, longer than 5 (maxLength)",
        ),
        (
            with("/scores", Some(json!({}))),
            "body at `/scores`: has 0 properties, fewer than 1 (minProperties)",
        ),
        (
            with("/scores", Some(json!({ "a": 1, "b": 2, "c": 3 }))),
            "body at `/scores`: has 3 properties, more than 2 (maxProperties)",
        ),
        (
            with("/scores", Some(json!({ "a": -1 }))),
            "body at `/scores/a`: -1 is not at least 0 (minimum)",
        ),
        (
            with("/level", Some(json!(1.0))),
            "body at `/level`: 1 is not one of 0.5, 1.5 (enum)",
        ),
        (
            with("/flag", Some(json!(false))),
            "body at `/flag`: false is not one of true (enum)",
        ),
        (
            with("/mode", Some(json!("manual"))),
            "body at `/mode`: \"manual\" is not one of \"auto\", 0 (enum)",
        ),
        (
            with("/name", Some(json!("eleven char"))),
            "body at `/name`: is 11 characters long, longer than 10 (maxLength)",
        ),
        // An object's `anyOf` and `oneOf` of `required` lists.
        (
            with("/contact", Some(json!({ "name": "Ada" }))),
            "body at `/contact`: the object needs `email` or `phone`",
        ),
        (
            with("/source", Some(json!({}))),
            "body at `/source`: the object needs exactly one of `url` or `id`",
        ),
        (
            with("/source", Some(json!({ "url": "u", "id": "i" }))),
            "body at `/source`: the object needs exactly one of `url` or `id`",
        ),
    ];
    for (body, expected) in cases {
        let (status, detail) = submit(&url, &body).await;
        assert_eq!(status, 400, "{body}: {detail}");
        assert!(
            detail.contains(expected),
            "{body}:\n  got      {detail}\n  expected {expected}"
        );
    }
    // Parameters break their constraints the same way, named by where they are.
    for (query, expected) in [
        (
            "limit=0",
            "query parameter `limit`: 0 is not at least 1 (minimum)",
        ),
        (
            "limit=1001",
            "query parameter `limit`: 1001 is not at most 1000 (maximum)",
        ),
        (
            "ids=abc&ids=de",
            "query parameter `ids` at `/1`: is 2 characters long, shorter than 3 (minLength)",
        ),
        (
            "ids=abc&ids=def&ids=ghi",
            "query parameter `ids`: has 3 items, more than 2 (maxItems)",
        ),
    ] {
        let (status, detail) = submit(&format!("{url}?{query}"), &valid()).await;
        assert_eq!(status, 400, "{query}: {detail}");
        assert!(
            detail.contains(expected),
            "{query}:\n  got      {detail}\n  expected {expected}"
        );
    }
    assert!(
        recorder.0.lock().unwrap().is_empty(),
        "a rejected request reached the operation"
    );
}

#[test]
fn defaults_and_constraints_are_shown_in_the_docs() {
    let models = include_str!("../../src/fixtures/request_checks.rs");
    for line in [
        "    /// Default: `2`.\n",
        "    /// Default: `\"unnamed\"`. Constraints: at most 10 characters.\n",
        "    /// Constraints: 1 to 3 items; no two items equal; each item at most 5 characters.\n",
        "/// Constraints: 2 to 4 characters; matching `^[A-Z]+$`.\n",
        "/// How to reach the submitter, by email or phone or both.\n///\n/// Needs `email` or `phone`.\n",
        "/// Needs exactly one of `url` or `id`.\n",
    ] {
        assert!(models.contains(line), "missing: {line}");
    }
    // A parameter's field, which the server receives and the client's setter fills in.
    assert!(models.contains(
        "    /// How many to keep.\n    ///\n    /// Default: `10`. Constraints: at least 1; at most 1000.\n    ///\n    /// The `limit` query parameter.\n    pub limit:"
    ));
    let client = include_str!("../../src/fixture_clients/request_checks.rs");
    assert!(client.contains(
        "    /// Default: `10`. Constraints: at least 1; at most 1000.\n    ///\n    /// The `limit` query parameter.\n    pub fn limit("
    ));
}

/// Keeps every call that reaches it as JSON, and answers `201 {"kept": n}`.
#[derive(Default)]
struct JsonRecorder(Mutex<Vec<extend_tests::fixture_servers::request_checks::JsonCall>>);

impl extend_tests::fixture_servers::request_checks::JsonApi for JsonRecorder {
    fn authenticate(&self, _: &Credentials<'_>) -> Result<(), ErrorBody> {
        Ok(())
    }

    fn reject(&self, _: &'static str, problem: &Problem) -> ErrorBody {
        ErrorBody::new().with_detail(problem.to_string())
    }

    async fn handle(
        &self,
        call: extend_tests::fixture_servers::request_checks::JsonCall,
    ) -> (u16, Value) {
        let mut calls = self.0.lock().unwrap();
        calls.push(call);
        (201, json!({ "kept": calls.len() }))
    }
}

#[tokio::test]
async fn a_json_handler_receives_each_checked_call_as_json_and_answers_as_it_likes() {
    let recorder = Arc::new(JsonRecorder::default());
    let url = crate::common::serve(router(Arc::clone(&recorder))).await;
    let url = format!("{url}/shapes");
    let (status, text) =
        crate::common::post_json(&format!("{url}?limit=5&ids=abc&ids=defg"), &valid()).await;
    assert_eq!((status, text.as_str()), (201, r#"{"kept":1}"#));
    // What the spec forbids is refused before the handler sees it.
    let (status, detail) = submit(&url, &with("/when", None)).await;
    assert_eq!(status, 400, "{detail}");
    let calls = recorder.0.lock().unwrap();
    assert_eq!(calls.len(), 1);
    let call = &calls[0];
    assert_eq!(
        (call.operation, call.method, call.path),
        ("submitShape", "POST", "/shapes")
    );
    assert_eq!(
        Value::Object(call.params.clone()),
        json!({ "limit": 5, "ids": ["abc", "defg"] })
    );
    let body = call.body.as_ref().unwrap();
    assert_eq!(body["shape"], json!({ "kind": "circle", "radius": 1.5 }));
    assert_eq!(body["unlisted"], "kept");
}
