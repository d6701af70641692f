//! The Kubernetes manifests in deploy/ parse into the Kubernetes API types
//! (k8s-openapi) and fit together: selectors match the pod labels, probe and
//! Service ports exist on the container, the ServiceAccount named exists and
//! is bound to system:auth-delegator, Secrets referenced are documented in
//! the README, every `AKL_*` variable is one `gateway serve` reads, and the
//! kustomization lists every file. The base runs two replicas on PostgreSQL
//! with the database URL, master key and TLS from Secrets; the
//! sqlite-single-replica component turns it into one replica on a volume.
//! The Dockerfile is checked for what the manifests rely on (non-root user,
//! entrypoint).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{
    Container, EnvVar, Namespace, PersistentVolumeClaim, Pod, PodSpec, Service, ServiceAccount,
};
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::api::rbac::v1::ClusterRoleBinding;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_yaml::Value;

fn deploy_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy")
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn yaml_files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .collect()
}

/// The manifests of deploy/, typed.
#[derive(Default)]
struct Manifests {
    namespaces: Vec<Namespace>,
    service_accounts: Vec<ServiceAccount>,
    bindings: Vec<ClusterRoleBinding>,
    claims: Vec<PersistentVolumeClaim>,
    deployments: Vec<Deployment>,
    services: Vec<Service>,
    pdbs: Vec<PodDisruptionBudget>,
}

fn typed<T: serde::de::DeserializeOwned>(file: &str, doc: Value) -> T {
    serde_yaml::from_value(doc).unwrap_or_else(|e| panic!("{file}: not a valid object: {e}"))
}

fn load(dir: &Path, files: &[String]) -> Manifests {
    let mut m = Manifests::default();
    for f in files {
        let doc: Value = serde_yaml::from_str(&read(&dir.join(f)))
            .unwrap_or_else(|e| panic!("{f}: not YAML: {e}"));
        let kind = doc["kind"].as_str().unwrap_or_default().to_owned();
        match kind.as_str() {
            "Namespace" => m.namespaces.push(typed(f, doc)),
            "ServiceAccount" => m.service_accounts.push(typed(f, doc)),
            "ClusterRoleBinding" => m.bindings.push(typed(f, doc)),
            "PersistentVolumeClaim" => m.claims.push(typed(f, doc)),
            "Deployment" => m.deployments.push(typed(f, doc)),
            "Service" => m.services.push(typed(f, doc)),
            "PodDisruptionBudget" => m.pdbs.push(typed(f, doc)),
            other => panic!("{f}: unexpected kind {other:?}"),
        }
    }
    m
}

fn kustomization(dir: &Path) -> Value {
    serde_yaml::from_str(&read(&dir.join("kustomization.yaml"))).unwrap()
}

/// `## Deploy to a cluster` of the README.
fn readme_deploy_section() -> String {
    let readme = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"));
    let start = readme
        .find("## Deploy to a cluster")
        .expect("README has a 'Deploy to a cluster' section");
    let rest = &readme[start + 3..];
    let end = rest.find("\n## ").map(|i| i + 1).unwrap_or(rest.len());
    rest[..end].to_owned()
}

fn port_exists(c: &Container, port: &IntOrString) -> bool {
    let ports = c.ports.as_deref().unwrap_or_default();
    match port {
        IntOrString::Int(n) => ports.iter().any(|p| p.container_port == *n),
        IntOrString::String(name) => ports.iter().any(|p| p.name.as_deref() == Some(name)),
    }
}

fn matches(selector: &BTreeMap<String, String>, labels: &BTreeMap<String, String>) -> bool {
    !selector.is_empty() && selector.iter().all(|(k, v)| labels.get(k) == Some(v))
}

/// Names of Secrets and ConfigMaps a pod spec uses, with whether optional.
fn references(spec: &PodSpec) -> (Vec<(String, bool)>, Vec<String>) {
    let mut secrets = Vec::new();
    let mut config_maps = Vec::new();
    for v in spec.volumes.as_deref().unwrap_or_default() {
        if let Some(s) = &v.secret {
            secrets.push((s.secret_name.clone().unwrap(), s.optional.unwrap_or(false)));
        }
        if let Some(c) = &v.config_map {
            config_maps.push(c.name.clone());
        }
    }
    for c in &spec.containers {
        for e in c.env_from.as_deref().unwrap_or_default() {
            if let Some(s) = &e.secret_ref {
                secrets.push((s.name.clone(), s.optional.unwrap_or(false)));
            }
        }
        for e in c.env.as_deref().unwrap_or_default() {
            if let Some(s) = e
                .value_from
                .as_ref()
                .and_then(|v| v.secret_key_ref.as_ref())
            {
                secrets.push((s.name.clone(), s.optional.unwrap_or(false)));
            }
        }
    }
    (secrets, config_maps)
}

/// `AKL_*` variables `gateway serve` reads, from its help (`[env: NAME=]`).
fn serve_env_vars() -> BTreeSet<String> {
    let out = std::process::Command::new(common::akl_bin())
        .args(["gateway", "serve", "--help"])
        .output()
        .unwrap();
    // Wrapped help may break `[env: NAME=]` across lines.
    let help = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    help.split("[env: ")
        .skip(1)
        .filter_map(|s| s.split(['=', ']']).next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_kustomization_lists_every_manifest_and_they_fit_together() {
    let dir = deploy_dir();
    let k = kustomization(&dir);
    let listed: Vec<String> = k["resources"]
        .as_sequence()
        .expect("resources")
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    let mut present = yaml_files(&dir);
    present.remove("kustomization.yaml");
    assert_eq!(
        listed.iter().cloned().collect::<BTreeSet<_>>(),
        present,
        "deploy/kustomization.yaml resources must list exactly the manifests in deploy/"
    );
    let m = load(&dir, &listed);
    let ns = k["namespace"]
        .as_str()
        .expect("kustomization sets the namespace");
    assert_eq!(m.namespaces.len(), 1);
    assert_eq!(m.namespaces[0].metadata.name.as_deref(), Some(ns));

    // Namespaced objects say the same namespace as the kustomization.
    let namespaced: Vec<(&str, Option<&String>)> = m
        .service_accounts
        .iter()
        .map(|o| ("ServiceAccount", o.metadata.namespace.as_ref()))
        .chain(
            m.claims
                .iter()
                .map(|o| ("PVC", o.metadata.namespace.as_ref())),
        )
        .chain(
            m.deployments
                .iter()
                .map(|o| ("Deployment", o.metadata.namespace.as_ref())),
        )
        .chain(
            m.services
                .iter()
                .map(|o| ("Service", o.metadata.namespace.as_ref())),
        )
        .chain(
            m.pdbs
                .iter()
                .map(|o| ("PDB", o.metadata.namespace.as_ref())),
        )
        .collect();
    for (kind, n) in namespaced {
        assert_eq!(n.map(String::as_str), Some(ns), "{kind} namespace");
    }

    assert_eq!(m.deployments.len(), 1);
    let d = &m.deployments[0];
    let spec = d.spec.as_ref().unwrap();
    let tmpl = &spec.template;
    let labels = tmpl
        .metadata
        .as_ref()
        .and_then(|m| m.labels.clone())
        .expect("pod labels");
    let selector = spec.selector.match_labels.clone().unwrap_or_default();
    assert!(
        matches(&selector, &labels),
        "Deployment selector vs pod labels"
    );
    let pod = tmpl.spec.as_ref().unwrap();

    // The ServiceAccount named exists and may create TokenReviews.
    let sa = pod
        .service_account_name
        .as_deref()
        .expect("serviceAccountName");
    assert!(
        m.service_accounts
            .iter()
            .any(|s| s.metadata.name.as_deref() == Some(sa)),
        "ServiceAccount {sa} is not declared"
    );
    assert!(
        m.bindings.iter().any(|b| b.role_ref.kind == "ClusterRole"
            && b.role_ref.name == "system:auth-delegator"
            && b.subjects
                .as_deref()
                .unwrap_or_default()
                .iter()
                .any(|s| s.kind == "ServiceAccount"
                    && s.name == sa
                    && s.namespace.as_deref() == Some(ns))),
        "no system:auth-delegator binding for {ns}/{sa}"
    );

    // Security: non-root, read-only root, no privilege escalation.
    let psc = pod.security_context.as_ref().expect("pod securityContext");
    assert_eq!(psc.run_as_non_root, Some(true));
    assert_eq!(psc.run_as_user, Some(65532), "the image's user");
    assert_eq!(pod.containers.len(), 1);
    let c = &pod.containers[0];
    let csc = c
        .security_context
        .as_ref()
        .expect("container securityContext");
    assert_eq!(csc.read_only_root_filesystem, Some(true));
    assert_eq!(csc.allow_privilege_escalation, Some(false));
    let res = c.resources.as_ref().expect("resources");
    for what in ["cpu", "memory"] {
        assert!(
            res.requests.as_ref().unwrap().contains_key(what),
            "{what} request"
        );
        assert!(
            res.limits.as_ref().unwrap().contains_key(what),
            "{what} limit"
        );
    }

    // Probes hit the health endpoints on a port the container has.
    let live = c
        .liveness_probe
        .as_ref()
        .unwrap()
        .http_get
        .as_ref()
        .unwrap();
    let ready = c
        .readiness_probe
        .as_ref()
        .unwrap()
        .http_get
        .as_ref()
        .unwrap();
    assert_eq!(live.path.as_deref(), Some("/health/live"));
    assert_eq!(ready.path.as_deref(), Some("/health/ready"));
    for p in [live, ready] {
        assert!(port_exists(c, &p.port), "probe port {:?}", p.port);
        assert_eq!(p.scheme.as_deref(), Some("HTTPS"));
    }

    // The container listens where the ports say.
    let env_vars: BTreeMap<String, &EnvVar> = c
        .env
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|e| (e.name.clone(), e))
        .collect();
    let env: BTreeMap<String, String> = env_vars
        .iter()
        .filter_map(|(n, e)| Some((n.clone(), e.value.clone()?)))
        .collect();
    let listen_port: i32 = env["AKL_LISTEN"]
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(port_exists(c, &IntOrString::Int(listen_port)));

    // Every AKL_ variable is one that `gateway serve` reads.
    let known = serve_env_vars();
    assert!(
        known.contains("AKL_LISTEN"),
        "help lists env vars: {known:?}"
    );
    for name in env_vars.keys().filter(|n| n.starts_with("AKL_")) {
        assert!(
            known.contains(name),
            "{name} is not a gateway serve variable"
        );
    }

    // Service: port 8000 on a container port, selecting the pods.
    assert_eq!(m.services.len(), 1);
    let svc = m.services[0].spec.as_ref().unwrap();
    assert!(
        matches(svc.selector.as_ref().unwrap(), &labels),
        "Service selector"
    );
    let sp = &svc.ports.as_ref().unwrap()[0];
    assert_eq!(sp.port, 8000);
    assert!(
        port_exists(c, sp.target_port.as_ref().unwrap()),
        "Service targetPort"
    );
    // Both replicas serve the certificate of one Secret, which the README
    // makes for the Service's DNS names. (--tls-san is for the self-signed
    // certificate only; serve refuses it with --tls-cert.)
    let svc_name = m.services[0].metadata.name.clone().unwrap();
    let docs = readme_deploy_section();
    for n in [
        format!("{svc_name}.{ns}.svc"),
        format!("{svc_name}.{ns}.svc.cluster.local"),
    ] {
        assert!(docs.contains(&n), "the README's certificate lacks {n}");
    }
    assert!(!env_vars.contains_key("AKL_TLS_SAN"));

    // PodDisruptionBudget selects the same pods.
    assert_eq!(m.pdbs.len(), 1);
    let pdb = m.pdbs[0].spec.as_ref().unwrap();
    assert!(
        matches(
            pdb.selector
                .as_ref()
                .unwrap()
                .match_labels
                .as_ref()
                .unwrap(),
            &labels
        ),
        "PDB selector"
    );

    // Volumes: claims exist; replicas > 1 only without a ReadWriteOnce
    // claim (SQLite is one replica's database).
    let mut rwo = false;
    for v in pod.volumes.as_deref().unwrap_or_default() {
        if let Some(pvc) = &v.persistent_volume_claim {
            let claim = m
                .claims
                .iter()
                .find(|c| c.metadata.name.as_deref() == Some(pvc.claim_name.as_str()))
                .unwrap_or_else(|| panic!("PVC {} is not declared", pvc.claim_name));
            rwo |= claim
                .spec
                .as_ref()
                .and_then(|s| s.access_modes.as_ref())
                .is_some_and(|m| m.iter().any(|a| a == "ReadWriteOnce"));
        }
    }
    let mounts: BTreeSet<&str> = c
        .volume_mounts
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    for v in pod.volumes.as_deref().unwrap_or_default() {
        assert!(mounts.contains(v.name.as_str()), "volume {} unused", v.name);
    }
    let replicas = spec.replicas.unwrap_or(1);
    assert!(!rwo, "the base keeps no state in a volume of its own");
    if rwo {
        assert_eq!(
            replicas, 1,
            "a ReadWriteOnce SQLite volume serves one replica"
        );
        assert_eq!(
            spec.strategy.as_ref().and_then(|s| s.type_.as_deref()),
            Some("Recreate")
        );
    }
    // The data dir is on the volume, the admin key file on its Secret.
    let mount_of = |path: &str| {
        c.volume_mounts
            .as_deref()
            .unwrap_or_default()
            .iter()
            .find(|m| path.starts_with(&m.mount_path))
            .map(|m| m.name.clone())
    };
    assert_eq!(mount_of(&env["AKL_DATA_DIR"]).as_deref(), Some("data"));
    let volume = |name: &str| {
        pod.volumes
            .as_deref()
            .unwrap_or_default()
            .iter()
            .find(|v| v.name == name)
            .unwrap_or_else(|| panic!("volume {name}"))
    };
    assert!(
        volume("data").empty_dir.is_some(),
        "per-pod data dir: the state is in PostgreSQL"
    );
    // Files from Secrets: each under a read-only Secret volume whose key is
    // the file's name, not readable by every user (--master-key-file
    // refuses that; fsGroup makes 0400 into 0440).
    assert_eq!(
        psc.fs_group,
        Some(65532),
        "Secret files readable by the group"
    );
    let secret_file = |var: &str| -> String {
        let path = &env[var];
        let m = c
            .volume_mounts
            .as_deref()
            .unwrap_or_default()
            .iter()
            .find(|m| Path::new(path).parent() == Some(Path::new(&m.mount_path)))
            .unwrap_or_else(|| panic!("{var} {path} is not in a mounted volume"));
        assert_eq!(m.read_only, Some(true), "{var}: read-only mount");
        let s = volume(&m.name)
            .secret
            .as_ref()
            .unwrap_or_else(|| panic!("{var}: not a Secret volume"));
        let mode = s.default_mode.expect("defaultMode");
        assert_eq!(mode & 0o007, 0, "{var}: mode {mode:o} open to every user");
        assert!(
            s.items.is_none(),
            "{var}: the Secret's keys are the file names"
        );
        let key = Path::new(path).file_name().unwrap().to_str().unwrap();
        let name = s.secret_name.clone().unwrap();
        assert!(
            docs.contains(key) && docs.contains(&name),
            "README: Secret {name} key {key}"
        );
        name
    };
    assert_eq!(
        secret_file("AKL_ADMIN_ACCESS_KEY_FILE"),
        "akl-gateway-admin"
    );
    assert_eq!(secret_file("AKL_MASTER_KEY_FILE"), "akl-gateway-master-key");
    assert_eq!(secret_file("AKL_TLS_CERT"), "akl-gateway-tls");
    assert_eq!(secret_file("AKL_TLS_KEY"), "akl-gateway-tls");
    assert!(docs.contains("kubernetes.io/tls") || docs.contains("secret tls"));
    // The database URL (with its password) from a Secret, never a value.
    let store = env_vars["AKL_STORE"];
    assert!(store.value.is_none(), "AKL_STORE must come from a Secret");
    let r = store
        .value_from
        .as_ref()
        .and_then(|v| v.secret_key_ref.as_ref())
        .expect("AKL_STORE from a secretKeyRef");
    assert_ne!(r.optional, Some(true), "replicas need the shared database");
    assert!(docs.contains(&r.name) && docs.contains(&format!("{}=", r.key)));

    // Two replicas on the shared store, rolled one at a time without
    // dropping below two, spread over nodes when there are several.
    assert_eq!(replicas, 2);
    let strategy = spec.strategy.as_ref().unwrap();
    assert_eq!(strategy.type_.as_deref(), Some("RollingUpdate"));
    let ru = strategy.rolling_update.as_ref().unwrap();
    assert_eq!(ru.max_unavailable, Some(IntOrString::Int(0)));
    assert_eq!(ru.max_surge, Some(IntOrString::Int(1)));
    let anti = pod
        .affinity
        .as_ref()
        .and_then(|a| a.pod_anti_affinity.as_ref())
        .and_then(|a| {
            a.preferred_during_scheduling_ignored_during_execution
                .as_ref()
        })
        .expect("preferred pod anti-affinity");
    assert!(anti.iter().any(|t| {
        let term = &t.pod_affinity_term;
        term.topology_key == "kubernetes.io/hostname"
            && term
                .label_selector
                .as_ref()
                .and_then(|s| s.match_labels.as_ref())
                .is_some_and(|s| matches(s, &labels))
    }));
    // The PDB lets a drain evict one pod and keeps one serving.
    let allowed = match (&pdb.max_unavailable, &pdb.min_available) {
        (Some(IntOrString::Int(n)), None) => *n,
        (None, Some(IntOrString::Int(n))) => replicas - n,
        other => panic!("PDB: one integer bound, got {other:?}"),
    };
    assert!(
        allowed >= 1 && replicas - allowed >= 1,
        "PDB with {replicas} replicas"
    );

    // Secrets are not in the repository: each one referenced is created by
    // the operator, so the README must say how.
    let (secrets, _) = references(pod);
    assert!(!secrets.is_empty());
    for (name, _optional) in &secrets {
        assert!(
            docs.contains(name.as_str()),
            "Secret {name} is not documented in the README"
        );
    }
}

#[test]
fn the_sqlite_single_replica_component_and_the_example_pod_fit() {
    let dir = deploy_dir().join("components/sqlite-single-replica");
    let k = kustomization(&dir);
    assert_eq!(k["kind"], "Component");
    let list = |field: &str, key: Option<&str>| -> Vec<String> {
        k[field]
            .as_sequence()
            .unwrap_or_else(|| panic!("component {field}"))
            .iter()
            .map(|p| match key {
                Some(key) => p[key].as_str().unwrap().to_owned(),
                None => p.as_str().unwrap().to_owned(),
            })
            .collect()
    };
    let resources = list("resources", None);
    let patches = list("patches", Some("path"));
    let mut present = yaml_files(&dir);
    present.remove("kustomization.yaml");
    assert_eq!(
        resources
            .iter()
            .chain(&patches)
            .cloned()
            .collect::<BTreeSet<_>>(),
        present,
        "the component lists exactly its files"
    );
    let m = load(&dir, &resources);
    assert_eq!(m.claims.len(), 1);
    let claim = &m.claims[0];
    let base_k = kustomization(&deploy_dir());
    assert_eq!(
        claim.metadata.namespace.as_deref(),
        base_k["namespace"].as_str()
    );
    assert!(
        base_k["components"].is_null(),
        "the base itself is the PostgreSQL setup"
    );

    let raw: Value = serde_yaml::from_str(&read(&dir.join(&patches[0]))).unwrap();
    let d: Deployment = typed(&patches[0], raw.clone());
    let base: Deployment =
        serde_yaml::from_str(&read(&deploy_dir().join("deployment.yaml"))).unwrap();
    assert_eq!(
        d.metadata.name, base.metadata.name,
        "the patch targets the Deployment"
    );
    let spec = d.spec.unwrap();
    // One replica: SQLite on a ReadWriteOnce volume is one gateway's
    // database, and the old pod must release it before the new one starts.
    assert_eq!(spec.replicas, Some(1));
    assert!(
        claim
            .spec
            .as_ref()
            .and_then(|s| s.access_modes.as_ref())
            .is_some_and(|m| m.iter().any(|a| a == "ReadWriteOnce"))
    );
    assert_eq!(
        spec.strategy.as_ref().and_then(|s| s.type_.as_deref()),
        Some("Recreate")
    );
    // A strategic merge keeps what the patch does not clear: the base's
    // rollingUpdate (refused with Recreate) and emptyDir (a volume has
    // one source) must be nulled explicitly.
    let rs = &raw["spec"]["strategy"];
    assert!(
        rs.as_mapping()
            .is_some_and(|m| m.contains_key("rollingUpdate") && rs["rollingUpdate"].is_null()),
        "strategy.rollingUpdate: null"
    );
    let pod = spec.template.spec.unwrap();
    let data = pod
        .volumes
        .as_deref()
        .unwrap_or_default()
        .iter()
        .find(|v| v.name == "data")
        .expect("the data volume");
    assert_eq!(
        data.persistent_volume_claim
            .as_ref()
            .map(|p| p.claim_name.as_str()),
        claim.metadata.name.as_deref()
    );
    let raw_data = raw["spec"]["template"]["spec"]["volumes"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "data")
        .unwrap();
    assert!(
        raw_data
            .as_mapping()
            .is_some_and(|m| m.contains_key("emptyDir") && raw_data["emptyDir"].is_null()),
        "data volume: emptyDir: null"
    );
    // No --store: the env entry is deleted from the base's.
    let raw_env = raw["spec"]["template"]["spec"]["containers"][0]["env"]
        .as_sequence()
        .unwrap();
    assert!(
        raw_env
            .iter()
            .any(|e| e["name"] == "AKL_STORE" && e["$patch"] == "delete"),
        "the component removes AKL_STORE"
    );
    let base_env: BTreeSet<String> = base.spec.unwrap().template.spec.unwrap().containers[0]
        .env
        .as_deref()
        .unwrap()
        .iter()
        .map(|e| e.name.clone())
        .collect();
    for e in raw_env {
        let name = e["name"].as_str().unwrap();
        assert!(
            base_env.contains(name),
            "the patch names {name}, not in the base"
        );
    }
    let docs = readme_deploy_section();
    assert!(docs.contains("components/sqlite-single-replica"));

    let pod: Pod =
        serde_yaml::from_str(&read(&deploy_dir().join("examples/seed-client-pod.yaml"))).unwrap();
    let spec = pod.spec.unwrap();
    let (_, config_maps) = references(&spec);
    for name in &config_maps {
        assert!(
            docs.contains(name.as_str()),
            "ConfigMap {name} undocumented"
        );
    }
    let args = spec.containers[0].command.clone().unwrap();
    assert_eq!(args[..2], ["/akl".to_owned(), "auth".to_owned()]);
    assert!(args.iter().any(|a| a.contains("akl-gateway.akl.svc")));
}

#[test]
fn the_dockerfile_runs_the_static_binary_as_the_manifests_user() {
    let df = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("Dockerfile"));
    let lines: Vec<&str> = df
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let from = lines.iter().find(|l| l.starts_with("FROM ")).unwrap();
    assert!(
        from.contains("scratch") || from.contains("distroless/static"),
        "{from}"
    );
    assert!(lines.contains(&"USER 65532:65532"), "{lines:?}");
    assert!(
        lines.contains(&r#"ENTRYPOINT ["/akl", "gateway", "serve"]"#),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("COPY ") && l.contains("x86_64-unknown-linux-musl")),
        "copies the musl binary: {lines:?}"
    );
}
