//! Helpers for running the real `akl` binary in integration tests.
#![allow(dead_code)]

pub mod api;
pub mod gateway;
pub mod https;
pub mod postgres;

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Path of the binary under test.
pub fn akl_bin() -> &'static str {
    env!("CARGO_BIN_EXE_akl")
}

/// What a finished command printed.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn from_output(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    /// Panics with both streams unless the command succeeded.
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "command failed\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }
}

/// A command for the binary with a clean environment: no KUBECONFIG, HOME in `dir`.
pub fn akl(dir: &Path) -> Command {
    let mut c = Command::new(akl_bin());
    c.current_dir(dir)
        .env_remove("KUBECONFIG")
        .env_remove("AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE")
        .env("HOME", dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    c
}

/// Runs `akl ARGS` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    Run::from_output(akl(dir).args(args).output().expect("spawn akl"))
}

/// Runs a program (openssl, kubectl) and returns what it printed.
pub fn tool(dir: &Path, program: &str, args: &[&str]) -> Run {
    Run::from_output(
        Command::new(program)
            .current_dir(dir)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {program}: {e}")),
    )
}

/// Whether a program is on PATH.
pub fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Names of the files in `dir`, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}
