//! The other TokenReview credentials: a client certificate
//! (`--k8s-auth-type certificate`) and the gateway's own service account
//! (`--use-gw-service-account`, seed 003), end to end with the real binary.

mod common;
mod support;

use std::path::PathBuf;
use std::process::Command;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::gateway::Gateway;
use common::{Run, akl_bin};
use support::{KubeApiServer, KubeconfigUser, Subject, TokenOpts};

struct Env {
    dir: tempfile::TempDir,
    bin: PathBuf,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(akl_bin(), bin.join("akeyless")).unwrap();
        Env { dir, bin }
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
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
            .env(
                "AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE",
                self.path("gw/tls.crt"),
            )
            .env_remove("KUBECONFIG")
            .env_remove("AKEYLESS_GATEWAY_URL")
            .env_remove("AKL_SA_TOKEN_FILE");
        c
    }

    fn akl(&self, args: &[&str]) -> Run {
        Run::from_output(self.cmd(akl_bin()).args(args).output().unwrap())
    }

    fn configure(&self, gw: &Gateway) {
        let (id, key) = gw.admin.clone().expect("admin credentials");
        self.akl(&[
            "configure",
            "--access-id",
            &id,
            "--access-key",
            &key,
            "--gateway-url",
            &gw.url,
        ])
        .ok();
    }

    /// (access_id, prv_key) of a new K8s auth method bound to my-namespace-a.
    fn method(&self, name: &str) -> (String, String) {
        let v = self
            .akl(&[
                "auth-method",
                "create",
                "k8s",
                "-n",
                name,
                "--bound-pod-names",
                "mypod1",
                "--bound-pod-names",
                "mypod2",
                "--bound-namespaces",
                "my-namespace-a",
                "--json",
            ])
            .ok()
            .json();
        (
            v["access_id"].as_str().unwrap().to_owned(),
            v["prv_key"].as_str().unwrap().to_owned(),
        )
    }

    fn pod_auth(&self, gw: &Gateway, access_id: &str, config: &str, token: &str) -> Run {
        self.akl(&[
            "auth",
            "--access-id",
            access_id,
            "--access-type",
            "k8s",
            "--gateway-url",
            &gw.url,
            "--k8s-auth-config-name",
            config,
            "--k8s-service-account-token",
            &STANDARD.encode(token),
        ])
    }
}

fn pod_token(kube: &KubeApiServer, pod: &str) -> String {
    kube.token_request(
        "my-namespace-a",
        "default",
        TokenOpts {
            pod: Some(pod.into()),
            ..Default::default()
        },
    )
}

fn ok_token(r: &Run, gw: &Gateway) {
    assert_eq!(
        r.code,
        0,
        "auth failed: {}\ngateway log:\n{}",
        r.stderr,
        gw.logs()
    );
    assert!(
        r.stdout.starts_with("Authentication succeeded.\nToken: t-"),
        "{}",
        r.stdout
    );
}

fn refused(r: &Run, want: &str) {
    assert_ne!(r.code, 0, "expected a refusal: {}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains(want), "expected {want:?} in {}", r.stderr);
}

fn cluster() -> KubeApiServer {
    let kube = KubeApiServer::start();
    kube.create_namespace("my-namespace-a");
    kube.create_pod("my-namespace-a", "mypod1", "default");
    kube.create_pod("my-namespace-a", "mypod2", "default");
    kube
}

#[test]
fn client_certificate_reviews_tokens_with_mutual_tls() {
    let kube = cluster();
    let env = Env::new();
    let gw = Gateway::start(&env.path("gw"));
    env.configure(&gw);
    let (access_id, prv_key) = env.method("cert-method");
    let ca = STANDARD.encode(kube.ca_pem());

    // Seed 000: a certificate user AkeylessK8sAuth in group AkeylessAuth, bound to system:auth-delegator.
    let (cert, key) = kube.issue_client_cert("AkeylessK8sAuth", &["AkeylessAuth"]);
    let r = env
        .akl(&[
            "gateway-create-k8s-auth-config",
            "--name",
            "k8s-conf",
            "--access-id",
            &access_id,
            "--signing-key",
            &prv_key,
            "--k8s-auth-type",
            "certificate",
            "--k8s-host",
            &kube.url(),
            "--k8s-client-certificate",
            &STANDARD.encode(&cert),
            "--k8s-client-key",
            &STANDARD.encode(&key),
            "--k8s-ca-cert",
            &ca,
            "--k8s-issuer",
            &kube.issuer(),
        ])
        .ok();
    assert!(
        r.stdout
            .starts_with("K8S Auth config k8s-conf successfully created. ID=["),
        "{}",
        r.stdout
    );
    // Without the binding the certificate user may not review tokens.
    refused(
        &env.pod_auth(&gw, &access_id, "k8s-conf", &pod_token(&kube, "mypod1")),
        "403",
    );
    kube.bind_auth_delegator(Subject::User("AkeylessK8sAuth".into()));
    ok_token(
        &env.pod_auth(&gw, &access_id, "k8s-conf", &pod_token(&kube, "mypod1")),
        &gw,
    );

    // get shows the stored spelling and the data, as akeyless does.
    let v = env
        .akl(&[
            "gateway-get-k8s-auth-config",
            "--name",
            "k8s-conf",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(v["k8s_auth_type"], "client_cert");
    assert_eq!(v["k8s_client_cert_data"], STANDARD.encode(&cert));

    // The -file variants and --kubeconfig with a certificate user fill the same fields.
    std::fs::write(env.path("user.crt"), &cert).unwrap();
    std::fs::write(env.path("user.key"), &key).unwrap();
    env.akl(&[
        "gateway-create-k8s-auth-config",
        "--name",
        "from-files",
        "--access-id",
        &access_id,
        "--signing-key",
        &prv_key,
        "--k8s-auth-type",
        "certificate",
        "--k8s-host",
        &kube.url(),
        "--k8s-client-certificate-file",
        "user.crt",
        "--k8s-client-key-file",
        "user.key",
        "--k8s-ca-cert",
        &ca,
    ])
    .ok();
    ok_token(
        &env.pod_auth(&gw, &access_id, "from-files", &pod_token(&kube, "mypod2")),
        &gw,
    );
    kube.write_kubeconfig(
        env.path("kc"),
        KubeconfigUser::ClientCert {
            cert_pem: cert.clone(),
            key_pem: key.clone(),
        },
        "certuser",
    );
    env.akl(&[
        "gateway-create-k8s-auth-config",
        "--name",
        "from-kubeconfig",
        "--access-id",
        &access_id,
        "--signing-key",
        &prv_key,
        "--k8s-auth-type",
        "certificate",
        "--kubeconfig",
        "kc",
    ])
    .ok();
    ok_token(
        &env.pod_auth(
            &gw,
            &access_id,
            "from-kubeconfig",
            &pod_token(&kube, "mypod1"),
        ),
        &gw,
    );

    // A certificate the API server does not trust (another CA).
    let other_key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "AkeylessK8sAuth");
    let foreign = params.self_signed(&other_key).unwrap();
    let r = env.akl(&[
        "gateway-create-k8s-auth-config",
        "--name",
        "foreign",
        "--access-id",
        &access_id,
        "--signing-key",
        &prv_key,
        "--k8s-auth-type",
        "certificate",
        "--k8s-host",
        &kube.url(),
        "--k8s-client-certificate",
        &STANDARD.encode(foreign.pem()),
        "--k8s-client-key",
        &STANDARD.encode(other_key.serialize_pem()),
        "--k8s-ca-cert",
        &ca,
    ]);
    assert_eq!(r.code, 0, "saved with a warning: {}", r.stderr);
    assert!(r.stderr.contains("Warning:"), "{}", r.stderr);
    let r = env.pod_auth(&gw, &access_id, "foreign", &pod_token(&kube, "mypod1"));
    refused(&r, "TLS with the Kubernetes API server failed");
    assert!(
        gw.logs().contains("TLS with the Kubernetes API server at"),
        "the log has the TLS detail"
    );

    // Bad input: key of another certificate, malformed base64 or PEM, each named.
    let (cert2, _) = kube.issue_client_cert("someone", &[]);
    for (flag_cert, flag_key, want) in [
        (
            STANDARD.encode(&cert2),
            STANDARD.encode(&key),
            "k8s-client-key does not match k8s-client-certificate",
        ),
        (
            "%%%".to_owned(),
            STANDARD.encode(&key),
            "k8s-client-certificate",
        ),
        (
            STANDARD.encode(&cert),
            STANDARD.encode("not a pem"),
            "k8s-client-key",
        ),
        (
            STANDARD.encode("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
            STANDARD.encode(&key),
            "k8s-client-certificate",
        ),
    ] {
        let r = env.akl(&[
            "gateway-create-k8s-auth-config",
            "--name",
            "bad",
            "--access-id",
            &access_id,
            "--signing-key",
            &prv_key,
            "--k8s-auth-type",
            "certificate",
            "--k8s-host",
            &kube.url(),
            "--k8s-client-certificate",
            &flag_cert,
            "--k8s-client-key",
            &flag_key,
            "--k8s-ca-cert",
            &ca,
        ]);
        refused(&r, want);
    }
    refused(
        &env.akl(&["gateway-get-k8s-auth-config", "--name", "bad"]),
        "not found",
    );
    let r = env.akl(&[
        "gateway-create-k8s-auth-config",
        "--name",
        "bad",
        "--access-id",
        &access_id,
        "--signing-key",
        &prv_key,
        "--k8s-auth-type",
        "certificate",
        "--k8s-host",
        &kube.url(),
    ]);
    refused(&r, "--k8s-client-certificate");
}

const SEED_003: &str = r#"
set -euo pipefail
OUT=$(akeyless auth-method create k8s -n my-k8s-auth-method --bound-pod-names mypod1 \
--bound-pod-names mypod2 --bound-namespaces my-namespace-a --json)
ACCESS_ID=$(echo "$OUT" | jq -r .access_id)
PRV_KEY=$(echo "$OUT" | jq -r .prv_key)
akeyless gateway-create-k8s-auth-config --name k8s-conf \
--gateway-url "$GATEWAY_URL" \
--access-id $ACCESS_ID \
--signing-key $PRV_KEY \
--use-gw-service-account
echo "ACCESS_ID=$ACCESS_ID"
"#;

#[test]
fn seed_003_gateway_service_account() {
    let kube = cluster();
    // The gateway runs as ServiceAccount gateway-sa in namespace akeyless, bound to auth-delegator.
    kube.create_namespace("akeyless");
    kube.create_service_account("akeyless", "gateway-sa");
    kube.create_pod("akeyless", "gateway-0", "gateway-sa");
    kube.bind_auth_delegator(Subject::service_account("akeyless", "gateway-sa"));
    let env = Env::new();
    let sa_dir = env.path("serviceaccount");
    std::fs::create_dir_all(&sa_dir).unwrap();
    let gw_token = kube.token_request(
        "akeyless",
        "gateway-sa",
        TokenOpts {
            pod: Some("gateway-0".into()),
            ..Default::default()
        },
    );
    std::fs::write(sa_dir.join("token"), &gw_token).unwrap();
    std::fs::write(sa_dir.join("ca.crt"), kube.ca_pem()).unwrap();
    let port = kube.port().to_string();
    let gw = Gateway::start_with(
        &env.path("gw"),
        Gateway::free_port(),
        &["--service-account-dir", sa_dir.to_str().unwrap()],
        &[
            ("KUBERNETES_SERVICE_HOST", "127.0.0.1"),
            ("KUBERNETES_SERVICE_PORT", &port),
        ],
    );
    env.configure(&gw);

    let mut c = env.cmd("bash");
    c.args(["-c", SEED_003]).env("GATEWAY_URL", &gw.url);
    let r = Run::from_output(c.output().unwrap());
    assert_eq!(r.code, 0, "seed 003 failed: {}\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("K8S Auth config k8s-conf successfully created. ID=["),
        "{}",
        r.stdout
    );
    let access_id = r
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("ACCESS_ID="))
        .unwrap()
        .to_owned();

    // Authenticate from the pods.
    ok_token(
        &env.pod_auth(&gw, &access_id, "k8s-conf", &pod_token(&kube, "mypod1")),
        &gw,
    );
    ok_token(
        &env.pod_auth(&gw, &access_id, "k8s-conf", &pod_token(&kube, "mypod2")),
        &gw,
    );
    kube.create_pod("my-namespace-a", "mypod3", "default");
    refused(
        &env.pod_auth(&gw, &access_id, "k8s-conf", &pod_token(&kube, "mypod3")),
        "not bound",
    );

    // The gateway's token is never sent to another host.
    let (id2, key2) = env.method("other");
    let r = env.akl(&[
        "gateway-create-k8s-auth-config",
        "--name",
        "elsewhere",
        "--access-id",
        &id2,
        "--signing-key",
        &key2,
        "--use-gw-service-account",
        "--k8s-host",
        "https://10.9.9.9:6443",
    ]);
    refused(&r, "only to the cluster it runs in");
    let v = env
        .akl(&[
            "gateway-get-k8s-auth-config",
            "--name",
            "k8s-conf",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(v["use_local_ca_jwt"], true);
    assert_eq!(v["k8s_host"], format!("https://127.0.0.1:{port}"));
    assert_eq!(
        v["k8s_issuer"],
        kube.issuer(),
        "issuer discovered with the gateway's own token"
    );
    let logs = gw.logs();
    assert!(
        !logs.contains(&gw_token[..40]),
        "the gateway's token must not be logged"
    );
}

#[test]
fn gateway_service_account_outside_a_pod_is_refused_clearly() {
    let env = Env::new();
    let gw = Gateway::start_with(
        &env.path("gw"),
        Gateway::free_port(),
        &["--service-account-dir", "/nonexistent"],
        &[],
    );
    env.configure(&gw);
    let (id, key) = env.method("m");
    let r = env.akl(&[
        "gateway-create-k8s-auth-config",
        "--name",
        "c",
        "--access-id",
        &id,
        "--signing-key",
        &key,
        "--use-gw-service-account",
    ]);
    refused(&r, "not running in a Kubernetes pod");
}
