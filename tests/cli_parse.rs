//! The client commands without a gateway: both spellings of every auth
//! method command build the same body, flags map to the wire keys as the
//! reference spells them, and bad input gets one clear line.

mod common;

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use clap::Parser;
use serde_json::{Value, json};

use akl::cli::{AuthMethodCommand, AuthMethodCreateCommand, AuthMethodUpdateCommand, Cli, Command};
use akl::commands::{auth, auth_method, k8s_auth_config};
use common::{Run, akl};

fn parse(args: &[&str]) -> Cli {
    let mut v = vec!["akl"];
    v.extend_from_slice(args);
    Cli::try_parse_from(v).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

fn body(v: impl serde::Serialize) -> Value {
    serde_json::to_value(v).unwrap()
}

/// The create body `args` describe, through whichever spelling they use.
fn create_body(args: &[&str]) -> Value {
    match parse(args).command {
        Command::CreateAuthMethodK8s(a) => {
            body(auth_method::build_request(&a, auth_method::Mode::Create).unwrap())
        }
        Command::AuthMethod(AuthMethodCommand::Create(AuthMethodCreateCommand::K8s(a))) => {
            body(auth_method::build_request(&a, auth_method::Mode::Create).unwrap())
        }
        other => panic!("not a create: {other:?}"),
    }
}

fn update_body(args: &[&str]) -> Value {
    match parse(args).command {
        Command::UpdateAuthMethodK8s(a) => body(auth_method::build_update_request(&a).unwrap()),
        Command::AuthMethod(AuthMethodCommand::Update(AuthMethodUpdateCommand::K8s(a))) => {
            body(auth_method::build_update_request(&a).unwrap())
        }
        other => panic!("not an update: {other:?}"),
    }
}

const FLAGS: &[&str] = &[
    "-n",
    "/folder/my-k8s-auth-method",
    "--access-expires",
    "1900000000",
    "--audience",
    "akl",
    "--bound-namespaces",
    "a,b",
    "--bound-namespaces",
    "c",
    "--bound-pod-names",
    "mypod1",
    "--bound-pod-names",
    "mypod2",
    "--bound-sa-names",
    "default",
    "--bound-ips",
    "10.0.0.0/8,192.168.1.0/24",
    "--gw-bound-ips",
    "10.1.0.0/16",
    "--jwt-ttl",
    "30",
    "--force-sub-claims",
    "--audit-logs-claims",
    "namespace,pod_name",
    "--allowed-client-type",
    "cli",
    "--product-type",
    "sm,sra",
    "--expiration-event-in",
    "7",
    "--expiration-event-in",
    "1",
    "--delete-protection",
    "--descriptions",
    "for pods",
];

fn with(prefix: &[&'static str], rest: &[&'static str]) -> Vec<&'static str> {
    let mut v = prefix.to_vec();
    v.extend_from_slice(rest);
    v
}

#[test]
fn both_create_spellings_send_the_same_body() {
    let legacy = create_body(&with(&["create-auth-method-k8s"], FLAGS));
    let current = create_body(&with(&["auth-method", "create", "k8s"], FLAGS));
    assert_eq!(legacy, current);
    assert_eq!(
        legacy,
        json!({
            "name": "/folder/my-k8s-auth-method",
            "access-expires": 1900000000,
            "audience": "akl",
            "bound-namespaces": ["a", "b", "c"],
            "bound-pod-names": ["mypod1", "mypod2"],
            "bound-sa-names": ["default"],
            "bound-ips": ["10.0.0.0/8", "192.168.1.0/24"],
            "gw-bound-ips": ["10.1.0.0/16"],
            "gen-key": "true",
            "jwt-ttl": 30,
            "force-sub-claims": true,
            "audit-logs-claims": ["namespace", "pod_name"],
            "allowed-client-type": ["cli"],
            "product-type": ["sm", "sra"],
            "expiration-event-in": ["7", "1"],
            "delete_protection": "true",
            "description": "for pods",
            "json": false
        })
    );
}

#[test]
fn both_update_spellings_send_the_same_body() {
    let flags = with(FLAGS, &["--new-name", "renamed", "--gen-key=false"]);
    let legacy = update_body(&with(&["update-auth-method-k8s"], &flags));
    let current = update_body(&with(&["auth-method", "update", "k8s"], &flags));
    assert_eq!(legacy, current);
    assert_eq!(legacy["new-name"], "renamed");
    assert_eq!(legacy["gen-key"], "false");
    assert_eq!(legacy["delete_protection"], "true");
    assert!(legacy.get("delete-protection").is_none());
}

#[test]
fn gen_key_defaults_to_true_on_create_only() {
    let c = create_body(&["create-auth-method-k8s", "-n", "m"]);
    assert_eq!(c, json!({"name": "m", "gen-key": "true", "json": false}));
    let u = update_body(&["update-auth-method-k8s", "-n", "m"]);
    assert_eq!(u, json!({"name": "m", "json": false}));
    let u = update_body(&["auth-method", "update", "k8s", "-n", "m", "--gen-key"]);
    assert_eq!(u["gen-key"], "true");
    // The bare flag is true; `=false` is false.
    let c = create_body(&["auth-method", "create", "k8s", "-n", "m", "--gen-key"]);
    assert_eq!(c["gen-key"], "true");
    let c = create_body(&[
        "create-auth-method-k8s",
        "-n",
        "m",
        "--delete-protection=false",
    ]);
    assert_eq!(c["delete_protection"], "false");
}

#[test]
fn a_public_key_file_turns_key_generation_off() {
    let dir = tempfile::tempdir().unwrap();
    let pem = "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n";
    let file = dir.path().join("pub.pem");
    std::fs::write(&file, pem).unwrap();
    let f = file.to_str().unwrap();
    let c = create_body(&["create-auth-method-k8s", "-n", "m", "-p", f]);
    assert_eq!(c["gen-key"], "false");
    assert_eq!(c["public-key"], pem.trim());
    let c2 = create_body(&[
        "auth-method",
        "create",
        "k8s",
        "-n",
        "m",
        "--gen-key=false",
        "--public-key-file-path",
        f,
    ]);
    assert_eq!(c, c2);
    // gen-key=false without a key, or true with one, is refused.
    for args in [
        &["create-auth-method-k8s", "-n", "m", "--gen-key=false"][..],
        &[
            "create-auth-method-k8s",
            "-n",
            "m",
            "--gen-key=true",
            "--public-key",
            "abc",
        ][..],
    ] {
        let Command::CreateAuthMethodK8s(a) = parse(args).command else {
            panic!()
        };
        let err = auth_method::build_request(&a, auth_method::Mode::Create)
            .unwrap_err()
            .to_string();
        assert!(err.contains("--gen-key"), "{err}");
    }
    // --public-key and -p exclude each other.
    assert!(
        Cli::try_parse_from([
            "akl",
            "create-auth-method-k8s",
            "-n",
            "m",
            "--public-key",
            "x",
            "-p",
            f
        ])
        .is_err()
    );
}

#[test]
fn get_list_delete_spellings_send_the_same_body() {
    let name_body = |args: &[&str]| match parse(args).command {
        Command::GetAuthMethod(a)
        | Command::DeleteAuthMethod(a)
        | Command::AuthMethod(AuthMethodCommand::Get(a))
        | Command::AuthMethod(AuthMethodCommand::Delete(a)) => {
            body(auth_method::build_name_request(&a).unwrap())
        }
        other => panic!("{other:?}"),
    };
    let want = json!({"name": "m", "json": false});
    assert_eq!(name_body(&["get-auth-method", "-n", "m"]), want);
    assert_eq!(name_body(&["auth-method", "get", "--name", "m"]), want);
    assert_eq!(name_body(&["delete-auth-method", "-n", "m"]), want);
    assert_eq!(name_body(&["auth-method", "delete", "-n", "m"]), want);

    let list_body = |args: &[&str]| match parse(args).command {
        Command::ListAuthMethods(a) | Command::AuthMethod(AuthMethodCommand::List(a)) => {
            body(auth_method::build_list_request(&a))
        }
        other => panic!("{other:?}"),
    };
    let a = list_body(&[
        "list-auth-methods",
        "--filter",
        "k8s-",
        "--type",
        "k8s",
        "--type",
        "api_key",
    ]);
    let b = list_body(&[
        "auth-method",
        "list",
        "--filter",
        "k8s-",
        "--type",
        "k8s,api_key",
    ]);
    assert_eq!(a, b);
    assert_eq!(
        a,
        json!({"filter": "k8s-", "type": ["k8s", "api_key"], "json": false})
    );
}

const CA_B64: &str =
    "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=";

fn kubeconfig(dir: &Path) -> String {
    let path = dir.join("kc.yaml");
    std::fs::write(
        &path,
        format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: a\nclusters:\n- name: c\n  cluster: {{server: 'https://10.0.0.1:6443', certificate-authority-data: {CA_B64}}}\n- name: d\n  cluster: {{server: 'https://10.0.0.2:6443'}}\ncontexts:\n- name: a\n  context: {{cluster: c, user: u}}\n- name: b\n  context: {{cluster: d, user: u}}\nusers:\n- name: u\n  user: {{}}\n"
        ),
    )
    .unwrap();
    path.display().to_string()
}

fn config_body(args: &[&str]) -> anyhow::Result<Value> {
    Ok(match parse(args).command {
        Command::GatewayCreateK8sAuthConfig(a) => body(k8s_auth_config::build_request(
            &a,
            k8s_auth_config::Mode::Create,
        )?),
        Command::GatewayUpdateK8sAuthConfig(a) => body(k8s_auth_config::build_update_request(&a)?),
        other => panic!("{other:?}"),
    })
}

#[test]
fn kubeconfig_fills_host_and_ca() {
    let dir = tempfile::tempdir().unwrap();
    let kc = kubeconfig(dir.path());
    let b = config_body(&[
        "gateway-create-k8s-auth-config",
        "-n",
        "k8s-conf",
        "--access-id",
        "p-1",
        "--signing-key",
        "LS0t",
        "--kubeconfig",
        &kc,
    ])
    .unwrap();
    assert_eq!(
        b,
        json!({
            "name": "k8s-conf", "access-id": "p-1", "signing-key": "LS0t",
            "k8s-host": "https://10.0.0.1:6443", "k8s-ca-cert": CA_B64, "json": false
        })
    );
    // Explicit flags win over the kubeconfig.
    let b = config_body(&[
        "gateway-create-k8s-auth-config",
        "-n",
        "k8s-conf",
        "--access-id",
        "p-1",
        "--signing-key",
        "LS0t",
        "--kubeconfig",
        &kc,
        "--k8s-host",
        "https://other:443",
        "--k8s-ca-cert",
        "Q0E=",
    ])
    .unwrap();
    assert_eq!(b["k8s-host"], "https://other:443");
    assert_eq!(b["k8s-ca-cert"], "Q0E=");
    // --context picks the cluster; one without a CA named explicitly is an error.
    let err = config_body(&[
        "gateway-create-k8s-auth-config",
        "-n",
        "x",
        "--access-id",
        "p-1",
        "--signing-key",
        "LS0t",
        "--kubeconfig",
        &kc,
        "--context",
        "b",
    ])
    .unwrap_err();
    assert!(format!("{err:#}").contains("--k8s-ca-cert"), "{err:#}");
    // A host given without a kubeconfig flag reads no kubeconfig.
    let b = config_body(&[
        "gateway-create-k8s-auth-config",
        "-n",
        "x",
        "--access-id",
        "p-1",
        "--signing-key",
        "LS0t",
        "--k8s-host",
        "https://h:6443",
    ])
    .unwrap();
    assert!(b.get("k8s-ca-cert").is_none());
}

#[test]
fn config_flags_map_to_wire_keys() {
    let b = config_body(&[
        "gateway-update-k8s-auth-config",
        "-n",
        "k8s-conf",
        "-u",
        "https://gw:8000",
        "--access-id",
        "p-1",
        "--signing-key",
        "LS0t",
        "--k8s-host=https://h:6443",
        "--token-reviewer-jwt",
        "eyJ.a.b",
        "--k8s-issuer",
        "https://kubernetes.default.svc",
        "--disable-issuer-validation",
        "--token-exp",
        "600",
        "--cluster-api-type",
        "native_k8s",
    ])
    .unwrap();
    assert_eq!(
        b,
        json!({
            "name": "k8s-conf", "new-name": "k8s-conf", "access-id": "p-1", "signing-key": "LS0t",
            "k8s-host": "https://h:6443", "token-reviewer-jwt": "eyJ.a.b",
            "k8s-issuer": "https://kubernetes.default.svc", "disable-issuer-validation": "true",
            "cluster-api-type": "native_k8s", "token-exp": 600, "json": false
        })
    );
    let b = config_body(&[
        "gateway-update-k8s-auth-config",
        "-n",
        "old",
        "--new-name",
        "new",
        "--k8s-host",
        "https://h",
        "--disable-issuer-validation=false",
    ])
    .unwrap();
    assert_eq!(b["new-name"], "new");
    assert_eq!(b["disable-issuer-validation"], "false");
    // Create needs the access ID and the signing key.
    let err = config_body(&[
        "gateway-create-k8s-auth-config",
        "-n",
        "x",
        "--k8s-host",
        "https://h",
    ])
    .unwrap_err();
    assert!(err.to_string().contains("--access-id"), "{err}");
    // Only native_k8s, and unfinished flags do not exist.
    assert!(
        Cli::try_parse_from([
            "akl",
            "gateway-create-k8s-auth-config",
            "-n",
            "x",
            "--cluster-api-type",
            "rancher"
        ])
        .is_err()
    );
    for flag in ["--rancher-api-key", "--rancher-cluster-id"] {
        assert!(
            Cli::try_parse_from([
                "akl",
                "gateway-create-k8s-auth-config",
                "-n",
                "x",
                flag,
                "v"
            ])
            .is_err(),
            "{flag}"
        );
    }
}

#[test]
fn sa_token_is_read_trimmed_and_base64() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("token");
    std::fs::write(&file, "  eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln\n").unwrap();
    let b64 = auth::read_sa_token(&file).unwrap();
    assert_eq!(
        b64,
        STANDARD.encode("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")
    );
    let Command::Auth(a) = parse(&[
        "auth",
        "--access-type",
        "k8s",
        "--access-id",
        "p-1",
        "--k8s-auth-config-name",
        "c",
    ])
    .command
    else {
        panic!()
    };
    let req = auth::build_request(&a, None, "https://gw:8000", &file).unwrap();
    assert_eq!(
        body(req),
        json!({
            "access-id": "p-1", "access-type": "k8s", "k8s-auth-config-name": "c",
            "k8s-service-account-token": b64, "gateway-url": "https://gw:8000", "json": false
        })
    );
    std::fs::write(&file, "\n").unwrap();
    assert!(
        auth::read_sa_token(&file)
            .unwrap_err()
            .to_string()
            .contains("empty")
    );
}

fn one_line_error(r: &Run, want: &[&str]) {
    assert_ne!(r.code, 0, "expected failure, got: {}", r.stdout);
    assert!(r.code == 1 || r.code == 2, "exit code {}", r.code);
    assert!(r.stdout.is_empty(), "stdout: {}", r.stdout);
    assert_eq!(
        r.stderr.lines().count(),
        1,
        "one line expected: {}",
        r.stderr
    );
    assert!(r.stderr.starts_with("Error: "), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    for w in want {
        assert!(r.stderr.contains(w), "expected {w:?} in {}", r.stderr);
    }
}

fn run_env(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut c = akl(dir);
    c.env_remove("AKEYLESS_GATEWAY_URL")
        .env_remove("AKL_SA_TOKEN_FILE")
        .env_remove("AKEYLESS_DEFAULT_PROFILE");
    for (k, v) in env {
        c.env(k, v);
    }
    Run::from_output(c.args(args).output().unwrap())
}

/// Arguments, environment, substrings the error line must contain.
type Case<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>, Vec<&'a str>);

#[test]
fn bad_input_gets_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let missing = d.join("no-token").display().to_string();
    let cases: Vec<Case> = vec![
        (
            vec!["auth", "--access-type", "oidc"],
            vec![],
            vec!["--access-type", "oidc", "access_key, k8s"],
        ),
        (
            vec![
                "auth",
                "--access-type",
                "k8s",
                "--k8s-auth-config-name",
                "c",
            ],
            vec![],
            vec!["--access-id"],
        ),
        (
            vec!["auth", "--access-type", "k8s", "--access-id", "p-1"],
            vec![],
            vec!["--k8s-auth-config-name"],
        ),
        (
            vec![
                "auth",
                "--access-type",
                "k8s",
                "--access-id",
                "p-1",
                "--k8s-auth-config-name",
                "c",
            ],
            vec![("AKL_SA_TOKEN_FILE", missing.as_str())],
            vec![
                "cannot read the service-account token at",
                "no-token",
                "--k8s-service-account-token",
            ],
        ),
        (
            vec!["auth", "--access-id", "p-1"],
            vec![],
            vec!["--access-key"],
        ),
        (vec!["auth"], vec![], vec!["--access-id", "akl configure"]),
        (
            vec![
                "auth",
                "--access-id",
                "p-1",
                "--access-key",
                "k",
                "--gateway-url",
                "gw:8000",
            ],
            vec![],
            vec!["--gateway-url", "gw:8000"],
        ),
        (
            vec!["auth", "--access-id", "p-1", "--access-key", "k"],
            vec![("AKEYLESS_GATEWAY_URL", "not a url")],
            vec!["AKEYLESS_GATEWAY_URL"],
        ),
        (
            vec![
                "auth",
                "--access-id",
                "p-1",
                "--access-key",
                "k",
                "-u",
                "https://127.0.0.1:1",
            ],
            vec![],
            vec!["cannot reach the gateway", "127.0.0.1:1"],
        ),
        (
            vec![
                "list-auth-methods",
                "--token",
                "t-1",
                "-u",
                "https://127.0.0.1:1",
            ],
            vec![],
            vec!["cannot reach the gateway"],
        ),
        (
            vec!["auth-method", "get", "-n", "m", "-u", "https://127.0.0.1:1"],
            vec![],
            vec!["not authenticated: pass --token"],
        ),
        (
            vec!["gateway-list-k8s-auth-configs", "--profile", "nope"],
            vec![],
            vec!["profile 'nope'", "akl configure"],
        ),
        (
            vec!["gateway-list-k8s-auth-configs"],
            vec![("AKEYLESS_DEFAULT_PROFILE", "ci")],
            vec!["profile 'ci'"],
        ),
        (
            vec!["list-auth-methods", "--profile", "../x"],
            vec![],
            vec!["profile name"],
        ),
        (
            vec![
                "gateway-create-k8s-auth-config",
                "-n",
                "c",
                "--token",
                "t-1",
                "--access-id",
                "p-1",
                "--signing-key",
                "k",
                "--k8s-host",
                "10.0.0.1:6443",
            ],
            vec![],
            vec!["--k8s-host"],
        ),
        (
            vec![
                "gateway-create-k8s-auth-config",
                "-n",
                "c",
                "--token",
                "t-1",
                "--access-id",
                "p-1",
                "--signing-key",
                "k",
            ],
            vec![],
            vec!["--k8s-host is missing", "--kubeconfig"],
        ),
        (
            vec![
                "gateway-create-k8s-auth-config",
                "-n",
                "c",
                "--cluster-api-type",
                "rancher",
            ],
            vec![],
            vec!["rancher", "native_k8s"],
        ),
        (
            vec![
                "create-auth-method-k8s",
                "-n",
                "m",
                "-p",
                "nofile.pem",
                "--token",
                "t-1",
            ],
            vec![],
            vec!["nofile.pem"],
        ),
        (
            vec![
                "create-auth-method-k8s",
                "-n",
                "m",
                "--delete-protection=maybe",
            ],
            vec![],
            vec!["--delete-protection"],
        ),
        (vec!["create-auth-method-k8s"], vec![], vec!["--name"]),
        (
            vec!["configure", "--access-id", "p-1"],
            vec![],
            vec!["--access-key"],
        ),
        (
            vec![
                "configure",
                "--access-id",
                "p-1",
                "--access-key",
                "k",
                "--gateway-url",
                "nope",
            ],
            vec![],
            vec!["--gateway-url"],
        ),
        (
            vec![
                "gateway-get-k8s-auth-config",
                "-n",
                "c",
                "--token",
                "t-1",
                "--gateway-ca-cert",
                "missing.pem",
            ],
            vec![],
            vec!["missing.pem"],
        ),
    ];
    for (args, env, want) in &cases {
        let r = run_env(d, env, args);
        one_line_error(&r, want);
        assert!(
            !d.join(".akeyless/profiles").exists(),
            "{args:?} wrote a profile"
        );
    }
}

#[test]
fn configure_writes_a_private_profile_and_hides_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let r = run_env(
        d,
        &[],
        &[
            "configure",
            "--profile",
            "ci",
            "--access-id",
            "p-abc",
            "--access-key",
            "SeCrEt",
            "--access-type",
            "access_key",
            "--gateway-url",
            "https://127.0.0.1:1",
        ],
    )
    .ok();
    assert_eq!(r.stdout, "Profile ci successfully configured\n");
    assert!(!r.stdout.contains("SeCrEt") && !r.stderr.contains("SeCrEt"));
    let path = d.join(".akeyless/profiles/ci.toml");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "[\"ci\"]\naccess_id = \"p-abc\"\naccess_key = \"SeCrEt\"\naccess_type = \"access_key\"\ngateway_url = \"https://127.0.0.1:1\"\n"
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&d.join(".akeyless/profiles")), 0o700);
    let r = run_env(
        d,
        &[],
        &[
            "configure",
            "--access-id",
            "p-abc",
            "--access-key",
            "SeCrEt",
            "--json",
        ],
    )
    .ok();
    let v = r.json();
    assert_eq!(v["profile"], "default");
    assert!(!r.stdout.contains("SeCrEt"));
    // The profile's gateway URL is the one used when nothing else names one.
    let r = run_env(d, &[], &["--profile", "ci", "list-auth-methods"]);
    one_line_error(
        &r,
        &[
            "profile 'ci'",
            "cannot reach the gateway at https://127.0.0.1:1/api/v2",
        ],
    );
}

#[test]
fn no_skip_tls_option_exists() {
    let help = common::run(Path::new("."), &["auth", "--help"]).ok().stdout;
    let lower = help.to_lowercase();
    for word in ["insecure", "skip-tls", "no-verify", "skip-verify"] {
        assert!(!lower.contains(word), "{help}");
    }
}

/// Seed 000 passes `$(… | base64)` unquoted: GNU base64 wraps at 76
/// columns, so the shell hands the value over as several words.
#[test]
fn wrapped_base64_values_are_joined() {
    use akl::cli::{Cli, Command};
    let cli = Cli::try_parse_from([
        "akl",
        "gateway-create-k8s-auth-config",
        "-n",
        "x",
        "--access-id",
        "p-1",
        "--signing-key",
        "k",
        "--k8s-host",
        "https://h:6443",
        "--k8s-auth-type",
        "certificate",
        "--k8s-client-certificate",
        "Q0VSVA==",
        "--k8s-client-key",
        "AAAA",
        "BBBB",
        "CC==",
        "--k8s-ca-cert",
        "Y2E=",
    ])
    .unwrap();
    let Command::GatewayCreateK8sAuthConfig(args) = cli.command else {
        panic!()
    };
    let req = akl::commands::k8s_auth_config::build_request(
        &args,
        akl::commands::k8s_auth_config::Mode::Create,
    )
    .unwrap();
    assert_eq!(req.k8s_client_key.as_deref(), Some("AAAABBBBCC=="));
    assert_eq!(req.k8s_client_certificate.as_deref(), Some("Q0VSVA=="));
    assert_eq!(req.k8s_ca_cert.as_deref(), Some("Y2E="));
}
