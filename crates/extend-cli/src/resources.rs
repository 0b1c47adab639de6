//! The resources of API version 2026-02-09 the tool reaches, and one client call of each as
//! JSON in, JSON out: the typed client underneath (requests are read as the spec's types
//! before they are sent), a [`serde_json::Value`] above, so that every command prints and
//! reads answers the same way.

use extend_client::models::v2026_02_09::{
    ClassifyRunsCreateRequest, ExtractRunsCreateRequest, ParseRunsCreateRequest,
    SplitRunsCreateRequest, WorkflowRunsCreateRequest,
};
use extend_client::v2026_02_09::Client;
use serde::Serialize;
use serde_json::Value;

/// A kind of run: its commands' name, what it is called, and the definition a run names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    Extract,
    Classify,
    Split,
    Parse,
    Workflow,
}

impl RunKind {
    /// Every kind, each with its `extend <kind>-runs` commands.
    pub const ALL: [RunKind; 5] = [
        Self::Extract,
        Self::Classify,
        Self::Split,
        Self::Parse,
        Self::Workflow,
    ];
    /// The kinds that also have a one-command form, `extend extract FILE`.
    pub const ONE_SHOT: [RunKind; 4] = [Self::Extract, Self::Classify, Self::Split, Self::Parse];

    /// The verb, as in `extend extract FILE` and `extend extract-runs`.
    pub fn verb(self) -> &'static str {
        match self {
            Self::Extract => "extract",
            Self::Classify => "classify",
            Self::Split => "split",
            Self::Parse => "parse",
            Self::Workflow => "workflow",
        }
    }

    /// The field of a finished run that holds what it produced.
    pub fn output_field(self) -> &'static str {
        match self {
            Self::Workflow => "stepRuns",
            _ => "output",
        }
    }

    /// The command of its runs, as in `extend extract-runs list`.
    pub fn runs_command(self) -> &'static str {
        match self {
            Self::Extract => "extract-runs",
            Self::Classify => "classify-runs",
            Self::Split => "split-runs",
            Self::Parse => "parse-runs",
            Self::Workflow => "workflow-runs",
        }
    }

    /// The request property naming the definition a run runs, and its ID's prefix.
    pub fn definition(self) -> Option<(&'static str, &'static str)> {
        match self {
            Self::Extract => Some(("extractor", "ex_")),
            Self::Classify => Some(("classifier", "cl_")),
            Self::Split => Some(("splitter", "spl_")),
            Self::Parse => None,
            Self::Workflow => Some(("workflow", "workflow_")),
        }
    }

    /// The one-command kind of `extend <verb> FILE`.
    pub fn one_shot(verb: &str) -> Option<Self> {
        Self::ONE_SHOT.into_iter().find(|k| k.verb() == verb)
    }
}

/// A definition the tool lists and shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Definition {
    Extractors,
    Classifiers,
    Splitters,
    Workflows,
}

impl Definition {
    pub const ALL: [Definition; 4] = [
        Self::Extractors,
        Self::Classifiers,
        Self::Splitters,
        Self::Workflows,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Extractors => "extractors",
            Self::Classifiers => "classifiers",
            Self::Splitters => "splitters",
            Self::Workflows => "workflows",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.name() == name)
    }
}

/// One call on a resource.
#[derive(Debug, Clone)]
pub enum Call {
    /// Create, with a request body in the spec's JSON.
    Create(Value),
    Get(String),
    /// Read until the run's status is final.
    Wait(String),
    /// One page (after `token`, if given), or every page as one array.
    List {
        page_size: Option<i64>,
        token: Option<String>,
        all: bool,
    },
    Cancel(String),
    Delete(String),
}

impl Call {
    /// The list a command's `--page-size`, `--page-token` and `--all` ask for.
    pub fn list(m: &clap::ArgMatches) -> Self {
        Self::List {
            page_size: m.get_one::<i64>("page-size").copied(),
            token: m.get_one::<String>("page-token").cloned(),
            all: m.get_flag("all"),
        }
    }
}

fn json(value: &impl Serialize) -> Result<Value, String> {
    serde_json::to_value(value).map_err(|e| format!("cannot read the answer: {e}"))
}

fn request<T: serde::de::DeserializeOwned>(body: Value) -> Result<T, String> {
    serde_json::from_value(body).map_err(|e| format!("not a request of the API: {e}"))
}

/// A list call's page, or every page, as JSON.
macro_rules! list {
    ($builder:expr, $page_size:expr, $token:expr, $all:expr) => {{
        let mut builder = $builder;
        if let Some(size) = $page_size {
            builder = builder.max_page_size(size);
        }
        if $all {
            json(&builder.stream().try_collect().await.map_err(api)?)
        } else {
            if let Some(token) = $token {
                builder = builder.next_page_token(token);
            }
            json(&builder.send().await.map_err(api)?)
        }
    }};
}

/// `call` on runs of one kind, with its client methods.
macro_rules! runs {
    ($client:expr, $call:expr, $request:ty, $create:ident, $get:ident, $list:ident,
     $cancel:ident, $delete:ident) => {
        match $call {
            Call::Create(body) => {
                let body: $request = request(body)?;
                json(&$client.$create(&body).send().await.map_err(api)?)
            }
            Call::Get(id) => json(&$client.$get(id).send().await.map_err(api)?),
            Call::Wait(id) => json(&$client.$get(id).wait().await.map_err(api)?),
            Call::List {
                page_size,
                token,
                all,
            } => list!($client.$list(), page_size, token, all),
            Call::Cancel(id) => json(&$client.$cancel(id).send().await.map_err(api)?),
            Call::Delete(id) => json(&$client.$delete(id).send().await.map_err(api)?),
        }
    };
}

fn api(error: impl std::fmt::Display) -> String {
    error.to_string()
}

/// Makes `call` on runs of `kind`.
pub async fn run_call(client: &Client, kind: RunKind, call: Call) -> Result<Value, String> {
    match kind {
        RunKind::Extract => runs!(
            client,
            call,
            ExtractRunsCreateRequest,
            create_extract_run,
            get_extract_run,
            list_extract_runs,
            cancel_extract_run,
            delete_extract_run
        ),
        RunKind::Classify => runs!(
            client,
            call,
            ClassifyRunsCreateRequest,
            create_classify_run,
            get_classify_run,
            list_classify_runs,
            cancel_classify_run,
            delete_classify_run
        ),
        RunKind::Split => runs!(
            client,
            call,
            SplitRunsCreateRequest,
            create_split_run,
            get_split_run,
            list_split_runs,
            cancel_split_run,
            delete_split_run
        ),
        RunKind::Parse => runs!(
            client,
            call,
            ParseRunsCreateRequest,
            create_parse_run,
            get_parse_run,
            list_parse_runs,
            cancel_parse_run,
            delete_parse_run
        ),
        RunKind::Workflow => runs!(
            client,
            call,
            WorkflowRunsCreateRequest,
            create_workflow_run,
            get_workflow_run,
            list_workflow_runs,
            cancel_workflow_run,
            delete_workflow_run
        ),
    }
}

/// Lists (a page, or all), reads or deletes uploaded files.
pub async fn file_call(client: &Client, call: Call) -> Result<Value, String> {
    match call {
        Call::Get(id) => json(&client.get_file(id).send().await.map_err(api)?),
        Call::Delete(id) => json(&client.delete_file(id).send().await.map_err(api)?),
        Call::List {
            page_size,
            token,
            all,
        } => list!(client.list_files(), page_size, token, all),
        _ => Err("files are uploaded, listed, read and deleted".into()),
    }
}

/// Lists (a page, or all) or shows one definition.
pub async fn definition_call(
    client: &Client,
    definition: Definition,
    call: Call,
) -> Result<Value, String> {
    macro_rules! read {
        ($get:ident, $list:ident) => {
            match call {
                Call::Get(id) => json(&client.$get(id).send().await.map_err(api)?),
                Call::List {
                    page_size,
                    token,
                    all,
                } => list!(client.$list(), page_size, token, all),
                _ => Err(format!("{} are only listed and shown", definition.name())),
            }
        };
    }
    match definition {
        Definition::Extractors => read!(get_extractor, list_extractors),
        Definition::Classifiers => read!(get_classifier, list_classifiers),
        Definition::Splitters => read!(get_splitter, list_splitters),
        Definition::Workflows => read!(get_workflow, list_workflows),
    }
}
