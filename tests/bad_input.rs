//! Wrong and missing input: one clear line on stderr, non-zero exit, no
//! panic, nothing written.

mod common;

use common::{Run, akl, files_in};

struct Case {
    name: &'static str,
    args: &'static [&'static str],
    /// Files to create before running: (name, contents).
    setup: &'static [(&'static str, &'static str)],
    env: &'static [(&'static str, &'static str)],
    /// Substrings the error line must contain.
    expect: &'static [&'static str],
}

const GOOD_KC: &str = "apiVersion: v1\nkind: Config\ncurrent-context: a\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:1'}\ncontexts:\n- name: a\n  context: {cluster: c, user: u}\n- name: b\n  context: {cluster: c, user: u}\nusers:\n- name: u\n  user: {}\n";

const CASES: &[Case] = &[
    Case {
        name: "no command",
        args: &["--json=maybe"],
        setup: &[],
        env: &[],
        expect: &["--json"],
    },
    Case {
        name: "unknown command",
        args: &["genrate-csr"],
        setup: &[],
        env: &[],
        expect: &["genrate-csr", "--help"],
    },
    Case {
        name: "unknown flag",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-file",
            "k.pem",
            "--colour",
        ],
        setup: &[],
        env: &[],
        expect: &["--colour", "akl generate-csr --help"],
    },
    Case {
        name: "missing common name",
        args: &["generate-csr", "-n", "k", "--key-file", "k.pem"],
        setup: &[],
        env: &[],
        expect: &["--common-name"],
    },
    Case {
        name: "missing name",
        args: &["generate-csr", "--common-name", "c", "--key-file", "k.pem"],
        setup: &[],
        env: &[],
        expect: &["--name"],
    },
    Case {
        name: "no key source",
        args: &["generate-csr", "-n", "k", "--common-name", "c"],
        setup: &[],
        env: &[],
        expect: &["--key-file", "--key-in"],
    },
    Case {
        name: "both key sources",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-file",
            "k.pem",
            "--key-in",
            "x.pem",
        ],
        setup: &[],
        env: &[],
        expect: &["--key-in"],
    },
    Case {
        name: "unknown alg",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-file",
            "k.pem",
            "--alg",
            "RSA512",
        ],
        setup: &[],
        env: &[],
        expect: &["RSA512", "RSA2048"],
    },
    Case {
        name: "unknown hash",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-file",
            "k.pem",
            "--hash-algorithm",
            "MD5",
        ],
        setup: &[],
        env: &[],
        expect: &["MD5", "SHA256"],
    },
    Case {
        name: "EC with wrong hash",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-file",
            "k.pem",
            "--alg",
            "EC256",
            "--hash-algorithm",
            "SHA512",
        ],
        setup: &[],
        env: &[],
        expect: &["EC256", "SHA512"],
    },
    Case {
        name: "bad ip",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-file",
            "k.pem",
            "--ip-addresses",
            "10.0.0.300",
        ],
        setup: &[],
        env: &[],
        expect: &["--ip-addresses", "10.0.0.300"],
    },
    Case {
        name: "bad email",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-file",
            "k.pem",
            "--email-addresses",
            "nobody",
        ],
        setup: &[],
        env: &[],
        expect: &["--email-addresses"],
    },
    Case {
        name: "bad country",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-file",
            "k.pem",
            "--country",
            "Israel",
        ],
        setup: &[],
        env: &[],
        expect: &["--country"],
    },
    Case {
        name: "bad key usage",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-file",
            "k.pem",
            "--key-usage",
            "signing",
        ],
        setup: &[],
        env: &[],
        expect: &["--key-usage", "digitalSignature"],
    },
    Case {
        name: "bad certificate type",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-file",
            "k.pem",
            "--certificate-type",
            "ssl-everything",
        ],
        setup: &[],
        env: &[],
        expect: &["ssl-everything"],
    },
    Case {
        name: "unreadable key-in",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-in",
            "missing.pem",
        ],
        setup: &[],
        env: &[],
        expect: &["--key-in", "missing.pem"],
    },
    Case {
        name: "key-in not a key",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-in",
            "junk.pem",
        ],
        setup: &[("junk.pem", "hello\n")],
        env: &[],
        expect: &["junk.pem"],
    },
    Case {
        name: "existing key-file",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-file",
            "old.pem",
        ],
        setup: &[("old.pem", "keep me\n")],
        env: &[],
        expect: &["old.pem", "--force"],
    },
    Case {
        name: "key-file in missing dir",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-file",
            "nodir/k.pem",
            "--alg",
            "EC256",
        ],
        setup: &[],
        env: &[],
        expect: &["nodir"],
    },
    Case {
        name: "bad jq",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-file",
            "k.pem",
            "--jq-expression",
            ".data | nope(",
        ],
        setup: &[],
        env: &[],
        expect: &["--jq-expression", ".data | nope("],
    },
    Case {
        name: "jq runtime error",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-file",
            "k.pem",
            "--alg",
            "EC256",
            "--jq-expression",
            ".data | tonumber",
        ],
        setup: &[],
        env: &[],
        expect: &["--jq-expression", "tonumber"],
    },
    Case {
        name: "missing kubeconfig",
        args: &["k8s", "host", "--kubeconfig", "nope.yaml"],
        setup: &[],
        env: &[],
        expect: &["nope.yaml"],
    },
    Case {
        name: "no default kubeconfig",
        args: &["k8s", "ca-cert"],
        setup: &[],
        env: &[],
        expect: &[".kube/config", "KUBECONFIG"],
    },
    Case {
        name: "malformed kubeconfig",
        args: &["k8s", "host", "--kubeconfig", "bad.yaml"],
        setup: &[("bad.yaml", "clusters: [ {name: x\n")],
        env: &[],
        expect: &["bad.yaml"],
    },
    Case {
        name: "unknown context",
        args: &["k8s", "host", "--kubeconfig", "kc.yaml", "--context", "zzz"],
        setup: &[("kc.yaml", GOOD_KC)],
        env: &[],
        expect: &["zzz", "a, b"],
    },
    Case {
        name: "no CA in cluster",
        args: &["k8s", "ca-cert", "--kubeconfig", "kc.yaml"],
        setup: &[("kc.yaml", GOOD_KC)],
        env: &[],
        expect: &["certificate-authority"],
    },
    Case {
        name: "KUBECONFIG all missing",
        args: &["k8s", "host"],
        setup: &[],
        env: &[("KUBECONFIG", "/nonexistent/a:/nonexistent/b")],
        expect: &["KUBECONFIG"],
    },
    Case {
        name: "token not a JWT",
        args: &["k8s", "issuer", "--from-token", "tok"],
        setup: &[("tok", "not-a-jwt")],
        env: &[],
        expect: &["JWT"],
    },
    Case {
        name: "sub-claims without key",
        args: &["assoc-role-am", "-r", "r", "-a", "am", "--sub-claims", "=v"],
        setup: &[],
        env: &[],
        expect: &["--sub-claims", "no key"],
    },
    Case {
        name: "sub-claims without value",
        args: &["assoc-role-am", "-r", "r", "-a", "am", "-s", "namespace="],
        setup: &[],
        env: &[],
        expect: &["--sub-claims", "no value"],
    },
    Case {
        name: "update-assoc sub-claims without '='",
        args: &["update-assoc", "-a", "x", "-s", "namespace"],
        setup: &[],
        env: &[],
        expect: &["--sub-claims", "key=value1,value2"],
    },
    Case {
        name: "unknown capability",
        args: &["set-role-rule", "-r", "r", "-p", "/a/*", "-c", "write"],
        setup: &[],
        env: &[],
        expect: &["--capability", "write", "read"],
    },
    Case {
        name: "unknown rule type",
        args: &[
            "set-role-rule",
            "-r",
            "r",
            "-p",
            "/a/*",
            "-c",
            "read",
            "--rule-type",
            "secret-rule",
        ],
        setup: &[],
        env: &[],
        expect: &["--rule-type", "secret-rule", "item-rule"],
    },
    Case {
        name: "rule path without leading slash",
        args: &["set-role-rule", "-r", "r", "-p", "k8s/*", "-c", "read"],
        setup: &[],
        env: &[],
        expect: &["--path", "must start with '/'"],
    },
    Case {
        name: "delete-role-rule path without leading slash",
        args: &["delete-role-rule", "-r", "r", "-p", "k8s/*"],
        setup: &[],
        env: &[],
        expect: &["--path"],
    },
    Case {
        name: "set-role-rule without capability",
        args: &["set-role-rule", "-r", "r", "-p", "/a"],
        setup: &[],
        env: &[],
        expect: &["--capability"],
    },
    Case {
        name: "secret value file missing",
        args: &["create-secret", "-n", "/s", "--value-file", "nofile"],
        setup: &[],
        env: &[],
        expect: &["--value-file nofile"],
    },
    Case {
        name: "secret value empty",
        args: &["create-secret", "-n", "/s", "--value-file", "empty"],
        setup: &[("empty", "")],
        env: &[],
        expect: &["--value-file empty", "empty"],
    },
    Case {
        name: "secret without value",
        args: &["create-secret", "-n", "/s"],
        setup: &[],
        env: &[],
        expect: &["--value"],
    },
    Case {
        name: "secret format unknown",
        args: &["create-secret", "-n", "/s", "-v", "x", "--format", "yaml"],
        setup: &[],
        env: &[],
        expect: &["--format", "yaml"],
    },
    Case {
        name: "update-item without a change",
        args: &["update-item", "-n", "/s"],
        setup: &[],
        env: &[],
        expect: &["nothing to update"],
    },
    Case {
        name: "delete-item bad version",
        args: &["delete-item", "-n", "/s", "--version", "-5"],
        setup: &[],
        env: &[],
        expect: &["--version -5"],
    },
    Case {
        name: "token file missing",
        args: &["k8s", "issuer", "--from-token", "nofile"],
        setup: &[],
        env: &[],
        expect: &["nofile"],
    },
    // Every file the CLI reads is bounded and must be a regular file.
    Case {
        name: "key-in is a device",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-in",
            "/dev/zero",
        ],
        setup: &[],
        env: &[],
        expect: &["--key-in /dev/zero", "character device", "regular file"],
    },
    Case {
        name: "key-in is too large",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-in",
            "big.pem",
        ],
        setup: &[("big.pem", BIG)],
        env: &[],
        expect: &["--key-in", "larger than 1 MiB"],
    },
    Case {
        name: "key-in is a FIFO",
        args: &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "c",
            "--key-in",
            "pipe",
        ],
        setup: &[("pipe", FIFO)],
        env: &[],
        expect: &["--key-in", "a FIFO"],
    },
    Case {
        name: "kubeconfig is a device",
        args: &["k8s", "host", "--kubeconfig", "/dev/zero"],
        setup: &[],
        env: &[],
        expect: &["kubeconfig /dev/zero", "character device"],
    },
    Case {
        name: "kubeconfig is a FIFO",
        args: &["k8s", "host", "--kubeconfig", "pipe"],
        setup: &[("pipe", FIFO)],
        env: &[],
        expect: &["kubeconfig", "a FIFO"],
    },
    Case {
        name: "kubeconfig CA file is a device",
        args: &["k8s", "ca-cert", "--kubeconfig", "kc.yaml"],
        setup: &[("kc.yaml", ZERO_CA_KC)],
        env: &[],
        expect: &[
            "certificate-authority of cluster 'c'",
            "/dev/zero",
            "character device",
        ],
    },
    Case {
        name: "kubeconfig CA file is a device (API call)",
        args: &["k8s", "issuer", "--kubeconfig", "kc.yaml"],
        setup: &[("kc.yaml", ZERO_CA_KC)],
        env: &[],
        expect: &["certificate-authority of cluster 'c'", "character device"],
    },
    Case {
        name: "kubeconfig client key is a FIFO",
        args: &["k8s", "issuer", "--kubeconfig", "kc.yaml"],
        setup: &[("kc.yaml", FIFO_KEY_KC), ("pipe", FIFO)],
        env: &[],
        expect: &["client-key of user 'u'", "a FIFO"],
    },
    Case {
        name: "csr-file is a FIFO",
        args: &[
            "k8s",
            "issue-client-cert",
            "-n",
            "u",
            "--csr-file",
            "pipe",
            "--dry-run",
        ],
        setup: &[("pipe", FIFO)],
        env: &[],
        expect: &["--csr-file", "a FIFO"],
    },
    Case {
        name: "from-token is a device",
        args: &["k8s", "issuer", "--from-token", "/dev/zero"],
        setup: &[],
        env: &[],
        expect: &["--from-token /dev/zero", "character device"],
    },
    Case {
        name: "from-token is too large",
        args: &["k8s", "issuer", "--from-token", "big"],
        setup: &[("big", BIG)],
        env: &[],
        expect: &["--from-token", "larger than 1 MiB"],
    },
    Case {
        name: "certificate file is a FIFO",
        args: &[
            "create-certificate",
            "-n",
            "c",
            "-c",
            "pipe",
            "--token",
            "t-x",
        ],
        setup: &[("pipe", FIFO)],
        env: &[],
        expect: &["pipe", "a FIFO"],
    },
    Case {
        name: "gateway CA file is a device",
        args: &[
            "list-items",
            "--token",
            "t-x",
            "--gateway-ca-cert",
            "/dev/zero",
        ],
        setup: &[],
        env: &[],
        expect: &["gateway CA certificate /dev/zero", "character device"],
    },
    Case {
        name: "jq endless recursion",
        args: &[
            "k8s",
            "host",
            "--kubeconfig",
            "kc.yaml",
            "--jq-expression",
            "def f: [f]; f",
        ],
        setup: &[("kc.yaml", GOOD_KC)],
        env: &[],
        expect: &["--jq-expression 'def f: [f]; f'", "recursed too deeply"],
    },
];

/// Setup marker: create a FIFO (no writer) instead of a file.
const FIFO: &str = "\0fifo";
/// Setup marker: create a 2 MiB file (over every PEM/JWT limit).
const BIG: &str = "\0big";

const ZERO_CA_KC: &str = "apiVersion: v1\nkind: Config\ncurrent-context: a\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:1', certificate-authority: /dev/zero}\ncontexts:\n- name: a\n  context: {cluster: c, user: u}\nusers:\n- name: u\n  user: {token: abc}\n";

const FIFO_KEY_KC: &str = "apiVersion: v1\nkind: Config\ncurrent-context: a\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:1'}\ncontexts:\n- name: a\n  context: {cluster: c, user: u}\nusers:\n- name: u\n  user: {client-certificate-data: QQ==, client-key: pipe}\n";

/// Creates a setup file, a FIFO or a big file.
fn create(path: &std::path::Path, contents: &str) {
    match contents {
        FIFO => {
            let st = std::process::Command::new("mkfifo")
                .arg(path)
                .status()
                .unwrap();
            assert!(st.success(), "mkfifo failed");
        }
        BIG => std::fs::write(path, vec![b'A'; 2 << 20]).unwrap(),
        _ => std::fs::write(path, contents).unwrap(),
    }
}

/// The regular files of `dir` and their contents (FIFOs are not read).
fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    files_in(dir)
        .into_iter()
        .map(|f| {
            let p = dir.join(&f);
            let bytes = if std::fs::metadata(&p).unwrap().is_file() {
                std::fs::read(&p).unwrap()
            } else {
                Vec::new()
            };
            (f, bytes)
        })
        .collect()
}

/// Runs the command with a generous deadline: a hang (a FIFO read) fails
/// the case instead of the whole suite.
fn run_bounded(cmd: &mut std::process::Command) -> Run {
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain the pipes while waiting, or a large output blocks the child.
    let drain = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Run::from_output(std::process::Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    })
}

#[test]
fn bad_input_gets_one_clear_line_and_changes_nothing() {
    let mut failures = Vec::new();
    for case in CASES {
        let dir = tempfile::tempdir().unwrap();
        for (name, contents) in case.setup {
            create(&dir.path().join(name), contents);
        }
        let before = snapshot(dir.path());
        let mut cmd = akl(dir.path());
        for (k, v) in case.env {
            cmd.env(k, v);
        }
        let r = run_bounded(cmd.args(case.args));
        let after = snapshot(dir.path());
        let lines: Vec<&str> = r.stderr.lines().collect();
        let mut problems = Vec::new();
        if r.code == -1 {
            problems.push("killed: no answer within 30 s, or died of a signal".to_owned());
        }
        if r.code == 0 {
            problems.push("exit code 0".to_owned());
        }
        if r.code == 101 || r.stderr.contains("panicked") {
            problems.push("panicked".to_owned());
        }
        if lines.len() != 1 {
            problems.push(format!("{} stderr lines", lines.len()));
        }
        if !r.stdout.is_empty() {
            problems.push(format!("stdout not empty: {}", r.stdout));
        }
        for want in case.expect {
            if !r.stderr.contains(want) {
                problems.push(format!("stderr lacks {want:?}"));
            }
        }
        if before != after {
            problems.push("files changed".to_owned());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {} — stderr: {}",
                case.name,
                problems.join(", "),
                r.stderr.trim()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// `repeat(1)` streams its results and stops at the documented cap with one
/// error line, instead of filling memory.
#[test]
fn endless_jq_output_streams_and_stops_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kc.yaml"), GOOD_KC).unwrap();
    let r = run_bounded(akl(dir.path()).args([
        "k8s",
        "host",
        "--kubeconfig",
        "kc.yaml",
        "--jq-expression",
        "repeat(1)",
    ]));
    assert_eq!(r.code, 1, "stderr: {}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("more than 1000000 results"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout.lines().count(), 1_000_000);
    assert!(r.stdout.lines().all(|l| l == "1"));
}
