//! The mock's answers: the generated [`ExtendApi`] trait implemented over the [`Store`].

use crate::api::{ErrorBody, ExtendApi, UpdateWorkflowRunReply};
use crate::runtime::check::Problem;
use crate::runtime::Credentials;
use crate::store::Store;
use crate::update;
use extend_models::{ApiVersion, UpdateWorkflowRunRequest, UpdateWorkflowRunResponse};

/// The API key the mock accepts unless told otherwise.
pub const DEFAULT_API_KEY: &str = "extend_mock_key";

/// A local stand-in for the Extend API.
#[derive(Debug)]
pub struct ExtendMock {
    api_key: String,
    store: Store,
}

impl ExtendMock {
    /// A mock that accepts `api_key` as bearer token and serves the runs in `store`.
    pub fn new(api_key: impl Into<String>, store: Store) -> Self {
        Self {
            api_key: api_key.into(),
            store,
        }
    }

    /// The runs it serves.
    pub fn store(&self) -> &Store {
        &self.store
    }
}

/// An error body as API version `2025-04-21` writes it: `success: false` and a message.
fn error(message: String) -> ErrorBody {
    ErrorBody {
        success: Some(false),
        error: Some(message),
        ..ErrorBody::default()
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
        error(format!("Invalid request: {problem}"))
    }

    /// The version header was checked before this is called (a version other than the one the
    /// spec describes is answered with a 400 naming it); the mock has one workspace, so the
    /// workspace header changes nothing.
    async fn update_workflow_run(
        &self,
        id: String,
        _api_version: Option<ApiVersion>,
        _workspace_id: Option<String>,
        body: UpdateWorkflowRunRequest,
    ) -> UpdateWorkflowRunReply {
        match self.store.update(&id, |run| update::apply(run, body)) {
            Some(workflow_run) => UpdateWorkflowRunReply::Ok(UpdateWorkflowRunResponse {
                success: true,
                workflow_run,
                additional_properties: Default::default(),
            }),
            None => UpdateWorkflowRunReply::NotFound(error(format!(
                "Workflow run `{id}` was not found"
            ))),
        }
    }
}
