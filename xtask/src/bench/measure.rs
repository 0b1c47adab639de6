//! Running a command the way a user does and reading what it cost: wall time, and the peak
//! memory of it and the processes it waited for, from the kernel's accounting (`wait4`).
//! Python reads that accounting for us: it is on every machine this project supports, and
//! Rust's standard library does not expose it.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// What one run of a command cost.
#[derive(Debug, Clone, Copy)]
pub struct Cost {
    /// Wall time, from start to exit.
    pub wall: Duration,
    /// The largest resident set of the command or any process it waited for, in KiB.
    pub peak_kib: u64,
}

/// Starts the command given as arguments, waits for it with `os.wait4` and prints its wall
/// time and `ru_maxrss` as two numbers; a failed command's own output is passed on.
const WAIT4: &str = r#"
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
printed = child.stderr.read()
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
if status != 0:
    sys.stderr.buffer.write(printed[-4000:])
    sys.exit(1)
print(wall, usage.ru_maxrss)
"#;

/// Runs `program args` in `dir` and measures it.
pub fn cost<S: AsRef<OsStr>>(dir: &Path, program: &Path, args: &[S]) -> Result<Cost, String> {
    let output = Command::new("python3")
        .arg("-c")
        .arg(WAIT4)
        .arg(program)
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("could not start python3 to time {}: {e}", program.display()))?;
    let what = || {
        let args: Vec<String> = args
            .iter()
            .map(|a| a.as_ref().to_string_lossy().into_owned())
            .collect();
        format!("{} {}", program.display(), args.join(" "))
    };
    if !output.status.success() {
        return Err(format!(
            "`{}` failed:\n{}",
            what(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut numbers = text.split_whitespace();
    let wall = numbers.next().and_then(|w| w.parse::<f64>().ok());
    let peak = numbers.next().and_then(|p| p.parse::<u64>().ok());
    match (wall, peak) {
        (Some(wall), Some(peak_kib)) => Ok(Cost {
            wall: Duration::from_secs_f64(wall),
            peak_kib,
        }),
        _ => Err(format!("could not read the cost of `{}`: {text}", what())),
    }
}

/// Lines of every `.rs` file under `dir`, and of those that are not a runtime carried as
/// written by hand (`support.rs`, anything under a `runtime/` folder).
pub fn rust_lines(dir: &Path) -> Result<(usize, usize), String> {
    let mut total = 0;
    let mut generated = 0;
    let mut stack = vec![dir.to_owned()];
    while let Some(folder) = stack.pop() {
        let entries = std::fs::read_dir(&folder)
            .map_err(|e| format!("could not list {}: {e}", folder.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("could not list {}: {e}", folder.display()))?
                .path();
            if path.is_dir() {
                if path.file_name() != Some(OsStr::new("target")) {
                    stack.push(path);
                }
                continue;
            }
            if path.extension() != Some(OsStr::new("rs")) {
                continue;
            }
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("could not read {}: {e}", path.display()))?;
            let lines = text.lines().count();
            total += lines;
            let carried = path.file_name() == Some(OsStr::new("support.rs"))
                || path
                    .components()
                    .any(|c| c.as_os_str() == OsStr::new("runtime"));
            if !carried {
                generated += lines;
            }
        }
    }
    Ok((total, generated))
}

/// The median of some durations.
pub fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}
