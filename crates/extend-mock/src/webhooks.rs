//! Webhook events, as Extend sends them: when a run it created is processed or cancelled, the
//! mock posts `{eventId, eventType, payload}` to the URL it was given, signed with
//! `extend-webhooks`' [`sign`](extend_webhooks::sign) as the API signs deliveries.

use crate::store::{Change, ChangeKind, Store};
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
    /// The run it is about.
    pub run_id: String,
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

    fn push(&self, delivery: Delivery) {
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

async fn deliver(target: &WebhookTarget, store: &Store, change: Change) -> Delivery {
    let event_id = store.new_id("event_");
    let run_id = change.run.id.clone();
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
    let outcome = match tokio::time::timeout(DELIVERY_TIMEOUT, post(target, &event)).await {
        Ok(outcome) => outcome,
        Err(_) => Err(format!("no answer within {} s", DELIVERY_TIMEOUT.as_secs())),
    };
    Delivery {
        event_id,
        event_type,
        run_id,
        outcome,
    }
}

/// One POST over a new HTTP/1 connection; the receiver's status.
async fn post(target: &WebhookTarget, event: &WebhookEvent) -> Result<u16, String> {
    let uri: http::Uri = target
        .url
        .parse()
        .map_err(|e| format!("`{}` is not a URL: {e}", target.url))?;
    if uri.scheme_str() != Some("http") {
        return Err(format!(
            "`{}`: the mock posts over plain http:// only",
            target.url
        ));
    }
    let (Some(host), Some(authority)) = (uri.host(), uri.authority()) else {
        return Err(format!("`{}` has no host", target.url));
    };
    let port = uri.port_u16().unwrap_or(80);
    let body = serde_json::to_vec(event).map_err(|e| format!("cannot write the event: {e}"))?;
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let signature = extend_webhooks::sign(&target.secret, timestamp, &body);
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
