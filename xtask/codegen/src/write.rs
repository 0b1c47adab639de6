//! Putting generated files on disk: compare first, touch only what changed, write atomically,
//! and in check mode write nothing and say what is stale.

use super::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

/// One file the generator produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Where it goes.
    pub path: PathBuf,
    /// What it holds.
    pub contents: String,
}

/// Everything one run produces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The files.
    pub outputs: Vec<Output>,
    /// Folders the generator owns entirely: any `.rs` file there that it does not produce is
    /// left over from an earlier spec and is removed (or reported in check mode).
    pub owned_dirs: Vec<PathBuf>,
}

/// A file that differs from what the generator produces now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// The file.
    pub path: PathBuf,
    /// A short unified diff from what is on disk to what is expected, or a sentence when the
    /// file is missing or left over.
    pub diff: String,
}

/// What a run did, or in check mode would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Files written (check mode: none).
    pub written: Vec<PathBuf>,
    /// Files removed because the generator no longer produces them (check mode: none).
    pub removed: Vec<PathBuf>,
    /// Files already up to date.
    pub unchanged: usize,
    /// Files that are out of date (check mode only).
    pub stale: Vec<Stale>,
}

/// How many diff lines to show for one stale file.
const MAX_DIFF_LINES: usize = 40;

/// Compares the plan with the disk and, unless `check`, makes the disk match it.
pub fn apply(plan: &Plan, check: bool) -> Result<Report, Error> {
    let mut report = Report::default();
    let mut to_write = Vec::new();
    for output in &plan.outputs {
        match read_if_exists(&output.path)? {
            Some(existing) if existing == output.contents => report.unchanged += 1,
            existing => {
                if check {
                    report.stale.push(Stale {
                        path: output.path.clone(),
                        diff: match existing {
                            Some(old) => short_diff(&old, &output.contents),
                            None => "missing: the generator produces this file".to_owned(),
                        },
                    });
                } else {
                    to_write.push(output);
                }
            }
        }
    }
    let leftovers = leftovers(plan)?;
    if check {
        report.stale.extend(leftovers.into_iter().map(|path| Stale {
            path,
            diff: "left over: the generator no longer produces this file".to_owned(),
        }));
        return Ok(report);
    }
    for output in to_write {
        write_atomically(&output.path, &output.contents)?;
        report.written.push(output.path.clone());
    }
    for path in leftovers {
        fs::remove_file(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        report.removed.push(path);
    }
    Ok(report)
}

/// A file's text, with Windows line endings read as `\n`: a checkout that converted them (Git
/// on Windows with `core.autocrlf`) holds the same code, not a stale copy.
fn read_if_exists(path: &Path) -> Result<Option<String>, Error> {
    match fs::read_to_string(path) {
        Ok(text) if text.contains("\r\n") => Ok(Some(text.replace("\r\n", "\n"))),
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(Error::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

/// `.rs` files in owned folders that the plan does not produce.
fn leftovers(plan: &Plan) -> Result<Vec<PathBuf>, Error> {
    let mut found = Vec::new();
    for dir in &plan.owned_dirs {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => {
                return Err(Error::Io {
                    path: dir.clone(),
                    source,
                })
            }
        };
        for entry in entries {
            let path = entry
                .map_err(|source| Error::Io {
                    path: dir.clone(),
                    source,
                })?
                .path();
            let produced = plan.outputs.iter().any(|o| o.path == path);
            if path.extension().is_some_and(|e| e == "rs") && !produced {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Writes through a temporary file in the same folder and renames it into place, so a reader
/// never sees half a file.
fn write_atomically(path: &Path, contents: &str) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(io)?;
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{file_name}.{}.tmp", std::process::id()));
    fs::write(&temp, contents).map_err(|source| Error::Io {
        path: temp.clone(),
        source,
    })?;
    fs::rename(&temp, path).map_err(|source| {
        let _ = fs::remove_file(&temp);
        Error::Io {
            path: path.to_owned(),
            source,
        }
    })
}

/// A unified diff cut to [`MAX_DIFF_LINES`] lines.
fn short_diff(old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header("on disk", "generated")
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    let mut shown = lines[..lines.len().min(MAX_DIFF_LINES)].join("\n");
    if lines.len() > MAX_DIFF_LINES {
        shown.push_str(&format!(
            "\n... ({} more diff lines)",
            lines.len() - MAX_DIFF_LINES
        ));
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn writes_only_changes_and_checks_without_writing() {
        let dir = temp_dir("changes");
        let a = dir.join("a.rs");
        let b = dir.join("b.rs");
        fs::write(&a, "same\n").unwrap();
        fs::write(&b, "old\n").unwrap();
        fs::write(dir.join("gone.rs"), "left over\n").unwrap();
        fs::write(dir.join("notes.txt"), "not ours\n").unwrap();
        let plan = Plan {
            outputs: vec![
                Output {
                    path: a.clone(),
                    contents: "same\n".into(),
                },
                Output {
                    path: b.clone(),
                    contents: "new\n".into(),
                },
                Output {
                    path: dir.join("c.rs"),
                    contents: "fresh\n".into(),
                },
            ],
            owned_dirs: vec![dir.clone()],
        };

        let checked = apply(&plan, true).unwrap();
        assert_eq!(checked.unchanged, 1);
        let stale: Vec<_> = checked
            .stale
            .iter()
            .map(|s| s.path.file_name().unwrap().to_owned())
            .collect();
        assert_eq!(stale, ["b.rs", "c.rs", "gone.rs"]);
        assert!(checked.stale[0].diff.contains("-old") && checked.stale[0].diff.contains("+new"));
        assert_eq!(
            fs::read_to_string(&b).unwrap(),
            "old\n",
            "check mode must not write"
        );
        assert!(!dir.join("c.rs").exists());

        let modified_before = fs::metadata(&a).unwrap().modified().unwrap();
        let written = apply(&plan, false).unwrap();
        assert_eq!(written.written.len(), 2);
        assert_eq!(written.removed, [dir.join("gone.rs")]);
        assert_eq!(fs::read_to_string(&b).unwrap(), "new\n");
        assert_eq!(
            fs::metadata(&a).unwrap().modified().unwrap(),
            modified_before
        );
        assert!(dir.join("notes.txt").exists());
        assert!(apply(&plan, true).unwrap().stale.is_empty());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn windows_line_endings_are_not_stale_but_other_changes_are() {
        let dir = temp_dir("crlf");
        let crlf = dir.join("crlf.rs");
        let changed = dir.join("changed.rs");
        fs::write(&crlf, "fn a() {}\r\nfn b() {}\r\n").unwrap();
        fs::write(&changed, "fn a() {}\r\nfn c() {}\r\n").unwrap();
        let expected = "fn a() {}\nfn b() {}\n";
        let plan = Plan {
            outputs: vec![
                Output {
                    path: crlf.clone(),
                    contents: expected.into(),
                },
                Output {
                    path: changed.clone(),
                    contents: expected.into(),
                },
            ],
            owned_dirs: Vec::new(),
        };
        let checked = apply(&plan, true).unwrap();
        assert_eq!(checked.unchanged, 1);
        assert_eq!(checked.stale.len(), 1);
        assert_eq!(checked.stale[0].path, changed);
        fs::remove_dir_all(dir).unwrap();
    }
}
