//! `akl k8s ca-cert|host|issuer --from-token` against kubeconfigs, and
//! against kubectl itself where it is installed.

mod common;
mod support;

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

/// OIDC discovery through the kubeconfig's credentials, against the
/// Kubernetes API test server: a bearer-token user, a client-certificate
/// user, and a user RBAC refuses (discovery is not public by default).
#[test]
fn issuer_from_oidc_discovery() {
    use support::{KubeApiServer, KubeconfigUser, Subject};
    let kube = KubeApiServer::start();
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("kc");
    kube.write_kubeconfig(&kc, KubeconfigUser::AdminToken, "admin");
    let kc = kc.display().to_string();
    let r = run(dir.path(), &["k8s", "issuer", "--kubeconfig", &kc]).ok();
    assert_eq!(r.stdout.trim(), kube.issuer());
    let r = run(
        dir.path(),
        &["k8s", "issuer", "--kubeconfig", &kc, "--json"],
    )
    .ok();
    assert_eq!(r.json()["k8s_issuer"], kube.issuer());

    // A certificate user outside system:serviceaccounts may not read it…
    let (cert, key) = kube.issue_client_cert("alice", &["devs"]);
    let kc2 = dir.path().join("kc2");
    kube.write_kubeconfig(
        &kc2,
        KubeconfigUser::ClientCert {
            cert_pem: cert,
            key_pem: key,
        },
        "alice",
    );
    let kc2 = kc2.display().to_string();
    let r = run(dir.path(), &["k8s", "issuer", "--kubeconfig", &kc2]);
    assert_ne!(r.code, 0);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("403"), "{}", r.stderr);
    // …until bound to system:service-account-issuer-discovery.
    kube.create_cluster_role_binding(
        "alice-discovery",
        "system:service-account-issuer-discovery",
        &[Subject::User("alice".into())],
    );
    let r = run(dir.path(), &["k8s", "issuer", "--kubeconfig", &kc2]).ok();
    assert_eq!(r.stdout.trim(), kube.issuer());

    // An unreachable API server fails with one line, within the timeout.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let yaml = kube
        .kubeconfig_yaml(&KubeconfigUser::AdminToken, "x")
        .replace(&kube.url(), &format!("https://127.0.0.1:{port}"));
    std::fs::write(dir.path().join("kc3"), yaml).unwrap();
    let r = run(dir.path(), &["k8s", "issuer", "--kubeconfig", "kc3"]);
    assert_ne!(r.code, 0);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        !r.stderr.contains(&kube.admin_token()),
        "no credentials in errors"
    );
}
