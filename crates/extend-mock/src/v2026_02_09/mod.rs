//! API version 2026-02-09: the generated routes and request checks ([`api`]), answered by one
//! JSON handler over a store the spec drives. What each operation does is read from its method
//! and path ([`resources`]), what a listing keeps from its parameters' names (`filters`); the
//! objects it answers are shaped like the spec's examples, which also seed the store.
//! Hand-written rules are few: ids, timestamps, merged metadata, paging, which runs can be
//! cancelled, what a run names must exist (`references`), how a created run moves on the clock
//! to its end ([`outputs`] shapes what it ends with), batches (`batches`), and the webhook
//! events all this announces ([`events`]).

#[rustfmt::skip]
pub mod api;
mod batches;
mod definitions;
pub mod events;
mod filters;
pub mod outputs;
mod references;
pub mod resources;

use crate::clock::{Clock, Lifecycle};
use crate::runtime::check::Problem;
use crate::runtime::Credentials;
use crate::webhooks::{Deliveries, Delivery};
use api::{ErrorBody, JsonApi, JsonCall};
use events::Outgoing;
use resources::{concrete, param, route, Kind};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

/// The largest page a listing gives, and the one it gives when `maxPageSize` is not sent.
const DEFAULT_PAGE_SIZE: usize = 10;

/// Request properties copied onto what a create or an update answers: those whose shape is
/// the same in the request and in the object.
const COPIED: &[&str] = &[
    "name",
    "description",
    "metadata",
    "config",
    // Webhook endpoints and subscriptions.
    "url",
    "status",
    "enabledEvents",
    "apiVersion",
    "advancedOptions",
    "webhookEndpointId",
    "resourceType",
    "resourceId",
];

/// The metadata key, and value, with which a created run asks to end `FAILED`.
pub const FAIL_KEY: &str = "mock:outcome";

/// The mock of API version 2026-02-09.
#[derive(Debug)]
pub struct CurrentMock {
    api_key: String,
    clock: Clock,
    /// The first example of each operation's 200 answer, read once.
    examples: HashMap<&'static str, Value>,
    state: Mutex<State>,
    deliveries: Deliveries,
}

/// Every collection by its concrete path (`/extractors/ex_1/versions`), newest object first.
type Collections = BTreeMap<String, Vec<Value>>;

/// Object `id` of the collection at `key`.
fn find<'a>(collections: &'a Collections, key: &str, id: &str) -> Option<&'a Value> {
    collections.get(key)?.iter().find(|o| o["id"] == id)
}

/// [`find`], to change it.
fn find_mut<'a>(collections: &'a mut Collections, key: &str, id: &str) -> Option<&'a mut Value> {
    collections.get_mut(key)?.iter_mut().find(|o| o["id"] == id)
}

/// The store's state, under its lock.
#[derive(Debug, Default)]
struct State {
    collections: Collections,
    created: u64,
    /// The runs created here that have not ended, by id.
    moving: BTreeMap<String, Moving>,
    /// The signing secret of each webhook endpoint created here, by its id.
    secrets: BTreeMap<String, String>,
    /// Events to post, oldest first.
    outbox: Vec<Outgoing>,
    events: u64,
    /// The batches created here that have not ended, by id.
    batches: BTreeMap<String, batches::Batch>,
    /// The batch of each run created in one, by the run's id.
    batch_of: BTreeMap<String, String>,
}

impl State {
    /// Queues an event of `event_type` about `about` for every endpoint that receives it, when
    /// the spec has such an event (see [`events`]).
    fn announce(&mut self, event_type: &str, about: &Value) {
        let recipients = events::recipients(event_type, about, &self.collections, &self.secrets);
        if recipients.is_empty() {
            return;
        }
        self.events += 1;
        let event_id = format!("evt_mock{}", self.events);
        let Some(event) = events::event(event_type, &event_id, about) else {
            return;
        };
        let body = event.to_string().into_bytes();
        for (url, secret) in recipients {
            self.outbox.push(Outgoing {
                url,
                secret,
                event_id: event_id.clone(),
                event_type: event_type.to_owned(),
                object_id: about["id"].as_str().unwrap_or_default().to_owned(),
                body: body.clone(),
            });
        }
    }

    /// What a definition's create (or update) of `object` at `key` announces.
    fn announce_definition(
        &mut self,
        key: &str,
        object: &Value,
        updated: bool,
        body: Option<&Map<String, Value>>,
    ) {
        for event_type in events::definition_changed(object, updated, body) {
            // A workflow's deployment is about the workflow, not the version.
            let parent = (event_type == "workflow.deployed")
                .then(|| {
                    let (collection, id) = key.strip_suffix("/versions")?.rsplit_once('/')?;
                    find(&self.collections, collection, id).cloned()
                })
                .flatten();
            match parent {
                Some(workflow) => self.announce(&event_type, &workflow),
                None if event_type != "workflow.deployed" => self.announce(&event_type, object),
                None => {}
            }
        }
    }
}

/// A created run on its way to its end.
#[derive(Debug)]
struct Moving {
    /// Its collection.
    key: String,
    created: chrono::DateTime<chrono::Utc>,
    /// Whether it ends `FAILED` (its metadata asked) rather than `PROCESSED`.
    fails: bool,
    /// What it ends with when [`outputs`] does not shape its kind's output: the example's.
    example_output: Option<Value>,
}

impl CurrentMock {
    /// A mock that accepts `api_key` as bearer token, seeded with every object the spec's
    /// examples of its reads show, on `clock`.
    pub fn new(api_key: impl Into<String>, clock: Clock) -> Self {
        let mut examples = HashMap::new();
        for example in api::EXAMPLES.iter().filter(|e| e.status == "200") {
            if let Ok(value) = serde_json::from_str::<Value>(example.json) {
                examples.entry(example.operation).or_insert(value);
            }
        }
        let mut state = State::default();
        let seeded = timestamp(&clock);
        for &(operation, method, path) in api::OPERATIONS {
            let found = route(method, path);
            let Some(Value::Object(object)) = examples.get(operation) else {
                continue;
            };
            if found.kind != Kind::Get {
                continue;
            }
            let Some(key) = concrete(found.collection, &parent_ids(found.collection, object))
            else {
                continue;
            };
            // Every object the API lists has both timestamps, even where an example has not.
            let mut object = object.clone();
            for stamp in ["createdAt", "updatedAt"] {
                object.entry(stamp).or_insert_with(|| seeded.clone());
            }
            let list = state.collections.entry(key).or_default();
            if !list.iter().any(|o| o.get("id") == object.get("id")) {
                list.push(Value::Object(object));
            }
        }
        Self {
            api_key: api_key.into(),
            clock,
            examples,
            state: Mutex::new(state),
            deliveries: Deliveries::default(),
        }
    }

    /// The objects of the collection at `path` (such as `/files`), newest first.
    pub fn objects(&self, path: &str) -> Vec<Value> {
        self.lock()
            .collections
            .get(path)
            .cloned()
            .unwrap_or_default()
    }

    /// The webhook events posted so far, oldest first, with the receivers' answers.
    pub fn webhook_deliveries(&self) -> Vec<Delivery> {
        self.deliveries.all()
    }

    /// Takes the events waiting to be posted.
    pub(crate) fn take_outbox(&self) -> Vec<Outgoing> {
        std::mem::take(&mut self.lock().outbox)
    }

    pub(crate) fn record(&self, delivery: Delivery) {
        self.deliveries.push(delivery);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock leaves whole objects behind: keep serving them.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn now(&self) -> Value {
        timestamp(&self.clock)
    }

    /// The first example of an operation's 200 answer.
    fn example_of(&self, operation: &str) -> Option<Value> {
        self.examples.get(operation).cloned()
    }

    /// Moves every created run on to where the clock says it is: `PROCESSING` after
    /// [`Lifecycle::queued`], then `PROCESSED` (or `FAILED`, when its metadata has
    /// [`FAIL_KEY`]` = "FAILED"`) after [`Lifecycle::processing`] more, with its output.
    pub(crate) fn advance(&self) {
        let lifecycle = Lifecycle::default();
        let now = self.clock.now();
        let stamp = self.now();
        let mut state = self.lock();
        let State {
            collections,
            moving,
            ..
        } = &mut *state;
        let mut ended = Vec::new();
        moving.retain(|id, run| {
            let Some(object) = find_mut(collections, &run.key, id) else {
                return false;
            };
            let status = if now >= lifecycle.finished(run.created) {
                if run.fails {
                    "FAILED"
                } else {
                    "PROCESSED"
                }
            } else if now >= lifecycle.started(run.created) {
                "PROCESSING"
            } else {
                return true;
            };
            let finished = &mut ended;
            let ended = status != "PROCESSING";
            if object["status"] == status {
                return !ended;
            }
            object["status"] = Value::from(status);
            if object.get("updatedAt").is_some() {
                object["updatedAt"] = stamp.clone();
            }
            match (
                status,
                outputs::output(object).or_else(|| run.example_output.clone()),
            ) {
                ("FAILED", _) => {
                    object["failureReason"] = Value::from("MOCK_FAILURE");
                    object["failureMessage"] =
                        Value::from(format!("Failed as its metadata `{FAIL_KEY}` asked"));
                }
                ("PROCESSED", Some(output)) => {
                    for field in ["output", "initialOutput"] {
                        if object.get(field).is_some() {
                            object[field] = output.clone();
                        }
                    }
                }
                _ => {}
            }
            if ended {
                finished.push(object.clone());
            }
            !ended
        });
        for run in ended {
            if let Some(event_type) = events::run_ended(&run) {
                state.announce(&event_type, &run);
            }
        }
        drop(state);
        self.advance_batches();
    }

    fn answer(&self, call: &JsonCall) -> (u16, Value) {
        self.advance();
        let found = route(call.method, call.path);
        let example = self.example_of(call.operation);
        let key = concrete(found.collection, &call.params);
        let item = found
            .item_param
            .and_then(|p| call.params.get(p))
            .and_then(Value::as_str)
            .map(str::to_owned);
        match (found.kind, key, item) {
            (Kind::List, Some(key), _) => self.list(&key, call, example),
            (Kind::Create, Some(key), _) => self.create(&key, call, example),
            (Kind::Get, Some(key), Some(id)) => {
                self.change(&key, &id, |object| (200, object.clone()))
            }
            (Kind::Update, Some(key), Some(id)) => self.update(&key, &id, call),
            (Kind::Delete, Some(key), Some(id)) => self.delete(&key, &id, example),
            (Kind::Action(verb), Some(key), Some(id)) => self.act(&key, &id, verb, example),
            // An upload adds a file to the collection it is under, named as its part is.
            (Kind::Other, Some(key), _) if key.ends_with("/upload") => {
                self.create(&key[..key.len() - "/upload".len()], call, example)
            }
            (Kind::Other, Some(key), _) if key.ends_with("/batch") => {
                self.batch(&key[..key.len() - "/batch".len()], call, example)
            }
            _ => (200, example.unwrap_or_else(|| json!({}))),
        }
    }

    fn list(&self, key: &str, call: &JsonCall, example: Option<Value>) -> (u16, Value) {
        let size = call
            .params
            .get("maxPageSize")
            .and_then(Value::as_u64)
            .map_or(DEFAULT_PAGE_SIZE, |n| (n as usize).max(1));
        let start = match call.params.get("nextPageToken").and_then(Value::as_str) {
            None => 0,
            Some(token) => match token.strip_prefix("page_").and_then(|n| n.parse().ok()) {
                Some(start) => start,
                None => {
                    return invalid(&format!(
                        "`nextPageToken` `{token}` was not given by this API"
                    ))
                }
            },
        };
        let objects = filters::apply(self.objects(key), &call.params, &self.lock().batch_of);
        let page: Vec<Value> = objects.iter().skip(start).take(size).cloned().collect();
        let next = (start + size < objects.len()).then(|| format!("page_{}", start + size));
        let mut body = match example {
            Some(Value::Object(map)) => map,
            _ => Map::new(),
        };
        body.insert("object".into(), Value::from("list"));
        body.insert("data".into(), Value::Array(page));
        // The last page has no `nextPageToken` (the spec's type is a string, never `null`).
        match next {
            Some(next) => body.insert("nextPageToken".into(), Value::from(next)),
            None => body.remove("nextPageToken"),
        };
        (200, Value::Object(body))
    }

    fn create(&self, key: &str, call: &JsonCall, example: Option<Value>) -> (u16, Value) {
        let Some(Value::Object(mut object)) = example else {
            return (200, json!({}));
        };
        let mut state = self.lock();
        if let Some(Value::Object(body)) = &call.body {
            if let Some((property, id)) = references::missing(body, &state.collections) {
                return error(
                    404,
                    "NOT_FOUND",
                    format!("the {property} `{id}` was not found"),
                );
            }
        }
        state.created += 1;
        // (A `Map` panics on a missing key where a `Value` gives `null`: `get` throughout.)
        let prefix = object
            .get("id")
            .and_then(Value::as_str)
            .and_then(|id| id.rfind('_').map(|at| id[..=at].to_owned()))
            .unwrap_or_default();
        let id = format!("{prefix}mock{}", state.created);
        object.insert("id".into(), Value::from(id.clone()));
        // Every object the API lists has both, even where its full form's example does not.
        let now = self.now();
        for stamp in ["createdAt", "updatedAt"] {
            object.insert(stamp.into(), now.clone());
        }
        // A nested object names its parent as the call does.
        for (name, value) in &call.params {
            if object.contains_key(name) {
                object.insert(name.clone(), value.clone());
            }
        }
        if let Some(Value::Object(body)) = &call.body {
            copy_onto(&mut object, body);
            references::use_file(&mut object, body, &state.collections);
            definitions::keep_config(&mut object, body);
            definitions::run_by_definition(&mut object, body, &state.collections);
            // An uploaded file is named as its part is.
            if let Some(name) = body.get("file").and_then(|f| f.get("fileName")) {
                if object.contains_key("name") {
                    object.insert("name".into(), name.clone());
                }
            }
        }
        let is_run = object
            .get("object")
            .and_then(Value::as_str)
            .is_some_and(|o| o.ends_with("_run"));
        let unfinished = matches!(
            object.get("status").and_then(Value::as_str),
            Some("PENDING" | "PROCESSING")
        );
        if is_run && unfinished {
            let example_output = object.get("output").filter(|o| !o.is_null()).cloned();
            // Nothing is known of a run that has not started.
            for field in [
                "output",
                "initialOutput",
                "reviewedOutput",
                "failureReason",
                "failureMessage",
            ] {
                if let Some(slot) = object.get_mut(field) {
                    *slot = Value::Null;
                }
            }
            let fails = call
                .body
                .as_ref()
                .is_some_and(|b| b["metadata"][FAIL_KEY] == "FAILED");
            state.moving.insert(
                id.clone(),
                Moving {
                    key: key.to_owned(),
                    created: self.clock.now(),
                    fails,
                    example_output,
                },
            );
        }
        // A webhook endpoint's signing secret is in its create's answer only.
        let mut stored = object.clone();
        if stored.remove("signingSecret").is_some() {
            let secret = format!("wss_mock{}_{}", state.created, &id);
            object.insert("signingSecret".into(), Value::from(secret.clone()));
            state.secrets.insert(id, secret);
        }
        let object = Value::Object(object);
        state
            .collections
            .entry(key.to_owned())
            .or_default()
            .insert(0, Value::Object(stored));
        if !is_run {
            let body = call.body.as_ref().and_then(Value::as_object);
            state.announce_definition(key, &object, false, body);
        }
        (200, object)
    }

    /// Runs `change` on object `id` of collection `key` under the lock, or answers a 404.
    fn change(
        &self,
        key: &str,
        id: &str,
        change: impl FnOnce(&mut Value) -> (u16, Value),
    ) -> (u16, Value) {
        let mut state = self.lock();
        match find_mut(&mut state.collections, key, id) {
            Some(object) => change(object),
            None => not_found(id),
        }
    }

    fn update(&self, key: &str, id: &str, call: &JsonCall) -> (u16, Value) {
        let now = self.now();
        let body = call.body.as_ref().and_then(Value::as_object);
        let answer = self.change(key, id, |object| {
            if let (Value::Object(object), Some(body)) = (&mut *object, body) {
                copy_onto(object, body);
                definitions::keep_config(object, body);
                if object.contains_key("updatedAt") {
                    object.insert("updatedAt".into(), now);
                }
            }
            (200, object.clone())
        });
        if answer.0 == 200 {
            self.lock().announce_definition(key, &answer.1, true, body);
        }
        answer
    }

    fn delete(&self, key: &str, id: &str, example: Option<Value>) -> (u16, Value) {
        let mut state = self.lock();
        let Some(list) = state.collections.get_mut(key) else {
            return not_found(id);
        };
        let Some(at) = list.iter().position(|o| o["id"] == id) else {
            return not_found(id);
        };
        list.remove(at);
        let mut answer = match example {
            Some(Value::Object(map)) => map,
            _ => Map::new(),
        };
        answer.insert("id".into(), Value::from(id));
        (200, Value::Object(answer))
    }

    /// `cancel` stops a run still `PENDING` or `PROCESSING`; other verbs answer their example
    /// for an object that exists.
    fn act(&self, key: &str, id: &str, verb: &str, example: Option<Value>) -> (u16, Value) {
        let now = self.now();
        let mut stopped = false;
        let answer = self.change(key, id, |object| {
            if verb != "cancel" {
                return (200, example.unwrap_or_else(|| object.clone()));
            }
            let status = object["status"].as_str().unwrap_or_default().to_owned();
            if !matches!(status.as_str(), "PENDING" | "PROCESSING") {
                return invalid(&format!(
                    "run `{id}` is `{status}`: only a PENDING or PROCESSING run can be cancelled"
                ));
            }
            // A parse run has no `CANCELLED` status: it ends `FAILED`, for that reason.
            if object["object"] == "parse_run" {
                object["status"] = Value::from("FAILED");
                object["failureReason"] = Value::from("CANCELLED");
            } else {
                object["status"] = Value::from("CANCELLED");
            }
            stopped = true;
            if object.get("updatedAt").is_some() {
                object["updatedAt"] = now;
            }
            (200, object.clone())
        });
        if stopped {
            let mut state = self.lock();
            state.moving.remove(id);
            if let Some(event_type) = events::run_ended(&answer.1) {
                state.announce(&event_type, &answer.1);
            }
        }
        answer
    }
}

/// Copies the [`COPIED`] properties of a request body onto an object that has them; metadata
/// is merged, incoming keys winning.
fn copy_onto(object: &mut Map<String, Value>, body: &Map<String, Value>) {
    for name in COPIED {
        let Some(value) = body.get(*name) else {
            continue;
        };
        match (object.get_mut(*name), value) {
            (Some(Value::Object(old)), Value::Object(new)) if *name == "metadata" => {
                old.extend(new.clone());
            }
            (Some(slot), _) => *slot = value.clone(),
            (None, _) => {}
        }
    }
}

/// The parent ids a nested object names (`extractorId`, or `workflowId` for a parent given
/// as `{id}` under `/workflows`), for filling in its collection's path.
fn parent_ids(collection: &str, object: &Map<String, Value>) -> Map<String, Value> {
    let parts: Vec<&str> = collection.trim_start_matches('/').split('/').collect();
    let mut ids = Map::new();
    for (at, part) in parts.iter().enumerate() {
        let Some(name) = param(part) else {
            continue;
        };
        let owner = at.checked_sub(1).map(|i| parts[i]).unwrap_or_default();
        let singular = owner.strip_suffix('s').unwrap_or(owner);
        let field = format!("{}Id", lower_camel(singular));
        if let Some(value) = object
            .get(name)
            .filter(|_| name != "id")
            .or(object.get(&field))
        {
            ids.insert(name.to_owned(), value.clone());
        }
    }
    ids
}

/// `evaluation_set` as `evaluationSet`.
fn lower_camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The clock's time as the API writes timestamps: RFC 3339, milliseconds, `Z`.
fn timestamp(clock: &Clock) -> Value {
    Value::from(
        clock
            .now()
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    )
}

fn error(status: u16, code: &str, message: String) -> (u16, Value) {
    (
        status,
        json!({ "code": code, "message": message, "retryable": false }),
    )
}

fn not_found(id: &str) -> (u16, Value) {
    error(404, "NOT_FOUND", format!("`{id}` was not found"))
}

fn invalid(message: &str) -> (u16, Value) {
    error(
        400,
        "INVALID_REQUEST",
        format!("Invalid request: {message}"),
    )
}

impl JsonApi for CurrentMock {
    fn authenticate(&self, credentials: &Credentials<'_>) -> Result<(), ErrorBody> {
        match credentials.bearer() {
            Some(token) if token == self.api_key => Ok(()),
            _ => Err(ErrorBody::new(
                "UNAUTHORIZED",
                "Unauthorized: send the API token as `Authorization: Bearer <token>`",
                false,
            )),
        }
    }

    fn reject(&self, _operation: &'static str, problem: &Problem) -> ErrorBody {
        ErrorBody::new(
            "INVALID_REQUEST",
            format!("Invalid request: {problem}"),
            false,
        )
    }

    /// A bug of the mock's own answers a 500 (with the operation) rather than dropping the
    /// connection: a client under test then sees an error it can report.
    async fn handle(&self, call: JsonCall) -> (u16, Value) {
        let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.answer(&call)));
        answer.unwrap_or_else(|_| {
            error(
                500,
                "MOCK_ERROR",
                format!("the mock failed on `{}`; please report it", call.operation),
            )
        })
    }
}
