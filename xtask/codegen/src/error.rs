//! What can go wrong, with enough context to fix it without a debugger.

use std::fmt;
use std::path::PathBuf;

/// One problem found in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// A JSON pointer to the offending node (`""` for the whole document).
    pub pointer: String,
    /// Line and column (1-based) where the parser knows them.
    pub location: Option<(usize, usize)>,
    /// What is wrong, in words.
    pub message: String,
}

impl Diagnostic {
    /// A problem at `pointer`, without a known line.
    pub fn at(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            pointer: pointer.into(),
            location: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((line, column)) = self.location {
            write!(f, "{line}:{column}: ")?;
        }
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "at {pointer}: {}", self.message)
    }
}

/// Why code generation stopped.
#[derive(Debug)]
pub enum Error {
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The spec cannot be used; every problem found is listed.
    Spec {
        /// The spec file.
        path: PathBuf,
        /// The problems, in document order where known.
        problems: Vec<Diagnostic>,
    },
    /// The generator produced tokens that are not valid Rust: a bug in the generator.
    Emit {
        /// The output file being produced.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// The command line was not understood.
    Usage(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Spec { path, problems } => {
                let n = problems.len();
                write!(
                    f,
                    "{}: {n} problem{} in the spec",
                    path.display(),
                    if n == 1 { "" } else { "s" }
                )?;
                for problem in problems {
                    // `file:line:column: at ...` where the line is known, `file: at ...` otherwise.
                    let separator = if problem.location.is_some() { "" } else { " " };
                    write!(f, "\n  {}:{separator}{problem}", path.display())?;
                }
                Ok(())
            }
            Error::Emit { file, message } => write!(
                f,
                "internal error: generated code for {file} does not parse ({message}); \
                 please report it with the spec that caused it"
            ),
            Error::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
