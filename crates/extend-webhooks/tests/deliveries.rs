//! The verifier against deliveries signed by an independent implementation: the vectors in
//! `vectors.json` are computed with Python's `hmac` by `tests/contract/webhook_vectors.py`, and
//! the contract step checks the file still holds exactly what Python computes.

use extend_webhooks::{Verifier, VerifyError, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use http::{HeaderMap, HeaderValue};
use serde_json::Value;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

struct Delivery {
    timestamp: String,
    body: String,
    signature: String,
}

fn vectors() -> (String, Vec<Delivery>) {
    let text = include_str!("vectors.json");
    let doc: Value = serde_json::from_str(text).unwrap();
    let text_of = |v: &Value, key: &str| v[key].as_str().unwrap().to_owned();
    let deliveries = doc["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| Delivery {
            timestamp: text_of(d, "timestamp"),
            body: text_of(d, "body"),
            signature: text_of(d, "signature"),
        })
        .collect();
    (text_of(&doc, "secret"), deliveries)
}

/// A verifier whose clock reads `seconds` after the delivery's timestamp.
fn at(secret: &str, delivery: &Delivery, seconds: i64) -> Verifier {
    let sent: u64 = delivery.timestamp.parse().unwrap();
    let now = UNIX_EPOCH + Duration::from_secs(sent.saturating_add_signed(seconds));
    Verifier::new(secret).with_clock(move || now)
}

fn headers(timestamp: &str, signature: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(TIMESTAMP_HEADER, HeaderValue::from_str(timestamp).unwrap());
    headers.insert(SIGNATURE_HEADER, HeaderValue::from_str(signature).unwrap());
    headers
}

#[test]
fn deliveries_signed_by_python_verify_and_read() {
    let (secret, deliveries) = vectors();
    assert!(deliveries.len() >= 3);
    for d in &deliveries {
        let event: Value = at(&secret, d, 30)
            .verify(&headers(&d.timestamp, &d.signature), d.body.as_bytes())
            .unwrap_or_else(|e| panic!("{}: {e}", d.body));
        assert_eq!(event, serde_json::from_str::<Value>(&d.body).unwrap());
        // The signature in capitals is the same signature.
        let upper = headers(&d.timestamp, &d.signature.to_uppercase());
        at(&secret, d, 0)
            .verify::<Value>(&upper, d.body.as_bytes())
            .unwrap();
    }
    // An event type no client knows still reads, as the caller's type allows.
    let unknown: Value = at(&secret, &deliveries[1], 0)
        .verify(
            &headers(&deliveries[1].timestamp, &deliveries[1].signature),
            deliveries[1].body.as_bytes(),
        )
        .unwrap();
    assert_eq!(unknown["eventType"], "workflow.archived");
}

#[test]
fn each_failed_check_is_its_own_error() {
    let (secret, deliveries) = vectors();
    let d = &deliveries[0];
    let body = d.body.as_bytes();
    let good = headers(&d.timestamp, &d.signature);
    let verify = |verifier: &Verifier, headers: &HeaderMap, body: &[u8]| {
        verifier.verify::<Value>(headers, body).unwrap_err()
    };

    let mut changed = body.to_vec();
    changed[10] ^= 1;
    assert!(matches!(
        verify(&at(&secret, d, 0), &good, &changed),
        VerifyError::WrongSignature
    ));
    assert!(matches!(
        verify(&at("wss_another_secret", d, 0), &good, body),
        VerifyError::WrongSignature
    ));
    let later = (d.timestamp.parse::<u64>().unwrap() + 1).to_string();
    assert!(matches!(
        verify(&at(&secret, d, 0), &headers(&later, &d.signature), body),
        VerifyError::WrongSignature
    ));

    let stale = verify(&at(&secret, d, 301), &good, body);
    assert!(
        matches!(stale, VerifyError::Stale { age } if age == Duration::from_secs(301)),
        "{stale}"
    );
    // A minute ahead at most: the SDKs' clock skew.
    let future = verify(&at(&secret, d, -61), &good, body);
    assert!(
        matches!(future, VerifyError::Future { ahead } if ahead == Duration::from_secs(61)),
        "{future}"
    );
    // Inside the window either way, and windows of one's own.
    at(&secret, d, 300).verify::<Value>(&good, body).unwrap();
    at(&secret, d, -60).verify::<Value>(&good, body).unwrap();
    at(&secret, d, -300)
        .with_clock_skew(Duration::from_secs(300))
        .verify::<Value>(&good, body)
        .unwrap();
    let strict = at(&secret, d, 61).with_tolerance(Duration::from_secs(60));
    assert!(matches!(
        verify(&strict, &good, body),
        VerifyError::Stale { .. }
    ));

    let mut missing = good.clone();
    missing.remove(TIMESTAMP_HEADER);
    assert!(matches!(
        verify(&at(&secret, d, 0), &missing, body),
        VerifyError::MissingHeader(TIMESTAMP_HEADER)
    ));
    let mut missing = good.clone();
    missing.remove(SIGNATURE_HEADER);
    assert!(matches!(
        verify(&at(&secret, d, 0), &missing, body),
        VerifyError::MissingHeader(SIGNATURE_HEADER)
    ));
    assert!(matches!(
        verify(
            &at(&secret, d, 0),
            &headers("yesterday", &d.signature),
            body
        ),
        VerifyError::MalformedTimestamp(_)
    ));
    for bad in [
        "abc",
        &d.signature[..63],
        &format!("{}zz", &d.signature[..62]),
    ] {
        assert!(matches!(
            verify(&at(&secret, d, 0), &headers(&d.timestamp, bad), body),
            VerifyError::MalformedSignature(_)
        ));
    }
}

#[test]
fn a_signed_body_that_is_not_the_event_type_is_refused_as_such() {
    let (secret, deliveries) = vectors();
    let d = &deliveries[0];
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Numbered {
        number: u32,
    }
    let error = at(&secret, d, 0)
        .verify::<Numbered>(&headers(&d.timestamp, &d.signature), d.body.as_bytes())
        .unwrap_err();
    assert!(matches!(error, VerifyError::NotAnEvent(_)), "{error}");
    assert!(error.to_string().starts_with("the body is not an event"));
    // The real clock and the default window: a delivery from 2024 is stale today.
    let stale = Verifier::new(&secret)
        .verify::<Value>(&headers(&d.timestamp, &d.signature), d.body.as_bytes())
        .unwrap_err();
    assert!(matches!(stale, VerifyError::Stale { .. }), "{stale}");
    assert!(SystemTime::now() > UNIX_EPOCH);
    assert!(!format!("{:?}", Verifier::new(&secret)).contains(&secret));
}

/// The event models of the spec (`extend_models::v2025_04_21::WebhookEvent`) as the type read: a known event
/// type gives its typed variant, an unknown one is kept whole.
#[test]
fn deliveries_read_as_the_specs_event_type() {
    use extend_models::v2025_04_21::{WebhookEvent, WorkflowRunStatus};
    let (secret, deliveries) = vectors();
    let read = |d: &Delivery| -> WebhookEvent {
        at(&secret, d, 0)
            .verify(&headers(&d.timestamp, &d.signature), d.body.as_bytes())
            .unwrap_or_else(|e| panic!("{}: {e}", d.body))
    };
    let WebhookEvent::WorkflowRunCompleted(completed) = read(&deliveries[0]) else {
        panic!("expected workflow_run.completed");
    };
    assert_eq!(completed.event_id, "evt_Xj9dK2");
    assert_eq!(completed.payload.status, WorkflowRunStatus::Processed);
    assert_eq!(completed.payload.workflow.name, "Invoice intake");
    let unknown = read(&deliveries[1]);
    assert_eq!(unknown.tag(), Some("workflow.archived"));
    let WebhookEvent::Unknown(fields) = unknown else {
        panic!("expected an unknown event");
    };
    assert_eq!(fields["eventType"], "workflow.archived");
    assert_eq!(fields["payload"]["id"], "wf_1");
}

/// What `sign` writes is what Python's `hmac` computed for the same delivery.
#[test]
fn sign_writes_the_signature_python_computes() {
    let (secret, deliveries) = vectors();
    for d in &deliveries {
        let timestamp: u64 = d.timestamp.parse().unwrap();
        assert_eq!(
            extend_webhooks::sign(&secret, timestamp, d.body.as_bytes()),
            d.signature
        );
    }
}
