//! `akl k8s kubeconfig` (seed 002): every kind of user it writes is used by
//! the real kubectl against the Kubernetes API test server, and the file it
//! writes is the one `kubectl config set-credentials` / `set-context` /
//! `use-context` write on a copy of the same kubeconfig.

mod common;
mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::gateway::Gateway;
use common::{Run, akl, akl_bin};
use serde_json::Value;
use support::{KubeApiServer, KubeconfigUser, TokenOpts};

const KUBECTL: &str = "/usr/bin/kubectl";

fn have_kubectl() -> bool {
    let ok = Path::new(KUBECTL).exists();
    if !ok {
        eprintln!("{KUBECTL} not installed; skipping");
    }
    ok
}

/// A temp dir with the admin kubeconfig `kc` (cluster, user and context `admin`).
struct Env {
    dir: tempfile::TempDir,
    kube: KubeApiServer,
}

impl Env {
    fn new() -> Env {
        let kube = KubeApiServer::start();
        let dir = tempfile::tempdir().unwrap();
        kube.write_kubeconfig(dir.path().join("kc"), KubeconfigUser::AdminToken, "admin");
        std::fs::set_permissions(
            dir.path().join("kc"),
            std::fs::Permissions::from_mode(0o640),
        )
        .unwrap();
        Env { dir, kube }
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    fn write(&self, p: &str, contents: &str) {
        std::fs::write(self.path(p), contents).unwrap();
    }

    fn akl(&self, args: &[&str]) -> Run {
        Run::from_output(akl(self.dir.path()).args(args).output().unwrap())
    }

    /// `akl k8s kubeconfig --kubeconfig FILE ARGS`.
    fn kubeconfig(&self, file: &str, args: &[&str]) -> Run {
        let mut all = vec!["k8s", "kubeconfig", "--kubeconfig", file];
        all.extend_from_slice(args);
        self.akl(&all)
    }

    fn kubectl(&self, file: &str, args: &[&str]) -> Run {
        Run::from_output(
            Command::new(KUBECTL)
                .current_dir(self.dir.path())
                .env("HOME", self.dir.path())
                .env_remove("KUBECONFIG")
                .arg("--kubeconfig")
                .arg(file)
                .args(args)
                .stdin(Stdio::null())
                .output()
                .unwrap(),
        )
    }

    /// Who kubectl authenticates as with `context`.
    fn whoami(&self, file: &str, context: Option<&str>) -> Value {
        let mut args = vec!["auth", "whoami", "-o", "json"];
        if let Some(c) = context {
            args.extend_from_slice(&["--context", c]);
        }
        let r = self.kubectl(file, &args).ok();
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        v["status"]["userInfo"].clone()
    }

    fn copy(&self, from: &str, to: &str) {
        std::fs::copy(self.path(from), self.path(to)).unwrap();
    }

    fn yaml(&self, file: &str) -> serde_yaml::Value {
        serde_yaml::from_str(&self.read(file)).unwrap()
    }

    fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path(file)).unwrap()
    }

    fn mode(&self, file: &str) -> u32 {
        std::fs::metadata(self.path(file))
            .unwrap()
            .permissions()
            .mode()
            & 0o7777
    }
}

/// One clear line on stderr, non-zero exit.
fn refused(r: &Run, want: &str) {
    assert_ne!(r.code, 0, "expected a refusal: {}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "one line: {}", r.stderr);
    assert!(r.stderr.contains(want), "want {want:?} in: {}", r.stderr);
}

#[test]
fn client_certificate_users_work_with_kubectl_and_match_its_file() {
    if !have_kubectl() {
        return;
    }
    let env = Env::new();
    let (cert, key) = env.kube.issue_client_cert("alice", &["devs"]);
    env.write("alice.crt", &cert);
    env.write("alice.key", &key);
    env.copy("kc", "kc-kubectl");

    // Embedded, as seed 002's `set-credentials … --embed-certs`.
    let r = env
        .kubeconfig(
            "kc",
            &[
                "--user",
                "alice",
                "--client-certificate",
                "alice.crt",
                "--client-key",
                "alice.key",
                "--embed-certs",
            ],
        )
        .ok();
    assert_eq!(
        r.stdout,
        "User \"alice\" set.\nContext \"alice\" created.\n"
    );
    let who = env.whoami("kc", Some("alice"));
    assert_eq!(who["username"], "alice");
    assert_eq!(
        who["groups"],
        serde_json::json!(["devs", "system:authenticated"])
    );
    // The admin context is untouched and still current.
    assert_eq!(env.whoami("kc", None)["username"], "kubernetes-admin");
    assert_eq!(env.mode("kc"), 0o640, "the file mode is kept");

    env.kubectl(
        "kc-kubectl",
        &[
            "config",
            "set-credentials",
            "alice",
            "--client-certificate",
            "alice.crt",
            "--client-key",
            "alice.key",
            "--embed-certs",
        ],
    )
    .ok();
    env.kubectl(
        "kc-kubectl",
        &[
            "config",
            "set-context",
            "alice",
            "--cluster",
            "admin",
            "--user",
            "alice",
        ],
    )
    .ok();
    assert_eq!(env.yaml("kc"), env.yaml("kc-kubectl"));

    // By path (relative to the kubeconfig, as kubectl writes it), into another context and
    // namespace, made current.
    let r = env
        .kubeconfig(
            "kc",
            &[
                "--user",
                "alice-files",
                "--context",
                "dev",
                "--namespace",
                "team-a",
                "--use-context",
                "--client-certificate",
                "alice.crt",
                "--client-key",
                "alice.key",
                "--json",
            ],
        )
        .ok();
    let v = r.json();
    assert_eq!(v["user_action"], "created");
    assert_eq!(v["credential"], "client-certificate");
    assert_eq!(v["cluster"], "admin");
    assert_eq!(v["current_context"], "dev");
    assert!(!r.stdout.contains("BEGIN"), "no key material in the output");
    assert_eq!(env.whoami("kc", None)["username"], "alice");
    for args in [
        &[
            "config",
            "set-credentials",
            "alice-files",
            "--client-certificate",
            "alice.crt",
            "--client-key",
            "alice.key",
        ][..],
        &[
            "config",
            "set-context",
            "dev",
            "--cluster",
            "admin",
            "--user",
            "alice-files",
            "--namespace",
            "team-a",
        ],
        &["config", "use-context", "dev"],
    ] {
        env.kubectl("kc-kubectl", args).ok();
    }
    assert_eq!(env.yaml("kc"), env.yaml("kc-kubectl"));
    let text = env.read("kc");
    assert!(text.contains("client-certificate: alice.crt\n"), "{text}");
    // kubectl's layout, byte for byte.
    assert_eq!(text, env.read("kc-kubectl"));

    // A token for the certificate user: kubectl merges it in and keeps the
    // certificate, which the API server then prefers; akl replaces the
    // credential, so the context becomes the token's identity.
    env.kube.create_service_account("default", "bot");
    let token = env
        .kube
        .token_request("default", "bot", TokenOpts::default());
    env.write("bot.token", &token);
    env.kubeconfig("kc", &["--user", "alice", "--token-file", "bot.token"])
        .ok();
    env.kubectl(
        "kc-kubectl",
        &[
            "config",
            "set-credentials",
            "alice",
            &format!("--token={token}"),
        ],
    )
    .ok();
    assert_eq!(
        env.whoami("kc", Some("alice"))["username"],
        "system:serviceaccount:default:bot"
    );
    assert_eq!(env.whoami("kc-kubectl", Some("alice"))["username"], "alice");
    let users = &env.yaml("kc")["users"];
    let alice = users
        .as_sequence()
        .unwrap()
        .iter()
        .find(|u| u["name"] == "alice")
        .unwrap();
    assert_eq!(
        alice["user"],
        serde_yaml::from_str::<serde_yaml::Value>(&format!("token: {token}")).unwrap()
    );
}

#[test]
fn service_account_tokens_from_a_secret_or_a_file() {
    if !have_kubectl() {
        return;
    }
    let env = Env::new();
    // Seed 001's token Secret, made by akl itself.
    let token = env
        .akl(&["k8s", "setup-token-reviewer", "--kubeconfig", "kc"])
        .ok()
        .stdout
        .trim()
        .to_owned();
    env.copy("kc", "kc-kubectl");
    let r = env
        .kubeconfig(
            "kc",
            &[
                "--user",
                "reviewer",
                "--token-from-secret",
                "default/gateway-token-reviewer-token",
                "--use-context",
            ],
        )
        .ok();
    assert_eq!(
        r.stdout,
        "User \"reviewer\" set.\nContext \"reviewer\" created.\nSwitched to context \"reviewer\".\n"
    );
    assert!(!r.stdout.contains(&token) && !r.stderr.contains(&token));
    assert_eq!(
        env.whoami("kc", None)["username"],
        "system:serviceaccount:default:gateway-token-reviewer"
    );
    for args in [
        &[
            "config",
            "set-credentials",
            "reviewer",
            &format!("--token={token}"),
        ][..],
        &[
            "config",
            "set-context",
            "reviewer",
            "--cluster",
            "admin",
            "--user",
            "reviewer",
        ],
        &["config", "use-context", "reviewer"],
    ] {
        env.kubectl("kc-kubectl", args).ok();
    }
    assert_eq!(env.yaml("kc"), env.yaml("kc-kubectl"));

    // A projected token from a file, replacing the user's credential; the
    // context keeps its cluster.
    env.kube.create_service_account("default", "ci");
    let projected = env
        .kube
        .token_request("default", "ci", TokenOpts::default());
    env.write("ci.token", &format!("{projected}\n"));
    let r = env
        .kubeconfig(
            "kc",
            &["--user", "reviewer", "--token-file", "ci.token", "--json"],
        )
        .ok();
    assert_eq!(r.json()["user_action"], "modified");
    assert_eq!(r.json()["context_action"], "modified");
    assert_eq!(
        env.whoami("kc", None)["username"],
        "system:serviceaccount:default:ci"
    );

    // From stdin.
    let mut child = akl(env.dir.path())
        .args([
            "k8s",
            "kubeconfig",
            "--kubeconfig",
            "kc",
            "--user",
            "ci",
            "--token-file",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(projected.as_bytes())
        .unwrap();
    let r = Run::from_output(child.wait_with_output().unwrap()).ok();
    assert!(r.stdout.contains("Context \"ci\" created."), "{}", r.stdout);
    assert_eq!(
        env.whoami("kc", Some("ci"))["username"],
        "system:serviceaccount:default:ci"
    );

    // The Secret is read with the current context's credentials (now the
    // `ci` service account, which RBAC refuses), or --secret-context's.
    let before = env.read("kc");
    let r = env.kubeconfig(
        "kc",
        &[
            "--user",
            "x",
            "--token-from-secret",
            "default/gateway-token-reviewer-token",
        ],
    );
    refused(&r, "403");
    assert_eq!(env.read("kc"), before, "unchanged");
    let r = env.kubeconfig(
        "kc",
        &[
            "--user",
            "x",
            "--token-from-secret",
            "default/nope",
            "--secret-context",
            "admin",
        ],
    );
    refused(&r, "Secret default/nope does not exist");
    assert_eq!(env.read("kc"), before, "unchanged");
}

#[test]
fn oidc_users_are_kubectls_auth_provider() {
    if !have_kubectl() {
        return;
    }
    let env = Env::new();
    env.kube.create_service_account("default", "dev");
    // No live IdP: a current id-token is what client-go's oidc provider
    // sends; a token the API server trusts proves kubectl read these fields.
    let id_token = env
        .kube
        .token_request("default", "dev", TokenOpts::default());
    env.write("id-token", &id_token);
    env.write("refresh-token", "refresh-abc\n");
    env.write("client-secret", "s3cret\n");
    env.copy("kc", "kc-kubectl");
    let r = env
        .kubeconfig(
            "kc",
            &[
                "--user",
                "da-admin",
                "--oidc-issuer-url",
                "https://idp.example/realms/k8s",
                "--oidc-client-id",
                "kubernetes",
                "--oidc-client-secret-file",
                "client-secret",
                "--oidc-refresh-token-file",
                "refresh-token",
                "--oidc-id-token-file",
                "id-token",
            ],
        )
        .ok();
    assert!(!r.stdout.contains("s3cret") && !r.stdout.contains("refresh-abc"));
    assert_eq!(
        env.whoami("kc", Some("da-admin"))["username"],
        "system:serviceaccount:default:dev"
    );
    for args in [
        &[
            "config",
            "set-credentials",
            "da-admin",
            "--auth-provider=oidc",
            "--auth-provider-arg=idp-issuer-url=https://idp.example/realms/k8s",
            "--auth-provider-arg=client-id=kubernetes",
            "--auth-provider-arg=client-secret=s3cret",
            "--auth-provider-arg=refresh-token=refresh-abc",
            &format!("--auth-provider-arg=id-token={id_token}"),
        ][..],
        &[
            "config",
            "set-context",
            "da-admin",
            "--cluster=admin",
            "--user=da-admin",
        ],
    ] {
        env.kubectl("kc-kubectl", args).ok();
    }
    assert_eq!(env.yaml("kc"), env.yaml("kc-kubectl"));

    // Without the optional client secret and id-token.
    let r = env.kubeconfig(
        "kc",
        &[
            "--user",
            "da-admin",
            "--oidc-issuer-url",
            "https://idp.example/realms/k8s",
            "--oidc-client-id",
            "kubernetes",
            "--oidc-refresh-token-file",
            "refresh-token",
            "--dry-run",
        ],
    );
    let r = r.ok();
    let y: serde_yaml::Value = serde_yaml::from_str(&r.stdout).unwrap();
    let user = y["users"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|u| u["name"] == "da-admin")
        .unwrap();
    let expect: serde_yaml::Value = serde_yaml::from_str(
        "auth-provider:\n  name: oidc\n  config:\n    idp-issuer-url: https://idp.example/realms/k8s\n    client-id: kubernetes\n    refresh-token: REDACTED\n",
    )
    .unwrap();
    assert_eq!(user["user"], expect);
    // Like `kubectl config view`: no secret of any user in the dry run.
    assert!(
        !r.stdout.contains(&env.kube.admin_token()) && !r.stdout.contains(&id_token),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("certificate-authority-data: DATA+OMITTED")
    );
    assert!(
        env.read("kc").contains("id-token"),
        "--dry-run wrote nothing"
    );

    // An http issuer and a missing refresh token are refused.
    let r = env.kubeconfig(
        "kc",
        &[
            "--user",
            "o2",
            "--oidc-issuer-url",
            "http://idp.example",
            "--oidc-client-id",
            "k",
            "--oidc-refresh-token-file",
            "refresh-token",
        ],
    );
    refused(&r, "must be https://");
    let r = env.kubeconfig(
        "kc",
        &["--user", "o2", "--oidc-issuer-url", "https://idp.example"],
    );
    refused(&r, "--oidc-client-id");
}

#[test]
fn a_certificate_stored_on_the_gateway() {
    if !have_kubectl() {
        return;
    }
    let env = Env::new();
    let gw = Gateway::start(&env.path("gw"));
    let admin = gw.admin.clone().unwrap();
    let tls = env.path("gw").join("tls.crt");
    let run = |args: &[&str]| {
        Run::from_output(
            akl(env.dir.path())
                .env("AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE", &tls)
                .args(args)
                .output()
                .unwrap(),
        )
    };
    run(&[
        "configure",
        "--access-id",
        &admin.0,
        "--access-key",
        &admin.1,
        "--gateway-url",
        &gw.url,
    ])
    .ok();
    let (cert, key) = env.kube.issue_client_cert("bob", &["ops"]);
    env.write("bob.crt", &cert);
    env.write("bob.key", &key);
    run(&[
        "create-certificate",
        "--name",
        "/k8s/certs/bob",
        "-c",
        "bob.crt",
        "-p",
        "bob.key",
    ])
    .ok();
    let r = run(&[
        "k8s",
        "kubeconfig",
        "--kubeconfig",
        "kc",
        "--user",
        "bob",
        "--from-certificate",
        "/k8s/certs/bob",
    ])
    .ok();
    assert!(r.stdout.contains("User \"bob\" set."), "{}", r.stdout);
    assert_eq!(env.whoami("kc", Some("bob"))["username"], "bob");
    let text = env.read("kc");
    assert!(text.contains("client-certificate-data: "), "{text}");

    // A certificate stored without its key cannot authenticate.
    run(&[
        "create-certificate",
        "--name",
        "/k8s/certs/nokey",
        "-c",
        "bob.crt",
    ])
    .ok();
    let r = run(&[
        "k8s",
        "kubeconfig",
        "--kubeconfig",
        "kc",
        "--user",
        "x",
        "--from-certificate",
        "/k8s/certs/nokey",
    ]);
    refused(&r, "has no private key");
    let r = run(&[
        "k8s",
        "kubeconfig",
        "--kubeconfig",
        "kc",
        "--user",
        "x",
        "--from-certificate",
        "/k8s/certs/missing",
    ]);
    assert_ne!(r.code, 0);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert_eq!(env.read("kc"), text, "unchanged");
    drop(gw);
}

#[test]
fn bad_input_leaves_the_kubeconfig_unchanged() {
    let env = Env::new();
    let (cert, key) = env.kube.issue_client_cert("carol", &[]);
    let (_, other_key) = env.kube.issue_client_cert("dave", &[]);
    env.write("c.crt", &cert);
    env.write("c.key", &key);
    env.write("other.key", &other_key);
    env.write("tok", "tok-secret-value\n");
    let before = env.read("kc");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "--user",
                "u",
                "--client-certificate",
                "missing.crt",
                "--client-key",
                "c.key",
            ],
            "cannot read --client-certificate missing.crt",
        ),
        (
            vec![
                "--user",
                "u",
                "--client-certificate",
                "c.crt",
                "--client-key",
                "other.key",
            ],
            "does not belong to the certificate",
        ),
        (
            vec![
                "--user",
                "u",
                "--client-certificate",
                "c.key",
                "--client-key",
                "c.key",
            ],
            "holds no PEM CERTIFICATE block",
        ),
        (
            vec![
                "--user",
                "u",
                "--token-file",
                "tok",
                "--client-certificate",
                "c.crt",
                "--client-key",
                "c.key",
            ],
            "cannot be used with",
        ),
        (vec!["--user", "u"], "required"),
        (
            vec!["--user", "u", "--token-file", "missing"],
            "cannot read --token-file missing",
        ),
        (vec!["--user", "u", "--token-file", "c.crt"], "whitespace"),
        (
            vec!["--user", "u", "--token-file", "tok", "--cluster", "nope"],
            "cluster 'nope' is not in the kubeconfig",
        ),
        (
            vec!["--user", " ", "--token-file", "tok"],
            "--user must not be empty",
        ),
        (
            vec![
                "--user",
                "u",
                "--token-file",
                "tok",
                "--namespace",
                "Bad_NS",
            ],
            "--namespace 'Bad_NS'",
        ),
        (
            vec!["--user", "u", "--token-from-secret", "nonamespace"],
            "is not NAMESPACE/NAME",
        ),
    ];
    for (args, want) in cases {
        let r = env.kubeconfig("kc", &args);
        refused(&r, want);
        assert!(
            !r.stderr.contains("BEGIN") && !r.stderr.contains("tok-secret-value"),
            "{}",
            r.stderr
        );
        assert_eq!(env.read("kc"), before, "{args:?} changed the file");
    }

    // A symlinked kubeconfig: neither followed nor replaced.
    std::os::unix::fs::symlink(env.path("kc"), env.path("link")).unwrap();
    let r = env.kubeconfig("link", &["--user", "u", "--token-file", "tok"]);
    refused(&r, "symbolic link");
    assert!(
        std::fs::symlink_metadata(env.path("link"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(env.read("kc"), before);

    // kubectl's lock file keeps writers apart.
    env.write("kc.lock", "");
    let r = env.kubeconfig("kc", &["--user", "u", "--token-file", "tok"]);
    refused(&r, "kc.lock");
    std::fs::remove_file(env.path("kc.lock")).unwrap();

    // A file that is not a kubeconfig.
    env.write("junk", "- a\n- b\n");
    let r = env.kubeconfig(
        "junk",
        &["--user", "u", "--token-file", "tok", "--cluster", "admin"],
    );
    refused(&r, "not a YAML mapping");
    assert_eq!(env.read("junk"), "- a\n- b\n");

    // No temporary or lock files left behind.
    let names: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("akl-tmp") || n.ends_with(".lock"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn kubeconfig_env_writes_the_first_existing_file() {
    let env = Env::new();
    env.write("tok", "abc\n");
    // b.yaml defines user `shared`.
    env.write(
        "b.yaml",
        "apiVersion: v1\nkind: Config\nusers:\n- name: shared\n  user: {token: zzz}\n",
    );
    let kc = format!(
        "{}:{}:{}",
        env.path("missing.yaml").display(),
        env.path("kc").display(),
        env.path("b.yaml").display()
    );
    let run = |args: &[&str]| {
        let mut all = vec!["k8s", "kubeconfig"];
        all.extend_from_slice(args);
        Run::from_output(
            akl(env.dir.path())
                .env("KUBECONFIG", &kc)
                .args(&all)
                .output()
                .unwrap(),
        )
    };
    let r = run(&["--user", "u", "--token-file", "tok", "--json"]).ok();
    assert_eq!(r.json()["kubeconfig"], env.path("kc").display().to_string());
    assert!(env.read("kc").contains("name: u\n"));
    assert!(!env.path("missing.yaml").exists());
    let b = env.read("b.yaml");
    let r = run(&["--user", "shared", "--token-file", "tok"]);
    refused(&r, "pass --kubeconfig");
    assert_eq!(env.read("b.yaml"), b);

    // Nothing anywhere: ~/.kube/config has no cluster to point at.
    let r = Run::from_output(
        Command::new(akl_bin())
            .current_dir(env.dir.path())
            .env("HOME", env.path("empty-home"))
            .env_remove("KUBECONFIG")
            .args(["k8s", "kubeconfig", "--user", "u", "--token-file", "tok"])
            .output()
            .unwrap(),
    );
    refused(&r, "does not exist");
}
