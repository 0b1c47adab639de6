//! Waiting for a resource to finish: the call that reads it sent again, with a growing pause
//! between, until its status is final or the time is up.
//!
//! An operation the spec marks with `x-polling` gets a `wait()` on its builder that runs
//! [`poll_until`]. The pauses follow what Extend's official SDKs do: every second for the
//! first 30 seconds (most runs finish in that time), then 1.15 times longer each poll, up to
//! 30 seconds, each with ±25% jitter so that many waiting clients do not poll in step.

use super::error::Error;
use std::future::Future;
use std::time::Duration;
use tokio::time::Instant;

/// How a `wait()` polls: its pauses and how long it waits at most.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PollOptions {
    fast_for: Duration,
    fast_every: Duration,
    initial_delay: Duration,
    max_delay: Duration,
    multiplier: f64,
    jitter: f64,
    timeout: Option<Duration>,
}

impl Default for PollOptions {
    /// Every second for 30 s, then from 1 s growing 1.15 times per poll up to 30 s, with
    /// ±25% jitter; at most 30 minutes in all.
    fn default() -> Self {
        Self {
            fast_for: Duration::from_secs(30),
            fast_every: Duration::from_secs(1),
            initial_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(30),
            multiplier: 1.15,
            jitter: 0.25,
            timeout: Some(Duration::from_secs(30 * 60)),
        }
    }
}

impl PollOptions {
    /// Polls every `interval`, without growth or jitter, for at most `timeout`: for tests and
    /// for servers whose answer time is known.
    pub fn every(interval: Duration, timeout: Duration) -> Self {
        Self {
            fast_for: Duration::ZERO,
            fast_every: interval,
            initial_delay: interval,
            max_delay: interval,
            multiplier: 1.0,
            jitter: 0.0,
            timeout: Some(timeout),
        }
    }

    /// Waits at most this long in all (the default is 30 minutes).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Waits for as long as it takes, as the official SDKs do unless told otherwise.
    pub fn without_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// Polls every `interval` for the first `duration` (1 s for 30 s by default).
    pub fn fast(mut self, interval: Duration, duration: Duration) -> Self {
        self.fast_every = interval;
        self.fast_for = duration;
        self
    }

    /// After the fast phase, pauses from `initial`, each `multiplier` times the one before, up
    /// to `max` (1 s, 1.15 and 30 s by default). A multiplier below 1 counts as 1.
    pub fn backoff(mut self, initial: Duration, multiplier: f64, max: Duration) -> Self {
        self.initial_delay = initial;
        self.multiplier = if multiplier.is_finite() {
            multiplier.max(1.0)
        } else {
            1.0
        };
        self.max_delay = max;
        self
    }

    /// Varies each pause by up to this fraction either way (0.25 by default; 0 to 1).
    pub fn jitter(mut self, fraction: f64) -> Self {
        self.jitter = if fraction.is_finite() {
            fraction.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self
    }

    /// The pause before the next poll, `elapsed` into the wait and `slow_polls` polls into the
    /// backoff phase; `random` is in `[0, 1)`.
    fn pause(&self, elapsed: Duration, slow_polls: u32, random: f64) -> Duration {
        let base = if elapsed < self.fast_for {
            self.fast_every
        } else {
            let grown = self.initial_delay.as_secs_f64()
                * self.multiplier.powi(slow_polls.min(i32::MAX as u32) as i32);
            Duration::from_secs_f64(grown.min(self.max_delay.as_secs_f64()))
        };
        base.mul_f64(1.0 + self.jitter * (2.0 * random - 1.0))
    }
}

/// Reads with `read` until `status` of the answer is final, pausing as `options` say; returns
/// the final answer, or [`Error::WaitTimeout`] with the last status seen. An error of a read
/// ends the wait with that error.
pub async fn poll_until<T, B, F, Fut>(
    operation: &'static str,
    options: PollOptions,
    mut read: F,
    status: impl Fn(&T) -> Option<&str>,
    is_final: impl Fn(&str) -> bool,
) -> Result<T, Error<B>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Error<B>>>,
{
    let start = Instant::now();
    let mut polls = 0u32;
    let mut slow_polls = 0u32;
    loop {
        let answer = read().await?;
        polls += 1;
        let last = status(&answer).map(str::to_owned);
        if last.as_deref().is_some_and(&is_final) {
            return Ok(answer);
        }
        let elapsed = start.elapsed();
        let mut pause = options.pause(elapsed, slow_polls, super::retry::random_unit());
        if elapsed >= options.fast_for {
            slow_polls = slow_polls.saturating_add(1);
        }
        if let Some(timeout) = options.timeout {
            let left = timeout.saturating_sub(elapsed);
            if left.is_zero() {
                return Err(Error::WaitTimeout {
                    operation,
                    waited: elapsed,
                    polls,
                    last_status: last,
                });
            }
            pause = pause.min(left);
        }
        tokio::time::sleep(pause).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_are_fast_first_then_grow_to_the_cap_with_jitter_either_way() {
        let options = PollOptions::default();
        let secs = |d: Duration| d.as_secs_f64();
        assert_eq!(secs(options.pause(Duration::from_secs(3), 0, 0.5)), 1.0);
        assert_eq!(secs(options.pause(Duration::from_secs(40), 0, 0.5)), 1.0);
        let tenth = secs(options.pause(Duration::from_secs(40), 10, 0.5));
        assert!((tenth - 1.15f64.powi(10)).abs() < 1e-9, "{tenth}");
        assert_eq!(
            secs(options.pause(Duration::from_secs(900), 100, 0.5)),
            30.0
        );
        // ±25%: the lowest and highest draws.
        assert_eq!(secs(options.pause(Duration::ZERO, 0, 0.0)), 0.75);
        assert!((secs(options.pause(Duration::ZERO, 0, 0.999_999)) - 1.25).abs() < 1e-5);
        let fixed = PollOptions::every(Duration::from_millis(10), Duration::from_secs(1));
        assert_eq!(
            fixed.pause(Duration::from_secs(5), 50, 0.9),
            Duration::from_millis(10)
        );
        // Settings out of range are brought into it.
        let odd = PollOptions::default().jitter(f64::NAN).backoff(
            Duration::from_secs(1),
            0.5,
            Duration::from_secs(2),
        );
        assert_eq!(
            odd.pause(Duration::from_secs(60), 7, 0.9),
            Duration::from_secs(1)
        );
    }

    #[tokio::test]
    async fn a_wait_returns_the_final_answer_or_times_out_with_the_last_status() {
        let quick = PollOptions::every(Duration::from_millis(1), Duration::from_secs(5));
        let statuses = ["PENDING", "PROCESSING", "PROCESSED"];
        let mut reads = 0usize;
        let done: Result<&str, Error<()>> = poll_until(
            "getRun",
            quick,
            || {
                reads += 1;
                let answer = statuses[(reads - 1).min(2)];
                async move { Ok(answer) }
            },
            |s: &&str| Some(*s),
            |s| !matches!(s, "PENDING" | "PROCESSING"),
        )
        .await;
        assert_eq!(done.unwrap(), "PROCESSED");
        assert_eq!(reads, 3);

        let start = Instant::now();
        let stuck: Result<&str, Error<()>> = poll_until(
            "getRun",
            PollOptions::every(Duration::from_millis(2), Duration::from_millis(40)),
            || async { Ok("PROCESSING") },
            |s: &&str| Some(*s),
            |s| s == "PROCESSED",
        )
        .await;
        let waited = start.elapsed();
        match stuck.unwrap_err() {
            Error::WaitTimeout {
                operation,
                last_status,
                polls,
                waited: reported,
            } => {
                assert_eq!(operation, "getRun");
                assert_eq!(last_status.as_deref(), Some("PROCESSING"));
                assert!(polls >= 2, "{polls}");
                assert!(reported >= Duration::from_millis(40), "{reported:?}");
            }
            other => panic!("{other:?}"),
        }
        // The last pause is cut to the time left: the wait ends at its timeout, not after.
        assert!(waited < Duration::from_secs(2), "{waited:?}");
    }

    #[tokio::test]
    async fn a_failed_read_ends_the_wait_with_its_error() {
        let failed: Result<&str, Error<()>> = poll_until(
            "getRun",
            PollOptions::default(),
            || async { Err(Error::Config("down".into())) },
            |s: &&str| Some(*s),
            |_| true,
        )
        .await;
        assert!(matches!(failed, Err(Error::Config(_))));
    }
}
