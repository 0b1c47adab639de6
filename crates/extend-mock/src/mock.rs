//! The mock's answers: the generated [`ExtendApi`] trait implemented over the [`Store`].

use crate::api::{
    BatchCreateWorkflowRunsReply, CancelWorkflowRunReply, CreateWorkflowRunReply,
    DeleteWorkflowRunReply, ErrorBody, ExtendApi, GetWorkflowRunReply, ListWorkflowRunsReply,
    UpdateWorkflowRunReply,
};
use crate::listing::ListQuery;
use crate::runs::{new_run, Input, Template};
use crate::runtime::check::Problem;
use crate::runtime::Credentials;
use crate::store::{CancelError, Store};
use crate::update;
use crate::v2026_02_09::CurrentMock;
use crate::webhooks::{Deliveries, Delivery, EventSource, WebhookTarget};
use extend_models::v2025_04_21::{
    BatchCreateWorkflowRunsParams, BatchWorkflowRunRequest, BatchWorkflowRunResponse,
    CancelWorkflowRunParams, CreateWorkflowRunParams, CreateWorkflowRunRequest,
    CreateWorkflowRunResponse, DeleteWorkflowRunParams, DeleteWorkflowRunResponse,
    GetWorkflowRunParams, ListWorkflowRunsParams, ListWorkflowRunsResponse,
    UpdateWorkflowRunParams, UpdateWorkflowRunRequest, UpdateWorkflowRunResponse, WorkflowRun,
    WorkflowRunResponse,
};
use std::sync::Arc;

/// The API key the mock accepts unless told otherwise.
pub const DEFAULT_API_KEY: &str = "extend_mock_key";

/// A local stand-in for the Extend API.
#[derive(Debug)]
pub struct ExtendMock {
    api_key: String,
    store: Store,
    /// API version 2026-02-09, on the same key and clock.
    current: Arc<CurrentMock>,
    webhooks: Option<WebhookTarget>,
    deliveries: Deliveries,
}

impl ExtendMock {
    /// A mock that accepts `api_key` as bearer token and serves the runs in `store`.
    pub fn new(api_key: impl Into<String>, store: Store) -> Self {
        let api_key = api_key.into();
        Self {
            current: Arc::new(CurrentMock::new(api_key.clone(), store.clock().clone())),
            api_key,
            store,
            webhooks: None,
            deliveries: Deliveries::default(),
        }
    }

    /// The same mock, posting a signed webhook event to `target` whenever a run it created is
    /// processed (`workflow_run.completed`) or cancelled (`workflow_run.cancelled`), while it
    /// serves.
    pub fn with_webhooks(self, target: WebhookTarget) -> Self {
        self.store.report_changes();
        Self {
            webhooks: Some(target),
            ..self
        }
    }

    /// Where it posts webhook events, if anywhere.
    pub fn webhooks(&self) -> Option<&WebhookTarget> {
        self.webhooks.as_ref()
    }

    /// The webhook events it has posted so far, oldest first, with the receiver's answers.
    pub fn webhook_deliveries(&self) -> Vec<Delivery> {
        self.deliveries.all()
    }

    /// The runs it serves.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The mock of API version 2026-02-09, which answers requests that name no version.
    pub fn current(&self) -> Arc<CurrentMock> {
        Arc::clone(&self.current)
    }
}

/// The 404 of a run that does not exist (or no longer does).
fn not_found(id: &str) -> ErrorBody {
    error(format!("Workflow run `{id}` was not found"))
}

/// The 400 of a request the mock cannot serve, saying why.
fn invalid(why: impl std::fmt::Display) -> ErrorBody {
    error(format!("Invalid request: {why}"))
}

/// An error body as API version `2025-04-21` writes it: `success: false` and a message.
fn error(message: String) -> ErrorBody {
    ErrorBody::new().with_success(false).with_error(message)
}

impl EventSource for ExtendMock {
    fn store(&self) -> &Store {
        &self.store
    }

    fn deliveries(&self) -> &Deliveries {
        &self.deliveries
    }
}

impl ExtendApi for ExtendMock {
    fn authenticate(&self, credentials: &Credentials<'_>) -> Result<(), ErrorBody> {
        match credentials.bearer() {
            Some(token) if token == self.api_key => Ok(()),
            Some(_) => Err(error("Unauthorized: the API token is not valid".into())),
            None => Err(error(
                "Unauthorized: send the API token as `Authorization: Bearer <token>`".into(),
            )),
        }
    }

    fn reject(&self, _operation: &'static str, problem: &Problem) -> ErrorBody {
        invalid(problem)
    }

    /// The version header was checked before this is called (a version other than the one the
    /// spec describes is answered with a 400 naming it); the mock has one workspace, so the
    /// workspace header changes nothing.
    async fn update_workflow_run(
        &self,
        UpdateWorkflowRunParams { id, .. }: UpdateWorkflowRunParams,
        body: UpdateWorkflowRunRequest,
    ) -> UpdateWorkflowRunReply {
        match self.store.update(&id, |run| update::apply(run, body)) {
            Some(workflow_run) => {
                UpdateWorkflowRunReply::Ok(UpdateWorkflowRunResponse::new(true, workflow_run))
            }
            None => UpdateWorkflowRunReply::NotFound(not_found(&id)),
        }
    }

    async fn list_workflow_runs(&self, params: ListWorkflowRunsParams) -> ListWorkflowRunsReply {
        let page = ListQuery::from_params(params).and_then(|query| self.store.list(&query));
        match page {
            Ok(page) => {
                let mut listing = ListWorkflowRunsResponse::new(true, page.runs);
                listing.next_page_token = page.next_cursor;
                ListWorkflowRunsReply::Ok(listing)
            }
            Err(message) => ListWorkflowRunsReply::BadRequest(error(message)),
        }
    }

    /// One run for each file, then one for each raw text, in the order given.
    async fn create_workflow_run(
        &self,
        _: CreateWorkflowRunParams,
        body: CreateWorkflowRunRequest,
    ) -> CreateWorkflowRunReply {
        let template = Template {
            workflow_id: &body.workflow_id,
            version: body.version.as_deref(),
            batch_id: None,
        };
        let files = body.files.iter().flatten().map(Input::File);
        let texts = body.raw_texts.iter().flatten().map(|_| Input::Text);
        let runs: Result<Vec<WorkflowRun>, String> = files
            .chain(texts)
            .map(|input| new_run(&self.store, &template, input, body.metadata.clone()))
            .collect();
        match runs {
            Ok(runs) if runs.is_empty() => {
                CreateWorkflowRunReply::BadRequest(invalid("give at least one file or raw text"))
            }
            Ok(runs) => CreateWorkflowRunReply::Ok(CreateWorkflowRunResponse::new(
                true,
                self.store.create(runs),
            )),
            Err(message) => CreateWorkflowRunReply::BadRequest(invalid(message)),
        }
    }

    /// The runs of a batch are created at once here (the API creates them in the background).
    async fn batch_create_workflow_runs(
        &self,
        _: BatchCreateWorkflowRunsParams,
        body: BatchWorkflowRunRequest,
    ) -> BatchCreateWorkflowRunsReply {
        let batch_id = self.store.new_id("batch_");
        let template = Template {
            workflow_id: &body.workflow_id,
            version: body.version.as_deref(),
            batch_id: Some(&batch_id),
        };
        let runs: Result<Vec<WorkflowRun>, String> = body
            .inputs
            .iter()
            .enumerate()
            .map(|(i, entry)| {
                let input = match (&entry.file, &entry.raw_text) {
                    (Some(file), None) => Input::File(file),
                    (None, Some(_)) => Input::Text,
                    _ => return Err(format!("inputs[{i}] needs either `file` or `rawText`")),
                };
                new_run(&self.store, &template, input, entry.metadata.clone())
                    .map_err(|message| format!("inputs[{i}]: {message}"))
            })
            .collect();
        match runs {
            Ok(runs) => {
                self.store.create(runs);
                BatchCreateWorkflowRunsReply::Ok(BatchWorkflowRunResponse::new(true, batch_id))
            }
            Err(message) => BatchCreateWorkflowRunsReply::BadRequest(invalid(message)),
        }
    }

    async fn get_workflow_run(
        &self,
        GetWorkflowRunParams { id, .. }: GetWorkflowRunParams,
    ) -> GetWorkflowRunReply {
        match self.store.get(&id) {
            Some(workflow_run) => {
                GetWorkflowRunReply::Ok(WorkflowRunResponse::new(true, workflow_run))
            }
            None => GetWorkflowRunReply::NotFound(not_found(&id)),
        }
    }

    async fn delete_workflow_run(
        &self,
        DeleteWorkflowRunParams { id, .. }: DeleteWorkflowRunParams,
    ) -> DeleteWorkflowRunReply {
        if self.store.remove(&id) {
            DeleteWorkflowRunReply::Ok(
                DeleteWorkflowRunResponse::new(true, id)
                    .with_message("Workflow run deleted successfully."),
            )
        } else {
            DeleteWorkflowRunReply::NotFound(not_found(&id))
        }
    }

    async fn cancel_workflow_run(
        &self,
        CancelWorkflowRunParams { id, .. }: CancelWorkflowRunParams,
    ) -> CancelWorkflowRunReply {
        match self.store.cancel(&id) {
            Ok(workflow_run) => {
                CancelWorkflowRunReply::Ok(WorkflowRunResponse::new(true, workflow_run))
            }
            Err(CancelError::NotFound) => CancelWorkflowRunReply::NotFound(not_found(&id)),
            Err(CancelError::Finished(status)) => {
                CancelWorkflowRunReply::BadRequest(error(format!(
                "Workflow run `{id}` is {status}; only PENDING or PROCESSING runs can be cancelled"
            )))
            }
        }
    }
}
