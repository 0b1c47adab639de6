//! Webhook events, as Extend sends them: `{eventId, eventType, payload}` posted over HTTP and
//! signed with `extend-webhooks`' [`sign`](extend_webhooks::sign) as the API signs
//! deliveries. In API version 2025-04-21, when a run the mock created is processed or
//! cancelled, to the one URL the mock was started with; in 2026-02-09, every event the spec
//! has for what happened, to the webhook endpoints created through the API
//! ([`crate::v2026_02_09::events`] says which).

use crate::store::{Change, ChangeKind, Store};
use crate::v2026_02_09::CurrentMock;
use bytes::Bytes;
use extend_models::v2025_04_21::{WebhookEvent, WorkflowRunEvent};
use http_body_util::Full;
use hyper_util::rt::TokioIo;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::net::TcpStream;

/// How often the mock looks for runs that changed.
const POLL: Duration = Duration::from_millis(50);
/// How long a receiver has to answer; Extend gives up after 30 seconds too.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(30);

/// Where the mock posts webhook events, and the secret it signs them with.
#[derive(Clone)]
pub struct WebhookTarget {
    url: String,
    secret: String,
}

impl fmt::Debug for WebhookTarget {
    /// Leaves the secret out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookTarget")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl WebhookTarget {
    /// Events go to `url`, signed with `secret` (a `wss_...` signing secret).
    pub fn new(url: impl Into<String>, secret: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            secret: secret.into(),
        }
    }

    /// Where events go.
    pub fn url(&self) -> &str {
        &self.url
    }
}

/// One event the mock posted, and how the receiver answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The event's ID.
    pub event_id: String,
    /// Its type, such as `workflow_run.completed`.
    pub event_type: String,
    /// The ID of the run (or definition) it is about.
    pub object_id: String,
    /// Where it was posted.
    pub url: String,
    /// The receiver's status, or why there was none.
    pub outcome: Result<u16, String>,
}

/// The deliveries made so far, for tests to look at.
#[derive(Debug, Default)]
pub(crate) struct Deliveries(Mutex<Vec<Delivery>>);

impl Deliveries {
    pub(crate) fn all(&self) -> Vec<Delivery> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub(crate) fn push(&self, delivery: Delivery) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(delivery);
    }
}

/// What posting events needs of a mock: the store whose changes it announces, and the record
/// of what it posted.
pub(crate) trait EventSource: Send + Sync + 'static {
    fn store(&self) -> &Store;
    fn deliveries(&self) -> &Deliveries;
}

/// Posts an event for every change of the mock's runs, as long as the mock serves.
pub(crate) async fn deliver_changes<M: EventSource>(mock: Arc<M>, target: WebhookTarget) {
    loop {
        for change in mock.store().take_changes() {
            let delivery = deliver(&target, mock.store(), change).await;
            mock.deliveries().push(delivery);
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Posts the events of API version 2026-02-09 as they happen, as long as the mock serves: runs
/// move on the clock without a request, so it looks every [`POLL`].
pub(crate) async fn deliver_current(mock: Arc<CurrentMock>) {
    loop {
        mock.advance();
        for event in mock.take_outbox() {
            let outcome = post_within(&event.url, &event.secret, event.body).await;
            mock.record(Delivery {
                event_id: event.event_id,
                event_type: event.event_type,
                object_id: event.object_id,
                url: event.url,
                outcome,
            });
        }
        tokio::time::sleep(POLL).await;
    }
}

async fn deliver(target: &WebhookTarget, store: &Store, change: Change) -> Delivery {
    let event_id = store.new_id("event_");
    let object_id = change.run.id.clone();
    let event_type = match change.kind {
        ChangeKind::Completed => "workflow_run.completed",
        ChangeKind::Cancelled => "workflow_run.cancelled",
    };
    let event = WorkflowRunEvent::new(event_id.clone(), event_type, change.run);
    let event = match change.kind {
        ChangeKind::Completed => WebhookEvent::WorkflowRunCompleted(event),
        ChangeKind::Cancelled => WebhookEvent::WorkflowRunCancelled(event),
    };
    // The event type as the spec writes it, from the generated model.
    let event_type = event.tag().unwrap_or_default().to_owned();
    let outcome = match serde_json::to_vec(&event) {
        Ok(body) => post_within(&target.url, &target.secret, body).await,
        Err(e) => Err(format!("cannot write the event: {e}")),
    };
    Delivery {
        event_id,
        event_type,
        object_id,
        url: target.url.clone(),
        outcome,
    }
}

/// [`post`], given up on after [`DELIVERY_TIMEOUT`].
async fn post_within(url: &str, secret: &str, body: Vec<u8>) -> Result<u16, String> {
    match tokio::time::timeout(DELIVERY_TIMEOUT, post(url, secret, body)).await {
        Ok(outcome) => outcome,
        Err(_) => Err(format!("no answer within {} s", DELIVERY_TIMEOUT.as_secs())),
    }
}

/// One signed POST of `body` to `url` over a new HTTP/1 connection; the receiver's status.
async fn post(url: &str, secret: &str, body: Vec<u8>) -> Result<u16, String> {
    let uri: http::Uri = url
        .parse()
        .map_err(|e| format!("`{url}` is not a URL: {e}"))?;
    if uri.scheme_str() != Some("http") {
        return Err(format!("`{url}`: the mock posts over plain http:// only"));
    }
    let (Some(host), Some(authority)) = (uri.host(), uri.authority()) else {
        return Err(format!("`{url}` has no host"));
    };
    let port = uri.port_u16().unwrap_or(80);
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let signature = extend_webhooks::sign(secret, timestamp, &body);
    let request = http::Request::post(uri.path_and_query().map_or("/", |p| p.as_str()))
        .header(http::header::HOST, authority.as_str())
        .header(http::header::CONTENT_TYPE, "application/json")
        .header(extend_webhooks::TIMESTAMP_HEADER, timestamp.to_string())
        .header(extend_webhooks::SIGNATURE_HEADER, signature)
        .body(Full::new(Bytes::from(body)))
        .map_err(|e| format!("cannot write the request: {e}"))?;
    let stream = TcpStream::connect((host.trim_matches(['[', ']']), port))
        .await
        .map_err(|e| format!("cannot connect to {authority}: {e}"))?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| format!("{authority}: {e}"))?;
    tokio::spawn(connection);
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| format!("{authority}: {e}"))?;
    Ok(response.status().as_u16())
}
