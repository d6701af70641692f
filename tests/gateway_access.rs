//! Access roles, sub-claims and static secrets over the wire: the real
//! gateway binary (TLS, SQLite), the Kubernetes API test server for pod
//! logins, and plain JSON POSTs as the SDKs send them.

mod common;
mod support;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::gateway::Gateway;
use serde_json::{Value, json};
use support::{KubeApiServer, Subject, TokenOpts};

/// A JSON client of one gateway.
struct Api {
    rt: tokio::runtime::Runtime,
    http: reqwest::Client,
    url: String,
}

impl Api {
    fn new(gw: &Gateway) -> Api {
        let pem = std::fs::read(&gw.ca_file).unwrap();
        let certs = reqwest::Certificate::from_pem_bundle(&pem).unwrap();
        let http = reqwest::Client::builder()
            .tls_certs_merge(certs)
            .build()
            .unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        Api {
            rt,
            http,
            url: gw.url.clone(),
        }
    }

    /// POST /<command>; (status, JSON body).
    fn call(&self, command: &str, body: Value) -> (u16, Value) {
        self.rt.block_on(async {
            let resp = self
                .http
                .post(format!("{}/{command}", self.url))
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = resp.status().as_u16();
            let v = resp.json::<Value>().await.unwrap_or(Value::Null);
            (status, v)
        })
    }

    /// A call that must succeed (2xx); returns the body.
    fn ok(&self, command: &str, body: Value) -> Value {
        let (status, v) = self.call(command, body);
        assert!((200..300).contains(&status), "{command}: {status} {v}");
        v
    }

    /// A call that must fail with `status` and an error containing `needle`.
    fn refused(&self, command: &str, body: Value, status: u16, needle: &str) -> String {
        let (got, v) = self.call(command, body);
        let msg = v["error"].as_str().unwrap_or_default().to_owned();
        assert_eq!(got, status, "{command}: {v}");
        assert!(msg.contains(needle), "{command}: '{msg}' lacks '{needle}'");
        msg
    }

    fn login_admin(&self, gw: &Gateway) -> String {
        let (id, key) = gw.admin.clone().expect("first start prints the admin key");
        self.ok("auth", json!({"access-id": id, "access-key": key}))["token"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

fn with(token: &str, mut v: Value) -> Value {
    v["token"] = json!(token);
    v
}

fn names(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["item_name"].as_str().unwrap().to_owned())
        .collect()
}

/// Seed 003 finished: the operator stores a namespace's secret, grants it
/// through a role with a `{{namespace}}` rule and a namespace sub-claim;
/// the pod reads it, a pod of another namespace is refused, a deny rule
/// overrides, and removing the association revokes access at once.
#[test]
fn pod_reads_its_namespace_secret_and_nothing_else() {
    let kube = KubeApiServer::start();
    for ns in ["my-namespace-a", "my-namespace-b"] {
        kube.create_namespace(ns);
    }
    kube.create_service_account("default", "gateway-token-reviewer");
    kube.bind_auth_delegator(Subject::ServiceAccount {
        ns: "default".into(),
        name: "gateway-token-reviewer".into(),
    });
    let reviewer = kube.legacy_token("default", "gateway-token-reviewer");
    kube.create_pod("my-namespace-a", "mypod1", "default");
    kube.create_pod("my-namespace-b", "otherpod", "default");

    let dir = tempfile::tempdir().unwrap();
    let gw = Gateway::start(&dir.path().join("gw"));
    let api = Api::new(&gw);
    let admin = api.login_admin(&gw);

    let am = api.ok(
        "auth-method-create-k8s",
        with(
            &admin,
            json!({"name": "/k8s-am", "bound-namespaces": ["my-namespace-a", "my-namespace-b"]}),
        ),
    );
    let access_id = am["access_id"].as_str().unwrap().to_owned();
    // The SDK sends its default k8s_issuer: it must not lock out projected tokens.
    api.ok(
        "gateway-create-k8s-auth-config",
        with(
            &admin,
            json!({
                "name": "k8s-conf",
                "access-id": access_id,
                "signing-key": am["prv_key"],
                "k8s-host": kube.url(),
                "k8s-ca-cert": STANDARD.encode(kube.ca_pem()),
                "token-reviewer-jwt": reviewer,
                "k8s-issuer": "kubernetes/serviceaccount",
            }),
        ),
    );
    for (name, value) in [
        ("/k8s/my-namespace-a/db-password", "pa55-a"),
        ("/k8s/my-namespace-b/db-password", "pa55-b"),
    ] {
        api.ok(
            "create-secret",
            with(&admin, json!({"name": name, "value": value})),
        );
    }
    api.ok("create-role", with(&admin, json!({"name": "k8s-reader"})));
    api.ok(
        "set-role-rule",
        with(
            &admin,
            json!({"role-name": "k8s-reader", "path": "/k8s/{{namespace}}/*", "capability": ["read"]}),
        ),
    );
    let assoc = api.ok(
        "assoc-role-am",
        with(
            &admin,
            json!({"role-name": "k8s-reader", "am-name": "k8s-am", "sub-claims": {"namespace": "my-namespace-a"}}),
        ),
    )["assoc_id"]
        .as_str()
        .unwrap()
        .to_owned();

    let pod_login = |ns: &str, pod: &str| -> String {
        let jwt = kube.token_request(
            ns,
            "default",
            TokenOpts {
                pod: Some(pod.into()),
                ..Default::default()
            },
        );
        api.ok(
            "auth",
            json!({
                "access-id": access_id,
                "access-type": "k8s",
                "k8s-auth-config-name": "k8s-conf",
                "k8s-service-account-token": STANDARD.encode(jwt),
            }),
        )["token"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let pod_a = pod_login("my-namespace-a", "mypod1");
    let pod_b = pod_login("my-namespace-b", "otherpod");

    // The pod reads its own secret; the map is keyed by the name as sent.
    let v = api.ok(
        "get-secret-value",
        with(
            &pod_a,
            json!({"names": ["k8s/my-namespace-a/db-password"], "version": 0}),
        ),
    );
    assert_eq!(v, json!({"k8s/my-namespace-a/db-password": "pa55-a"}));
    let subs = api.ok("describe-sub-claims", with(&pod_a, json!({})));
    assert_eq!(subs["sub_claims"]["namespace"], json!(["my-namespace-a"]));
    assert_eq!(subs["sub_claims"]["pod_name"], json!(["mypod1"]));
    assert_eq!(subs["sub_claims"]["config_name"], json!(["k8s-conf"]));
    assert_eq!(
        subs["sub_claims"]["service_account_name"],
        json!(["default"])
    );
    assert_eq!(
        names(&api.ok("list-items", with(&pod_a, json!({})))),
        ["/k8s/my-namespace-a/db-password"]
    );
    let d = api.ok(
        "describe-item",
        with(&pod_a, json!({"name": "/k8s/my-namespace-a/db-password"})),
    );
    assert_eq!(d["item_type"], "STATIC_SECRET");
    assert_eq!(d["client_permissions"], json!(["read", "list"]));

    // Everyone else's: 401 whether or not it exists; 404 only when allowed to know.
    for name in [
        "/k8s/my-namespace-b/db-password",
        "/k8s/my-namespace-b/no-such",
        "/other",
    ] {
        api.refused(
            "get-secret-value",
            with(&pod_a, json!({"names": [name]})),
            401,
            "UnauthorizedAccess",
        );
    }
    api.refused(
        "get-secret-value",
        with(&pod_a, json!({"names": ["/k8s/my-namespace-a/no-such"]})),
        404,
        "not found",
    );
    api.refused(
        "create-secret",
        with(
            &pod_a,
            json!({"name": "/k8s/my-namespace-a/new", "value": "x"}),
        ),
        401,
        "create",
    );
    api.refused(
        "gateway-list-k8s-auth-configs",
        with(&pod_a, json!({})),
        401,
        "admin",
    );
    let methods = api.ok("list-auth-methods", with(&pod_a, json!({})));
    assert_eq!(methods["auth_methods"], json!([]), "nothing listable");

    // A pod of another namespace bound by the method: 401 and an empty list.
    api.refused(
        "get-secret-value",
        with(
            &pod_b,
            json!({"names": ["/k8s/my-namespace-a/db-password"]}),
        ),
        401,
        "UnauthorizedAccess",
    );
    assert!(names(&api.ok("list-items", with(&pod_b, json!({})))).is_empty());

    // Associations show on both sides, with the reference's field names.
    let role = api.ok("get-role", with(&admin, json!({"name": "/k8s-reader"})));
    assert_eq!(role["role_name"], "k8s-reader");
    let ra = &role["role_auth_methods_assoc"][0];
    assert_eq!(ra["assoc_id"], json!(assoc));
    assert_eq!(ra["auth_method_name"], "k8s-am");
    assert_eq!(ra["auth_method_access_id"], json!(access_id));
    assert!(ra["auth_method_id"].is_i64());
    assert_eq!(
        ra["auth_method_sub_claims"],
        json!({"namespace": ["my-namespace-a"]})
    );
    assert_eq!(ra["sub_claims_case_sensitive"], true);
    assert_eq!(
        role["rules"]["path_rules"][0]["path"],
        "/k8s/{{namespace}}/*"
    );
    let m = api.ok("get-auth-method", with(&admin, json!({"name": "k8s-am"})));
    assert!(m["auth_method_id"].is_i64(), "an integer for the SDK");
    assert_eq!(m["auth_method_name"], "k8s-am");
    let ma = &m["auth_method_roles_assoc"][0];
    assert_eq!(ma["role_name"], "k8s-reader");
    assert_eq!(ma["is_sub_claims_case_sensitive"], true);
    assert_eq!(
        ma["rules"]["path_rules"][0]["capabilities"],
        json!(["read"])
    );

    // Classic keys obey the same item rules: export needs read.
    for name in ["/k8s/my-namespace-a/key", "/k8s/my-namespace-b/key"] {
        api.ok(
            "generate-csr",
            with(
                &admin,
                json!({"name": name, "generate-key": true, "common-name": "c"}),
            ),
        );
    }
    let k = api.ok(
        "export-classic-key",
        with(&pod_a, json!({"name": "/k8s/my-namespace-a/key"})),
    );
    assert!(k["key"].as_str().unwrap().contains("PRIVATE KEY"));
    api.refused(
        "export-classic-key",
        with(&pod_b, json!({"name": "/k8s/my-namespace-a/key"})),
        401,
        "UnauthorizedAccess",
    );
    api.refused(
        "export-classic-key",
        with(&pod_a, json!({"name": "/k8s/my-namespace-b/key"})),
        401,
        "UnauthorizedAccess",
    );

    // Auth-method rules work on method names.
    api.ok(
        "set-role-rule",
        with(
            &admin,
            json!({"role-name": "k8s-reader", "path": "/k8s-*", "capability": ["read"], "rule-type": "auth-method-rule"}),
        ),
    );
    let methods = api.ok("list-auth-methods", with(&pod_a, json!({})));
    let listed: Vec<&str> = methods["auth_methods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["auth_method_name"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ["k8s-am"]);
    api.ok("get-auth-method", with(&pod_a, json!({"name": "k8s-am"})));
    api.refused(
        "get-auth-method",
        with(&pod_a, json!({"name": "admin"})),
        401,
        "auth method admin",
    );
    api.refused(
        "delete-auth-method",
        with(&pod_a, json!({"name": "k8s-am"})),
        401,
        "delete",
    );

    // A deny rule overrides, for the very next request of the same token.
    api.ok(
        "set-role-rule",
        with(
            &admin,
            json!({"role-name": "k8s-reader", "path": "/k8s/my-namespace-a/db-password", "capability": ["deny"]}),
        ),
    );
    api.refused(
        "get-secret-value",
        with(
            &pod_a,
            json!({"names": ["/k8s/my-namespace-a/db-password"]}),
        ),
        401,
        "UnauthorizedAccess",
    );
    assert_eq!(
        names(&api.ok("list-items", with(&pod_a, json!({})))),
        ["/k8s/my-namespace-a/key"],
        "the denied secret is hidden"
    );
    api.ok(
        "delete-role-rule",
        with(
            &admin,
            json!({"role-name": "k8s-reader", "path": "/k8s/my-namespace-a/db-password"}),
        ),
    );
    api.ok(
        "get-secret-value",
        with(
            &pod_a,
            json!({"names": ["/k8s/my-namespace-a/db-password"]}),
        ),
    );

    // Removing the association revokes access at once.
    api.ok("delete-assoc", with(&admin, json!({"assoc-id": assoc})));
    api.refused(
        "get-secret-value",
        with(
            &pod_a,
            json!({"names": ["/k8s/my-namespace-a/db-password"]}),
        ),
        401,
        "UnauthorizedAccess",
    );
    api.refused(
        "delete-assoc",
        with(&admin, json!({"assoc-id": assoc})),
        404,
        "not found",
    );

    // No secret value in the gateway log.
    let logs = gw.logs();
    assert!(!logs.contains("pa55-a") && !logs.contains("pa55-b"));
}

/// Role, rule, association and secret management by the admin, with every
/// kind of bad input refused (naming the field) and nothing half-stored.
#[test]
fn admin_manages_roles_and_secrets_and_bad_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let gw = Gateway::start(&dir.path().join("gw"));
    let api = Api::new(&gw);
    let t = api.login_admin(&gw);

    // Roles: slash-insensitive names, returned without the slash.
    api.ok(
        "create-role",
        with(&t, json!({"name": "/folder/role1", "description": "d1"})),
    );
    api.refused(
        "create-role",
        with(&t, json!({"name": "folder/role1"})),
        409,
        "already exists",
    );
    let roles = api.ok("list-roles", with(&t, json!({})));
    let listed: Vec<&str> = roles["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role_name"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ["admin", "folder/role1"]);
    let admin_role = &roles["roles"][0];
    assert_eq!(admin_role["rules"]["admin"], true);
    assert_eq!(admin_role["delete_protection"], true);
    api.refused(
        "delete-role",
        with(&t, json!({"name": "admin"})),
        409,
        "protected",
    );

    // Bad rules: nothing stored.
    for (body, needle) in [
        (
            json!({"role-name": "folder/role1", "path": "/a/*", "capability": ["write"]}),
            "capability 'write'",
        ),
        (
            json!({"role-name": "folder/role1", "path": "/a/*", "capability": ["read"], "rule-type": "nope"}),
            "rule-type 'nope'",
        ),
        (
            json!({"role-name": "folder/role1", "path": "a/*", "capability": ["read"]}),
            "must start with '/'",
        ),
        (
            json!({"role-name": "folder/role1", "path": "/a/*", "capability": []}),
            "capability",
        ),
    ] {
        api.refused("set-role-rule", with(&t, body), 400, needle);
    }
    api.refused(
        "set-role-rule",
        with(
            &t,
            json!({"role-name": "nope", "path": "/a/*", "capability": ["read"]}),
        ),
        404,
        "role nope not found",
    );
    let r = api.ok("get-role", with(&t, json!({"name": "folder/role1"})));
    assert_eq!(r["rules"]["path_rules"], json!([]));
    assert_eq!(r["comment"], "d1");
    // Replace semantics on (rule type, path).
    for caps in [json!(["read"]), json!(["read", "list", "update"])] {
        api.ok(
            "set-role-rule",
            with(
                &t,
                json!({"role-name": "folder/role1", "path": "/a/*", "capability": caps, "ttl": 30}),
            ),
        );
    }
    let r = api.ok("get-role", with(&t, json!({"name": "folder/role1"})));
    assert_eq!(r["rules"]["path_rules"].as_array().unwrap().len(), 1);
    assert_eq!(
        r["rules"]["path_rules"][0]["capabilities"],
        json!(["read", "list", "update"])
    );
    assert_eq!(r["rules"]["path_rules"][0]["ttl"], 30);
    api.refused(
        "delete-role-rule",
        with(&t, json!({"role-name": "folder/role1", "path": "/b/*"})),
        404,
        "no item-rule",
    );

    // Associations: bad sub-claims, unknown names, duplicates, force-sub-claims.
    api.ok(
        "auth-method-create-k8s",
        with(&t, json!({"name": "forced", "force-sub-claims": true})),
    );
    for (subs, needle) in [
        (json!({"": "v"}), "no claim name"),
        (json!({"k": ""}), "claim 'k' has no value"),
    ] {
        api.refused(
            "assoc-role-am",
            with(
                &t,
                json!({"role-name": "folder/role1", "am-name": "forced", "sub-claims": subs}),
            ),
            400,
            needle,
        );
    }
    api.refused(
        "assoc-role-am",
        with(
            &t,
            json!({"role-name": "folder/role1", "am-name": "forced"}),
        ),
        400,
        "force-sub-claims",
    );
    api.refused(
        "assoc-role-am",
        with(&t, json!({"role-name": "folder/role1", "am-name": "ghost"})),
        404,
        "auth method ghost not found",
    );
    api.refused(
        "assoc-role-am",
        with(
            &t,
            json!({"role-name": "ghost", "am-name": "forced", "sub-claims": {"a": "b"}}),
        ),
        404,
        "role ghost not found",
    );
    let body = json!({"role-name": "folder/role1", "am-name": "/forced", "sub-claims": {"namespace": "a,b"}, "case-sensitive": "false"});
    let id = api.ok("assoc-role-am", with(&t, body.clone()))["assoc_id"]
        .as_str()
        .unwrap()
        .to_owned();
    api.refused("assoc-role-am", with(&t, body), 409, "already associated");
    let d = api.ok("describe-role-am-assoc", with(&t, json!({"assoc-id": id})));
    assert_eq!(
        d["auth_method_sub_claims"],
        json!({"namespace": ["a", "b"]})
    );
    assert_eq!(d["sub_claims_case_sensitive"], false);
    assert_eq!(d["role_name"], "folder/role1");
    api.refused(
        "update-assoc",
        with(&t, json!({"assoc-id": id, "sub-claims": {}})),
        400,
        "force-sub-claims",
    );
    api.ok(
        "update-assoc",
        with(
            &t,
            json!({"assoc-id": id, "sub-claims": {"namespace": "c"}, "case-sensitive": "true"}),
        ),
    );
    let d = api.ok("describe-role-am-assoc", with(&t, json!({"assoc-id": id})));
    assert_eq!(d["auth_method_sub_claims"], json!({"namespace": ["c"]}));
    api.refused(
        "update-assoc",
        with(&t, json!({"assoc-id": "rl-nope"})),
        404,
        "not found",
    );
    // Deleting the role takes its rules and associations with it.
    api.ok("delete-role", with(&t, json!({"name": "folder/role1"})));
    api.refused(
        "describe-role-am-assoc",
        with(&t, json!({"assoc-id": id})),
        404,
        "not found",
    );

    // Secrets: versions, keep-prev-version, max-versions.
    let s = "/app/secret1";
    api.ok(
        "create-secret",
        with(&t, json!({"name": s, "value": "v1", "tags": ["t1"], "max-versions": "3", "delete_protection": "true"})),
    );
    api.refused(
        "create-secret",
        with(&t, json!({"name": s, "value": "x"})),
        409,
        "already exists",
    );
    api.ok(
        "update-secret-val",
        with(&t, json!({"name": s, "value": "v1b"})),
    );
    for v in ["v2", "v3", "v4"] {
        api.ok(
            "update-secret-val",
            with(
                &t,
                json!({"name": s, "value": v, "keep-prev-version": "true"}),
            ),
        );
    }
    let got = api.ok(
        "get-secret-value",
        with(&t, json!({"names": [s, "app/secret1"]})),
    );
    assert_eq!(got, json!({"/app/secret1": "v4", "app/secret1": "v4"}));
    let got = api.ok(
        "get-secret-value",
        with(&t, json!({"names": [s], "version": -5})),
    );
    assert_eq!(
        got,
        json!({"/app/secret1": {"2": "v2", "3": "v3", "4": "v4"}}),
        "3 kept"
    );
    api.refused(
        "get-secret-value",
        with(&t, json!({"names": [s], "version": 1})),
        404,
        "no version 1",
    );
    let d = api.ok(
        "describe-item",
        with(&t, json!({"name": s, "show-versions": true})),
    );
    assert_eq!(d["last_version"], 4);
    assert_eq!(d["item_versions"].as_array().unwrap().len(), 3);
    assert_eq!(
        d["item_general_info"]["static_secret_info"]["max_versions"],
        3
    );
    assert_eq!(d["item_tags"], json!(["t1"]));

    // A protected item can be unprotected, then deleted.
    api.refused(
        "delete-item",
        with(&t, json!({"name": s})),
        409,
        "update-item",
    );
    api.ok(
        "update-item",
        with(&t, json!({"name": s, "description": "db", "add-tag": ["t2"], "rm-tag": ["t1"], "delete_protection": "false"})),
    );
    let d = api.ok("describe-item", with(&t, json!({"name": s})));
    assert_eq!(d["item_metadata"], "db");
    assert_eq!(d["item_tags"], json!(["t2"]));
    assert_eq!(d["delete_protection"], false);
    assert_eq!(d["last_version"], 4, "metadata edits make no version");
    let del = api.ok("delete-item", with(&t, json!({"name": s, "version": 0})));
    assert_eq!(del["version_deleted"], 4);
    let got = api.ok("get-secret-value", with(&t, json!({"names": [s]})));
    assert_eq!(got[s], "v3");
    api.ok("delete-item", with(&t, json!({"name": s})));
    api.refused(
        "get-secret-value",
        with(&t, json!({"names": [s]})),
        404,
        "not found",
    );

    // Oversized values, bad max-versions and bad formats store nothing.
    let big = "a".repeat(1024 * 1024 + 1);
    api.refused(
        "create-secret",
        with(&t, json!({"name": "/big", "value": big})),
        400,
        "value is 1048577 bytes",
    );
    api.refused(
        "create-secret",
        with(
            &t,
            json!({"name": "/mv", "value": "x", "max-versions": "0"}),
        ),
        400,
        "max-versions",
    );
    api.refused(
        "create-secret",
        with(
            &t,
            json!({"name": "/js", "value": "nope", "format": "json"}),
        ),
        400,
        "format is json",
    );
    // list-items type filter spans every item kind.
    api.ok(
        "create-secret",
        with(&t, json!({"name": "/s2", "value": "x"})),
    );
    api.ok(
        "generate-csr",
        with(
            &t,
            json!({"name": "/k1", "generate-key": true, "common-name": "k1"}),
        ),
    );
    let all = api.ok("list-items", with(&t, json!({})));
    assert_eq!(names(&all), ["/k1", "/s2"]);
    assert_eq!(all["next_page"], "");
    let secrets = api.ok("list-items", with(&t, json!({"type": ["static-secret"]})));
    assert_eq!(names(&secrets), ["/s2"]);
    let keys = api.ok("list-items", with(&t, json!({"type": ["classic-key"]})));
    assert_eq!(names(&keys), ["/k1"]);
    api.refused(
        "get-secret-value",
        with(&t, json!({"names": ["/k1"]})),
        400,
        "not a static secret",
    );
}

/// A data dir whose admin predates roles gets the built-in role on start.
#[test]
fn an_admin_from_before_roles_keeps_its_rights() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("gw");
    let gw = Gateway::start(&data);
    let admin = gw.admin.clone().unwrap();
    let port = gw.port();
    assert!(gw.stop().unwrap().success());
    {
        // What an older gateway left behind: no roles, no associations.
        let db = rusqlite::Connection::open(data.join("gateway.db")).unwrap();
        db.execute_batch("DELETE FROM role_assocs; DELETE FROM role_rules; DELETE FROM roles;")
            .unwrap();
    }
    let mut gw = Gateway::start_on(&data, port);
    gw.admin = Some(admin);
    let api = Api::new(&gw);
    let t = api.login_admin(&gw);
    api.ok("list-items", with(&t, json!({})));
    api.ok("create-role", with(&t, json!({"name": "r"})));
    api.ok("gateway-list-k8s-auth-configs", with(&t, json!({})));
    let r = api.ok("get-role", with(&t, json!({"name": "admin"})));
    assert_eq!(r["rules"]["admin"], true);
    assert_eq!(r["role_auth_methods_assoc"].as_array().unwrap().len(), 1);
    // ... and that association cannot be removed.
    let id = r["role_auth_methods_assoc"][0]["assoc_id"].clone();
    api.refused(
        "delete-assoc",
        with(&t, json!({"assoc-id": id})),
        409,
        "admin",
    );
    api.ok("list-roles", with(&t, json!({})));
}
