//! End to end: the real `akl` binary against `akl gateway serve` and the
//! Kubernetes API test server, replaying seed 001 (dedicated token-reviewer
//! service account) with `akeyless` pointed at `akl`, then every refusal
//! case, a restart, a `kill -9`, and a grep of the gateway log for secrets.

mod common;
mod support;

use std::path::PathBuf;
use std::process::Command;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::gateway::Gateway;
use common::{Run, akl_bin};
use support::{KubeApiServer, KubeconfigUser, Subject, TokenOpts};

/// A temp home with an `akeyless` link, a kubeconfig and the gateway CA.
struct Env {
    dir: tempfile::TempDir,
    bin: PathBuf,
    kubeconfig: PathBuf,
    gateway_ca: PathBuf,
}

impl Env {
    fn new(kube: &KubeApiServer) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(akl_bin(), bin.join("akeyless")).unwrap();
        std::os::unix::fs::symlink(akl_bin(), bin.join("akl")).unwrap();
        let kubeconfig = dir.path().join("kubeconfig");
        kube.write_kubeconfig(&kubeconfig, KubeconfigUser::AdminToken, "test");
        let gateway_ca = dir.path().join("gw-data").join("tls.crt");
        Env {
            dir,
            bin,
            kubeconfig,
            gateway_ca,
        }
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("gw-data")
    }

    fn cmd(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.current_dir(self.dir.path())
            .env("HOME", self.dir.path())
            .env(
                "PATH",
                format!(
                    "{}:{}",
                    self.bin.display(),
                    std::env::var("PATH").unwrap_or_default()
                ),
            )
            .env("KUBECONFIG", &self.kubeconfig)
            .env("AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE", &self.gateway_ca)
            .env_remove("AKEYLESS_GATEWAY_URL")
            .env_remove("AKL_SA_TOKEN_FILE");
        c
    }

    fn akl(&self, args: &[&str]) -> Run {
        Run::from_output(self.cmd(akl_bin()).args(args).output().unwrap())
    }

    fn bash(&self, script: &str, vars: &[(&str, &str)]) -> Run {
        let mut c = self.cmd("bash");
        c.args(["-c", script]);
        for (k, v) in vars {
            c.env(k, v);
        }
        Run::from_output(c.output().unwrap())
    }

    /// `akl auth` in "a pod": the token file mounted where the pod has it.
    fn pod_auth(&self, gw: &Gateway, access_id: &str, config: &str, token: &str) -> Run {
        self.pod_auth_with(gw, access_id, config, token, &[])
    }

    /// [`Env::pod_auth`] with extra flags.
    fn pod_auth_with(
        &self,
        gw: &Gateway,
        access_id: &str,
        config: &str,
        token: &str,
        extra: &[&str],
    ) -> Run {
        let file = self.dir.path().join("sa-token");
        std::fs::write(&file, token).unwrap();
        Run::from_output(
            self.cmd(akl_bin())
                .env("AKL_SA_TOKEN_FILE", &file)
                .args([
                    "auth",
                    "--access-id",
                    access_id,
                    "--access-type",
                    "k8s",
                    "--gateway-url",
                    &gw.url,
                    "--k8s-auth-config-name",
                    config,
                ])
                .args(extra)
                .output()
                .unwrap(),
        )
    }
}

fn for_pod(pod: &str) -> TokenOpts {
    TokenOpts {
        pod: Some(pod.to_owned()),
        ..Default::default()
    }
}

fn refused(r: &Run, want: &str) {
    assert_ne!(
        r.code, 0,
        "expected a refusal containing {want:?}, got success: {}",
        r.stdout
    );
    assert!(r.stdout.is_empty(), "stdout on failure: {}", r.stdout);
    assert_eq!(
        r.stderr.lines().count(),
        1,
        "one error line expected: {}",
        r.stderr
    );
    assert!(
        r.stderr.contains(want),
        "expected {want:?} in: {}",
        r.stderr
    );
}

fn authenticated(r: &Run) -> String {
    assert_eq!(r.code, 0, "auth failed: {}", r.stderr);
    let mut lines = r.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("Authentication succeeded."),
        "{}",
        r.stdout
    );
    let token = lines
        .next()
        .and_then(|l| l.strip_prefix("Token: "))
        .expect("Token: line")
        .to_owned();
    assert!(token.starts_with("t-"), "{token}");
    token
}

const SEED_001: &str = r#"
set -euo pipefail
# Extract K8s Cluster CA Certificate (kubectl config view … certificate-authority-data)
CA_CERT=$(akl k8s ca-cert)
akeyless configure --profile default --access-id "$ADMIN_ID" --access-key "$ADMIN_KEY" --access-type access_key --gateway-url "$GATEWAY_URL" >/dev/null
# Create Kubernetes Auth Method (seed 001, unchanged)
OUT=$(akeyless create-auth-method-k8s -n my-k8s-auth-method --bound-pod-names mypod1 \
    --bound-pod-names mypod2 --bound-namespaces my-namespace-a --json)
ACCESS_ID=$(echo "$OUT" | jq -r .access_id)
PRV_KEY=$(echo "$OUT" | jq -r .prv_key)
# K8S_ISSUER=$(curl -s http://localhost:8001/k8s-api/.well-known/openid-configuration | jq -r .issuer)
K8S_ISSUER=$(akl k8s issuer)
# Create the auth config (seed 001, unchanged but for the URLs)
akeyless gateway-create-k8s-auth-config  --name k8s-conf \
        --gateway-url "$GATEWAY_URL" \
        --access-id $ACCESS_ID \
        --signing-key $PRV_KEY \
        --k8s-host=$K8S_HOST \
        --token-reviewer-jwt $SA_JWT_TOKEN \
        --k8s-ca-cert $CA_CERT \
        --k8s-issuer $K8S_ISSUER
echo "ACCESS_ID=$ACCESS_ID"
echo "PRV_KEY=$PRV_KEY"
"#;

fn gw_logs_contain(data_dir: &std::path::Path, port: u16, needle: &str) -> bool {
    std::fs::read_to_string(data_dir.with_extension(format!("log-{port}")))
        .unwrap_or_default()
        .contains(needle)
}

fn value<'a>(out: &'a str, key: &str) -> &'a str {
    out.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("{key} not in {out}"))
}

#[test]
fn seed_001_dedicated_reviewer_end_to_end() {
    let kube = KubeApiServer::start();
    kube.create_namespace("my-namespace-a");
    kube.create_namespace("my-namespace-b");
    // Create service account for Akeyless Gateway + role-tokenreview-binding + token secret.
    kube.create_service_account("default", "gateway-token-reviewer");
    kube.bind_auth_delegator(Subject::ServiceAccount {
        ns: "default".into(),
        name: "gateway-token-reviewer".into(),
    });
    let sa_jwt_token = kube.legacy_token("default", "gateway-token-reviewer");

    let env = Env::new(&kube);
    let gw = Gateway::start(&env.data_dir());
    let (admin_id, admin_key) = gw.admin.clone().expect("first start prints the admin key");

    let r = env.bash(
        SEED_001,
        &[
            ("ADMIN_ID", &admin_id),
            ("ADMIN_KEY", &admin_key),
            ("GATEWAY_URL", &gw.url),
            ("K8S_HOST", &kube.url()),
            ("SA_JWT_TOKEN", &sa_jwt_token),
        ],
    );
    assert_eq!(
        r.code, 0,
        "seed 001 script failed:\n{}\n{}",
        r.stdout, r.stderr
    );
    assert!(
        r.stdout
            .contains("K8S Auth config k8s-conf successfully created. ID=["),
        "{}",
        r.stdout
    );
    let access_id = value(&r.stdout, "ACCESS_ID").to_owned();
    let prv_key = value(&r.stdout, "PRV_KEY").to_owned();
    assert!(access_id.starts_with("p-"));
    assert!(
        prv_key.starts_with("LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tL"),
        "prv_key is base64 PEM"
    );

    // Authenticate from pods mypod1 and mypod2 in my-namespace-a.
    // The namespaces' `default` service accounts exist, as the service-account controller makes them.
    let mut issued = Vec::new();
    for pod in ["mypod1", "mypod2"] {
        kube.create_pod("my-namespace-a", pod, "default");
        let t = kube.token_request("my-namespace-a", "default", for_pod(pod));
        let r = env.pod_auth(&gw, &access_id, "k8s-conf", &t);
        issued.push(authenticated(&r));
        issued.push(t);
    }
    // --json prints the AuthOutput shape; --jq-expression .token the bare token.
    let t1 = kube.token_request("my-namespace-a", "default", for_pod("mypod1"));
    let r = env
        .akl(&[
            "auth",
            "--access-id",
            &access_id,
            "--access-type",
            "k8s",
            "--gateway-url",
            &gw.url,
            "--k8s-auth-config-name",
            "k8s-conf",
            "--k8s-service-account-token",
            &STANDARD.encode(&t1),
            "--json",
        ])
        .ok();
    let v = r.json();
    assert!(v["token"].as_str().unwrap().starts_with("t-"));
    assert!(v["expiration"].as_str().unwrap().ends_with('Z'));
    assert_eq!(v["creds"]["access_id"], access_id.as_str());
    issued.push(v["token"].as_str().unwrap().to_owned());

    // Refusals.
    kube.create_pod("my-namespace-a", "mypod3", "default");
    let t = kube.token_request("my-namespace-a", "default", for_pod("mypod3"));
    refused(&env.pod_auth(&gw, &access_id, "k8s-conf", &t), "not bound");
    kube.create_pod("my-namespace-b", "mypod1", "default");
    let t = kube.token_request("my-namespace-b", "default", for_pod("mypod1"));
    refused(&env.pod_auth(&gw, &access_id, "k8s-conf", &t), "not bound");
    let t = kube.token_request(
        "my-namespace-a",
        "default",
        TokenOpts {
            expiration_seconds: -120,
            ..for_pod("mypod1")
        },
    );
    refused(&env.pod_auth(&gw, &access_id, "k8s-conf", &t), "expired");
    // Signed by a key the cluster does not publish: refused by the gateway's own check.
    let t = kube.foreign_token("my-namespace-a", "default", for_pod("mypod1"));
    refused(
        &env.pod_auth(&gw, &access_id, "k8s-conf", &t),
        "not signed by the cluster",
    );
    let r = env.pod_auth(&gw, &access_id, "no-such-conf", &t1);
    refused(&r, "k8s auth name [no-such-conf] not found");

    // Wrong audience: a method that requires audience "akl".
    let r = env
        .akl(&[
            "create-auth-method-k8s",
            "-n",
            "aud-method",
            "--audience",
            "akl",
            "--bound-namespaces",
            "my-namespace-a",
            "--gateway-url",
            &gw.url,
            "--json",
        ])
        .ok();
    let aud_id = r.json()["access_id"].as_str().unwrap().to_owned();
    let aud_key = r.json()["prv_key"].as_str().unwrap().to_owned();
    env.akl(&[
        "gateway-create-k8s-auth-config",
        "--name",
        "aud-conf",
        "--gateway-url",
        &gw.url,
        "--access-id",
        &aud_id,
        "--signing-key",
        &aud_key,
        "--kubeconfig",
        &env.kubeconfig.display().to_string(),
        "--token-reviewer-jwt",
        &sa_jwt_token,
    ])
    .ok();
    refused(&env.pod_auth(&gw, &aud_id, "aud-conf", &t1), "audience");
    let t = kube.token_request(
        "my-namespace-a",
        "default",
        TokenOpts {
            audiences: vec!["akl".into()],
            ..for_pod("mypod1")
        },
    );
    authenticated(&env.pod_auth(&gw, &aud_id, "aud-conf", &t));
    // The config belongs to another access id: answered like an unknown
    // name, so config names cannot be probed.
    refused(
        &env.pod_auth(&gw, &access_id, "aud-conf", &t1),
        "k8s auth name [aud-conf] not found",
    );

    // Unreachable API server: a config pointing at a closed port is saved
    // with a warning, and logins fail with a clear message.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let r = env
        .akl(&[
            "gateway-create-k8s-auth-config",
            "--name",
            "down-conf",
            "--gateway-url",
            &gw.url,
            "--access-id",
            &access_id,
            "--signing-key",
            &prv_key,
            "--k8s-host",
            &format!("https://127.0.0.1:{closed}"),
            "--token-reviewer-jwt",
            &sa_jwt_token,
            "--k8s-issuer",
            &kube.issuer(),
        ])
        .ok();
    assert!(
        r.stderr.contains("Warning:") && r.stderr.contains("probe"),
        "{}",
        r.stderr
    );
    refused(
        &env.pod_auth(&gw, &access_id, "down-conf", &t1),
        "unreachable",
    );

    // The gateway restarts (SIGTERM) and keeps its state.
    let port = gw.port();
    let status = gw.stop().expect("SIGTERM stops the gateway within 15 s");
    assert!(status.success(), "graceful shutdown exits 0: {status}");
    assert!(
        gw_logs_contain(&env.data_dir(), port, "gateway stopped"),
        "the shutdown is logged"
    );
    let gw = Gateway::start_on(&env.data_dir(), port);
    assert!(
        gw.admin.is_none(),
        "the admin key is printed on first start only"
    );
    let t = kube.token_request("my-namespace-a", "default", for_pod("mypod2"));
    issued.push(authenticated(
        &env.pod_auth(&gw, &access_id, "k8s-conf", &t),
    ));

    // A deleted service account is refused.
    kube.delete_service_account("my-namespace-a", "default");
    let t_deleted = t.clone();
    refused(
        &env.pod_auth(&gw, &access_id, "k8s-conf", &t_deleted),
        "rejected",
    );

    // kill -9 loses nothing that was acknowledged.
    let r = env
        .akl(&[
            "gateway-list-k8s-auth-configs",
            "--gateway-url",
            &gw.url,
            "--json",
        ])
        .ok();
    let before: Vec<String> = r.json()["k8s_auths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(before, ["aud-conf", "down-conf", "k8s-conf"]);
    let logs_before_kill = gw.logs();
    gw.kill9();
    let gw = Gateway::start_on(&env.data_dir(), port);
    let r = env
        .akl(&[
            "gateway-list-k8s-auth-configs",
            "--gateway-url",
            &gw.url,
            "--json",
        ])
        .ok();
    let after: Vec<String> = r.json()["k8s_auths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(after, before);

    // No secret in any log line.
    let logs = format!("{logs_before_kill}\n{}", gw.logs());
    assert!(
        logs.contains("k8s login refused"),
        "refusals are logged with their reason"
    );
    assert!(
        logs.contains("not in bound-pod-names"),
        "the operator sees why"
    );
    let pem_body = String::from_utf8(STANDARD.decode(&prv_key).unwrap()).unwrap();
    let pem_line = pem_body.lines().nth(1).unwrap().to_owned();
    let mut secrets = vec![
        admin_key.clone(),
        prv_key.clone(),
        pem_line,
        sa_jwt_token.clone(),
        aud_key.clone(),
    ];
    secrets.extend(issued);
    for s in &secrets {
        let probe = &s[..s.len().min(40)];
        assert!(
            !logs.contains(probe),
            "a secret leaked into the gateway log: {}…",
            &probe[..12]
        );
    }
}

/// Seed 003 without the gateway service account: no reviewer JWT, so each
/// pod's own JWT is the TokenReview bearer (the pod's service account then
/// needs system:auth-delegator).
#[test]
fn client_jwt_as_reviewer() {
    let kube = KubeApiServer::start();
    kube.create_namespace("my-namespace-a");
    kube.create_service_account("my-namespace-a", "app");
    kube.create_pod("my-namespace-a", "mypod1", "app");
    let env = Env::new(&kube);
    let gw = Gateway::start(&env.data_dir());
    let (admin_id, admin_key) = gw.admin.clone().unwrap();
    env.akl(&[
        "configure",
        "--profile",
        "default",
        "--access-id",
        &admin_id,
        "--access-key",
        &admin_key,
        "--gateway-url",
        &gw.url,
    ])
    .ok();
    let r = env
        .akl(&[
            "auth-method",
            "create",
            "k8s",
            "-n",
            "m",
            "--bound-pod-names",
            "mypod1",
            "--bound-namespaces",
            "my-namespace-a",
            "--json",
        ])
        .ok();
    let v = r.json();
    assert_eq!(v["name"], "m");
    let access_id = v["access_id"].as_str().unwrap().to_owned();
    let prv_key = v["prv_key"].as_str().unwrap().to_owned();
    let r = env
        .akl(&[
            "gateway-create-k8s-auth-config",
            "--name",
            "k8s-conf",
            "--access-id",
            &access_id,
            "--signing-key",
            &prv_key,
            "--kubeconfig",
            &env.kubeconfig.display().to_string(),
        ])
        .ok();
    assert!(
        r.stdout
            .starts_with("K8S Auth config k8s-conf successfully created. ID=["),
        "{}",
        r.stdout
    );

    let t = kube.token_request("my-namespace-a", "app", for_pod("mypod1"));
    // Without system:auth-delegator the pod's JWT may not review itself.
    refused(&env.pod_auth(&gw, &access_id, "k8s-conf", &t), "403");
    kube.bind_auth_delegator(Subject::ServiceAccount {
        ns: "my-namespace-a".into(),
        name: "app".into(),
    });
    authenticated(&env.pod_auth(&gw, &access_id, "k8s-conf", &t));

    // A signing key that is not the method's is refused at config time.
    let other = env
        .akl(&["create-auth-method-k8s", "-n", "other", "--json"])
        .ok();
    let other_key = other.json()["prv_key"].as_str().unwrap().to_owned();
    let r = env.akl(&[
        "gateway-create-k8s-auth-config",
        "--name",
        "bad",
        "--access-id",
        &access_id,
        "--signing-key",
        &other_key,
        "--kubeconfig",
        &env.kubeconfig.display().to_string(),
    ]);
    refused(&r, "signing-key does not match");
    let r = env.akl(&["gateway-get-k8s-auth-config", "--name", "bad"]);
    refused(&r, "not found");

    // The method's key replaced after the config was made: the config's key
    // no longer proves the method (the gateway compares the config key's
    // public half with the method's current key on every login, from
    // cache), so the next login is refused; a config updated with the new
    // key logs in again.
    let new = env
        .akl(&[
            "update-auth-method-k8s",
            "--name",
            "m",
            "--gen-key",
            "--json",
        ])
        .ok();
    refused(
        &env.pod_auth(&gw, &access_id, "k8s-conf", &t),
        "token signature invalid",
    );
    let new_key = new.json()["prv_key"].as_str().unwrap().to_owned();
    env.akl(&[
        "gateway-update-k8s-auth-config",
        "--name",
        "k8s-conf",
        "--new-name",
        "k8s-conf",
        "--access-id",
        &access_id,
        "--signing-key",
        &new_key,
        "--kubeconfig",
        &env.kubeconfig.display().to_string(),
    ])
    .ok();
    authenticated(&env.pod_auth(&gw, &access_id, "k8s-conf", &t));
}

/// A stalled API server (accepts, never answers) makes the login fail
/// within the gateway's read timeout instead of hanging.
#[test]
fn stalled_api_server_fails_within_the_timeout() {
    let kube = KubeApiServer::start();
    kube.create_namespace("ns");
    kube.create_pod("ns", "p", "default");
    kube.create_service_account("default", "reviewer");
    kube.bind_auth_delegator(Subject::service_account("default", "reviewer"));
    let reviewer = kube.legacy_token("default", "reviewer");
    let env = Env::new(&kube);
    let gw = Gateway::start(&env.data_dir());
    let (admin_id, admin_key) = gw.admin.clone().unwrap();
    env.akl(&[
        "configure",
        "--access-id",
        &admin_id,
        "--access-key",
        &admin_key,
        "--gateway-url",
        &gw.url,
    ])
    .ok();
    let m = env
        .akl(&["create-auth-method-k8s", "-n", "m", "--json"])
        .ok()
        .json();
    let access_id = m["access_id"].as_str().unwrap().to_owned();
    env.akl(&[
        "gateway-create-k8s-auth-config",
        "--name",
        "c",
        "--access-id",
        &access_id,
        "--signing-key",
        m["prv_key"].as_str().unwrap(),
        "--kubeconfig",
        &env.kubeconfig.display().to_string(),
        "--token-reviewer-jwt",
        &reviewer,
    ])
    .ok();
    let t = kube.token_request("ns", "default", for_pod("p"));
    authenticated(&env.pod_auth(&gw, &access_id, "c", &t));
    kube.set_stalled(true);
    let started = std::time::Instant::now();
    // One attempt: `akl auth` would otherwise retry the gateway's 5xx
    // answer for --timeout (60 s), as a pod at start-up wants.
    let r = env.pod_auth_with(&gw, &access_id, "c", &t, &["--timeout", "0"]);
    let took = started.elapsed();
    kube.set_stalled(false);
    refused(&r, "unreachable");
    assert!(took < std::time::Duration::from_secs(20), "took {took:?}");
    assert!(
        gw.logs().contains("did not answer within"),
        "the log says why"
    );
}

/// A supervisor that stops reading the gateway's stdout must not take the
/// gateway down (println! panics on a closed pipe; the gateway must not).
#[test]
fn closed_stdout_does_not_kill_the_gateway() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let port = Gateway::free_port();
    let mut child = Command::new(akl_bin())
        .args([
            "gateway",
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--data-dir",
        ])
        .arg(dir.path().join("gw"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    {
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().unwrap().unwrap();
        assert!(first.starts_with("akl gateway listening"), "{first}");
        // Dropping the reader closes the pipe before the admin lines.
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the gateway died on a closed stdout"
    );
    let r = Run::from_output(
        Command::new(akl_bin())
            .env("HOME", dir.path())
            .env(
                "AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE",
                dir.path().join("gw/tls.crt"),
            )
            .args([
                "auth",
                "--access-id",
                "p-nobody",
                "--access-key",
                "x",
                "--gateway-url",
                &format!("https://127.0.0.1:{port}"),
            ])
            .output()
            .unwrap(),
    );
    refused(&r, "wrong access id or access key");
    let _ = child.kill();
    let _ = child.wait();
}
