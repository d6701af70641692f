//! An in-process, test-only Kubernetes API server.
//!
//! It serves, over real HTTPS (HTTP/1.1 and HTTP/2), the parts of kube-apiserver (plus the
//! kube-controller-manager controllers they rely on) that the crate talks to:
//! TokenReview, TokenRequest, SelfSubjectReview, (Self)SubjectAccessReview, core/v1
//! Namespaces, ServiceAccounts, Secrets (with the legacy token controller), ConfigMaps and Pods,
//! rbac.authorization.k8s.io/v1, certificates.k8s.io/v1 CertificateSigningRequests (with the
//! `kubernetes.io/kube-apiserver-client` signer), discovery, `/version`, `/healthz` and the
//! service-account issuer discovery documents.
//!
//! Authentication follows kube-apiserver's order: a verified TLS client certificate
//! (CN = user, O = groups), else a bearer token (a static admin token, or a service-account
//! JWT verified as `pkg/serviceaccount` does), else — with `anonymous_auth` (the default, like
//! `--anonymous-auth=true`) — `system:anonymous` in `system:unauthenticated`. An invalid bearer
//! token is always 401. Authorization is `system:masters` plus RBAC over the stored bindings,
//! seeded with the bootstrap policy: anonymous callers may only `get` `/healthz`, `/livez`,
//! `/readyz` and `/version` (`system:public-info-viewer`); the OIDC documents
//! (`system:service-account-issuer-discovery`) are bound to `system:serviceaccounts` only, unless
//! `Options::public_oidc_discovery` adds the `system:unauthenticated` binding the Kubernetes docs
//! suggest for public discovery.
//!
//! Controllers are simulated in-process: the serviceaccounts and root-ca-cert-publisher
//! controllers on namespace creation, the legacy tokens controller (populates
//! `kubernetes.io/service-account-token` Secrets ~20 ms after creation, deletes them when their
//! service account is missing or deleted), the namespace controller (cascading delete), and the
//! csrsigning controller for `kubernetes.io/kube-apiserver-client` (after `Options::sign_delay`).
//!
//! Not implemented: watch, deleteCollection, field managers / managedFields (server-side apply is
//! create-or-merge-patch, strategic merge patch is treated as JSON merge patch), protobuf
//! responses (protobuf request bodies are decoded for the kinds kubectl's typed clients send),
//! `/openapi/v2`, Nodes, RBAC escalation checks, and request bodies' unknown-field validation.
#![allow(dead_code)]

mod authn;
mod pki;
mod protobuf;
mod rbac;
mod resources;
mod server;
mod util;

#[allow(unused_imports)]
pub use pki::SaKeyAlg;

use resources::{State, meta_str, res};
use serde_json::{Value, json};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// Server configuration.
#[derive(Clone, Debug)]
pub struct Options {
    /// `--service-account-issuer`
    pub issuer: String,
    /// `--api-audiences`
    pub api_audiences: Vec<String>,
    /// algorithm of `--service-account-signing-key-file`
    pub sa_key_alg: SaKeyAlg,
    /// run the `kubernetes.io/kube-apiserver-client` signer for approved CSRs
    pub auto_sign: bool,
    /// delay between approval and signing
    pub sign_delay: Duration,
    /// `--anonymous-auth`
    pub anonymous_auth: bool,
    /// bind `system:service-account-issuer-discovery` to `system:unauthenticated` too
    pub public_oidc_discovery: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            issuer: "https://kubernetes.default.svc.cluster.local".into(),
            api_audiences: vec!["https://kubernetes.default.svc.cluster.local".into()],
            sa_key_alg: SaKeyAlg::Rs256,
            auto_sign: true,
            sign_delay: Duration::from_millis(200),
            anonymous_auth: true,
            public_oidc_discovery: false,
        }
    }
}

/// Credentials written into a kubeconfig by [`KubeApiServer::write_kubeconfig`].
#[derive(Clone, Debug)]
pub enum KubeconfigUser {
    AdminToken,
    Token(String),
    ClientCert { cert_pem: String, key_pem: String },
}

/// An RBAC subject.
#[derive(Clone, Debug)]
pub enum Subject {
    ServiceAccount { ns: String, name: String },
    User(String),
    Group(String),
}

impl Subject {
    pub fn service_account(ns: &str, name: &str) -> Subject {
        Subject::ServiceAccount {
            ns: ns.into(),
            name: name.into(),
        }
    }

    fn to_json(&self) -> Value {
        match self {
            Subject::ServiceAccount { ns, name } => {
                json!({"kind": "ServiceAccount", "name": name, "namespace": ns})
            }
            Subject::User(n) => {
                json!({"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": n})
            }
            Subject::Group(n) => {
                json!({"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": n})
            }
        }
    }

    fn slug(&self) -> String {
        let raw = match self {
            Subject::ServiceAccount { ns, name } => format!("sa-{ns}-{name}"),
            Subject::User(n) => format!("user-{n}"),
            Subject::Group(n) => format!("group-{n}"),
        };
        raw.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect()
    }
}

/// What [`KubeApiServer::token_request`] mints.
#[derive(Clone, Debug)]
pub struct TokenOpts {
    /// empty = the API server audiences (as TokenRequest defaults them)
    pub audiences: Vec<String>,
    /// lifetime from now; may be negative to mint an already-expired token
    /// (then `iat`/`nbf` are one hour before `exp`)
    pub expiration_seconds: i64,
    /// bind the token to this Pod (which must exist and run as the service account)
    pub pod: Option<String>,
}

impl Default for TokenOpts {
    fn default() -> Self {
        TokenOpts {
            audiences: Vec::new(),
            expiration_seconds: 3600,
            pod: None,
        }
    }
}

pub(crate) struct Shared {
    pub opts: Options,
    pub url: String,
    pub ca: pki::Ca,
    /// Service-account keys: the first signs (`--service-account-signing-key-file`), all verify
    /// and are published (`--service-account-key-file`). Rotation puts a new key first.
    pub sa_keys: std::sync::RwLock<Vec<Arc<pki::SaKey>>>,
    pub foreign_key: OnceLock<pki::SaKey>,
    pub admin_token: String,
    pub state: Mutex<State>,
    pub stall: tokio::sync::watch::Sender<bool>,
    pub tokenreviews: AtomicU64,
    pub requests: AtomicU64,
    pub handle: tokio::runtime::Handle,
}

impl Shared {
    /// The key new service-account tokens are signed with.
    pub fn signing_key(&self) -> Arc<pki::SaKey> {
        self.sa_keys.read().unwrap_or_else(|e| e.into_inner())[0].clone()
    }

    /// Every key tokens are verified with (and `/openid/v1/jwks` publishes).
    pub fn verification_keys(&self) -> Vec<Arc<pki::SaKey>> {
        self.sa_keys
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The object store (a panicking handler must not wedge the other tests' requests).
    pub fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The running server. Dropping it shuts the server down.
pub struct KubeApiServer {
    shared: Arc<Shared>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl KubeApiServer {
    pub fn start() -> KubeApiServer {
        Self::start_with(Options::default())
    }

    pub fn start_with(opts: Options) -> KubeApiServer {
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let ca = pki::Ca::generate("kubernetes");
        let (serving_der, serving_key) = ca.serving_cert();
        let mut roots = rustls::RootCertStore::empty();
        roots
            .add(rustls_pki_types::CertificateDer::from(ca.cert_der.clone()))
            .expect("CA root");
        let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
            Arc::new(roots),
            provider.clone(),
        )
        .allow_unauthenticated()
        .build()
        .expect("client verifier");
        let mut tls = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("protocol versions")
            .with_client_cert_verifier(verifier)
            .with_single_cert(
                vec![serving_der.into()],
                rustls_pki_types::PrivateKeyDer::Pkcs8(serving_key.serialize_der().into()),
            )
            .expect("serving certificate");
        tls.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];

        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().unwrap().port();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .thread_name("test-kube-apiserver")
            .build()
            .expect("tokio runtime");
        let sa_key = pki::SaKey::generate(opts.sa_key_alg);
        let shared = Arc::new(Shared {
            url: format!("https://127.0.0.1:{port}"),
            ca,
            sa_keys: std::sync::RwLock::new(vec![Arc::new(sa_key)]),
            foreign_key: OnceLock::new(),
            admin_token: format!("admin-{}", hex::encode(util::random_bytes::<16>())),
            state: Mutex::new(State::new()),
            stall: tokio::sync::watch::channel(false).0,
            tokenreviews: AtomicU64::new(0),
            requests: AtomicU64::new(0),
            handle: rt.handle().clone(),
            opts,
        });
        Self::bootstrap(&shared);
        let (tx, rx) = tokio::sync::oneshot::channel();
        let sh = shared.clone();
        let thread = std::thread::Builder::new()
            .name("test-kube-apiserver".into())
            .spawn(move || {
                rt.block_on(server::serve(listener, Arc::new(tls), sh, rx));
                rt.shutdown_timeout(Duration::from_millis(200));
            })
            .expect("server thread");
        KubeApiServer {
            shared,
            shutdown: Some(tx),
            thread: Some(thread),
        }
    }

    fn bootstrap(shared: &Arc<Shared>) {
        let policy = rbac::bootstrap_policy(shared.opts.public_oidc_discovery);
        server::internal(shared, |ctx| {
            for (plural, obj) in policy {
                resources::create(ctx, res(plural), "", obj).expect("bootstrap policy");
            }
            for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
                resources::create(
                    ctx,
                    res("namespaces"),
                    "",
                    json!({"metadata": {"name": ns}}),
                )
                .expect("namespace");
            }
        });
    }

    fn internal<T>(&self, f: impl FnOnce(&mut resources::Ctx) -> T) -> T {
        server::internal(&self.shared, f)
    }

    /// `https://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        self.shared.url.clone()
    }

    pub fn port(&self) -> u16 {
        self.shared.url.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// PEM of the cluster CA (signs the serving certificate, client certificates and CSRs).
    pub fn ca_pem(&self) -> String {
        self.shared.ca.cert_pem.clone()
    }

    pub fn issuer(&self) -> String {
        self.shared.opts.issuer.clone()
    }

    pub fn api_audiences(&self) -> Vec<String> {
        self.shared.opts.api_audiences.clone()
    }

    /// Bearer token of `kubernetes-admin` (group `system:masters`).
    pub fn admin_token(&self) -> String {
        self.shared.admin_token.clone()
    }

    /// PEM (`PUBLIC KEY`) of the service-account signing key.
    pub fn sa_public_key_pem(&self) -> String {
        self.shared.signing_key().public_key_pem.clone()
    }

    /// `kid` of the service-account signing key.
    pub fn sa_key_id(&self) -> String {
        self.shared.signing_key().kid.clone()
    }

    /// A kubeconfig with one cluster, user and context named `context_name`.
    pub fn kubeconfig_yaml(&self, user: &KubeconfigUser, context_name: &str) -> String {
        let user_yaml = match user {
            KubeconfigUser::AdminToken => format!("    token: {}\n", self.admin_token()),
            KubeconfigUser::Token(t) => format!("    token: {t}\n"),
            KubeconfigUser::ClientCert { cert_pem, key_pem } => format!(
                "    client-certificate-data: {}\n    client-key-data: {}\n",
                util::b64(cert_pem.as_bytes()),
                util::b64(key_pem.as_bytes())
            ),
        };
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: {c}\n  cluster:\n    server: {url}\n    certificate-authority-data: {ca}\nusers:\n- name: {c}\n  user:\n{user_yaml}contexts:\n- name: {c}\n  context:\n    cluster: {c}\n    user: {c}\n    namespace: default\ncurrent-context: {c}\npreferences: {{}}\n",
            c = context_name,
            url = self.url(),
            ca = util::b64(self.ca_pem().as_bytes()),
        )
    }

    pub fn write_kubeconfig(
        &self,
        path: impl AsRef<Path>,
        user: KubeconfigUser,
        context_name: &str,
    ) {
        std::fs::write(path, self.kubeconfig_yaml(&user, context_name)).expect("write kubeconfig");
    }

    pub fn create_namespace(&self, name: &str) {
        self.internal(|ctx| {
            resources::create(
                ctx,
                res("namespaces"),
                "",
                json!({"metadata": {"name": name}}),
            )
        })
        .unwrap_or_else(|e| panic!("create namespace {name}: {}", e.message));
    }

    /// Creates a ServiceAccount and returns its UID.
    pub fn create_service_account(&self, ns: &str, name: &str) -> String {
        let v = self
            .internal(|ctx| {
                resources::create(
                    ctx,
                    res("serviceaccounts"),
                    ns,
                    json!({"metadata": {"name": name}}),
                )
            })
            .unwrap_or_else(|e| panic!("create serviceaccount {ns}/{name}: {}", e.message));
        meta_str(&v, "uid").to_string()
    }

    pub fn delete_service_account(&self, ns: &str, name: &str) {
        self.internal(|ctx| resources::delete(ctx, res("serviceaccounts"), ns, name, &json!({})))
            .unwrap_or_else(|e| panic!("delete serviceaccount {ns}/{name}: {}", e.message));
    }

    /// Creates a (never scheduled) Pod running as `sa_name` and returns its UID.
    pub fn create_pod(&self, ns: &str, name: &str, sa_name: &str) -> String {
        let pod = json!({
            "metadata": {"name": name, "labels": {"app": name}},
            "spec": {
                "serviceAccountName": sa_name,
                "containers": [{"name": "app", "image": "registry.k8s.io/pause:3.10"}],
            },
        });
        let v = self
            .internal(|ctx| resources::create(ctx, res("pods"), ns, pod))
            .unwrap_or_else(|e| panic!("create pod {ns}/{name}: {}", e.message));
        meta_str(&v, "uid").to_string()
    }

    pub fn delete_pod(&self, ns: &str, name: &str) {
        self.internal(|ctx| resources::delete(ctx, res("pods"), ns, name, &json!({})))
            .unwrap_or_else(|e| panic!("delete pod {ns}/{name}: {}", e.message));
    }

    fn mint(&self, key: &pki::SaKey, ns: &str, sa: &str, opts: &TokenOpts) -> String {
        let st = self.shared.lock();
        let sa_obj = st
            .get(res("serviceaccounts"), ns, sa)
            .unwrap_or_else(|| panic!("serviceaccount {ns}/{sa} does not exist"));
        let sa_uid = meta_str(sa_obj, "uid").to_string();
        let pod = opts.pod.as_ref().map(|p| {
            let pod = st
                .get(res("pods"), ns, p)
                .unwrap_or_else(|| panic!("pod {ns}/{p} does not exist"));
            (p.clone(), meta_str(pod, "uid").to_string())
        });
        drop(st);
        let now = util::now_unix();
        let exp = now + opts.expiration_seconds;
        let iat = if opts.expiration_seconds < 0 {
            exp - 3600
        } else {
            now
        };
        let audiences = if opts.audiences.is_empty() {
            self.api_audiences()
        } else {
            opts.audiences.clone()
        };
        authn::mint_bound(
            key,
            &self.shared.opts.issuer,
            &authn::BoundToken {
                ns,
                sa_name: sa,
                sa_uid: &sa_uid,
                pod,
                secret: None,
                node_name: None,
                audiences,
                iat,
                exp,
                warnafter: None,
            },
        )
        .0
    }

    /// A projected service-account token as kube-apiserver's TokenRequest mints it
    /// (no minimum lifetime is enforced here, so tests can mint expired tokens).
    pub fn token_request(&self, ns: &str, sa: &str, opts: TokenOpts) -> String {
        self.mint(&self.shared.signing_key(), ns, sa, &opts)
    }

    /// The same claims signed by a key the cluster does not trust (with that key's own `kid`).
    pub fn foreign_token(&self, ns: &str, sa: &str, opts: TokenOpts) -> String {
        let key = self
            .shared
            .foreign_key
            .get_or_init(|| pki::SaKey::generate(self.shared.opts.sa_key_alg));
        self.mint(key, ns, sa, &opts)
    }

    /// Signs arbitrary claims with the cluster's service-account key.
    pub fn sign_jwt(&self, claims: &Value) -> String {
        self.shared.signing_key().sign(claims)
    }

    /// Creates a `kubernetes.io/service-account-token` Secret for the service account, lets the
    /// token controller populate it, and returns the legacy token.
    pub fn legacy_token(&self, ns: &str, sa: &str) -> String {
        self.internal(|ctx| {
            let secret = json!({
                "metadata": {"generateName": format!("{sa}-token-"), "annotations": {resources::SA_NAME_ANN: sa}},
                "type": resources::SA_TOKEN_TYPE,
            });
            let created = resources::create(ctx, res("secrets"), ns, secret)
                .unwrap_or_else(|e| panic!("create token secret: {}", e.message));
            let name = meta_str(&created, "name").to_string();
            resources::populate_token_secret(ctx.sh, ctx.st, ns, &name);
            let secret = ctx
                .st
                .get(res("secrets"), ns, &name)
                .unwrap_or_else(|| panic!("serviceaccount {ns}/{sa} does not exist (token secret was deleted)"));
            let token = secret
                .pointer("/data/token")
                .and_then(Value::as_str)
                .and_then(util::b64_decode)
                .expect("populated token");
            String::from_utf8(token).unwrap()
        })
    }

    /// Binds ClusterRole `system:auth-delegator` to `subject`; returns the binding name.
    pub fn bind_auth_delegator(&self, subject: Subject) -> String {
        let name = format!("auth-delegator-{}", subject.slug());
        self.create_cluster_role_binding(&name, "system:auth-delegator", &[subject]);
        name
    }

    pub fn create_cluster_role_binding(
        &self,
        name: &str,
        cluster_role: &str,
        subjects: &[Subject],
    ) {
        let crb = json!({
            "metadata": {"name": name},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": cluster_role},
            "subjects": subjects.iter().map(Subject::to_json).collect::<Vec<_>>(),
        });
        self.internal(|ctx| resources::create(ctx, res("clusterrolebindings"), "", crb))
            .unwrap_or_else(|e| panic!("create clusterrolebinding {name}: {}", e.message));
    }

    /// Creates a ClusterRole with the given `rules` (a JSON array of PolicyRules).
    pub fn create_cluster_role(&self, name: &str, rules: Value) {
        self.internal(|ctx| {
            resources::create(
                ctx,
                res("clusterroles"),
                "",
                json!({"metadata": {"name": name}, "rules": rules}),
            )
        })
        .unwrap_or_else(|e| panic!("create clusterrole {name}: {}", e.message));
    }

    /// A client certificate signed by the cluster CA: CN = user, one O per group, EKU clientAuth.
    /// Returns (certificate PEM, PKCS#8 key PEM).
    pub fn issue_client_cert(&self, user: &str, groups: &[&str]) -> (String, String) {
        let groups: Vec<String> = groups.iter().map(|s| s.to_string()).collect();
        self.shared.ca.client_cert(user, &groups, 365 * 86_400)
    }

    fn decide_csr(&self, name: &str, ty: &str) {
        self.internal(|ctx| {
            let r = res("certificatesigningrequests");
            let mut csr = ctx
                .st
                .get(r, "", name)
                .cloned()
                .ok_or_else(|| util::ApiError::not_found(&r.gr(), name))?;
            let cond = json!({
                "type": ty,
                "status": "True",
                "reason": format!("Test{ty}"),
                "message": format!("This CSR was {} by the test harness.", ty.to_lowercase()),
            });
            match csr
                .pointer_mut("/status/conditions")
                .and_then(Value::as_array_mut)
            {
                Some(cs) => cs.push(cond),
                None => csr["status"]["conditions"] = json!([cond]),
            }
            resources::update(ctx, r, "", name, csr, Some("approval"))
        })
        .unwrap_or_else(|e| panic!("{ty} CSR {name}: {}", e.message));
    }

    /// Approves a CertificateSigningRequest (as `kubectl certificate approve` does).
    pub fn approve_csr(&self, name: &str) {
        self.decide_csr(name, "Approved");
    }

    /// Denies a CertificateSigningRequest.
    pub fn deny_csr(&self, name: &str) {
        self.decide_csr(name, "Denied");
    }

    /// The stored object at an API path, e.g. `/api/v1/namespaces/default/secrets/x`.
    pub fn get_object(&self, api_path: &str) -> Option<Value> {
        server::lookup(&self.shared, api_path)
    }

    /// While stalled, connections and requests are accepted but no request is answered.
    pub fn set_stalled(&self, stalled: bool) {
        self.shared.stall.send_replace(stalled);
    }

    /// Starts signing service-account tokens with a new key while the old ones stay trusted and
    /// published, as kube-apiserver restarted with a new `--service-account-signing-key-file` and
    /// the old key kept in `--service-account-key-file`. Returns the new key's `kid`.
    pub fn rotate_signing_key(&self) -> String {
        let key = Arc::new(pki::SaKey::generate(self.shared.opts.sa_key_alg));
        let kid = key.kid.clone();
        self.shared
            .sa_keys
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(0, key);
        kid
    }

    /// Number of TokenReview requests received (counted on arrival, whatever the outcome).
    pub fn tokenreview_count(&self) -> u64 {
        self.shared.tokenreviews.load(Ordering::SeqCst)
    }

    /// Number of HTTP requests received.
    pub fn request_count(&self) -> u64 {
        self.shared.requests.load(Ordering::SeqCst)
    }
}

impl Drop for KubeApiServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
