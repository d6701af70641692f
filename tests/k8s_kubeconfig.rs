//! `akl k8s ca-cert|host|issuer --from-token` against kubeconfigs, and
//! against kubectl itself where it is installed.

mod common;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use common::{Run, akl, have, run};

const CA_ONE: &str = "-----BEGIN CERTIFICATE-----\nMIIBcluster-one\n-----END CERTIFICATE-----\n";
const CA_TWO: &str =
    "-----BEGIN CERTIFICATE-----\nMIIBcluster-two-from-file\n-----END CERTIFICATE-----\n";

/// Two kubeconfig files: `a.yaml` sets the current context and cluster
/// `one` (inline CA); `b.yaml` adds cluster `two` (CA in a relative file)
/// and redefines `one`, which must lose to a.yaml (first file wins).
fn write_configs(dir: &std::path::Path) {
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/ca-two.crt"), CA_TWO).unwrap();
    std::fs::write(
        dir.join("a.yaml"),
        format!(
            r#"apiVersion: v1
kind: Config
current-context: one
clusters:
- name: one
  cluster:
    server: https://10.0.0.1:6443
    certificate-authority-data: {}
contexts:
- name: one
  context: {{cluster: one, user: u}}
users:
- name: u
  user: {{token: secret-token-value}}
"#,
            STANDARD.encode(CA_ONE)
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("sub/b.yaml"),
        r#"apiVersion: v1
kind: Config
current-context: two
clusters:
- name: one
  cluster:
    server: https://wrong.example:6443
- name: two
  cluster:
    server: https://10.0.0.2:8443
    certificate-authority: ca-two.crt
contexts:
- name: two
  context: {cluster: two, user: u}
users: []
"#,
    )
    .unwrap();
}

fn with_kubeconfig(dir: &std::path::Path, kubeconfig: &str, args: &[&str]) -> Run {
    Run::from_output(
        akl(dir)
            .env("KUBECONFIG", kubeconfig)
            .args(args)
            .output()
            .unwrap(),
    )
}

#[test]
fn kubeconfig_env_merges_first_wins_and_honours_context() {
    let dir = tempfile::tempdir().unwrap();
    write_configs(dir.path());
    let kc = format!(
        "{}/missing.yaml:{}/a.yaml:{}/sub/b.yaml",
        dir.path().display(),
        dir.path().display(),
        dir.path().display()
    );

    let r = with_kubeconfig(dir.path(), &kc, &["k8s", "host"]).ok();
    assert_eq!(r.stdout, "https://10.0.0.1:6443\n");
    let r = with_kubeconfig(dir.path(), &kc, &["k8s", "ca-cert"]).ok();
    assert_eq!(r.stdout.trim(), STANDARD.encode(CA_ONE));

    let r = with_kubeconfig(dir.path(), &kc, &["k8s", "host", "--context", "two"]).ok();
    assert_eq!(r.stdout, "https://10.0.0.2:8443\n");
    // The CA file is relative to b.yaml's directory, as kubectl resolves it.
    let r = with_kubeconfig(dir.path(), &kc, &["k8s", "ca-cert", "--context", "two"]).ok();
    assert_eq!(r.stdout.trim(), STANDARD.encode(CA_TWO));

    let r = with_kubeconfig(
        dir.path(),
        &kc,
        &["k8s", "host", "--context", "two", "--json"],
    )
    .ok();
    assert_eq!(r.json()["k8s_host"], "https://10.0.0.2:8443");

    // --kubeconfig overrides KUBECONFIG.
    let b = format!("{}/sub/b.yaml", dir.path().display());
    let r = with_kubeconfig(dir.path(), &kc, &["k8s", "host", "--kubeconfig", &b]).ok();
    assert_eq!(r.stdout, "https://10.0.0.2:8443\n");
}

#[test]
fn default_kubeconfig_is_home_kube_config() {
    let dir = tempfile::tempdir().unwrap();
    write_configs(dir.path());
    std::fs::create_dir_all(dir.path().join(".kube")).unwrap();
    std::fs::copy(dir.path().join("a.yaml"), dir.path().join(".kube/config")).unwrap();
    let r = run(dir.path(), &["k8s", "host"]).ok();
    assert_eq!(r.stdout, "https://10.0.0.1:6443\n");
}

#[test]
fn ca_cert_matches_kubectl_byte_for_byte() {
    if !have("kubectl") {
        eprintln!("kubectl not installed; the fixed expectations above still ran");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    write_configs(dir.path());
    let kc = format!(
        "{}/a.yaml:{}/sub/b.yaml",
        dir.path().display(),
        dir.path().display()
    );
    for ctx in ["one", "two"] {
        let ours = with_kubeconfig(dir.path(), &kc, &["k8s", "ca-cert", "--context", ctx]).ok();
        let theirs = Run::from_output(
            std::process::Command::new("kubectl")
                .env("KUBECONFIG", &kc)
                .env("HOME", dir.path())
                .args([
                    "config",
                    "view",
                    "--raw",
                    "--minify",
                    "--flatten",
                    "--context",
                    ctx,
                    "-o",
                    "jsonpath={.clusters[].cluster.certificate-authority-data}",
                ])
                .output()
                .unwrap(),
        )
        .ok();
        assert_eq!(ours.stdout.trim_end(), theirs.stdout, "context {ctx}");
        let host = with_kubeconfig(dir.path(), &kc, &["k8s", "host", "--context", ctx]).ok();
        let theirs = Run::from_output(
            std::process::Command::new("kubectl")
                .env("KUBECONFIG", &kc)
                .env("HOME", dir.path())
                .args([
                    "config",
                    "view",
                    "--minify",
                    "--context",
                    ctx,
                    "-o",
                    "jsonpath={.clusters[].cluster.server}",
                ])
                .output()
                .unwrap(),
        )
        .ok();
        assert_eq!(host.stdout.trim_end(), theirs.stdout, "context {ctx}");
    }
}

#[test]
fn issuer_from_a_token_file_or_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let claims =
        r#"{"aud":["api"],"iss":"https://oidc.example/cluster","sub":"system:serviceaccount:a:b"}"#;
    let jwt = format!(
        "eyJhbGciOiJSUzI1NiIsImtpZCI6IngifQ.{}.c2lnbmF0dXJl",
        URL_SAFE_NO_PAD.encode(claims)
    );
    std::fs::write(dir.path().join("token"), &jwt).unwrap();
    let r = run(dir.path(), &["k8s", "issuer", "--from-token", "token"]).ok();
    assert_eq!(r.stdout, "https://oidc.example/cluster\n");

    let mut child = akl(dir.path())
        .args(["k8s", "issuer", "--from-token", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(jwt.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "https://oidc.example/cluster\n"
    );
}

#[test]
fn the_kubeconfig_token_never_appears_in_output_or_errors() {
    let dir = tempfile::tempdir().unwrap();
    write_configs(dir.path());
    let kc = format!("{}/a.yaml", dir.path().display());
    for args in [
        &["k8s", "host", "--json"][..],
        &["k8s", "ca-cert", "--json"],
        &["k8s", "host", "--context", "nope"],
    ] {
        let r = with_kubeconfig(dir.path(), &kc, args);
        assert!(
            !r.stdout.contains("secret-token-value") && !r.stderr.contains("secret-token-value")
        );
    }
}
