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
];

#[test]
fn bad_input_gets_one_clear_line_and_changes_nothing() {
    let mut failures = Vec::new();
    for case in CASES {
        let dir = tempfile::tempdir().unwrap();
        for (name, contents) in case.setup {
            std::fs::write(dir.path().join(name), contents).unwrap();
        }
        let before: Vec<(String, Vec<u8>)> = files_in(dir.path())
            .into_iter()
            .map(|f| {
                let bytes = std::fs::read(dir.path().join(&f)).unwrap();
                (f, bytes)
            })
            .collect();
        let mut cmd = akl(dir.path());
        for (k, v) in case.env {
            cmd.env(k, v);
        }
        let r = Run::from_output(cmd.args(case.args).output().unwrap());
        let after: Vec<(String, Vec<u8>)> = files_in(dir.path())
            .into_iter()
            .map(|f| {
                let bytes = std::fs::read(dir.path().join(&f)).unwrap();
                (f, bytes)
            })
            .collect();
        let lines: Vec<&str> = r.stderr.lines().collect();
        let mut problems = Vec::new();
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
