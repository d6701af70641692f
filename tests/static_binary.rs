//! The static (musl) build of `akl` is fully static — no program
//! interpreter, no `DT_NEEDED` libraries — and runs with an empty
//! environment, TLS and SQLite included, so it works in an empty image.
//!
//! CI builds it before the tests (`.ci/run`):
//!   cargo build --locked --profile static --target x86_64-unknown-linux-musl --bin akl
//! `--release` works too. The test looks in the target dir for either
//! (`AKL_STATIC_BIN` overrides); `AKL_SKIP_STATIC=1` skips it on machines
//! without the musl toolchain. It never skips silently.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use object::elf;
use object::read::elf::{Dyn, ElfFile64, ProgramHeader};

const TARGET: &str = "x86_64-unknown-linux-musl";

/// The musl binary, or `None` when skipping was asked for.
fn static_bin() -> Option<PathBuf> {
    if std::env::var("AKL_SKIP_STATIC").as_deref() == Ok("1") {
        eprintln!("AKL_SKIP_STATIC=1: not checking the static binary");
        return None;
    }
    if let Ok(p) = std::env::var("AKL_STATIC_BIN") {
        return Some(PathBuf::from(p));
    }
    // CARGO_BIN_EXE_akl is <target dir>/<profile>/akl.
    let target_dir = Path::new(env!("CARGO_BIN_EXE_akl"))
        .parent()
        .and_then(Path::parent)
        .expect("target dir");
    let candidates = ["static", "release"].map(|p| target_dir.join(TARGET).join(p).join("akl"));
    let found = candidates
        .iter()
        .filter(|p| p.is_file())
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    match found {
        Some(p) => Some(p.clone()),
        None => panic!(
            "no static akl binary in {} or {}; build it with `rustup target add {TARGET}` \
             (and Debian's musl-tools for musl-gcc), then \
             `cargo build --locked --profile static --target {TARGET} --bin akl`, \
             or set AKL_SKIP_STATIC=1 to skip this check",
            candidates[0].display(),
            candidates[1].display()
        ),
    }
}

#[test]
fn the_musl_binary_has_no_interpreter_and_no_needed_libraries() {
    let Some(bin) = static_bin() else { return };
    let data = std::fs::read(&bin).unwrap();
    let file = ElfFile64::<object::Endianness>::parse(&*data)
        .unwrap_or_else(|e| panic!("{} is not a 64-bit ELF file: {e}", bin.display()));
    let endian = file.endian();
    let headers = file.elf_program_headers();
    assert!(!headers.is_empty());
    let interp = headers.iter().any(|h| h.p_type(endian) == elf::PT_INTERP);
    assert!(
        !interp,
        "{} has a PT_INTERP (dynamic loader)",
        bin.display()
    );
    let mut needed = 0;
    for h in headers {
        if let Some(dynamic) = h.dynamic(endian, &*data).unwrap() {
            needed += dynamic
                .iter()
                .filter(|d| d.d_tag(endian) == elf::DT_NEEDED)
                .count();
        }
    }
    assert_eq!(needed, 0, "{} needs shared libraries", bin.display());
    assert_eq!(file.elf_header().e_machine.get(endian), elf::EM_X86_64);
}

#[test]
fn the_musl_binary_runs_with_an_empty_environment() {
    let Some(bin) = static_bin() else { return };
    let out = Command::new(&bin)
        .arg("--version")
        .env_clear()
        .current_dir("/")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("akl {}", env!("CARGO_PKG_VERSION"))
    );

    // The gateway too: TLS (aws-lc), SQLite and the async runtime work
    // without libc from the system or any variable.
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(&bin)
        .args(["gateway", "serve", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("--data-dir")
        .arg(dir.path().join("gw"))
        .env_clear()
        .current_dir("/")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut admin = None;
    let mut listening = false;
    while Instant::now() < deadline && !(listening && admin.is_some()) {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(100)) {
            listening |= line.starts_with("akl gateway listening on");
            if let Some(k) = line.strip_prefix("Admin access key: ") {
                admin = Some(k.to_owned());
            }
        }
    }
    let result = listening.then(|| {
        let ca = std::fs::read(dir.path().join("gw/tls.crt")).unwrap();
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async {
                reqwest::Client::builder()
                    .tls_certs_merge(reqwest::Certificate::from_pem_bundle(&ca).unwrap())
                    .build()
                    .unwrap()
                    .get(format!("https://127.0.0.1:{port}/health/ready"))
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
            })
    });
    let _ = child.kill();
    let _ = child.wait();
    assert!(listening, "the static gateway did not start");
    assert!(admin.is_some(), "no admin key printed");
    assert_eq!(result.unwrap().unwrap(), 200);
}
