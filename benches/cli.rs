//! Whole-process benchmark of `akl generate-csr` against `openssl req`, and
//! of start-up; plus in-process RSA-2048 key generation with the `rsa` crate
//! versus aws-lc-rs (the backend akl uses). Run with
//! `cargo bench --bench cli` (optionally `-- RUNS`, default 31); prints a
//! Markdown table for BENCHMARKS.md.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn median_and_p90(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    let med = v[v.len() / 2];
    let p90 = v[(v.len() * 9 / 10).min(v.len() - 1)];
    (med, p90)
}

fn time_process(program: &str, args: &[&str], dir: &std::path::Path, runs: usize) -> Vec<Duration> {
    let mut out = Vec::with_capacity(runs);
    for i in 0..runs + 2 {
        // Fresh output files each time, so akl never hits "already exists".
        let _ = std::fs::remove_file(dir.join("k.pem"));
        let _ = std::fs::remove_file(dir.join("o.key"));
        let start = Instant::now();
        let status = Command::new(program)
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("spawn");
        let t = start.elapsed();
        assert!(status.success(), "{program} {args:?} failed");
        if i >= 2 {
            out.push(t); // first two runs warm the page cache
        }
    }
    out
}

fn time_fn(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed()
        })
        .collect()
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(31);
    let akl = env!("CARGO_BIN_EXE_akl");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let subj = "/CN=user1/O=group1";

    let cases: Vec<(&str, &str, Vec<&str>)> = vec![
        ("akl --version (start-up)", akl, vec!["--version"]),
        (
            "akl generate-csr --alg RSA2048",
            akl,
            vec![
                "generate-csr",
                "-n",
                "b",
                "--common-name",
                "user1",
                "--org",
                "group1",
                "--alg",
                "RSA2048",
                "--key-file",
                "k.pem",
            ],
        ),
        (
            "openssl req -new -newkey rsa:2048 -nodes",
            "openssl",
            vec![
                "req",
                "-new",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "o.key",
                "-subj",
                subj,
                "-out",
                "/dev/null",
            ],
        ),
        (
            "akl generate-csr --alg EC256",
            akl,
            vec![
                "generate-csr",
                "-n",
                "b",
                "--common-name",
                "user1",
                "--org",
                "group1",
                "--alg",
                "EC256",
                "--key-file",
                "k.pem",
            ],
        ),
        (
            "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes",
            "openssl",
            vec![
                "req",
                "-new",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                "o.key",
                "-subj",
                subj,
                "-out",
                "/dev/null",
            ],
        ),
    ];

    println!("| case | runs | median ms | p90 ms |");
    println!("|---|---:|---:|---:|");
    for (name, program, args) in &cases {
        let (med, p90) = median_and_p90(time_process(program, args, d, runs));
        println!("| {name} | {runs} | {} | {} |", ms(med), ms(p90));
    }

    let (med, p90) = median_and_p90(time_fn(runs, || {
        akl::pki::PrivateKey::generate(akl::pki::KeyAlg::Rsa2048).unwrap();
    }));
    println!(
        "| in-process RSA-2048 keygen, aws-lc-rs (used) | {runs} | {} | {} |",
        ms(med),
        ms(p90)
    );
    let (med, p90) = median_and_p90(time_fn(runs, || {
        rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap();
    }));
    println!(
        "| in-process RSA-2048 keygen, rsa crate | {runs} | {} | {} |",
        ms(med),
        ms(p90)
    );
}
