//! A throwaway PostgreSQL cluster for tests: `initdb` + `pg_ctl` from
//! Debian's `postgresql` package, in a temp dir, on a free loopback port,
//! trust auth for user `akl`. initdb refuses to run as root, so as root
//! the cluster runs as `nobody` (via runuser) in a directory it owns.
//! Missing PostgreSQL is a test failure with the command that installs it,
//! never a silent skip.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub struct PgCluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    as_user: Option<&'static str>,
    pub port: u16,
}

/// `/usr/lib/postgresql/<newest>/bin`, holding initdb and pg_ctl.
fn bin_dir() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").is_file())
        .collect();
    found.sort();
    found.pop().unwrap_or_else(|| {
        panic!(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); \
             run `apt-get install -y postgresql` (.ci/run does)"
        )
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

impl PgCluster {
    /// initdb + start; waits until it accepts connections.
    pub fn start() -> PgCluster {
        let bin = bin_dir();
        let dir = tempfile::Builder::new().prefix("akl-pg").tempdir().unwrap();
        let as_user = is_root().then_some("nobody");
        if let Some(u) = as_user {
            let ok = Command::new("chown")
                .args([u, dir.path().to_str().unwrap()])
                .status()
                .unwrap()
                .success();
            assert!(ok, "cannot chown the PostgreSQL test dir to {u}");
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let pg = PgCluster {
            dir,
            bin,
            as_user,
            port,
        };
        let data = pg.data();
        pg.run_ok(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "akl",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        let opts = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
            pg.dir.path().display()
        );
        pg.run_ok(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-l",
                pg.dir.path().join("log").to_str().unwrap(),
                "-o",
                &opts,
                "-w",
                "-t",
                "60",
                "start",
            ],
        );
        pg
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn command(&self, program: &str) -> Command {
        let exe = if program == "psql" {
            PathBuf::from("psql")
        } else {
            self.bin.join(program)
        };
        let mut c = match self.as_user {
            Some(u) => {
                let mut c = Command::new("runuser");
                c.args(["-u", u, "--"]).arg(&exe);
                c
            }
            None => Command::new(&exe),
        };
        c.current_dir(self.dir.path())
            .stdin(Stdio::null())
            .env_remove("PGPASSWORD")
            .env_remove("PGDATABASE");
        c
    }

    fn run_ok(&self, program: &str, args: &[&str]) -> Output {
        let out = self
            .command(program)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
        assert!(
            out.status.success(),
            "{program} {args:?} failed: {}{}\nlog: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
        );
        out
    }

    /// Runs SQL in `db`; stdout (unaligned, tuples only).
    pub fn psql(&self, db: &str, sql: &str) -> String {
        let port = self.port.to_string();
        let out = self.run_ok(
            "psql",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &port,
                "-U",
                "akl",
                "-d",
                db,
                "-X",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql,
            ],
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// A new empty database; its URL.
    pub fn create_db(&self, name: &str) -> String {
        self.psql("postgres", &format!("CREATE DATABASE {name}"));
        self.url(name)
    }

    pub fn url(&self, db: &str) -> String {
        format!("postgres://akl@127.0.0.1:{}/{db}", self.port)
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .args([
                "-D",
                self.data().to_str().unwrap(),
                "-m",
                "immediate",
                "stop",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}
