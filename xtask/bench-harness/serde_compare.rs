//! Serde throughput of three sets of types on the same Extend answers of three shapes (a run
//! in progress, a finished run with outputs, a listing): the generated extend-models (open
//! enums, unknown fields kept), progenitor's types of the same spec (closed enums, unknown
//! fields dropped) and a plain `#[derive]` mirror; with `serde_json::Value` for scale.
//! `cargo xtask bench` writes this crate beside progenitor's output, builds it in release and
//! runs it. For each payload it prints `payload <name> <bytes>`, then a line
//! `<subject> <deserialize MB/s> <parse+write MB/s>` per subject, the median of interleaved
//! rounds.

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

/// The four subjects for answers of type `Ours` (extend-models), `Theirs` (progenitor) and
/// `Plain` (the mirror).
fn subjects<Ours, Theirs, Plain>() -> [Subject<'static>; 4]
where
    Ours: serde::de::DeserializeOwned + serde::Serialize,
    Theirs: serde::de::DeserializeOwned + serde::Serialize,
    Plain: serde::de::DeserializeOwned + serde::Serialize,
{
    [
        subject::<Ours>("extend-models"),
        subject::<Theirs>("progenitor"),
        subject::<Plain>("plain-mirror"),
        subject::<serde_json::Value>("serde_json::Value"),
    ]
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
    use extend_models::v2025_04_21 as ours;
    use progenitor_extend::types as theirs;
    for (name, json) in common::payloads_from(std::path::Path::new(&spec)) {
        let subjects = if name == "listing" {
            subjects::<
                ours::ListWorkflowRunsResponse,
                theirs::ListWorkflowRunsResponse,
                common::PlainListResponse,
            >()
        } else {
            subjects::<
                ours::UpdateWorkflowRunResponse,
                theirs::UpdateWorkflowRunResponse,
                common::PlainResponse,
            >()
        };
        let mut reads = vec![Vec::new(); subjects.len()];
        let mut trips = vec![Vec::new(); subjects.len()];
        for _ in 0..ROUNDS {
            for (i, s) in subjects.iter().enumerate() {
                reads[i].push(rate(&s.read, &json));
                trips[i].push(rate(&s.round_trip, &json));
            }
        }
        println!("payload {name} {}", json.len());
        for (i, s) in subjects.iter().enumerate() {
            let (read, trip) = (median(reads[i].clone()), median(trips[i].clone()));
            println!("{} {read:.1} {trip:.1}", s.name);
        }
    }
}
