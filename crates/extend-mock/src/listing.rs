//! List Workflow Runs: filters, order, and pages by opaque cursors.
//!
//! A cursor holds the sort key of the last run of its page (the timestamp, then the order in
//! which runs were stored, so that runs created in the same instant still have one order) and
//! a fingerprint of the filters and order it was made for. The next page is the runs strictly
//! after that key, so runs created while a client pages by `createdAt` land before the cursor
//! (newest first) or after the last page (oldest first): no run is skipped or given twice.

use chrono::{DateTime, Utc};
use extend_models::v2025_04_21::{
    ListWorkflowRunsParams, SortDirection, WorkflowRun, WorkflowRunSortBy, WorkflowRunStatus,
    WorkflowRunSummary, WorkflowRunSummaryRequired,
};
use std::cmp::Ordering;

/// The page size unless the request gives one.
pub const DEFAULT_PAGE_SIZE: usize = 10;

/// What a listing asks for.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// Only runs with this status.
    pub status: Option<WorkflowRunStatus>,
    /// Only runs of this workflow.
    pub workflow_id: Option<String>,
    /// Only runs of this batch.
    pub batch_id: Option<String>,
    /// Only runs with a file whose name contains this, ignoring case.
    pub file_name_contains: Option<String>,
    /// Order by `updatedAt` instead of `createdAt`.
    pub by_update: bool,
    /// Oldest first instead of newest first.
    pub ascending: bool,
    /// The `nextPageToken` of the page before.
    pub cursor: Option<String>,
    /// The most runs a page holds.
    pub page_size: usize,
}

impl ListQuery {
    /// The query of a request's parameters; an order the spec does not list is refused.
    pub fn from_params(params: ListWorkflowRunsParams) -> Result<Self, String> {
        let ListWorkflowRunsParams {
            status,
            workflow_id,
            batch_id,
            file_name_contains,
            sort_by,
            sort_dir,
            next_page_token: cursor,
            max_page_size: page_size,
            ..
        } = params;
        let by_update = match sort_by {
            Some(WorkflowRunSortBy::CreatedAt) => false,
            // `updatedAt` is the documented default.
            None | Some(WorkflowRunSortBy::UpdatedAt) => true,
            Some(other) => return Err(format!("sortBy `{other}` is not createdAt or updatedAt")),
        };
        let ascending = match sort_dir {
            None | Some(SortDirection::Desc) => false,
            Some(SortDirection::Asc) => true,
            Some(other) => return Err(format!("sortDir `{other}` is not asc or desc")),
        };
        let page_size = match page_size {
            None => DEFAULT_PAGE_SIZE,
            Some(n @ 1..=1000) => n as usize,
            Some(n) => return Err(format!("maxPageSize {n} is not between 1 and 1000")),
        };
        Ok(Self {
            status,
            workflow_id,
            batch_id,
            file_name_contains,
            by_update,
            ascending,
            cursor,
            page_size,
        })
    }

    /// Whether `run` passes the filters; `file_text` is `file_name_contains` in lower case,
    /// made once for the whole listing.
    fn admits(&self, run: &WorkflowRun, file_text: Option<&str>) -> bool {
        self.status.as_ref().is_none_or(|s| *s == run.status)
            && self
                .workflow_id
                .as_ref()
                .is_none_or(|w| *w == run.workflow.id)
            && self
                .batch_id
                .as_ref()
                .is_none_or(|b| run.batch_id.as_ref() == Some(b))
            && file_text.is_none_or(|text| {
                run.files
                    .iter()
                    .any(|f| f.name.to_lowercase().contains(text))
            })
    }

    /// A number that differs between listings with other filters or order (FNV-1a), so that a
    /// cursor is only taken by the listing it was made for.
    fn fingerprint(&self) -> u64 {
        let text = format!(
            "{:?}|{:?}|{:?}|{:?}|{}|{}",
            self.status.as_ref().map(ToString::to_string),
            self.workflow_id,
            self.batch_id,
            self.file_name_contains,
            self.by_update,
            self.ascending
        );
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
    }
}

/// A stored run as a listing sees it.
#[derive(Debug)]
pub(crate) struct Listed<'r> {
    pub run: &'r WorkflowRun,
    /// The order in which runs were stored.
    pub seq: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Where a run sorts: its timestamp in microseconds, then its place in the store.
type Key = (i64, u64);

/// One page of a listing.
#[derive(Debug)]
pub struct ListPage {
    /// The runs of the page, in order.
    pub runs: Vec<WorkflowRunSummary>,
    /// The cursor of the next page, if there are runs after this one.
    pub next_cursor: Option<String>,
}

/// The page `query` asks for among `runs`; an error for a cursor that is not one of ours or
/// was made for another listing.
pub(crate) fn page(query: &ListQuery, runs: Vec<Listed<'_>>) -> Result<ListPage, String> {
    let after = query
        .cursor
        .as_deref()
        .map(|cursor| decode(cursor, query.fingerprint()))
        .transpose()?;
    let file_text = query.file_name_contains.as_deref().map(str::to_lowercase);
    let key = |listed: &Listed<'_>| -> Key {
        let time = if query.by_update {
            listed.updated_at
        } else {
            listed.created_at
        };
        (time.timestamp_micros(), listed.seq)
    };
    let order = |a: &Key, b: &Key| {
        if query.ascending {
            a.cmp(b)
        } else {
            b.cmp(a)
        }
    };
    let mut chosen: Vec<(Key, Listed<'_>)> = runs
        .into_iter()
        .filter(|listed| query.admits(listed.run, file_text.as_deref()))
        .map(|listed| (key(&listed), listed))
        .filter(|(k, _)| after.is_none_or(|after| order(k, &after) == Ordering::Greater))
        .collect();
    chosen.sort_by(|(a, _), (b, _)| order(a, b));
    let more = chosen.len() > query.page_size;
    chosen.truncate(query.page_size);
    let next_cursor = more
        .then(|| chosen.last().map(|(k, _)| encode(*k, query.fingerprint())))
        .flatten();
    Ok(ListPage {
        runs: chosen.iter().map(|(_, listed)| summary(listed)).collect(),
        next_cursor,
    })
}

/// A cursor: fingerprint, timestamp and place, as 48 hex digits.
fn encode((time, seq): Key, fingerprint: u64) -> String {
    format!("{fingerprint:016x}{:016x}{seq:016x}", time as u64)
}

fn decode(cursor: &str, fingerprint: u64) -> Result<Key, String> {
    let invalid = || format!("nextPageToken `{cursor}` is not a token this API gave");
    if cursor.len() != 48 || !cursor.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(invalid());
    }
    let number = |range: std::ops::Range<usize>| {
        u64::from_str_radix(&cursor[range], 16).map_err(|_| invalid())
    };
    if number(0..16)? != fingerprint {
        return Err(format!(
            "nextPageToken `{cursor}` belongs to a listing with other filters or another order; \
             send the same ones as for the first page"
        ));
    }
    Ok((number(16..32)? as i64, number(32..48)?))
}

/// The summary List Workflow Runs gives of a run.
fn summary(listed: &Listed<'_>) -> WorkflowRunSummary {
    let run = listed.run;
    let mut summary = WorkflowRunSummary::new(WorkflowRunSummaryRequired {
        id: run.id.clone(),
        status: run.status.clone(),
        workflow_id: run.workflow.id.clone(),
        created_at: listed.created_at,
        updated_at: listed.updated_at,
    })
    .with_workflow_name(run.workflow.name.clone())
    .with_workflow_version_id(format!("{}_v{}", run.workflow.id, run.workflow.version))
    .with_initial_run_at(run.initial_run_at);
    summary.name = run.name.clone();
    summary.url = run.url.clone();
    summary.batch_id = run.batch_id.clone();
    summary.reviewed_by_user = run.reviewed_by.clone();
    summary.rejection_note = run.rejection_note.clone();
    summary.reviewed_at = run.reviewed_at;
    summary.start_time = run.start_time;
    summary.end_time = run.end_time;
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_are_bound_to_their_listing() {
        let query = ListQuery::default();
        let cursor = encode((-5, 7), query.fingerprint());
        assert_eq!(decode(&cursor, query.fingerprint()), Ok((-5, 7)));
        let other = ListQuery {
            ascending: true,
            ..ListQuery::default()
        };
        let error = decode(&cursor, other.fingerprint()).unwrap_err();
        assert!(error.contains("other filters"), "{error}");
        for bad in ["", "zz", &cursor[1..], &format!("{}g", &cursor[1..])] {
            assert!(decode(bad, query.fingerprint())
                .unwrap_err()
                .contains("not a token"));
        }
    }
}
