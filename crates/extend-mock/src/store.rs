//! The in-memory runs, seeded from the spec's examples or a JSON file.

use crate::api::EXAMPLES;
use extend_models::{UpdateWorkflowRunResponse, WorkflowRun};
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Workflow runs by ID. Each update runs under the lock from read to write, so concurrent
/// updates of one run never lose each other's changes.
#[derive(Debug, Default)]
pub struct Store {
    runs: Mutex<HashMap<String, WorkflowRun>>,
}

/// A seed file that could not be used.
#[derive(Debug)]
pub enum SeedError {
    /// The file could not be read.
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a JSON array of workflow runs.
    Parse {
        /// The file.
        path: PathBuf,
        /// Where in the file, and what is wrong.
        source: serde_json::Error,
    },
}

impl fmt::Display for SeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read { path, source } => write!(f, "cannot read {}: {source}", path.display()),
            Self::Parse { path, source } => write!(
                f,
                "{}: not a JSON array of workflow runs: {source}",
                path.display()
            ),
        }
    }
}

impl std::error::Error for SeedError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Read { source, .. } => Some(source),
            Self::Parse { source, .. } => Some(source),
        }
    }
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// The runs of the spec's Update Workflow Run examples (`workflow_run_1234` and
    /// `workflow_run_5678`).
    pub fn from_examples() -> Self {
        let store = Self::new();
        let runs = EXAMPLES
            .iter()
            .filter(|e| e.operation == "updateWorkflowRun" && e.status == "200")
            .filter_map(|e| serde_json::from_str::<UpdateWorkflowRunResponse>(e.json).ok())
            .map(|response| response.workflow_run);
        for run in runs {
            store.insert(run);
        }
        store
    }

    /// Adds the runs of a JSON file holding an array of workflow runs.
    pub fn load_file(&self, path: &Path) -> Result<usize, SeedError> {
        let text = std::fs::read_to_string(path).map_err(|source| SeedError::Read {
            path: path.to_owned(),
            source,
        })?;
        let runs: Vec<WorkflowRun> =
            serde_json::from_str(&text).map_err(|source| SeedError::Parse {
                path: path.to_owned(),
                source,
            })?;
        let count = runs.len();
        for run in runs {
            self.insert(run);
        }
        Ok(count)
    }

    /// Adds or replaces a run.
    pub fn insert(&self, run: WorkflowRun) {
        self.lock().insert(run.id.clone(), run);
    }

    /// A copy of a run.
    pub fn get(&self, id: &str) -> Option<WorkflowRun> {
        self.lock().get(id).cloned()
    }

    /// The IDs of every run, sorted.
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.lock().keys().cloned().collect();
        ids.sort();
        ids
    }

    /// Changes a run in place and returns a copy of the result; `None` if there is no such run.
    pub fn update(&self, id: &str, change: impl FnOnce(&mut WorkflowRun)) -> Option<WorkflowRun> {
        let mut runs = self.lock();
        let run = runs.get_mut(id)?;
        change(run);
        Some(run.clone())
    }

    /// The map. A panic while the lock was held cannot leave a run half-changed (changes are
    /// plain assignments), so a poisoned lock is still safe to use.
    fn lock(&self) -> MutexGuard<'_, HashMap<String, WorkflowRun>> {
        self.runs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_run_is_seeded() {
        assert_eq!(
            Store::from_examples().ids(),
            [
                "workflow_run_1234",
                "workflow_run_5678",
                "workflow_run_Cx4vB7nM2qWe9RtY",
                "workflow_run_Jd2fG6hK9lMn3QwE",
                "workflow_run_Qm7tN2vK8pLx4RsW",
                "workflow_run_Vb5cR8nJ1tYe6UoP",
            ]
        );
    }

    #[test]
    fn a_bad_seed_file_says_which_file_and_where() {
        let dir = std::env::temp_dir().join(format!("extend-mock-seed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("runs.json");
        std::fs::write(&path, "[{\"id\": 5}]").unwrap();
        let error = Store::new().load_file(&path).unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("runs.json") && message.contains("line 1"),
            "{message}"
        );
        let missing = Store::new().load_file(&dir.join("none.json")).unwrap_err();
        assert!(matches!(missing, SeedError::Read { .. }));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
