//! Running the mock: on a port of the caller's choice, or in-process on a free one for tests.

use crate::api::router;
use crate::mock::ExtendMock;
use crate::runtime::json;
use crate::webhooks;
use axum::extract::Request;
use axum::Router;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The header that names the API version a request speaks.
const VERSION_HEADER: &str = "x-extend-api-version";

/// The older version the mock speaks, when a request names it.
const OLDER_VERSION: &str = "2025-04-21";

/// The version the mock speaks when a request names none.
const CURRENT_VERSION: &str = "2026-02-09";

/// The whole app: each request goes to the routes of the API version its
/// `x-extend-api-version` names (2026-02-09 when it names none), with a JSON 404 for paths
/// that version does not have. A version the mock does not know is answered by the current
/// version's routes, which refuse it with a 400 naming the one they speak.
pub fn app(mock: Arc<ExtendMock>) -> Router {
    let current = mock.current();
    let older = router(mock).fallback(|| async {
        json(
            404,
            &serde_json::json!({ "success": false, "error": "No such route" }),
        )
    });
    let newer = crate::v2026_02_09::api::router(current).fallback(|| async {
        json(
            404,
            &serde_json::json!({ "code": "NOT_FOUND", "message": "No such route", "retryable": false }),
        )
    });
    Router::new().fallback(move |request: Request| {
        let named = request.headers().get(VERSION_HEADER).map(|v| v.as_bytes().to_vec());
        let routes = match named.as_deref() {
            None => Ok(newer.clone()),
            Some(v) if v == CURRENT_VERSION.as_bytes() => Ok(newer.clone()),
            Some(v) if v == OLDER_VERSION.as_bytes() => Ok(older.clone()),
            Some(other) => Err(String::from_utf8_lossy(other).into_owned()),
        };
        async move {
            let mut routes = match routes {
                Ok(routes) => routes,
                Err(version) => {
                    let message = format!(
                        "Invalid request: header `{VERSION_HEADER}`: `{version}`: not one of \
                         {OLDER_VERSION}, {CURRENT_VERSION}"
                    );
                    return json(
                        400,
                        &serde_json::json!({ "code": "INVALID_REQUEST", "message": message, "retryable": false }),
                    );
                }
            };
            match tower_service::Service::call(&mut routes, request).await {
                Ok(response) => response,
                Err(never) => match never {},
            }
        }
    })
}

/// Serves `mock` on `listener` until `shutdown` completes, posting its webhook events
/// meanwhile: 2025-04-21's if it has a target for them, and 2026-02-09's to the endpoints
/// created through the API.
pub async fn serve(
    listener: TcpListener,
    mock: Arc<ExtendMock>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let older = mock
        .webhooks()
        .cloned()
        .map(|target| tokio::spawn(webhooks::deliver_changes(Arc::clone(&mock), target)));
    let current = tokio::spawn(webhooks::deliver_current(mock.current()));
    let served = axum::serve(listener, app(mock))
        .with_graceful_shutdown(shutdown)
        .await;
    if let Some(older) = older {
        older.abort();
    }
    current.abort();
    served
}

/// A mock running on a free loopback port of the current tokio runtime; it stops when
/// dropped.
#[derive(Debug)]
pub struct MockServer {
    addr: SocketAddr,
    mock: Arc<ExtendMock>,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl MockServer {
    /// Starts `mock` on `127.0.0.1` with a port the system picks.
    pub async fn start(mock: ExtendMock) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let mock = Arc::new(mock);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve(listener, Arc::clone(&mock), async {
            let _ = stopped.await;
        }));
        Ok(Self {
            addr,
            mock,
            stop: Some(stop),
            task,
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Its base URL, such as `http://127.0.0.1:53124`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The mock behind it, to inspect or change its runs.
    pub fn mock(&self) -> &ExtendMock {
        &self.mock
    }

    /// Stops accepting requests, lets those in flight finish, and waits for the server.
    pub async fn shutdown(mut self) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match (&mut self.task).await {
            Ok(result) => result,
            Err(e) => Err(std::io::Error::other(e)),
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
