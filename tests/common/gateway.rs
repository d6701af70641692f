//! Runs the real `akl gateway serve` as a child process.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running gateway; SIGTERM on drop.
pub struct Gateway {
    pub child: Child,
    pub url: String,
    pub data_dir: PathBuf,
    /// The self-signed certificate clients must trust.
    pub ca_file: PathBuf,
    /// Where stderr (the logs) goes.
    pub log_file: PathBuf,
    /// Printed on first start only.
    pub admin: Option<(String, String)>,
    pub stdout: Vec<String>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Gateway {
    /// Starts on a free port with `data_dir`; waits until it listens.
    pub fn start(data_dir: &Path) -> Gateway {
        Self::start_on(data_dir, free_port())
    }

    pub fn free_port() -> u16 {
        free_port()
    }

    pub fn start_on(data_dir: &Path, port: u16) -> Gateway {
        Self::start_with(data_dir, port, &[], &[])
    }

    /// With extra `gateway serve` arguments and environment variables.
    pub fn start_with(data_dir: &Path, port: u16, args: &[&str], envs: &[(&str, &str)]) -> Gateway {
        let listen = format!("127.0.0.1:{port}");
        let mut all = vec!["--listen", &listen, "--data-dir"];
        let dir = data_dir.to_str().expect("UTF-8 data dir");
        all.push(dir);
        all.extend_from_slice(args);
        Self::start_exact(data_dir, port, &all, envs)
    }

    /// `akl gateway serve ARGS` with exactly these arguments (say, none:
    /// the listen address and data dir from `AKL_*` variables); `data_dir`
    /// and `port` only tell the helper where to look.
    pub fn start_exact(
        data_dir: &Path,
        port: u16,
        args: &[&str],
        envs: &[(&str, &str)],
    ) -> Gateway {
        let log_file = data_dir.with_extension(format!("log-{port}"));
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_file)
            .unwrap();
        let mut child = Command::new(super::akl_bin())
            .args(["gateway", "serve"])
            .args(args)
            .envs(envs.iter().copied())
            .env("AKL_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("spawn akl gateway serve");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut lines = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut admin_id = None;
        let mut admin_key = None;
        let mut listening = false;
        while Instant::now() < deadline {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok(line) => {
                    if let Some(v) = line.strip_prefix("Admin access ID: ") {
                        admin_id = Some(v.trim().to_owned());
                    }
                    if let Some(v) = line.strip_prefix("Admin access key: ") {
                        admin_key = Some(v.trim().to_owned());
                    }
                    if line.starts_with("akl gateway listening on") {
                        listening = true;
                    }
                    lines.push(line);
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(_) => break,
            }
            let first_start_done =
                admin_key.is_some() || lines.iter().any(|l| l.starts_with("Data dir:"));
            if listening && first_start_done {
                break;
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!(
                    "gateway exited with {status}: {}",
                    std::fs::read_to_string(&log_file).unwrap_or_default()
                );
            }
        }
        assert!(listening, "gateway did not start: {lines:?}");
        // Collect lines printed right after the listening line.
        std::thread::sleep(Duration::from_millis(100));
        while let Ok(line) = rx.try_recv() {
            if let Some(v) = line.strip_prefix("Admin access ID: ") {
                admin_id = Some(v.trim().to_owned());
            }
            if let Some(v) = line.strip_prefix("Admin access key: ") {
                admin_key = Some(v.trim().to_owned());
            }
            lines.push(line);
        }
        Gateway {
            child,
            url: format!("https://127.0.0.1:{port}"),
            data_dir: data_dir.to_path_buf(),
            ca_file: data_dir.join("tls.crt"),
            log_file,
            admin: admin_id.zip(admin_key),
            stdout: lines,
        }
    }

    pub fn port(&self) -> u16 {
        self.url.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// SIGTERM and wait (graceful shutdown); the exit status, or `None`
    /// if it had to be killed after 15 s.
    pub fn stop(mut self) -> Option<std::process::ExitStatus> {
        self.terminate()
    }

    fn terminate(&mut self) -> Option<std::process::ExitStatus> {
        if let Ok(Some(status)) = self.child.try_wait() {
            return Some(status);
        }
        unsafe_kill(self.child.id(), "TERM");
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        None
    }

    /// SIGKILL: no chance to flush anything.
    pub fn kill9(mut self) {
        unsafe_kill(self.child.id(), "KILL");
        let _ = self.child.wait();
    }

    pub fn logs(&self) -> String {
        std::fs::read_to_string(&self.log_file).unwrap_or_default()
    }
}

fn unsafe_kill(pid: u32, sig: &str) {
    let _ = Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status();
}

impl Drop for Gateway {
    fn drop(&mut self) {
        let _ = self.terminate();
    }
}
