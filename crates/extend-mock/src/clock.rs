//! The time the mock's runs live by, and how long each stage of a run takes.
//!
//! A created run is `PENDING` for [`Lifecycle::queued`], then `PROCESSING` for
//! [`Lifecycle::processing`], then `PROCESSED`. On the system clock that happens in real time;
//! a test gives the mock a [`Clock::manual`] and moves it with [`Clock::advance`], so that a
//! run's status changes exactly when the test says.

use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The mock's clock: the system's, or one a test moves by hand.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    manual: Option<Arc<Mutex<DateTime<Utc>>>>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self::default()
    }

    /// A clock that stands at `start` until [`advance`](Self::advance) moves it. Clones share
    /// the time: keep one to move the clock of a mock that was given another.
    pub fn manual(start: DateTime<Utc>) -> Self {
        Self {
            manual: Some(Arc::new(Mutex::new(start))),
        }
    }

    /// The time now.
    pub fn now(&self) -> DateTime<Utc> {
        match &self.manual {
            Some(time) => *time.lock().unwrap_or_else(|p| p.into_inner()),
            None => DateTime::<Utc>::from(std::time::SystemTime::now()),
        }
    }

    /// Moves a manual clock forward by `by`; the system clock moves by itself and ignores it.
    pub fn advance(&self, by: Duration) {
        if let Some(time) = &self.manual {
            let mut time = time.lock().unwrap_or_else(|p| p.into_inner());
            *time = later(*time, by);
        }
    }
}

/// How long a created run stays in each status before it moves on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifecycle {
    /// How long a run stays `PENDING`.
    pub queued: Duration,
    /// How long it is then `PROCESSING`, before it is `PROCESSED`.
    pub processing: Duration,
}

impl Default for Lifecycle {
    /// One second queued, two processing.
    fn default() -> Self {
        Self {
            queued: Duration::from_secs(1),
            processing: Duration::from_secs(2),
        }
    }
}

impl Lifecycle {
    /// When a run created at `created` starts processing.
    pub(crate) fn started(self, created: DateTime<Utc>) -> DateTime<Utc> {
        later(created, self.queued)
    }

    /// When a run created at `created` is processed.
    pub(crate) fn finished(self, created: DateTime<Utc>) -> DateTime<Utc> {
        later(created, self.queued.saturating_add(self.processing))
    }

    /// Where a run created at `created` stands at `now`.
    pub(crate) fn stage_at(self, created: DateTime<Utc>, now: DateTime<Utc>) -> Stage {
        if now < self.started(created) {
            Stage::Queued
        } else if now < self.finished(created) {
            Stage::Processing
        } else {
            Stage::Processed
        }
    }
}

/// `time` moved on by `by`, stopping at the end of time rather than overflowing.
fn later(time: DateTime<Utc>, by: Duration) -> DateTime<Utc> {
    chrono::Duration::from_std(by)
        .ok()
        .and_then(|by| time.checked_add_signed(by))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// The stages of a created run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    Queued,
    Processing,
    Processed,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told_and_clones_share_it() {
        let start = DateTime::<Utc>::from_timestamp(1_747_000_000, 0).unwrap();
        let clock = Clock::manual(start);
        let other = clock.clone();
        assert_eq!(clock.now(), start);
        other.advance(Duration::from_millis(1500));
        assert_eq!(clock.now(), start + chrono::Duration::milliseconds(1500));
    }

    #[test]
    fn stages_follow_the_lifecycle() {
        let lifecycle = Lifecycle::default();
        let created = DateTime::<Utc>::from_timestamp(1_747_000_000, 0).unwrap();
        let at = |s: i64| lifecycle.stage_at(created, created + chrono::Duration::seconds(s));
        assert_eq!(at(0), Stage::Queued);
        assert_eq!(at(1), Stage::Processing);
        assert_eq!(at(2), Stage::Processing);
        assert_eq!(at(3), Stage::Processed);
        assert_eq!(
            lifecycle.started(created),
            created + chrono::Duration::seconds(1)
        );
        assert_eq!(
            lifecycle.finished(created),
            created + chrono::Duration::seconds(3)
        );
    }
}
