//! Serde throughput of three sets of types for the same Update Workflow Run response: the
//! generated extend-models (open enums, unknown fields kept), progenitor's types of the same
//! spec (closed enums, unknown fields dropped) and a plain `#[derive]` mirror; with
//! `serde_json::Value` for scale. `cargo xtask bench` writes this crate beside progenitor's
//! output, builds it in release and runs it; each line it prints is
//! `<subject> <deserialize MB/s> <parse+write MB/s>`, the median of interleaved rounds.

#[path = "@COMMON@"]
#[allow(dead_code)]
mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Rounds per subject, interleaved so that the machine's noise falls on every subject alike;
/// many short rounds, so that the median shrugs off a busy neighbour.
const ROUNDS: usize = 25;
/// Time per subject, step and round.
const SLICE: Duration = Duration::from_millis(120);

type Step<'a> = Box<dyn Fn(&str) + 'a>;

struct Subject<'a> {
    name: &'static str,
    read: Step<'a>,
    round_trip: Step<'a>,
}

fn subject<T>(name: &'static str) -> Subject<'static>
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    Subject {
        name,
        read: Box::new(|json| {
            black_box(serde_json::from_str::<T>(json).expect("the payload reads"));
        }),
        round_trip: Box::new(|json| {
            let value = serde_json::from_str::<T>(json).expect("the payload reads");
            black_box(serde_json::to_vec(&value).expect("the value writes"));
        }),
    }
}

/// MB/s of `step` over `json`, run for one slice.
fn rate(step: &dyn Fn(&str), json: &str) -> f64 {
    let start = Instant::now();
    let mut runs = 0u64;
    while start.elapsed() < SLICE {
        step(black_box(json));
        runs += 1;
    }
    (runs as f64 * json.len() as f64) / start.elapsed().as_secs_f64() / 1e6
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let spec = std::env::args().nth(1).expect("the spec path");
    let json = common::payload_from(std::path::Path::new(&spec));
    let subjects = [
        subject::<extend_models::v2025_04_21::UpdateWorkflowRunResponse>("extend-models"),
        subject::<progenitor_extend::types::UpdateWorkflowRunResponse>("progenitor"),
        subject::<common::PlainResponse>("plain-mirror"),
        subject::<serde_json::Value>("serde_json::Value"),
    ];
    let mut reads = vec![Vec::new(); subjects.len()];
    let mut trips = vec![Vec::new(); subjects.len()];
    for _ in 0..ROUNDS {
        for (i, s) in subjects.iter().enumerate() {
            reads[i].push(rate(&s.read, &json));
            trips[i].push(rate(&s.round_trip, &json));
        }
    }
    println!("payload {}", json.len());
    for (i, s) in subjects.iter().enumerate() {
        let (read, trip) = (median(reads[i].clone()), median(trips[i].clone()));
        println!("{} {read:.1} {trip:.1}", s.name);
    }
}
