//! Classic keys, certificates and certificate expiration events, end to
//! end: the real `akl` binary (also as `akeyless`) against `akl gateway
//! serve`, seed 000 (the client-certificate flow) with kubectl against the
//! Kubernetes API test server, and a real HTTPS webhook receiver with a
//! self-signed certificate the gateway trusts through `--event-webhook-ca`.

mod common;
mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::gateway::Gateway;
use common::{Run, akl_bin, have};
use serde_json::Value;
use support::{KubeApiServer, KubeconfigUser, TokenOpts};

/// `OffsetDateTime` for a unix time, without naming the `time` crate.
macro_rules! at {
    ($unix:expr) => {
        rcgen::date_time_ymd(1970, 1, 1) + Duration::from_secs(($unix) as u64)
    };
}

fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A temp home with an `akeyless` link; the gateway's data dir is `gw`.
struct Env {
    dir: tempfile::TempDir,
    bin: PathBuf,
    kubeconfig: Option<PathBuf>,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(akl_bin(), bin.join("akeyless")).unwrap();
        Env {
            dir,
            bin,
            kubeconfig: None,
        }
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    fn data_dir(&self) -> PathBuf {
        self.path("gw")
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
                self.data_dir().join("tls.crt"),
            )
            .env_remove("AKEYLESS_GATEWAY_URL")
            .env_remove("AKL_SA_TOKEN_FILE")
            .env_remove("KUBECONFIG");
        if let Some(kc) = &self.kubeconfig {
            c.env("KUBECONFIG", kc);
        }
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

    /// The default profile: the gateway's admin access key and URL.
    fn configure(&self, gw: &Gateway, admin: &(String, String)) {
        self.akl(&[
            "configure",
            "--access-id",
            &admin.0,
            "--access-key",
            &admin.1,
            "--gateway-url",
            &gw.url,
        ])
        .ok();
    }

    fn items(&self) -> Vec<Value> {
        let v = self.akl(&["list-items", "--json"]).ok().json();
        v["items"].as_array().unwrap().clone()
    }
}

fn refused(r: &Run, want: &str) {
    assert_ne!(
        r.code, 0,
        "expected a refusal containing {want:?}: {}",
        r.stdout
    );
    assert!(r.stdout.is_empty(), "stdout on failure: {}", r.stdout);
    assert_eq!(
        r.stderr.lines().count(),
        1,
        "one line expected: {}",
        r.stderr
    );
    assert!(
        r.stderr.contains(want),
        "expected {want:?} in: {}",
        r.stderr
    );
}

/// A self-signed certificate valid from an hour ago for `days` days, and its key.
fn certificate(days: i64) -> (String, String) {
    let kp = rcgen::KeyPair::generate().unwrap();
    let mut p = rcgen::CertificateParams::new(vec!["client.example".to_owned()]).unwrap();
    p.distinguished_name
        .push(rcgen::DnType::CommonName, "client.example");
    let now = now_unix();
    p.not_before = at!(now - 3600);
    p.not_after = at!(now + days * 86_400);
    let c = p.self_signed(&kp).unwrap();
    (c.pem(), kp.serialize_pem())
}

/// The SHA-256 of a public key as openssl prints it (DER), from a key,
/// certificate or CSR file.
fn openssl_pubkey(dir: &Path, kind: &str, file: &str) -> String {
    let script = match kind {
        "key" => format!("openssl pkey -in {file} -pubout -outform DER | sha256sum"),
        "csr" => format!(
            "openssl req -in {file} -noout -pubkey | openssl pkey -pubin -outform DER | sha256sum"
        ),
        _ => format!(
            "openssl x509 -in {file} -noout -pubkey | openssl pkey -pubin -outform DER | sha256sum"
        ),
    };
    let r = common::tool(dir, "bash", &["-o", "pipefail", "-c", &script]);
    assert_eq!(r.code, 0, "openssl failed: {}", r.stderr);
    r.stdout.split_whitespace().next().unwrap().to_owned()
}

// ------------------------------------------------------------------ webhook receiver

#[derive(Debug, Clone)]
struct Hit {
    status: u16,
    event_id: String,
    body: Value,
}

#[derive(Default)]
struct HookState {
    /// Answer 500 to this many requests first.
    fail_first: usize,
    hits: Vec<Hit>,
}

/// A real HTTPS receiver with its own self-signed certificate.
struct Hook {
    port: u16,
    ca_file: PathBuf,
    cert_der: Vec<u8>,
    key_der: Vec<u8>,
    state: Arc<Mutex<HookState>>,
    stop: Arc<AtomicBool>,
    listening: bool,
}

impl Hook {
    /// Makes the certificate (written to `ca_file`) without listening yet.
    fn prepare(dir: &Path, port: u16) -> Hook {
        let kp = rcgen::KeyPair::generate().unwrap();
        let params =
            rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
                .unwrap();
        let cert = params.self_signed(&kp).unwrap();
        let ca_file = dir.join(format!("hook-{port}.crt"));
        std::fs::write(&ca_file, cert.pem()).unwrap();
        Hook {
            port,
            ca_file,
            cert_der: cert.der().to_vec(),
            key_der: kp.serialize_der(),
            state: Arc::default(),
            stop: Arc::default(),
            listening: false,
        }
    }

    fn url(&self) -> String {
        format!("https://127.0.0.1:{}/hooks/akl?secret=s3cr3t", self.port)
    }

    fn listen(&mut self, fail_first: usize) {
        self.state.lock().unwrap().fail_first = fail_first;
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![rustls_pki_types::CertificateDer::from(
                    self.cert_der.clone(),
                )],
                rustls_pki_types::PrivateKeyDer::Pkcs8(self.key_der.clone().into()),
            )
            .unwrap();
        let config = Arc::new(config);
        let listener = TcpListener::bind(("127.0.0.1", self.port)).unwrap();
        let state = self.state.clone();
        let stop = self.stop.clone();
        std::thread::spawn(move || {
            for tcp in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(tcp) = tcp else { continue };
                let (config, state) = (config.clone(), state.clone());
                std::thread::spawn(move || {
                    let _ = serve_one(tcp, config, &state);
                });
            }
        });
        self.listening = true;
    }

    fn hits(&self) -> Vec<Hit> {
        self.state.lock().unwrap().hits.clone()
    }

    fn delivered(&self) -> Vec<Hit> {
        self.hits()
            .into_iter()
            .filter(|h| h.status == 200)
            .collect()
    }

    fn wait_delivered(&self, n: usize, gw: &Gateway) {
        let deadline = Instant::now() + Duration::from_secs(40);
        while self.delivered().len() < n {
            assert!(
                Instant::now() < deadline,
                "webhook got {:?}; gateway log:\n{}",
                self.hits(),
                gw.logs()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Hook {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if self.listening {
            let _ = TcpStream::connect(("127.0.0.1", self.port));
        }
    }
}

fn serve_one(
    tcp: TcpStream,
    config: Arc<rustls::ServerConfig>,
    state: &Mutex<HookState>,
) -> std::io::Result<()> {
    tcp.set_read_timeout(Some(Duration::from_secs(5)))?;
    let conn = rustls::ServerConnection::new(config).map_err(std::io::Error::other)?;
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = tls.read(&mut chunk)?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let header = |name: &str| {
        head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_owned())
        })
    };
    let len: usize = header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < len {
        let n = tls.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    assert!(head.starts_with("POST /hooks/akl?secret=s3cr3t "), "{head}");
    let status = {
        let mut st = state.lock().unwrap();
        let status = if st.fail_first > 0 {
            st.fail_first -= 1;
            500
        } else {
            200
        };
        st.hits.push(Hit {
            status,
            event_id: header("x-akl-event-id").unwrap_or_default(),
            body: serde_json::from_slice(&body).unwrap_or(Value::Null),
        });
        status
    };
    let reply = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}",
        if status == 200 {
            "OK"
        } else {
            "Internal Server Error"
        }
    );
    tls.write_all(reply.as_bytes())?;
    tls.conn.send_close_notify();
    tls.flush()
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

fn outbox_rows(data_dir: &Path) -> i64 {
    let conn = rusqlite::Connection::open(data_dir.join("gateway.db")).unwrap();
    conn.query_row("SELECT COUNT(*) FROM event_outbox", [], |r| r.get(0))
        .unwrap()
}

// ------------------------------------------------------------------ seed 000

/// Seed 000 as written, with adjustments a real cluster needs too: a
/// lowercase `USER_NAME` (the page's `AkeylessK8sAuth` is refused by
/// Kubernetes as a CSR object name; the page says to pick your own), the
/// manifests the page's formatting dropped lines of, and a wait for the
/// signer (it signs asynchronously). GNU `base64` wraps `$USER_KEY` at 76
/// columns, so unquoted it splits into several words: `create-certificate
/// --key-data` joins them (that line is unchanged); the config command's
/// `--k8s-client-key` gets quotes.
const SEED_000: &str = r#"
set -euo pipefail
akeyless configure --profile default --access-id "$ADMIN_ID" --access-key "$ADMIN_KEY" --access-type access_key --gateway-url "$GATEWAY_URL" >/dev/null

export USER_NAME="akeyless-k8s-auth";
export GROUP="AkeylessAuth";
K8S_CSR=$(akeyless generate-csr -n /k8s/Clustername/csr/$USER_NAME --generate-key --alg RSA2048 --common-name $USER_NAME --gateway-url $GATEWAY_URL --org $GROUP --json --jq-expression ".data"| base64 | tr -d "\n")
USER_KEY=$(akeyless export-classic-key -n /k8s/Clustername/csr/$USER_NAME --jq-expression ".key" | base64)

cat <<EOF | kubectl apply -f -
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: ${USER_NAME}
spec:
  groups:
  - system:authenticated
  request: ${K8S_CSR}
  signerName: kubernetes.io/kube-apiserver-client
  usages:
  - client auth
EOF

kubectl certificate approve $USER_NAME
for i in $(seq 50); do
  [ -n "$(kubectl get csr $USER_NAME -o jsonpath='{.status.certificate}')" ] && break
  sleep 0.1
done
USER_CERT=$(kubectl get csr $USER_NAME -o jsonpath='{.status.certificate}')
akeyless create-certificate --name /k8s/Clustername/certificates/$USER_NAME --certificate-data $USER_CERT --key-data $USER_KEY --expiration-event-in 30

cat <<EOF | kubectl apply -f -
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: role-tokenreview-binding
  namespace: default
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: system:auth-delegator
subjects:
- kind: User
  apiGroup: rbac.authorization.k8s.io
  name: ${USER_NAME}
  namespace: default
EOF

CA_CERT=$(kubectl config view --raw --minify --flatten  \
    --output 'jsonpath={.clusters[].cluster.certificate-authority-data}')
OUT=$(akeyless create-auth-method-k8s -n my-k8s-auth-method --bound-pod-names mypod1 \
    --bound-pod-names mypod2 --bound-namespaces my-namespace-a --json)
ACCESS_ID=$(echo "$OUT" | jq -r .access_id)
PRV_KEY=$(echo "$OUT" | jq -r .prv_key)
akeyless gateway-create-k8s-auth-config \
--name k8s-conf \
--gateway-url $GATEWAY_URL \
--access-id $ACCESS_ID \
--signing-key $PRV_KEY \
--k8s-auth-type certificate \
--k8s-host $K8S_HOST \
--k8s-client-certificate $USER_CERT \
--k8s-client-key "$USER_KEY" \
--k8s-ca-cert $CA_CERT \
--k8s-issuer $K8S_ISSUER
echo "K8S_CSR=$K8S_CSR"
echo "USER_KEY=$(echo "$USER_KEY" | tr -d '\n')"
echo "USER_CERT=$USER_CERT"
echo "ACCESS_ID=$ACCESS_ID"
"#;

fn value<'a>(out: &'a str, key: &str) -> &'a str {
    out.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("{key} not in {out}"))
}

#[test]
fn seed_000_client_certificate_flow_with_a_gateway_classic_key() {
    if !have("kubectl") || !have("openssl") || !have("jq") {
        eprintln!("kubectl, openssl or jq missing; skipping");
        return;
    }
    let kube = KubeApiServer::start();
    kube.create_namespace("my-namespace-a");
    kube.create_pod("my-namespace-a", "mypod1", "default");
    let mut env = Env::new();
    let kc = env.path("kubeconfig");
    kube.write_kubeconfig(&kc, KubeconfigUser::AdminToken, "test");
    env.kubeconfig = Some(kc);
    let gw = Gateway::start(&env.data_dir());
    let admin = gw.admin.clone().unwrap();

    let r = env.bash(
        SEED_000,
        &[
            ("ADMIN_ID", &admin.0),
            ("ADMIN_KEY", &admin.1),
            ("GATEWAY_URL", &gw.url),
            ("K8S_HOST", &kube.url()),
            ("K8S_ISSUER", &kube.issuer()),
        ],
    );
    assert_eq!(
        r.code,
        0,
        "seed 000 failed:\n{}\n{}\ngateway log:\n{}",
        r.stdout,
        r.stderr,
        gw.logs()
    );
    assert!(
        r.stdout
            .contains("K8S Auth config k8s-conf successfully created. ID=["),
        "{}",
        r.stdout
    );

    // The CSR and the exported key hold the same public key (openssl's view).
    let csr = STANDARD.decode(value(&r.stdout, "K8S_CSR")).unwrap();
    let key = STANDARD.decode(value(&r.stdout, "USER_KEY")).unwrap();
    let cert = STANDARD.decode(value(&r.stdout, "USER_CERT")).unwrap();
    std::fs::write(env.path("user.csr"), &csr).unwrap();
    std::fs::write(env.path("user.key"), &key).unwrap();
    std::fs::write(env.path("user.crt"), &cert).unwrap();
    // `--jq-expression` prints the value and a newline, as jq -r does.
    let key_text = format!("{}\n", String::from_utf8(key.clone()).unwrap().trim_end());
    assert!(
        key_text.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"),
        "{key_text}"
    );
    let want = openssl_pubkey(env.dir.path(), "key", "user.key");
    assert_eq!(openssl_pubkey(env.dir.path(), "csr", "user.csr"), want);
    assert_eq!(openssl_pubkey(env.dir.path(), "crt", "user.crt"), want);
    let subject = common::tool(
        env.dir.path(),
        "openssl",
        &["req", "-in", "user.csr", "-noout", "-subject", "-verify"],
    );
    assert!(
        subject
            .stdout
            .contains("O = AkeylessAuth, CN = akeyless-k8s-auth"),
        "{}",
        subject.stdout
    );
    let bits = common::tool(
        env.dir.path(),
        "openssl",
        &["pkey", "-in", "user.key", "-noout", "-text"],
    );
    assert!(bits.stdout.contains("2048 bit"), "{}", bits.stdout);

    // The stored certificate user reviews tokens: a pod authenticates.
    let token = kube.token_request(
        "my-namespace-a",
        "default",
        TokenOpts {
            pod: Some("mypod1".into()),
            ..Default::default()
        },
    );
    let access_id = value(&r.stdout, "ACCESS_ID");
    let r = env.akl(&[
        "auth",
        "--access-id",
        access_id,
        "--access-type",
        "k8s",
        "--gateway-url",
        &gw.url,
        "--k8s-auth-config-name",
        "k8s-conf",
        "--k8s-service-account-token",
        &STANDARD.encode(&token),
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stderr, gw.logs());
    assert!(r.stdout.starts_with("Authentication succeeded.\nToken: t-"));

    // The stored certificate and key come back as uploaded.
    let v = env
        .akl(&[
            "get-certificate-value",
            "-n",
            "/k8s/Clustername/certificates/akeyless-k8s-auth",
            "--json",
        ])
        .ok()
        .json();
    // Stored as PEM with LF line ends (the signer wrote CRLF).
    let cert_text = String::from_utf8(cert.clone())
        .unwrap()
        .replace("\r\n", "\n");
    assert_eq!(v["certificate_pem"].as_str().unwrap(), cert_text);
    assert_eq!(v["private_key_pem"].as_str().unwrap(), key_text);

    // export-classic-key's JSON has exactly akeyless' four keys.
    let v = env
        .akl(&[
            "export-classic-key",
            "-n",
            "k8s/Clustername/csr/akeyless-k8s-auth/",
            "-v",
            "1",
            "--json",
        ])
        .ok()
        .json();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["key", "certificatePem", "ssh", "wrapping-iv"]);
    assert_eq!(v["key"], key_text.as_str());
    let public = env
        .akl(&[
            "export-classic-key",
            "-n",
            "/k8s/Clustername/csr/akeyless-k8s-auth",
            "--export-public-key",
        ])
        .ok();
    std::fs::write(env.path("pub.pem"), &public.stdout).unwrap();
    let r = common::tool(
        env.dir.path(),
        "bash",
        &[
            "-o",
            "pipefail",
            "-c",
            "openssl pkey -pubin -in pub.pem -outform DER | sha256sum",
        ],
    );
    assert!(r.stdout.starts_with(&want), "{}", r.stdout);

    // A CSR for the stored key (no --generate-key) uses the same key.
    let r = env
        .akl(&[
            "generate-csr",
            "-n",
            "/k8s/Clustername/csr/akeyless-k8s-auth",
            "--common-name",
            "again",
            "--ext-key-usage",
            "clientAuth",
        ])
        .ok();
    std::fs::write(env.path("again.csr"), &r.stdout).unwrap();
    assert_eq!(openssl_pubkey(env.dir.path(), "csr", "again.csr"), want);

    // Reusing the name refuses, and keeps the key.
    refused(
        &env.akl(&[
            "generate-csr",
            "-n",
            "/k8s/Clustername/csr/akeyless-k8s-auth",
            "--generate-key",
            "--common-name",
            "x",
        ]),
        "item /k8s/Clustername/csr/akeyless-k8s-auth already exists",
    );
    let again = env
        .akl(&[
            "export-classic-key",
            "-n",
            "/k8s/Clustername/csr/akeyless-k8s-auth",
        ])
        .ok();
    assert_eq!(again.stdout.trim_end(), key_text.trim_end());

    // Asked to overwrite (--force), the key is replaced by a new one.
    env.akl(&[
        "generate-csr",
        "-n",
        "/replace-me",
        "--generate-key",
        "--alg",
        "EC256",
        "--common-name",
        "x",
    ])
    .ok();
    let first = env
        .akl(&["export-classic-key", "-n", "/replace-me"])
        .ok()
        .stdout;
    env.akl(&[
        "generate-csr",
        "-n",
        "/replace-me",
        "--generate-key",
        "--alg",
        "EC256",
        "--common-name",
        "x",
        "--force",
    ])
    .ok();
    let second = env
        .akl(&["export-classic-key", "-n", "/replace-me"])
        .ok()
        .stdout;
    assert!(
        second.contains("PRIVATE KEY") && second != first,
        "--force replaces the stored key"
    );
    let listed = env.akl(&["list-items", "--json"]).ok().json();
    let n = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["item_name"] == "/replace-me")
        .count();
    assert_eq!(n, 1, "one item after the replacement");
    env.akl(&["delete-item", "-n", "/replace-me"]).ok();
    refused(
        &env.akl(&["generate-csr", "-n", "/nokey", "--common-name", "x"]),
        "classic key /nokey not found",
    );
    refused(
        &env.akl(&[
            "generate-csr",
            "-n",
            "/dfc",
            "--generate-key",
            "--common-name",
            "x",
            "--key-type",
            "dfc",
        ]),
        "dfc",
    );
    refused(
        &env.akl(&[
            "export-classic-key",
            "-n",
            "/k8s/Clustername/csr/akeyless-k8s-auth",
            "-v",
            "2",
        ]),
        "no version 2",
    );

    let items = env.items();
    let types: Vec<(&str, &str)> = items
        .iter()
        .map(|i| {
            (
                i["item_name"].as_str().unwrap(),
                i["item_type"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        types,
        [
            (
                "/k8s/Clustername/certificates/akeyless-k8s-auth",
                "CERTIFICATE"
            ),
            ("/k8s/Clustername/csr/akeyless-k8s-auth", "CLASSIC_KEY"),
        ]
    );
    let cert_item = &items[0];
    assert_eq!(
        cert_item["item_general_info"]["expiration_events"][0]["seconds_before"],
        30 * 86_400
    );
    let v = env
        .akl(&["list-items", "--type", "classic-key", "--json"])
        .ok()
        .json();
    assert_eq!(v["items"].as_array().unwrap().len(), 1);

    // A year-long certificate has not crossed its 30-day threshold.
    std::thread::sleep(Duration::from_millis(300));
    let logs = gw.logs();
    assert_eq!(count(&logs, "certificate expiration event"), 0, "{logs}");
    // No key material in the gateway's log or, in the clear, in its database.
    // A line from the private part (the first lines hold the public modulus).
    let key_body: String = key_text.lines().rev().nth(2).unwrap().to_owned();
    assert!(!logs.contains(&key_body), "key material in the log");
    for f in ["gateway.db", "gateway.db-wal"] {
        let bytes = std::fs::read(env.data_dir().join(f)).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(&key_body),
            "key material in the clear in {f}"
        );
    }

    // delete-item removes the key; the name can then be reused.
    let v = env
        .akl(&[
            "delete-item",
            "-n",
            "/k8s/Clustername/csr/akeyless-k8s-auth",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(v["item_name"], "/k8s/Clustername/csr/akeyless-k8s-auth");
    env.akl(&[
        "generate-csr",
        "-n",
        "/k8s/Clustername/csr/akeyless-k8s-auth",
        "--generate-key",
        "--alg",
        "EC256",
        "--common-name",
        "x",
    ])
    .ok();
}

// ------------------------------------------------------------------ expiration events

fn serve_args(hook: &Hook) -> Vec<String> {
    vec![
        "--expiration-check-interval".into(),
        "1".into(),
        "--event-webhook".into(),
        hook.url(),
        "--event-webhook-ca".into(),
        hook.ca_file.display().to_string(),
    ]
}

fn start(env: &Env, port: u16, args: &[String]) -> Gateway {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Gateway::start_with(&env.data_dir(), port, &args, &[])
}

#[test]
fn an_expiring_certificate_fires_once_retries_the_webhook_and_survives_restart() {
    let env = Env::new();
    let mut hook = Hook::prepare(env.dir.path(), Gateway::free_port());
    hook.listen(2);
    let port = Gateway::free_port();
    let args = serve_args(&hook);
    let gw = start(&env, port, &args);
    let admin = gw.admin.clone().unwrap();
    env.configure(&gw, &admin);

    // Expires in 10 days, threshold 30: fires. A year-long one does not.
    let (cert, key) = certificate(10);
    std::fs::write(env.path("soon.crt"), &cert).unwrap();
    std::fs::write(env.path("soon.key"), &key).unwrap();
    let v = env
        .akl(&[
            "create-certificate",
            "--name",
            "/k8s/certs/soon",
            "-c",
            "soon.crt",
            "-p",
            "soon.key",
            "-e",
            "30",
            "-t",
            "team-a",
            "--description",
            "expires soon",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(v, serde_json::json!({"name": "/k8s/certs/soon"}));
    let (later_cert, later_key) = certificate(400);
    env.akl(&[
        "create-certificate",
        "--name",
        "/k8s/certs/later",
        "--certificate-data",
        &STANDARD.encode(&later_cert),
        "--key-data",
        &STANDARD.encode(&later_key),
        "--expiration-event-in",
        "30,7",
    ])
    .ok();

    // Two 500s, then delivered: three attempts of one event.
    hook.wait_delivered(1, &gw);
    let hits = hook.hits();
    assert_eq!(
        hits.iter().map(|h| h.status).collect::<Vec<_>>(),
        [500, 500, 200],
        "{hits:?}"
    );
    assert!(hits.iter().all(|h| h.event_id == hits[0].event_id));
    assert_eq!(hits[0].event_id.len(), 32);
    let body = &hits[2].body;
    let keys: Vec<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "event",
            "item_name",
            "threshold_days",
            "days_left",
            "not_after",
            "gateway_cluster_id"
        ]
    );
    assert_eq!(body["event"], "certificate-expiration");
    assert_eq!(body["item_name"], "/k8s/certs/soon");
    assert_eq!(body["threshold_days"], 30);
    let days_left = body["days_left"].as_i64().unwrap();
    assert!((9..=10).contains(&days_left), "{body}");
    assert!(body["not_after"].as_str().unwrap().ends_with('Z'));
    assert!(
        body["gateway_cluster_id"]
            .as_str()
            .unwrap()
            .starts_with("cl-")
    );
    let items = env.items();
    let soon = items
        .iter()
        .find(|i| i["item_name"] == "/k8s/certs/soon")
        .unwrap();
    assert_eq!(
        soon["item_general_info"]["certificate_chain_info"]["certificate_chain"][0]["not_after"],
        body["not_after"]
    );
    assert_eq!(soon["item_tags"], serde_json::json!(["team-a"]));
    assert_eq!(soon["item_metadata"], "expires soon");

    // More scans: nothing new.
    std::thread::sleep(Duration::from_millis(2500));
    let logs = gw.logs();
    assert_eq!(count(&logs, "certificate expiration event"), 1, "{logs}");
    assert!(logs.contains("name=/k8s/certs/soon"), "{logs}");
    assert!(logs.contains("threshold=30"), "{logs}");
    assert_eq!(
        count(&logs, "event webhook delivery failed; will retry"),
        2,
        "{logs}"
    );
    assert_eq!(count(&logs, "event webhook delivered"), 1, "{logs}");
    assert!(
        !logs.contains("s3cr3t"),
        "the webhook URL's secret is logged"
    );
    assert!(
        !logs.contains(key.lines().nth(1).unwrap()),
        "key in the log"
    );
    assert_eq!(hook.hits().len(), 3);
    assert_eq!(outbox_rows(&env.data_dir()), 0);

    // A restart does not fire it again.
    gw.stop();
    let gw = start(&env, port, &args);
    std::thread::sleep(Duration::from_millis(3000));
    let logs = gw.logs();
    assert_eq!(count(&logs, "certificate expiration event"), 1, "{logs}");
    assert_eq!(count(&logs, "gateway started"), 2, "{logs}");
    assert_eq!(hook.hits().len(), 3);

    // The key stored with it comes back; a new certificate under a new
    // name with an already-crossed threshold fires at once.
    let v = env
        .akl(&["get-certificate-value", "-n", "k8s/certs/soon", "--json"])
        .ok()
        .json();
    assert_eq!(v["private_key_pem"].as_str().unwrap().trim(), key.trim());
    let (cert2, key2) = certificate(3);
    env.akl(&[
        "create-certificate",
        "--name",
        "/k8s/certs/sooner",
        "--certificate-data",
        &STANDARD.encode(&cert2),
        "--key-data",
        &STANDARD.encode(&key2),
        "-e",
        "7",
        "-e",
        "30",
    ])
    .ok();
    hook.wait_delivered(3, &gw);
    std::thread::sleep(Duration::from_millis(1500));
    let mut fired: Vec<i64> = hook.delivered()[1..]
        .iter()
        .map(|h| h.body["threshold_days"].as_i64().unwrap())
        .collect();
    fired.sort();
    assert_eq!(fired, [7, 30]);
    assert_eq!(hook.delivered().len(), 3);
}

#[test]
fn a_delivery_pending_when_the_gateway_stops_is_sent_after_restart() {
    let env = Env::new();
    // The receiver is down at first: connections are refused.
    let mut hook = Hook::prepare(env.dir.path(), Gateway::free_port());
    let port = Gateway::free_port();
    let args = serve_args(&hook);
    let gw = start(&env, port, &args);
    let admin = gw.admin.clone().unwrap();
    env.configure(&gw, &admin);
    let (cert, key) = certificate(5);
    env.akl(&[
        "create-certificate",
        "--name",
        "pending",
        "--certificate-data",
        &STANDARD.encode(&cert),
        "--key-data",
        &STANDARD.encode(&key),
        "--expiration-event-in",
        "30",
    ])
    .ok();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !gw
        .logs()
        .contains("event webhook delivery failed; will retry")
    {
        assert!(Instant::now() < deadline, "no attempt: {}", gw.logs());
        std::thread::sleep(Duration::from_millis(100));
    }
    gw.stop();
    assert_eq!(outbox_rows(&env.data_dir()), 1, "the delivery is kept");

    hook.listen(0);
    let gw = start(&env, port, &args);
    hook.wait_delivered(1, &gw);
    let logs = gw.logs();
    assert!(
        logs.contains("retrying pending event deliveries now"),
        "{logs}"
    );
    assert!(
        !logs.contains("s3cr3t"),
        "the webhook URL's secret is logged"
    );
    assert_eq!(count(&logs, "certificate expiration event"), 1, "{logs}");
    assert_eq!(hook.delivered()[0].body["item_name"], "/pending");
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(hook.hits().len(), 1);
    gw.stop();
    assert_eq!(outbox_rows(&env.data_dir()), 0);
}

// ------------------------------------------------------------------ bad input

#[test]
fn bad_certificate_input_gets_one_clear_line_and_stores_nothing() {
    let env = Env::new();
    let gw = Gateway::start(&env.data_dir());
    let admin = gw.admin.clone().unwrap();
    env.configure(&gw, &admin);
    let (cert, key) = certificate(30);
    let (_, other_key) = certificate(30);
    std::fs::write(env.path("c.pem"), &cert).unwrap();
    std::fs::write(env.path("wrong.key"), &other_key).unwrap();
    std::fs::write(env.path("c.p12"), b"not really pkcs12").unwrap();
    let b64 = |s: &str| STANDARD.encode(s);
    let cert_b64 = b64(&cert);
    let key_b64 = b64(&key);
    let broken_cert = b64("-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJ\n-----END CERTIFICATE-----\n");
    let unframed_cert = b64("-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJ\n");
    let key_line = key.lines().nth(1).unwrap();
    let broken_key = b64(&key.replace(key_line, &format!("{key_line}#")));
    let unframed_key = b64(&key.replace("-----END PRIVATE KEY-----", ""));

    let cases: Vec<(&str, Vec<&str>, &str)> = vec![
        (
            "key of another certificate",
            vec!["--certificate-data", &cert_b64, "-p", "wrong.key"],
            "key-data does not match the certificate",
        ),
        (
            "certificate not base64",
            vec![
                "--certificate-data",
                "%%%not-base64%%%",
                "--key-data",
                &key_b64,
            ],
            "certificate-data is not valid base64",
        ),
        (
            "key not base64",
            vec![
                "--certificate-data",
                &cert_b64,
                "--key-data",
                "%%%not-base64%%%",
            ],
            "key-data is not valid base64",
        ),
        (
            "certificate PEM holds no certificate",
            vec!["--certificate-data", &broken_cert, "--key-data", &key_b64],
            "certificate-data: the certificate cannot be parsed",
        ),
        (
            "certificate PEM without its end line",
            vec!["--certificate-data", &unframed_cert, "--key-data", &key_b64],
            "certificate-data holds malformed PEM",
        ),
        (
            "key PEM with a bad character",
            vec!["--certificate-data", &cert_b64, "--key-data", &broken_key],
            "key-data holds malformed PEM",
        ),
        (
            "key PEM without its end line",
            vec!["--certificate-data", &cert_b64, "--key-data", &unframed_key],
            "key-data holds malformed PEM",
        ),
        (
            "certificate and key swapped",
            vec!["--certificate-data", &key_b64, "--key-data", &cert_b64],
            "are certificate-data and key-data swapped?",
        ),
        (
            "a certificate as the key",
            vec!["--certificate-data", &cert_b64, "--key-data", &cert_b64],
            "key-data holds no usable private key",
        ),
        (
            "pkcs12",
            vec!["-c", "c.p12", "--key-data", &key_b64],
            "format p12 (PKCS#12) is not supported",
        ),
        (
            "bad threshold",
            vec!["--certificate-data", &cert_b64, "-e", "soon"],
            "expiration-event-in 'soon' is not a whole number of days",
        ),
        (
            "missing file",
            vec!["-c", "missing.pem"],
            "cannot read --certificate missing.pem",
        ),
        (
            "no certificate",
            vec!["--key-data", &key_b64],
            "--certificate-data",
        ),
    ];
    let mut failures = Vec::new();
    for (what, extra, want) in &cases {
        let mut args = vec!["create-certificate", "--name", "/k8s/certs/bad"];
        args.extend(extra.iter().copied());
        let r = env.akl(&args);
        let mut problems = Vec::new();
        if r.code == 0 {
            problems.push("exit code 0".to_owned());
        }
        if !r.stdout.is_empty() {
            problems.push(format!("stdout: {}", r.stdout));
        }
        if r.stderr.lines().count() != 1 {
            problems.push("not one stderr line".to_owned());
        }
        if !r.stderr.contains(want) {
            problems.push(format!("lacks {want:?}"));
        }
        if r.stderr.contains(key_line) || r.stderr.contains(&key_b64[10..40]) {
            problems.push("key material in the error".to_owned());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{what}: {} — {}",
                problems.join(", "),
                r.stderr.trim()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    assert!(env.items().is_empty(), "something was stored");

    // The good pair is stored once; the name is then taken.
    env.akl(&[
        "create-certificate",
        "--name",
        "/k8s/certs/bad",
        "-c",
        "c.pem",
        "--key-data",
        &key_b64,
        "--delete-protection",
    ])
    .ok();
    refused(
        &env.akl(&[
            "create-certificate",
            "--name",
            "k8s/certs/bad",
            "-c",
            "c.pem",
        ]),
        "item /k8s/certs/bad already exists",
    );
    refused(
        &env.akl(&["delete-item", "-n", "/k8s/certs/bad"]),
        "protected from deletion",
    );
    refused(
        &env.akl(&["export-classic-key", "-n", "/k8s/certs/bad"]),
        "is a certificate, not a classic key",
    );
    assert_eq!(env.items().len(), 1);
    assert!(!gw.logs().contains(key_line), "key material in the log");
}
