//! Writing a kubeconfig user and context the way `kubectl config
//! set-credentials`, `set-context` and `use-context` do.
//!
//! The file is edited as a YAML tree (not through kube's typed `Kubeconfig`)
//! so fields neither akl nor kube-rs know survive the rewrite. The output has
//! kubectl's layout: kubectl serialises through JSON, so every mapping's keys
//! come out sorted, and its named lists (`clusters`, `contexts`, `users`) are
//! sorted by name; akl writes the same, so a file edited by both tools does
//! not churn.
//!
//! One deliberate difference: kubectl merges the new credential into an
//! existing user and keeps the other kinds (a leftover client certificate
//! then wins over a new token at the API server). akl replaces every
//! credential field of the user, so the context authenticates as the
//! identity just written; other fields of the user (`as`, `extensions`, …)
//! are kept.
//!
//! File handling follows clientcmd: the destination is `--kubeconfig`, else
//! the first existing `KUBECONFIG` file (the last one when none exists),
//! else `~/.kube/config`; writers hold `FILE.lock` (created exclusively, as
//! kubectl's `ModifyConfig` does) while they read, modify and write. The
//! write goes to a temporary file in the same directory, which is renamed
//! over the original: a reader never sees half a file. A symbolic link at
//! the path is refused rather than followed or replaced.

use anyhow::{Context, Result, anyhow, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde_yaml::{Mapping, Value};

mod file;

pub use file::{Existing, Files, Lock, MAX_KUBECONFIG_BYTES, files, read, write_atomic};

/// The user fields that carry credentials; setting a credential clears them
/// all first.
const CREDENTIAL_FIELDS: &[&str] = &[
    "client-certificate",
    "client-certificate-data",
    "client-key",
    "client-key-data",
    "token",
    "tokenFile",
    "username",
    "password",
    "auth-provider",
    "exec",
];

/// kubectl's `oidc` auth-provider fields (client-go
/// `plugin/pkg/client/auth/oidc`).
#[derive(Clone, PartialEq, Eq)]
pub struct OidcProvider {
    pub issuer_url: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub refresh_token: String,
    pub id_token: Option<String>,
}

/// The credential a user gets.
#[derive(Clone, PartialEq, Eq)]
pub enum Credential {
    /// `client-certificate` / `client-key`: paths relative to the
    /// kubeconfig's directory, as kubectl writes them.
    ClientCertFiles { cert: String, key: String },
    /// `client-certificate-data` / `client-key-data` (`--embed-certs`).
    ClientCertData { cert_pem: Vec<u8>, key_pem: Vec<u8> },
    /// `token`: a bearer token.
    Token(String),
    /// `auth-provider: {name: oidc, config: …}`.
    Oidc(OidcProvider),
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print tokens or keys.
        write!(f, "Credential({})", self.kind())
    }
}

impl Credential {
    /// What the JSON output calls this kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Credential::ClientCertFiles { .. } | Credential::ClientCertData { .. } => {
                "client-certificate"
            }
            Credential::Token(_) => "token",
            Credential::Oidc(_) => "oidc",
        }
    }

    fn fields(&self) -> Vec<(&'static str, Value)> {
        let s = |v: &str| Value::String(v.to_owned());
        match self {
            Credential::ClientCertFiles { cert, key } => {
                vec![("client-certificate", s(cert)), ("client-key", s(key))]
            }
            Credential::ClientCertData { cert_pem, key_pem } => vec![
                ("client-certificate-data", s(&B64.encode(cert_pem))),
                ("client-key-data", s(&B64.encode(key_pem))),
            ],
            Credential::Token(t) => vec![("token", s(t))],
            Credential::Oidc(o) => {
                let mut config = Mapping::new();
                config.insert(s("idp-issuer-url"), s(&o.issuer_url));
                config.insert(s("client-id"), s(&o.client_id));
                if let Some(secret) = &o.client_secret {
                    config.insert(s("client-secret"), s(secret));
                }
                config.insert(s("refresh-token"), s(&o.refresh_token));
                if let Some(id) = &o.id_token {
                    config.insert(s("id-token"), s(id));
                }
                let mut provider = Mapping::new();
                provider.insert(s("name"), s("oidc"));
                provider.insert(s("config"), Value::Mapping(config));
                vec![("auth-provider", Value::Mapping(provider))]
            }
        }
    }
}

/// Whether an entry was added or an existing one changed (kubectl's
/// "created" / "modified").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Created,
    Modified,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Created => "created",
            Change::Modified => "modified",
        }
    }
}

/// One kubeconfig file as a YAML tree.
#[derive(Debug, Clone)]
pub struct Document {
    root: Mapping,
}

fn key(s: &str) -> Value {
    Value::String(s.to_owned())
}

impl Default for Document {
    fn default() -> Self {
        Document::new()
    }
}

impl Document {
    /// An empty kubeconfig.
    pub fn new() -> Document {
        let mut root = Mapping::new();
        root.insert(key("apiVersion"), key("v1"));
        root.insert(key("kind"), key("Config"));
        Document { root }
    }

    /// Parses a kubeconfig; an empty file is an empty kubeconfig (as
    /// clientcmd treats it). `source` names the file in errors.
    pub fn parse(text: &str, source: &str) -> Result<Document> {
        if text.trim().is_empty() {
            return Ok(Document::new());
        }
        let value: Value = serde_yaml::from_str(text).map_err(|e| {
            anyhow!(
                "cannot parse kubeconfig {source}: {}; fix it (kubectl config view shows what kubectl makes of it) or pass another --kubeconfig",
                e.to_string().replace('\n', " ")
            )
        })?;
        let root = match value {
            Value::Mapping(m) => m,
            Value::Null => Mapping::new(),
            _ => bail!("kubeconfig {source} is not a YAML mapping (apiVersion, kind, clusters, …)"),
        };
        for list in ["clusters", "contexts", "users"] {
            match root.get(list) {
                None | Some(Value::Null) | Some(Value::Sequence(_)) => {}
                Some(_) => bail!("kubeconfig {source}: '{list}' is not a list"),
            }
        }
        Ok(Document { root })
    }

    fn list(&self, list: &str) -> &[Value] {
        match self.root.get(list) {
            Some(Value::Sequence(s)) => s,
            _ => &[],
        }
    }

    fn entry(&self, list: &str, name: &str) -> Option<&Value> {
        self.list(list)
            .iter()
            .find(|e| e.get("name").and_then(Value::as_str) == Some(name))
    }

    /// The body (`user`, `context`, …) of a named entry, created if missing.
    fn body_mut(&mut self, list: &str, field: &str, name: &str) -> (&mut Mapping, Change) {
        if !matches!(self.root.get(list), Some(Value::Sequence(_))) {
            self.root.insert(key(list), Value::Sequence(Vec::new()));
        }
        let Some(Value::Sequence(seq)) = self.root.get_mut(list) else {
            unreachable!("inserted above")
        };
        let pos = seq
            .iter()
            .position(|e| e.get("name").and_then(Value::as_str) == Some(name));
        let (pos, change) = match pos {
            Some(p) => (p, Change::Modified),
            None => {
                let mut m = Mapping::new();
                m.insert(key("name"), key(name));
                seq.push(Value::Mapping(m));
                (seq.len() - 1, Change::Created)
            }
        };
        let entry = &mut seq[pos];
        if !entry.is_mapping() {
            *entry = Value::Mapping(Mapping::new());
        }
        let Value::Mapping(entry) = entry else {
            unreachable!("made a mapping above")
        };
        if !matches!(entry.get(field), Some(Value::Mapping(_))) {
            entry.insert(key(field), Value::Mapping(Mapping::new()));
        }
        match entry.get_mut(field) {
            Some(Value::Mapping(m)) => (m, change),
            _ => unreachable!("made a mapping above"),
        }
    }

    pub fn has_cluster(&self, name: &str) -> bool {
        self.entry("clusters", name).is_some()
    }

    pub fn has_user(&self, name: &str) -> bool {
        self.entry("users", name).is_some()
    }

    pub fn has_context(&self, name: &str) -> bool {
        self.entry("contexts", name).is_some()
    }

    /// The cluster a context names.
    pub fn context_cluster(&self, name: &str) -> Option<String> {
        self.entry("contexts", name)?
            .get("context")?
            .get("cluster")?
            .as_str()
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    }

    /// `current-context`, when set.
    pub fn current_context(&self) -> Option<String> {
        self.root
            .get("current-context")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    }

    /// `kubectl config set-credentials NAME …`, except that every credential
    /// field is replaced (see the module docs).
    pub fn set_user(&mut self, name: &str, credential: &Credential) -> Change {
        let (user, change) = self.body_mut("users", "user", name);
        for f in CREDENTIAL_FIELDS {
            user.remove(*f);
        }
        for (k, v) in credential.fields() {
            user.insert(key(k), v);
        }
        change
    }

    /// `kubectl config set-context NAME --cluster C --user U [--namespace N]`;
    /// an empty namespace removes it, as kubectl's `--namespace=` does.
    pub fn set_context(
        &mut self,
        name: &str,
        cluster: &str,
        user: &str,
        namespace: Option<&str>,
    ) -> Change {
        let (ctx, change) = self.body_mut("contexts", "context", name);
        ctx.insert(key("cluster"), key(cluster));
        ctx.insert(key("user"), key(user));
        match namespace {
            Some("") => {
                ctx.remove("namespace");
            }
            Some(ns) => {
                ctx.insert(key("namespace"), key(ns));
            }
            None => {}
        }
        change
    }

    /// `kubectl config use-context NAME`.
    pub fn set_current_context(&mut self, name: &str) {
        self.root.insert(key("current-context"), key(name));
    }

    /// The file as kubectl would write it (see the module docs).
    pub fn to_yaml(&self) -> Result<String> {
        let mut root = self.root.clone();
        // The fields kubectl always writes.
        for (k, default) in [
            ("apiVersion", key("v1")),
            ("kind", key("Config")),
            ("current-context", key("")),
            ("preferences", Value::Mapping(Mapping::new())),
            ("clusters", Value::Null),
            ("contexts", Value::Null),
            ("users", Value::Null),
        ] {
            if !root.contains_key(k) {
                root.insert(key(k), default);
            }
        }
        for list in ["clusters", "contexts", "users"] {
            if let Some(Value::Sequence(seq)) = root.get_mut(list) {
                seq.sort_by(|a, b| {
                    let n = |v: &Value| v.get("name").and_then(Value::as_str).map(str::to_owned);
                    n(a).cmp(&n(b))
                });
            }
        }
        serde_yaml::to_string(&sorted(Value::Mapping(root)))
            .context("cannot serialise the kubeconfig")
    }

    /// The file as `kubectl config view` shows it: certificate and key data
    /// `DATA+OMITTED`, tokens and passwords `REDACTED` (clientcmd's
    /// `ShortenConfig`), and, beyond kubectl, the oidc auth-provider's client
    /// secret and tokens `REDACTED` too, so a dry run can go to a CI log.
    pub fn redacted(&self) -> Document {
        let mut root = self.root.clone();
        let omit = |m: &mut Mapping, fields: &[&str], with: &str| {
            for f in fields {
                if let Some(v) = m.get_mut(*f)
                    && v.as_str().is_some_and(|s| !s.is_empty())
                {
                    *v = key(with);
                }
            }
        };
        for (list, body) in [("clusters", "cluster"), ("users", "user")] {
            let Some(Value::Sequence(seq)) = root.get_mut(list) else {
                continue;
            };
            for entry in seq.iter_mut() {
                let Some(Value::Mapping(m)) = entry.get_mut(body) else {
                    continue;
                };
                omit(
                    m,
                    &[
                        "certificate-authority-data",
                        "client-certificate-data",
                        "client-key-data",
                    ],
                    "DATA+OMITTED",
                );
                omit(m, &["token", "password"], "REDACTED");
                if let Some(Value::Mapping(config)) =
                    m.get_mut("auth-provider").and_then(|p| p.get_mut("config"))
                {
                    omit(
                        config,
                        &["client-secret", "refresh-token", "id-token", "access-token"],
                        "REDACTED",
                    );
                }
            }
        }
        Document { root }
    }
}

fn sort_key(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other).unwrap_or_default(),
    }
}

/// Sorts every mapping's keys, recursively, as kubectl's JSON round trip does.
fn sorted(v: Value) -> Value {
    match v {
        Value::Mapping(m) => {
            let mut entries: Vec<(Value, Value)> = m.into_iter().collect();
            entries.sort_by_key(|(k, _)| sort_key(k));
            Value::Mapping(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Sequence(s) => Value::Sequence(s.into_iter().map(sorted).collect()),
        Value::Tagged(t) => {
            let t = *t;
            Value::Tagged(Box::new(serde_yaml::value::TaggedValue {
                tag: t.tag,
                value: sorted(t.value),
            }))
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CFG: &str = r#"
apiVersion: v1
kind: Config
current-context: zed
clusters:
- name: zed
  cluster: {server: "https://10.0.0.1:6443", certificate-authority-data: SGVsbG8=, x-extra: 1}
- name: alpha
  cluster: {server: "https://10.0.0.2:6443"}
contexts:
- name: zed
  context: {cluster: zed, user: zu, namespace: ns1}
users:
- name: zu
  user: {token: abc, as: someone}
x-top: kept
"#;

    #[test]
    fn adds_entries_in_kubectls_layout_and_keeps_the_rest() {
        let mut d = Document::parse(CFG, "t").unwrap();
        assert_eq!(
            d.set_user("bob", &Credential::Token("xyz".into())),
            Change::Created
        );
        assert_eq!(d.set_context("bob", "zed", "bob", None), Change::Created);
        let y = d.to_yaml().unwrap();
        assert_eq!(
            y,
            "apiVersion: v1\nclusters:\n- cluster:\n    server: https://10.0.0.2:6443\n  name: alpha\n- cluster:\n    certificate-authority-data: SGVsbG8=\n    server: https://10.0.0.1:6443\n    x-extra: 1\n  name: zed\ncontexts:\n- context:\n    cluster: zed\n    user: bob\n  name: bob\n- context:\n    cluster: zed\n    namespace: ns1\n    user: zu\n  name: zed\ncurrent-context: zed\nkind: Config\npreferences: {}\nusers:\n- name: bob\n  user:\n    token: xyz\n- name: zu\n  user:\n    as: someone\n    token: abc\nx-top: kept\n"
        );
    }

    #[test]
    fn a_new_credential_replaces_every_other_kind() {
        let mut d = Document::parse(CFG, "t").unwrap();
        let change = d.set_user(
            "zu",
            &Credential::ClientCertData {
                cert_pem: b"C".to_vec(),
                key_pem: b"K".to_vec(),
            },
        );
        assert_eq!(change, Change::Modified);
        let y = d.to_yaml().unwrap();
        assert!(
            y.contains("- name: zu\n  user:\n    as: someone\n    client-certificate-data: Qw==\n    client-key-data: Sw==\n"),
            "{y}"
        );
        assert!(!y.contains("token"), "{y}");
        d.set_context("zed", "alpha", "zu", Some(""));
        d.set_current_context("zed");
        let y = d.to_yaml().unwrap();
        assert!(
            y.contains("- context:\n    cluster: alpha\n    user: zu\n  name: zed\n"),
            "{y}"
        );
    }

    #[test]
    fn oidc_fields_are_kubectls() {
        let mut d = Document::new();
        d.set_user(
            "o",
            &Credential::Oidc(OidcProvider {
                issuer_url: "https://idp".into(),
                client_id: "k".into(),
                client_secret: None,
                refresh_token: "r".into(),
                id_token: Some("i".into()),
            }),
        );
        assert_eq!(
            d.to_yaml().unwrap(),
            "apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: ''\nkind: Config\npreferences: {}\nusers:\n- name: o\n  user:\n    auth-provider:\n      config:\n        client-id: k\n        id-token: i\n        idp-issuer-url: https://idp\n        refresh-token: r\n      name: oidc\n"
        );
    }

    #[test]
    fn redaction_hides_every_secret() {
        let mut d = Document::parse(CFG, "t").unwrap();
        d.set_user(
            "o",
            &Credential::Oidc(OidcProvider {
                issuer_url: "https://idp".into(),
                client_id: "k".into(),
                client_secret: Some("cs-secret".into()),
                refresh_token: "rt-secret".into(),
                id_token: None,
            }),
        );
        d.set_user(
            "c",
            &Credential::ClientCertData {
                cert_pem: b"C".to_vec(),
                key_pem: b"key-secret".to_vec(),
            },
        );
        let y = d.redacted().to_yaml().unwrap();
        for secret in [
            "abc",
            "cs-secret",
            "rt-secret",
            "SGVsbG8=",
            &B64.encode("key-secret"),
        ] {
            assert!(!y.contains(secret), "{secret} in {y}");
        }
        assert!(
            y.contains("token: REDACTED") && y.contains("client-id: k"),
            "{y}"
        );
        assert!(y.contains("client-key-data: DATA+OMITTED"), "{y}");
        assert!(
            d.to_yaml().unwrap().contains("rt-secret"),
            "the original is intact"
        );
    }

    #[test]
    fn lookups_and_bad_documents() {
        let d = Document::parse(CFG, "t").unwrap();
        assert_eq!(d.current_context().as_deref(), Some("zed"));
        assert_eq!(d.context_cluster("zed").as_deref(), Some("zed"));
        assert!(d.has_cluster("alpha") && !d.has_cluster("beta"));
        assert!(
            Document::parse("", "t")
                .unwrap()
                .current_context()
                .is_none()
        );
        let e = Document::parse("- a\n- b\n", "f.yaml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("f.yaml") && e.contains("mapping"), "{e}");
        let e = Document::parse("users: 3\n", "f.yaml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("'users' is not a list"), "{e}");
        let e = Document::parse("a: [\n", "f.yaml").unwrap_err().to_string();
        assert!(
            e.contains("cannot parse kubeconfig f.yaml") && !e.contains('\n'),
            "{e}"
        );
    }
}
