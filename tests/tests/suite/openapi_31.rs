//! The code generated from `tests/fixtures/openapi_31.yaml`, an OpenAPI 3.1 document: its
//! models read what 3.1 types allow (`null` among the types, `const`, a list of types), and
//! its server enforces 3.1's numeric exclusive bounds; an inline webhook payload is a model.

use extend_mock::runtime::check::Problem;
use extend_mock::runtime::Credentials;
use extend_tests::fixture_servers::openapi_31::{router, CreateThingReply, ErrorBody, OpenApi31};
use extend_tests::fixtures::openapi_31::{
    CreateThingParams, Thing, ThingDeletedPayload, ThingKind, ThingLabel,
};
use serde_json::{json, Value};
use std::sync::Arc;

#[test]
fn an_inline_webhook_payload_is_a_model() {
    let event: ThingDeletedPayload =
        serde_json::from_value(json!({ "id": "t1", "reason": null })).unwrap();
    assert_eq!((event.id.as_str(), event.reason), ("t1", None));
    assert!(serde_json::from_value::<ThingDeletedPayload>(json!({ "reason": "x" })).is_err());
}

#[test]
fn models_read_what_3_1_types_allow() {
    let thing: Thing = serde_json::from_value(json!({
        "kind": "thing",
        "name": null,
        "size": 2.5,
        "label": 7,
        "anything": [1, "two"],
        "blob": "aGk="
    }))
    .unwrap();
    assert_eq!(thing.kind, ThingKind::Thing);
    assert_eq!(thing.name, None);
    assert_eq!(thing.label, Some(ThingLabel::Integer(7)));
    assert_eq!(thing.anything, Some(json!([1, "two"])));
    // `name` is required, so it is written even when `null`.
    let written = serde_json::to_value(&thing).unwrap();
    assert_eq!(written["name"], Value::Null);
    let labelled: Thing =
        serde_json::from_value(json!({ "kind": "thing", "name": "Ann", "size": 1, "label": "x" }))
            .unwrap();
    assert_eq!(labelled.label, Some(ThingLabel::String("x".to_owned())));
    assert_eq!(labelled.name.as_deref(), Some("Ann"));
    let missing = serde_json::from_value::<Thing>(json!({ "kind": "thing", "size": 1 }));
    assert!(
        missing.is_err(),
        "a required `name` may be null, not absent"
    );
}

struct Echo;

impl OpenApi31 for Echo {
    fn authenticate(&self, _: &Credentials<'_>) -> Result<(), ErrorBody> {
        Ok(())
    }

    fn reject(&self, _: &'static str, problem: &Problem) -> ErrorBody {
        json!({ "detail": problem.to_string() })
    }

    async fn create_thing(&self, _: CreateThingParams, body: Thing) -> CreateThingReply {
        CreateThingReply::Ok(body)
    }
}

#[tokio::test]
async fn the_server_enforces_3_1_bounds_and_const() {
    let url = format!(
        "{}/things",
        crate::common::serve(router(Arc::new(Echo))).await
    );
    let body = |size: Value, kind: &str| json!({ "kind": kind, "name": null, "size": size });
    let (status, text) = crate::common::post_json(&url, &body(json!(9.5), "thing")).await;
    assert_eq!(status, 200, "{text}");
    for (size, keyword) in [
        (json!(0), "exclusiveMinimum"),
        (json!(10), "exclusiveMaximum"),
    ] {
        let (status, text) = crate::common::post_json(&url, &body(size, "thing")).await;
        assert_eq!(status, 400, "{text}");
        assert!(text.contains("/size") && text.contains(keyword), "{text}");
    }
    let (status, text) = crate::common::post_json(&url, &body(json!(1), "other")).await;
    assert_eq!(status, 400, "{text}");
    assert!(text.contains("/kind"), "{text}");
}
