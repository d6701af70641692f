//! Issue 8 item 6, the seed flow finished: after seed 001 (dedicated token
//! reviewer), an operator stores /k8s/my-namespace-a/db-password, makes a
//! role with the item rule `/k8s/{{namespace}}/*` read and associates it
//! with the seeds' K8s auth method under `--sub-claims
//! namespace=my-namespace-a`. mypod1 logs in and reads its secret with
//! `akl get-secret-value --token t-…`; a pod of another namespace, bound by
//! the same method, logs in but is refused (401) and lists nothing; a deny
//! rule overrides the read; removing the association revokes access for
//! the next request. Everything runs through the `akl` binary, as a user
//! would, against `akl gateway serve` and the Kubernetes API test server.

mod common;
mod support;

use std::path::PathBuf;
use std::process::{Command, Stdio};

use common::gateway::Gateway;
use common::{Run, akl_bin};
use support::{KubeApiServer, KubeconfigUser, Subject, TokenOpts};

/// A temp home with `akeyless`/`akl` links, a kubeconfig and the gateway CA.
struct Env {
    dir: tempfile::TempDir,
    bin: PathBuf,
    kubeconfig: PathBuf,
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
        Env {
            dir,
            bin,
            kubeconfig,
        }
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("gw-data")
    }

    /// A command with the operator's environment (profile in this HOME).
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
            .env(
                "AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE",
                self.data_dir().join("tls.crt"),
            )
            .env_remove("AKEYLESS_GATEWAY_URL")
            .env_remove("AKL_SA_TOKEN_FILE")
            .stdin(Stdio::null());
        c
    }

    fn akl(&self, args: &[&str]) -> Run {
        Run::from_output(self.cmd(akl_bin()).args(args).output().unwrap())
    }

    /// `akl ARGS` in "a pod": its own empty HOME (no operator profile), so
    /// only `--token` authenticates.
    fn pod(&self, args: &[&str]) -> Run {
        let home = self.dir.path().join("pod-home");
        std::fs::create_dir_all(&home).unwrap();
        Run::from_output(
            self.cmd(akl_bin())
                .env("HOME", &home)
                .args(args)
                .output()
                .unwrap(),
        )
    }

    fn bash(&self, script: &str, vars: &[(&str, &str)]) -> Run {
        let mut c = self.cmd("bash");
        c.args(["-c", script]);
        for (k, v) in vars {
            c.env(k, v);
        }
        Run::from_output(c.output().unwrap())
    }

    /// `akl auth` from a pod with its projected token mounted as a file.
    fn pod_login(&self, gw: &Gateway, access_id: &str, token: &str) -> String {
        let file = self.dir.path().join("sa-token");
        std::fs::write(&file, token).unwrap();
        let r = Run::from_output(
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
                    "k8s-conf",
                    "--json",
                ])
                .output()
                .unwrap(),
        )
        .ok();
        let t = r.json()["token"].as_str().unwrap().to_owned();
        assert!(t.starts_with("t-"), "{t}");
        t
    }
}

/// Seed 001 with the method bound to both namespaces, then the operator's
/// part of issue 8 item 6.
const SEED: &str = r#"
set -euo pipefail
CA_CERT=$(akl k8s ca-cert)
akeyless configure --profile default --access-id "$ADMIN_ID" --access-key "$ADMIN_KEY" --access-type access_key --gateway-url "$GATEWAY_URL" >/dev/null
OUT=$(akeyless create-auth-method-k8s -n my-k8s-auth-method --bound-pod-names mypod1 \
    --bound-pod-names mypod2 --bound-namespaces my-namespace-a --bound-namespaces my-namespace-b --json)
ACCESS_ID=$(echo "$OUT" | jq -r .access_id)
PRV_KEY=$(echo "$OUT" | jq -r .prv_key)
K8S_ISSUER=$(akl k8s issuer)
akeyless gateway-create-k8s-auth-config --name k8s-conf \
        --gateway-url "$GATEWAY_URL" \
        --access-id $ACCESS_ID \
        --signing-key $PRV_KEY \
        --k8s-host=$K8S_HOST \
        --token-reviewer-jwt $SA_JWT_TOKEN \
        --k8s-ca-cert $CA_CERT \
        --k8s-issuer $K8S_ISSUER >/dev/null
# The operator: a secret per namespace, kept off argv with --value-file -.
printf '%s' "$DB_PASSWORD_A" | akeyless create-secret -n /k8s/my-namespace-a/db-password --value-file -
akeyless create-secret -n /k8s/my-namespace-b/db-password -v other-namespace-value >/dev/null
akeyless create-role -n k8s-namespace-reader
akeyless set-role-rule -r k8s-namespace-reader -p '/k8s/{{namespace}}/*' -c read >/dev/null
ASSOC_ID=$(akeyless assoc-role-am -r k8s-namespace-reader -a my-k8s-auth-method \
    --sub-claims namespace=my-namespace-a --jq-expression .assoc_id)
echo "ACCESS_ID=$ACCESS_ID"
echo "ASSOC_ID=$ASSOC_ID"
"#;

fn value<'a>(out: &'a str, key: &str) -> &'a str {
    out.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("{key} not in {out}"))
}

/// Refused with one stderr line naming the denial, nothing on stdout.
fn denied(r: &Run) {
    assert_ne!(r.code, 0, "expected a refusal, got: {}", r.stdout);
    assert!(r.stdout.is_empty(), "stdout on failure: {}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "one line: {}", r.stderr);
    assert!(r.stderr.contains("UnauthorizedAccess"), "{}", r.stderr);
    assert!(
        !r.stderr.contains("secret-a-"),
        "value leaked: {}",
        r.stderr
    );
}

fn item_names(r: &Run) -> Vec<String> {
    let v = r.json();
    v["items"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|i| i["item_name"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn seed_flow_pod_reads_its_own_secret_and_no_other() {
    let kube = KubeApiServer::start();
    kube.create_namespace("my-namespace-a");
    kube.create_namespace("my-namespace-b");
    kube.create_service_account("default", "gateway-token-reviewer");
    kube.bind_auth_delegator(Subject::ServiceAccount {
        ns: "default".into(),
        name: "gateway-token-reviewer".into(),
    });
    let sa_jwt_token = kube.legacy_token("default", "gateway-token-reviewer");
    kube.create_pod("my-namespace-a", "mypod1", "default");
    kube.create_pod("my-namespace-b", "mypod2", "default");

    let env = Env::new(&kube);
    let gw = Gateway::start(&env.data_dir());
    let (admin_id, admin_key) = gw.admin.clone().expect("first start prints the admin key");
    let password = "secret-a-Zq8!x y";
    let r = env.bash(
        SEED,
        &[
            ("ADMIN_ID", &admin_id),
            ("ADMIN_KEY", &admin_key),
            ("GATEWAY_URL", &gw.url),
            ("K8S_HOST", &kube.url()),
            ("SA_JWT_TOKEN", &sa_jwt_token),
            ("DB_PASSWORD_A", password),
        ],
    );
    assert_eq!(r.code, 0, "seed flow failed:\n{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains(
            "A new secret named /k8s/my-namespace-a/db-password was successfully created\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("A new role named k8s-namespace-reader was successfully created\n"),
        "{}",
        r.stdout
    );
    let access_id = value(&r.stdout, "ACCESS_ID").to_owned();
    let assoc_id = value(&r.stdout, "ASSOC_ID").to_owned();
    assert!(!assoc_id.is_empty());

    // The association is visible on both sides with the reference's names.
    let role = env
        .akl(&["get-role", "-n", "k8s-namespace-reader", "--json"])
        .ok()
        .json();
    let assoc = &role["role_auth_methods_assoc"][0];
    assert_eq!(assoc["assoc_id"], assoc_id.as_str(), "{role}");
    assert_eq!(
        assoc["auth_method_sub_claims"]["namespace"],
        serde_json::json!(["my-namespace-a"])
    );
    assert_eq!(
        role["rules"]["path_rules"][0]["path"], "/k8s/{{namespace}}/*",
        "{role}"
    );
    let am = env
        .akl(&["get-auth-method", "-n", "my-k8s-auth-method", "--json"])
        .ok()
        .json();
    assert_eq!(
        am["auth_method_roles_assoc"][0]["assoc_id"],
        assoc_id.as_str(),
        "{am}"
    );

    // mypod1 logs in and reads its secret: the raw value, nothing else.
    let ta = env.pod_login(
        &gw,
        &access_id,
        &kube.token_request("my-namespace-a", "default", pod("mypod1")),
    );
    let secret_a = "/k8s/my-namespace-a/db-password";
    let secret_b = "/k8s/my-namespace-b/db-password";
    let read_a = |token: &str| {
        env.pod(&[
            "get-secret-value",
            "-n",
            secret_a,
            "--token",
            token,
            "--gateway-url",
            &gw.url,
        ])
    };
    let r = read_a(&ta).ok();
    assert_eq!(r.stdout, format!("{password}\n"));
    // Its claims, as describe-sub-claims shows them to the token holder.
    let claims = env
        .pod(&[
            "describe-sub-claims",
            "--token",
            &ta,
            "--gateway-url",
            &gw.url,
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        claims["sub_claims"]["namespace"],
        serde_json::json!(["my-namespace-a"]),
        "{claims}"
    );
    // The other namespace's secret, an absent one and listing.
    denied(&env.pod(&[
        "get-secret-value",
        "-n",
        secret_b,
        "--token",
        &ta,
        "--gateway-url",
        &gw.url,
    ]));
    let listed = env
        .pod(&["list-items", "--token", &ta, "--gateway-url", &gw.url])
        .ok();
    assert_eq!(item_names(&listed), [secret_a], "{}", listed.stdout);

    // A pod of my-namespace-b passes the method's bounds but not the
    // association's sub-claims: 401 on the secret, an empty list.
    let tb = env.pod_login(
        &gw,
        &access_id,
        &kube.token_request("my-namespace-b", "default", pod("mypod2")),
    );
    denied(&read_a(&tb));
    denied(&env.pod(&[
        "get-secret-value",
        "-n",
        "/k8s/my-namespace-a/no-such-secret",
        "--token",
        &tb,
        "--gateway-url",
        &gw.url,
    ]));
    let listed = env
        .pod(&["list-items", "--token", &tb, "--gateway-url", &gw.url])
        .ok();
    assert!(item_names(&listed).is_empty(), "{}", listed.stdout);

    // A deny rule on the exact item overrides the folder read.
    env.akl(&[
        "set-role-rule",
        "-r",
        "k8s-namespace-reader",
        "-p",
        secret_a,
        "-c",
        "deny",
    ])
    .ok();
    denied(&read_a(&ta));
    env.akl(&[
        "delete-role-rule",
        "-r",
        "k8s-namespace-reader",
        "-p",
        secret_a,
    ])
    .ok();
    assert_eq!(read_a(&ta).ok().stdout, format!("{password}\n"));

    // Removing the association revokes the same token's access at once.
    env.akl(&["delete-assoc", "--assoc-id", &assoc_id]).ok();
    denied(&read_a(&ta));
    let listed = env
        .pod(&["list-items", "--token", &ta, "--gateway-url", &gw.url])
        .ok();
    assert!(item_names(&listed).is_empty(), "{}", listed.stdout);

    // The value never reached the gateway log.
    assert!(!gw.logs().contains(password), "secret value in the log");
}

fn pod(name: &str) -> TokenOpts {
    TokenOpts {
        pod: Some(name.to_owned()),
        ..Default::default()
    }
}

/// `list-items` pages: 1,001 secrets give a full first page of 1,000 and a
/// `next_page` that `--pagination-token` turns into the last one.
#[test]
fn list_items_pages_with_pagination_token() {
    use akl::gateway::client::{GatewayClient, Trust};
    use serde_json::json;

    let dir = tempfile::tempdir().unwrap();
    let gw = Gateway::start(&dir.path().join("gw"));
    let (id, key) = gw.admin.clone().unwrap();
    let client = GatewayClient::new(
        &gw.url,
        &Trust {
            ca_file: Some(gw.ca_file.clone()),
        },
    )
    .unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let token = rt.block_on(async {
        let t: serde_json::Value = client
            .call("auth", &json!({"access-id": id, "access-key": key}))
            .await
            .unwrap();
        let token = t["token"].as_str().unwrap().to_owned();
        for i in 0..1001 {
            let _: serde_json::Value = client
                .call(
                    "create-secret",
                    &json!({"name": format!("/page/s{i:04}"), "value": "v", "token": token}),
                )
                .await
                .unwrap();
        }
        token
    });
    let list = |extra: &[&str]| {
        let mut args = vec![
            "list-items",
            "--type",
            "static-secret",
            "--path",
            "/page",
            "--token",
            &token,
            "--gateway-url",
            &gw.url,
            "--json",
        ];
        args.extend_from_slice(extra);
        Run::from_output(
            common::akl(dir.path())
                .env("AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE", &gw.ca_file)
                .args(&args)
                .output()
                .unwrap(),
        )
        .ok()
        .json()
    };
    let first = list(&[]);
    assert_eq!(first["items"].as_array().unwrap().len(), 1000);
    let next = first["next_page"].as_str().unwrap().to_owned();
    assert!(!next.is_empty(), "a full page has a next_page");
    let last = list(&["--pagination-token", &next]);
    let items = last["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{last}");
    assert_eq!(items[0]["item_name"], "/page/s1000");
    assert_eq!(last["next_page"], "");
}
