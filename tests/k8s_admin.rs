//! `akl k8s issue-client-cert | setup-token-reviewer | bind-auth-delegator`
//! against the in-process Kubernetes API server of `tests/support`.

mod common;
mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use common::{Run, have, run, tool};
use serde_json::{Value, json};
use support::{KubeApiServer, KubeconfigUser, Options, Subject};

const CSR_PATH: &str = "/apis/certificates.k8s.io/v1/certificatesigningrequests";
const CRB_PATH: &str = "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings";

struct Env {
    server: KubeApiServer,
    dir: tempfile::TempDir,
    /// Admin kubeconfig.
    kc: String,
}

fn env_with(opts: Options) -> Env {
    let server = KubeApiServer::start_with(opts);
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("admin.yaml");
    server.write_kubeconfig(&kc, KubeconfigUser::AdminToken, "test");
    Env {
        server,
        kc: kc.display().to_string(),
        dir,
    }
}

fn env() -> Env {
    env_with(Options::default())
}

impl Env {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn akl(&self, args: &[&str]) -> Run {
        run(self.dir.path(), args)
    }

    /// `akl k8s SUB --kubeconfig <admin> ARGS`.
    fn k8s(&self, sub: &str, args: &[&str]) -> Run {
        let mut all = vec!["k8s", sub, "--kubeconfig", &self.kc];
        all.extend_from_slice(args);
        self.akl(&all)
    }

    /// A CSR and its key made by `akl generate-csr` (local mode).
    fn csr(&self, user: &str, orgs: &[&str]) -> (String, String) {
        let csr = self.path(&format!("{user}.csr"));
        let key = self.path(&format!("{user}.key"));
        let mut args = vec![
            "generate-csr",
            "-n",
            user,
            "--common-name",
            user,
            "--key-file",
            key.to_str().unwrap(),
        ];
        let org = orgs.join(",");
        if !orgs.is_empty() {
            args.extend(["--org", &org]);
        }
        let r = self.akl(&args).ok();
        std::fs::write(&csr, &r.stdout).unwrap();
        (csr.display().to_string(), key.display().to_string())
    }

    fn csr_object(&self, name: &str) -> Option<Value> {
        self.server.get_object(&format!("{CSR_PATH}/{name}"))
    }

    fn crb(&self, name: &str) -> Option<Value> {
        self.server.get_object(&format!("{CRB_PATH}/{name}"))
    }
}

fn pem_of(b64: &str) -> String {
    String::from_utf8(STANDARD.decode(b64).unwrap()).unwrap()
}

fn subject_of(cert_pem: &str) -> (String, Vec<String>) {
    let block = pem::parse(cert_pem).unwrap();
    let (_, cert) = x509_parser::parse_x509_certificate(block.contents()).unwrap();
    let cn = cert
        .subject()
        .iter_common_name()
        .next()
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    let orgs = cert
        .subject()
        .iter_organization()
        .map(|a| a.as_str().unwrap().to_owned())
        .collect();
    (cn, orgs)
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// POST a review object as `client`; returns its status.
fn post(
    server: &KubeApiServer,
    client: &reqwest::Client,
    path: &str,
    bearer: Option<&str>,
    body: Value,
) -> (u16, Value) {
    rt().block_on(async {
        let mut rb = client.post(format!("{}{path}", server.url())).json(&body);
        if let Some(t) = bearer {
            rb = rb.bearer_auth(t);
        }
        let resp = rb.send().await.unwrap();
        let code = resp.status().as_u16();
        (code, resp.json::<Value>().await.unwrap_or(Value::Null))
    })
}

fn http(server: &KubeApiServer, identity: Option<(&str, &str)>) -> reqwest::Client {
    let mut b = reqwest::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(server.ca_pem().as_bytes()).unwrap()])
        .timeout(Duration::from_secs(10));
    if let Some((cert, key)) = identity {
        b = b.identity(reqwest::Identity::from_pem(format!("{cert}{key}").as_bytes()).unwrap());
    }
    b.build().unwrap()
}

#[test]
fn approved_certificate_verifies_and_authenticates_as_the_user() {
    let e = env();
    let (csr, key) = e.csr("alice", &["akl-auth", "ops"]);
    let r = e
        .k8s(
            "issue-client-cert",
            &[
                "--name",
                "alice",
                "--csr-file",
                &csr,
                "--group",
                "akl-auth,ops",
                "--approve",
                "--json",
            ],
        )
        .ok();
    let out = r.json();
    assert_eq!(out["name"], "alice");
    assert_eq!(out["approved"], true);
    let stored = e.csr_object("alice").expect("CSR created");
    // Exactly what `kubectl get csr alice -o jsonpath='{.status.certificate}'` prints.
    assert_eq!(out["certificate"], stored["status"]["certificate"]);
    assert_eq!(
        stored["spec"]["signerName"],
        "kubernetes.io/kube-apiserver-client"
    );
    assert_eq!(stored["spec"]["usages"], json!(["client auth"]));
    assert_eq!(
        pem_of(stored["spec"]["request"].as_str().unwrap()).trim(),
        std::fs::read_to_string(&csr).unwrap().trim()
    );
    let approved = stored["status"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == "Approved")
        .expect("Approved condition");
    assert_eq!(approved["reason"], "AklApprove");
    assert_eq!(approved["message"], "approved by akl k8s issue-client-cert");
    assert_eq!(approved["status"], "True");

    let cert_pem = pem_of(out["certificate"].as_str().unwrap());
    assert_eq!(
        subject_of(&cert_pem),
        ("alice".into(), vec!["akl-auth".into(), "ops".into()])
    );
    let ca = e.path("ca.pem");
    std::fs::write(&ca, e.server.ca_pem()).unwrap();
    let cert_file = e.path("alice.crt");
    std::fs::write(&cert_file, &cert_pem).unwrap();
    if have("openssl") {
        let v = tool(
            e.dir.path(),
            "openssl",
            &[
                "verify",
                "-CAfile",
                ca.to_str().unwrap(),
                cert_file.to_str().unwrap(),
            ],
        );
        assert_eq!(v.code, 0, "openssl verify: {} {}", v.stdout, v.stderr);
        assert!(v.stdout.contains(": OK"), "{}", v.stdout);
    }

    // The certificate and the key from generate-csr authenticate as alice/akl-auth/ops.
    let key_pem = std::fs::read_to_string(&key).unwrap();
    let (code, review) = post(
        &e.server,
        &http(&e.server, Some((&cert_pem, &key_pem))),
        "/apis/authentication.k8s.io/v1/selfsubjectreviews",
        None,
        json!({"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"}),
    );
    assert_eq!(code, 201, "{review}");
    assert_eq!(review["status"]["userInfo"]["username"], "alice");
    let groups = &review["status"]["userInfo"]["groups"];
    for g in ["akl-auth", "ops", "system:authenticated"] {
        assert!(groups.as_array().unwrap().contains(&json!(g)), "{groups}");
    }
    // …and through a kubeconfig: akl k8s issuer as alice is refused by
    // RBAC as alice, then allowed once alice is bound to the discovery role.
    let alice_kc = e.path("alice.yaml");
    e.server.write_kubeconfig(
        &alice_kc,
        KubeconfigUser::ClientCert {
            cert_pem: cert_pem.clone(),
            key_pem,
        },
        "alice",
    );
    let r = e.akl(&["k8s", "issuer", "--kubeconfig", alice_kc.to_str().unwrap()]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("403") && r.stderr.contains("alice"),
        "{}",
        r.stderr
    );
    e.server.create_cluster_role_binding(
        "alice-discovery",
        "system:service-account-issuer-discovery",
        &[Subject::User("alice".into())],
    );
    let r = e
        .akl(&["k8s", "issuer", "--kubeconfig", alice_kc.to_str().unwrap()])
        .ok();
    assert_eq!(r.stdout.trim(), e.server.issuer());

    // Re-running with the same request reuses the CSR: same certificate, text mode.
    let again = e
        .k8s(
            "issue-client-cert",
            &["--name", "alice", "--csr-file", &csr, "--approve"],
        )
        .ok();
    assert_eq!(
        again.stdout,
        format!("{}\n", out["certificate"].as_str().unwrap())
    );
    let j = e
        .k8s(
            "issue-client-cert",
            &["--name", "alice", "--csr-file", &csr, "--json"],
        )
        .ok()
        .json();
    assert_eq!(j["approved"], false, "nothing was approved by this run");
    assert_eq!(j["certificate"], out["certificate"]);

    // --out writes the PEM, 0644, and refuses to overwrite without --force.
    let out_file = e.path("out/alice.pem");
    std::fs::create_dir(e.path("out")).unwrap();
    let o = out_file.to_str().unwrap();
    let r = e
        .k8s(
            "issue-client-cert",
            &["--name", "alice", "--csr-file", &csr, "--out", o],
        )
        .ok();
    assert!(r.stdout.contains(o), "{}", r.stdout);
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), cert_pem);
    assert_eq!(
        std::fs::metadata(&out_file).unwrap().permissions().mode() & 0o777,
        0o644
    );
    let r = e.k8s(
        "issue-client-cert",
        &["--name", "alice", "--csr-file", &csr, "--out", o],
    );
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("already exists") && r.stderr.contains("--force"),
        "{}",
        r.stderr
    );
    std::fs::write(&out_file, "old").unwrap();
    e.k8s(
        "issue-client-cert",
        &["--name", "alice", "--csr-file", &csr, "--out", o, "--force"],
    )
    .ok();
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), cert_pem);

    // Another request under the same name is refused, and nothing changes.
    let (other, _) = e.csr("alice2", &[]);
    let r = e.k8s(
        "issue-client-cert",
        &["--name", "alice", "--csr-file", &other, "--approve"],
    );
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("already exists with a different request")
            && r.stderr.contains("kubectl delete csr alice"),
        "{}",
        r.stderr
    );
    assert_eq!(
        e.csr_object("alice").unwrap()["spec"]["request"],
        stored["spec"]["request"]
    );
}

#[test]
fn pending_without_approve_times_out_then_an_approval_is_picked_up() {
    let e = env();
    let (csr, _) = e.csr("bob", &[]);
    let started = Instant::now();
    let r = e.k8s(
        "issue-client-cert",
        &["--name", "bob", "--csr-file", &csr, "--timeout", "1"],
    );
    assert_ne!(r.code, 0);
    assert!(started.elapsed() < Duration::from_secs(20));
    let err = r.stderr.trim();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("still pending approval") && err.contains("kubectl certificate approve bob"),
        "{err}"
    );
    assert!(
        !r.stdout.contains('\r'),
        "no progress indicator off a terminal"
    );
    assert!(
        !r.stderr.contains('\r'),
        "no progress indicator off a terminal"
    );
    let pending = e.csr_object("bob").expect("CSR submitted");
    // On a terminal, a progress line is drawn on stderr and erased again.
    if have("script") {
        let cmd = format!(
            "{} k8s issue-client-cert --kubeconfig {} --name bob --csr-file {csr} --timeout 1",
            common::akl_bin(),
            e.kc
        );
        let r = Run::from_output(
            std::process::Command::new("script")
                .current_dir(e.dir.path())
                .env("TERM", "xterm")
                .args(["-qec", &cmd, "/dev/null"])
                .output()
                .unwrap(),
        );
        assert!(
            r.stdout
                .contains("\r\x1b[K| CertificateSigningRequest bob: pending approval (0s)")
                && r.stdout.contains("\r\x1b[KError: timed out after 1s"),
            "{:?}",
            r.stdout
        );
    }
    assert!(pending["status"].get("conditions").is_none(), "{pending}");

    // An admin approves; a re-run fetches the certificate from the same CSR.
    e.server.approve_csr("bob");
    let j = e
        .k8s(
            "issue-client-cert",
            &["--name", "bob", "--csr-file", &csr, "--json"],
        )
        .ok()
        .json();
    assert_eq!(j["approved"], false);
    assert_eq!(
        subject_of(&pem_of(j["certificate"].as_str().unwrap())).0,
        "bob"
    );
    assert_eq!(
        e.csr_object("bob").unwrap()["metadata"]["uid"],
        pending["metadata"]["uid"],
        "the CSR was reused"
    );
}

#[test]
fn a_denial_fails_with_its_reason() {
    let e = env();
    let (csr, _) = e.csr("carol", &[]);
    std::thread::scope(|s| {
        s.spawn(|| {
            let deadline = Instant::now() + Duration::from_secs(20);
            while e.csr_object("carol").is_none() {
                assert!(Instant::now() < deadline, "the CSR never appeared");
                std::thread::sleep(Duration::from_millis(50));
            }
            e.server.deny_csr("carol");
        });
        let started = Instant::now();
        let r = e.k8s(
            "issue-client-cert",
            &["--name", "carol", "--csr-file", &csr, "--timeout", "30"],
        );
        assert_ne!(r.code, 0);
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "a denial ends the wait"
        );
        assert!(
            r.stderr.contains("carol was denied")
                && r.stderr.contains("TestDenied")
                && r.stderr
                    .contains("This CSR was denied by the test harness."),
            "{}",
            r.stderr
        );
    });
    // A denied CSR is final: a re-run (even with --approve) says so at once.
    let r = e.k8s(
        "issue-client-cert",
        &["--name", "carol", "--csr-file", &csr, "--approve"],
    );
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("denied") && r.stderr.contains("kubectl delete csr carol"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_approved_csr_nobody_signs_times_out_clearly() {
    let e = env_with(Options {
        auto_sign: false,
        ..Options::default()
    });
    let (csr, _) = e.csr("dan", &[]);
    let r = e.k8s(
        "issue-client-cert",
        &[
            "--name",
            "dan",
            "--csr-file",
            &csr,
            "--approve",
            "--timeout",
            "2",
        ],
    );
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("timed out after 2s")
            && r.stderr.contains("approved but")
            && r.stderr.contains("signer"),
        "{}",
        r.stderr
    );
    let stored = e.csr_object("dan").unwrap();
    assert_eq!(stored["status"]["conditions"][0]["reason"], "AklApprove");
}

#[test]
fn approving_without_the_permission_says_what_to_do() {
    let e = env();
    // erin may submit CSRs but not approve them.
    e.server.create_cluster_role(
        "csr-submitter",
        json!([{"apiGroups": ["certificates.k8s.io"], "resources": ["certificatesigningrequests"], "verbs": ["create", "get", "list", "watch"]}]),
    );
    e.server.create_cluster_role_binding(
        "erin-csr",
        "csr-submitter",
        &[Subject::User("erin".into())],
    );
    let (cert_pem, key_pem) = e.server.issue_client_cert("erin", &["devs"]);
    let erin_kc = e.path("erin.yaml");
    e.server.write_kubeconfig(
        &erin_kc,
        KubeconfigUser::ClientCert { cert_pem, key_pem },
        "erin",
    );
    let kc = erin_kc.to_str().unwrap();
    let (csr, _) = e.csr("frank", &[]);
    let r = e.akl(&[
        "k8s",
        "issue-client-cert",
        "--kubeconfig",
        kc,
        "--name",
        "frank",
        "--csr-file",
        &csr,
        "--approve",
    ]);
    assert_ne!(r.code, 0);
    let err = r.stderr.trim();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("lacks `approve` on signers kubernetes.io/kube-apiserver-client")
            && err.contains("kubectl certificate approve frank"),
        "{err}"
    );
    // The CSR is there, pending; once an admin approves, erin gets the certificate.
    assert!(e.csr_object("frank").is_some());
    e.server.approve_csr("frank");
    let r = e
        .akl(&[
            "k8s",
            "issue-client-cert",
            "--kubeconfig",
            kc,
            "--name",
            "frank",
            "--csr-file",
            &csr,
        ])
        .ok();
    assert_eq!(subject_of(&pem_of(r.stdout.trim())).0, "frank");

    // A user who may not create bindings gets the missing permission named.
    let r = e.akl(&[
        "k8s",
        "bind-auth-delegator",
        "--kubeconfig",
        kc,
        "--user",
        "frank",
    ]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr
            .contains("lacks `get` on clusterrolebindings.rbac.authorization.k8s.io"),
        "{}",
        r.stderr
    );
}

#[test]
fn dry_runs_and_bad_input_change_nothing() {
    let e = env();
    let (csr, _) = e.csr("gina", &["g"]);
    let r = e
        .k8s(
            "issue-client-cert",
            &[
                "--name",
                "gina",
                "--csr-file",
                &csr,
                "--approve",
                "--dry-run",
            ],
        )
        .ok();
    let first = r.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("# dry run, nothing changed: would create CertificateSigningRequest gina; approve CertificateSigningRequest gina"),
        "{}",
        r.stdout
    );
    let docs: Vec<Value> = r
        .stdout
        .split("---\n")
        .skip(1)
        .map(|d| serde_yaml::from_str(d).unwrap())
        .collect();
    assert_eq!(docs.len(), 1, "{}", r.stdout);
    assert_eq!(docs[0]["kind"], "CertificateSigningRequest");
    assert_eq!(
        docs[0]["spec"]["signerName"],
        "kubernetes.io/kube-apiserver-client"
    );
    assert!(
        r.stdout.contains("#   status:") && r.stdout.contains("AklApprove"),
        "{}",
        r.stdout
    );
    let j = e
        .k8s(
            "issue-client-cert",
            &[
                "--name",
                "gina",
                "--csr-file",
                &csr,
                "--dry-run",
                "--json",
                "--expiration-seconds",
                "3600",
            ],
        )
        .ok()
        .json();
    assert_eq!(j["dry_run"], true);
    assert_eq!(j["changes"][0]["action"], "create");
    assert_eq!(j["changes"][0]["object"]["spec"]["expirationSeconds"], 3600);
    assert!(e.csr_object("gina").is_none());

    // --from-classic-key: the gateway request is shown, nothing is called.
    let j = e
        .k8s(
            "issue-client-cert",
            &[
                "--name",
                "gina",
                "--from-classic-key",
                "/k8s/c/csr/gina",
                "--group",
                "g,h",
                "--dry-run",
                "--json",
                "-u",
                "https://127.0.0.1:1",
            ],
        )
        .ok()
        .json();
    assert_eq!(
        j["gateway_request"],
        json!({"name": "/k8s/c/csr/gina", "common-name": "gina", "org": "g,h", "key-type": "classic-key", "generate-key": false, "token": "<session token>"})
    );
    assert_eq!(j["changes"][0]["object"]["metadata"]["name"], "gina");

    // Validation fails before any call.
    let before = e.server.request_count();
    for (args, want) in [
        (vec!["--expiration-seconds", "300"], "at least 600"),
        (vec!["--group", "other"], "--group asks for [other]"),
    ] {
        let mut all = vec!["--name", "gina", "--csr-file", &csr, "--approve"];
        all.extend(args);
        let r = e.k8s("issue-client-cert", &all);
        assert_ne!(r.code, 0);
        assert!(r.stderr.contains(want), "{}", r.stderr);
    }
    let r = e.k8s("setup-token-reviewer", &["--name", "Bad_Name"]);
    assert!(
        r.code != 0 && r.stderr.contains("--name 'Bad_Name'"),
        "{}",
        r.stderr
    );
    let r = e.k8s("bind-auth-delegator", &["--service-account", "nonamespace"]);
    assert!(
        r.code != 0 && r.stderr.contains("NAMESPACE/NAME"),
        "{}",
        r.stderr
    );
    assert_eq!(e.server.request_count(), before, "no call was made");
    assert!(e.csr_object("gina").is_none());

    let r = e.k8s("setup-token-reviewer", &["--dry-run"]).ok();
    assert!(
        r.stdout.starts_with("# dry run, nothing changed: would create ServiceAccount default/gateway-token-reviewer; create ClusterRoleBinding role-tokenreview-binding; create Secret default/gateway-token-reviewer-token"),
        "{}",
        r.stdout
    );
    let docs: Vec<Value> = r
        .stdout
        .split("---\n")
        .skip(1)
        .map(|d| serde_yaml::from_str(d).unwrap())
        .collect();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[1]["roleRef"]["name"], "system:auth-delegator");
    assert_eq!(
        docs[1]["subjects"],
        json!([{"kind": "ServiceAccount", "name": "gateway-token-reviewer", "namespace": "default"}])
    );
    assert_eq!(docs[2]["type"], "kubernetes.io/service-account-token");
    assert_eq!(
        docs[2]["metadata"]["annotations"]["kubernetes.io/service-account.name"],
        "gateway-token-reviewer"
    );
    let r = e
        .k8s(
            "bind-auth-delegator",
            &["--user", "gina", "--dry-run", "--json"],
        )
        .ok();
    assert_eq!(
        r.json()["changes"][0]["object"]["subjects"][0]["name"],
        "gina"
    );
    assert!(
        e.server
            .get_object("/api/v1/namespaces/default/serviceaccounts/gateway-token-reviewer")
            .is_none()
    );
    assert!(
        e.server
            .get_object("/api/v1/namespaces/default/secrets/gateway-token-reviewer-token")
            .is_none()
    );
    assert!(e.crb("role-tokenreview-binding").is_none());
}

#[test]
fn token_reviewer_is_idempotent_and_its_token_reviews_tokens() {
    let e = env();
    // The binding exists with another subject: it is kept.
    e.server.create_cluster_role_binding(
        "role-tokenreview-binding",
        "system:auth-delegator",
        &[Subject::User("AkeylessK8sAuth".into())],
    );
    let plan = e.k8s("setup-token-reviewer", &["--dry-run"]).ok();
    assert!(
        plan.stdout.lines().next().unwrap().contains(
            "update ClusterRoleBinding role-tokenreview-binding (add ServiceAccount default/gateway-token-reviewer)"
        ),
        "{}",
        plan.stdout
    );
    let first = e.k8s("setup-token-reviewer", &["--json"]).ok().json();
    assert_eq!(first["service_account"], "gateway-token-reviewer");
    assert_eq!(first["namespace"], "default");
    assert_eq!(first["secret"], "gateway-token-reviewer-token");
    assert_eq!(first["cluster_role_binding"], "role-tokenreview-binding");
    let token = first["token"].as_str().unwrap().to_owned();
    let second = e.k8s("setup-token-reviewer", &[]).ok();
    assert_eq!(second.stdout, format!("{token}\n"), "same token on re-run");
    let crb = e.crb("role-tokenreview-binding").unwrap();
    let subjects = crb["subjects"].as_array().unwrap();
    assert_eq!(subjects.len(), 2, "{crb}");
    assert_eq!(subjects[0]["name"], "AkeylessK8sAuth");
    assert_eq!(subjects[1]["kind"], "ServiceAccount");
    assert_eq!(subjects[1]["name"], "gateway-token-reviewer");
    assert_eq!(subjects[1]["namespace"], "default");
    // What `kubectl get secret … go-template={{.data.token | base64decode}}` prints.
    let secret = e
        .server
        .get_object("/api/v1/namespaces/default/secrets/gateway-token-reviewer-token")
        .unwrap();
    assert_eq!(pem_of(secret["data"]["token"].as_str().unwrap()), token);
    let claims: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(token.split('.').nth(1).unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        claims["sub"],
        "system:serviceaccount:default:gateway-token-reviewer"
    );
    // A re-run's dry run has nothing to change.
    let r = e.k8s("setup-token-reviewer", &["--dry-run"]).ok();
    assert!(
        r.stdout.starts_with("# dry run, nothing to change"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains(&token), "a plan never shows the token");

    // The token is a TokenReview bearer (the permission comes from the binding).
    let pod_token = {
        e.server.create_service_account("default", "app");
        e.server.token_request("default", "app", Default::default())
    };
    let (code, review) = post(
        &e.server,
        &http(&e.server, None),
        "/apis/authentication.k8s.io/v1/tokenreviews",
        Some(&token),
        json!({"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": {"token": pod_token}}),
    );
    assert_eq!(code, 201, "{review}");
    assert_eq!(review["status"]["authenticated"], true, "{review}");
    assert_eq!(
        review["status"]["user"]["username"],
        "system:serviceaccount:default:app"
    );

    // Another namespace that does not exist: one clear line.
    let r = e.k8s("setup-token-reviewer", &["--namespace", "nope"]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("create the namespace"), "{}", r.stderr);
}

#[test]
fn bind_auth_delegator_merges_subjects() {
    let e = env();
    let r = e
        .k8s("bind-auth-delegator", &["--user", "AkeylessK8sAuth"])
        .ok();
    assert!(
        r.stdout
            .starts_with("created ClusterRoleBinding role-tokenreview-binding"),
        "{}",
        r.stdout
    );
    let crb = e.crb("role-tokenreview-binding").unwrap();
    assert_eq!(crb["roleRef"]["name"], "system:auth-delegator");
    assert_eq!(crb["roleRef"]["kind"], "ClusterRole");
    assert_eq!(
        crb["subjects"],
        json!([{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "AkeylessK8sAuth"}])
    );
    let r = e
        .k8s(
            "bind-auth-delegator",
            &["--user", "AkeylessK8sAuth", "--json"],
        )
        .ok()
        .json();
    assert_eq!(r["action"], "unchanged");
    assert_eq!(r["added"], json!([]));
    let rv = e.crb("role-tokenreview-binding").unwrap()["metadata"]["resourceVersion"].clone();
    assert_eq!(
        rv, crb["metadata"]["resourceVersion"],
        "an unchanged binding is not written"
    );
    let r = e
        .k8s(
            "bind-auth-delegator",
            &[
                "--user",
                "AkeylessK8sAuth",
                "--group",
                "AkeylessAuth",
                "--service-account",
                "gw/reviewer",
                "--json",
            ],
        )
        .ok()
        .json();
    assert_eq!(r["action"], "updated");
    assert_eq!(r["added"].as_array().unwrap().len(), 2);
    let subjects = e.crb("role-tokenreview-binding").unwrap()["subjects"].clone();
    assert_eq!(
        subjects,
        json!([
            {"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "AkeylessK8sAuth"},
            {"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "AkeylessAuth"},
            {"kind": "ServiceAccount", "name": "reviewer", "namespace": "gw"}
        ])
    );
    assert_eq!(r["subjects"], subjects);

    // A binding of another role is never repurposed.
    e.server
        .create_cluster_role_binding("taken", "view", &[Subject::User("x".into())]);
    let r = e.k8s(
        "bind-auth-delegator",
        &["--user", "y", "--binding", "taken"],
    );
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("binds ClusterRole view") && r.stderr.contains("--binding"),
        "{}",
        r.stderr
    );
    assert_eq!(
        e.crb("taken").unwrap()["subjects"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

/// POST `<gateway>/api/v2/<command>` trusting the gateway's certificate.
fn gateway_call(gw: &common::gateway::Gateway, command: &str, body: Value) -> (u16, Value) {
    let ca = std::fs::read(&gw.ca_file).unwrap();
    let client = reqwest::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(&ca).unwrap()])
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    rt().block_on(async {
        let resp = client
            .post(format!("{}/api/v2/{command}", gw.url))
            .json(&body)
            .send()
            .await
            .unwrap();
        let code = resp.status().as_u16();
        (code, resp.json::<Value>().await.unwrap_or(Value::Null))
    })
}

#[test]
fn from_classic_key_uses_the_gateway_csr() {
    let e = env();
    let gw = common::gateway::Gateway::start(&e.path("gw-data"));
    let (admin_id, admin_key) = gw.admin.clone().expect("first start prints the admin key");
    let ca = gw.ca_file.display().to_string();
    let token = e
        .akl(&[
            "auth",
            "--access-id",
            &admin_id,
            "--access-key",
            &admin_key,
            "--gateway-url",
            &gw.url,
            "--gateway-ca-cert",
            &ca,
            "--jq-expression",
            ".token",
        ])
        .ok()
        .stdout
        .trim()
        .to_owned();
    assert!(token.starts_with("t-"), "{token}");
    // The docs' first step: a classic key made by the gateway.
    let key_name = "/k8s/Clustername/csr/hank";
    let (code, made) = gateway_call(
        &gw,
        "generate-csr",
        json!({"name": key_name, "generate-key": true, "alg": "RSA2048", "common-name": "hank", "token": token}),
    );
    assert_eq!(code, 200, "{made}");

    let gw_flags = [
        "-u",
        gw.url.as_str(),
        "--gateway-ca-cert",
        ca.as_str(),
        "--token",
        token.as_str(),
    ];
    let mut args = vec![
        "--name",
        "hank",
        "--from-classic-key",
        key_name,
        "--group",
        "AkeylessAuth",
        "--approve",
        "--json",
    ];
    args.extend(gw_flags);
    let out = e.k8s("issue-client-cert", &args).ok().json();
    assert_eq!(out["approved"], true);
    let cert_pem = pem_of(out["certificate"].as_str().unwrap());
    assert_eq!(
        subject_of(&cert_pem),
        ("hank".into(), vec!["AkeylessAuth".into()])
    );
    let stored = e.csr_object("hank").unwrap();
    let request = pem_of(stored["spec"]["request"].as_str().unwrap());
    assert!(
        request.starts_with("-----BEGIN CERTIFICATE REQUEST-----"),
        "{request}"
    );

    // The certificate pairs with the gateway's key: export it and authenticate.
    let (code, exported) = gateway_call(
        &gw,
        "export-classic-key",
        json!({"name": key_name, "token": token}),
    );
    assert_eq!(code, 200, "{exported}");
    let key_pem = exported["key"].as_str().unwrap();
    let (code, review) = post(
        &e.server,
        &http(&e.server, Some((&cert_pem, key_pem))),
        "/apis/authentication.k8s.io/v1/selfsubjectreviews",
        None,
        json!({"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"}),
    );
    assert_eq!(code, 201, "{review}");
    assert_eq!(review["status"]["userInfo"]["username"], "hank");

    // Idempotent: the gateway signs the same request again, the CSR is reused.
    let mut args = vec![
        "--name",
        "hank",
        "--from-classic-key",
        key_name,
        "--group",
        "AkeylessAuth",
        "--json",
    ];
    args.extend(gw_flags);
    let again = e.k8s("issue-client-cert", &args).ok().json();
    assert_eq!(again["certificate"], out["certificate"]);

    // An unknown key fails before anything reaches the cluster.
    let mut args = vec![
        "--name",
        "ivy",
        "--from-classic-key",
        "/no/such/key",
        "--approve",
    ];
    args.extend(gw_flags);
    let r = e.k8s("issue-client-cert", &args);
    assert_ne!(r.code, 0);
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("/no/such/key") && r.stderr.contains("not found"),
        "{}",
        r.stderr
    );
    assert!(e.csr_object("ivy").is_none());
}
