//! Helpers for driving the real `chorus` binary the way a user does.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` beside the repository, when present (tests that need it skip otherwise).
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = repo_root().join("../shared").join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: {} not found (../shared is absent)", p.display());
        None
    }
}

/// Result of one run, with everything needed to explain a failure.
pub struct Run {
    pub cmd: String,
    pub out: Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }
    pub fn code(&self) -> i32 {
        self.out.status.code().unwrap_or(-1)
    }
    /// A description for assertion messages: command, exit code, stdout and stderr.
    pub fn explain(&self) -> String {
        format!(
            "command: {}\nexit: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.cmd,
            self.code(),
            self.stdout(),
            self.stderr()
        )
    }
    /// Asserts a zero exit code and returns self.
    pub fn ok(self) -> Run {
        assert_eq!(self.code(), 0, "{}", self.explain());
        self
    }
}

/// Runs `chorus ARGS` in `dir` with `stdin` piped in.
pub fn chorus_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chorus"));
    cmd.args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let description = format!("chorus {}", args.join(" "));
    let mut child = cmd.spawn().expect("chorus binary runs");
    if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(input).expect("write stdin");
    }
    let out = child.wait_with_output().expect("chorus finishes");
    Run {
        cmd: description,
        out,
    }
}

/// Runs `chorus ARGS` from the repository root.
pub fn chorus(args: &[&str]) -> Run {
    chorus_in(&repo_root(), args, None)
}
