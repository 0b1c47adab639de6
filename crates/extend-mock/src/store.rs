//! The in-memory runs, seeded from the spec's examples or a JSON file, and what happens to
//! them over time: a created run advances `PENDING -> PROCESSING -> PROCESSED` on the store's
//! [`Clock`], as its [`Lifecycle`] says.

use crate::api::EXAMPLES;
use crate::clock::{Clock, Lifecycle, Stage};
use crate::listing::{self, ListPage, ListQuery, Listed};
use chrono::{DateTime, Utc};
use extend_models::v2025_04_21::{UpdateWorkflowRunResponse, WorkflowRun, WorkflowRunStatus};
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Workflow runs by ID. Each change runs under the lock from read to write, so concurrent
/// changes of one run never lose each other's.
#[derive(Debug, Default)]
pub struct Store {
    runs: Mutex<Runs>,
    clock: Clock,
    lifecycle: Lifecycle,
}

#[derive(Debug, Default)]
struct Runs {
    by_id: HashMap<String, Record>,
    /// The place the next stored run gets; also what new IDs are made from.
    next_seq: u64,
    /// Changes a webhook event reports, oldest first, until they are taken; `None` while
    /// nothing takes them, so that none pile up.
    changes: Option<Vec<Change>>,
}

impl Runs {
    /// Keeps `change` if changes are being taken.
    fn keep(&mut self, change: Option<Change>) {
        if let (Some(changes), Some(change)) = (self.changes.as_mut(), change) {
            changes.push(change);
        }
    }

    /// Moves every live run to where it stands at `now`.
    fn advance_all(&mut self, lifecycle: Lifecycle, now: DateTime<Utc>) {
        let found: Vec<Change> = self
            .by_id
            .values_mut()
            .filter_map(|record| record.advance(lifecycle, now))
            .collect();
        for change in found {
            self.keep(Some(change));
        }
    }
}

/// What happened to a run, as a webhook event reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// It was processed (`workflow_run.completed`).
    Completed,
    /// It was cancelled (`workflow_run.cancelled`).
    Cancelled,
}

/// A change of a run that a webhook event reports: what happened, and the run after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// The run as the change left it.
    pub run: WorkflowRun,
}

/// A stored run and what the API knows of it beyond its fields.
#[derive(Debug)]
struct Record {
    run: WorkflowRun,
    seq: u64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    /// Whether it still advances by itself (a created run, until it is processed or cancelled).
    live: bool,
}

impl Record {
    /// Moves a live run to the status its age gives it; the change a webhook event reports,
    /// if it has just been processed.
    fn advance(&mut self, lifecycle: Lifecycle, now: DateTime<Utc>) -> Option<Change> {
        if !self.live {
            return None;
        }
        let started = lifecycle.started(self.created_at);
        let (status, since) = match lifecycle.stage_at(self.created_at, now) {
            Stage::Queued => return None,
            Stage::Processing => (WorkflowRunStatus::Processing, started),
            Stage::Processed => (
                WorkflowRunStatus::Processed,
                lifecycle.finished(self.created_at),
            ),
        };
        if self.run.status == status {
            return None;
        }
        self.run.start_time = Some(started);
        self.run.status = status;
        self.updated_at = since;
        if self.run.status != WorkflowRunStatus::Processed {
            return None;
        }
        self.live = false;
        self.run.end_time = Some(since);
        Some(Change {
            kind: ChangeKind::Completed,
            run: self.run.clone(),
        })
    }

    fn listed(&self) -> Listed<'_> {
        Listed {
            run: &self.run,
            seq: self.seq,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// Why a run could not be cancelled.
#[derive(Debug, Clone, PartialEq)]
pub enum CancelError {
    /// There is no such run.
    NotFound,
    /// The run is past the point where it can be cancelled; its status.
    Finished(WorkflowRunStatus),
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
    /// An empty store on the system clock.
    pub fn new() -> Self {
        Self::default()
    }

    /// The same runs, living by `clock` from now on.
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The same runs; runs created from now on advance as `lifecycle` says.
    pub fn with_lifecycle(mut self, lifecycle: Lifecycle) -> Self {
        self.lifecycle = lifecycle;
        self
    }

    /// The clock the runs live by.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The runs of the spec's Update Workflow Run examples (`workflow_run_1234`,
    /// `workflow_run_5678` and runs in each status).
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

    /// Adds or replaces a run as it is: it does not advance by itself. Its creation time is its
    /// `initialRunAt`, its last change the latest of its timestamps.
    pub fn insert(&self, run: WorkflowRun) {
        let created_at = run.initial_run_at;
        let updated_at = [run.start_time, run.end_time, run.reviewed_at]
            .into_iter()
            .flatten()
            .fold(created_at, DateTime::max);
        self.store(run, created_at, updated_at, false);
    }

    /// Adds runs just created: `PENDING` now, advancing from now on. Returns them as stored.
    pub fn create(&self, runs: Vec<WorkflowRun>) -> Vec<WorkflowRun> {
        let now = self.clock.now();
        runs.into_iter()
            .map(|mut run| {
                run.status = WorkflowRunStatus::Pending;
                run.initial_run_at = now;
                self.store(run.clone(), now, now, true);
                run
            })
            .collect()
    }

    fn store(
        &self,
        run: WorkflowRun,
        created_at: DateTime<Utc>,
        updated_at: DateTime<Utc>,
        live: bool,
    ) {
        let mut runs = self.lock();
        let seq = runs.next_seq;
        runs.next_seq += 1;
        runs.by_id.insert(
            run.id.clone(),
            Record {
                run,
                seq,
                created_at,
                updated_at,
                live,
            },
        );
    }

    /// A new ID with `prefix`, such as `workflow_run_k3v9x2m7q1w8e5r4`: 16 letters and digits,
    /// different for every call on this store.
    pub fn new_id(&self, prefix: &str) -> String {
        let mut runs = self.lock();
        let n = runs.next_seq;
        runs.next_seq += 1;
        // splitmix64: consecutive numbers give unrelated-looking IDs.
        let mut x = n.wrapping_add(0x9e37_79b9_7f4a_7c15);
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        x ^= x >> 31;
        const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
        let mut id = String::from(prefix);
        let mut rest = (u128::from(n) << 64) | u128::from(x);
        for _ in 0..16 {
            id.push(char::from(DIGITS[(rest % 36) as usize]));
            rest /= 36;
        }
        id
    }

    /// A copy of a run, as it stands now.
    pub fn get(&self, id: &str) -> Option<WorkflowRun> {
        self.with_run(id, |record| record.run.clone())
    }

    /// The IDs of every run, sorted.
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.lock().by_id.keys().cloned().collect();
        ids.sort();
        ids
    }

    /// Changes a run in place and returns a copy of the result; `None` if there is no such run.
    pub fn update(&self, id: &str, change: impl FnOnce(&mut WorkflowRun)) -> Option<WorkflowRun> {
        let now = self.clock.now();
        self.with_run(id, |record| {
            change(&mut record.run);
            record.updated_at = now.max(record.updated_at);
            record.run.clone()
        })
    }

    /// Cancels a run that is `PENDING` or `PROCESSING`: it is `CANCELLED` from now on.
    pub fn cancel(&self, id: &str) -> Result<WorkflowRun, CancelError> {
        let now = self.clock.now();
        let cancelled = self.with_run(id, |record| {
            match record.run.status {
                WorkflowRunStatus::Pending | WorkflowRunStatus::Processing => {}
                ref other => return Err(CancelError::Finished(other.clone())),
            }
            record.live = false;
            record.run.status = WorkflowRunStatus::Cancelled;
            record.run.end_time = Some(now);
            record.updated_at = now.max(record.updated_at);
            let change = Change {
                kind: ChangeKind::Cancelled,
                run: record.run.clone(),
            };
            Ok((record.run.clone(), change))
        });
        let (run, change) = cancelled.ok_or(CancelError::NotFound)??;
        self.lock().keep(Some(change));
        Ok(run)
    }

    /// Runs `act` on run `id` after moving it to where it stands now; `None` if there is no
    /// such run.
    fn with_run<T>(&self, id: &str, act: impl FnOnce(&mut Record) -> T) -> Option<T> {
        let now = self.clock.now();
        let mut runs = self.lock();
        let record = runs.by_id.get_mut(id)?;
        let change = record.advance(self.lifecycle, now);
        let result = act(record);
        runs.keep(change);
        Some(result)
    }

    /// From now on, keeps the changes webhook events report, for
    /// [`take_changes`](Self::take_changes).
    pub fn report_changes(&self) {
        self.lock().changes.get_or_insert_with(Vec::new);
    }

    /// The changes since the last call, oldest first, after moving every run to where it
    /// stands now (so a run finishes on time even if nobody reads it).
    pub fn take_changes(&self) -> Vec<Change> {
        let now = self.clock.now();
        let mut runs = self.lock();
        runs.advance_all(self.lifecycle, now);
        runs.changes
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Removes a run; whether there was one.
    pub fn remove(&self, id: &str) -> bool {
        self.lock().by_id.remove(id).is_some()
    }

    /// One page of the runs `query` asks for, as they stand now.
    pub fn list(&self, query: &ListQuery) -> Result<ListPage, String> {
        let now = self.clock.now();
        let mut runs = self.lock();
        runs.advance_all(self.lifecycle, now);
        listing::page(query, runs.by_id.values().map(Record::listed).collect())
    }

    /// The map. A panic while the lock was held cannot leave a run half-changed (changes are
    /// plain assignments), so a poisoned lock is still safe to use.
    fn lock(&self) -> MutexGuard<'_, Runs> {
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
