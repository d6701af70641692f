#!/usr/bin/env python3
"""Drives a running akl gateway through the official akeyless Python SDK
(PyPI `akeyless`, pinned 5.0.40 in .ci/run) for every command the gateway
serves, and checks that every answer parses into the SDK's models.

The SDK itself only fails on a type it cannot convert; it silently drops
keys its models do not know and accepts "12" for an int. So every answer is
also checked strictly against the model the SDK deserializes it into: no
unknown keys (except the documented extensions in EXTENSIONS), ints are
JSON integers, bools are JSON booleans, dates parse.

Run by tests/sdk_python.rs, which starts the gateway and the Kubernetes API
test server and passes, in the environment:
  AKL_URL, AKL_CA            gateway URL and the CA file to trust
  AKL_ADMIN_ID, AKL_ADMIN_KEY the first-start admin access key
  K8S_HOST, K8S_CA_B64       Kubernetes API URL and base64 PEM CA
  K8S_REVIEWER_JWT           token-reviewer service-account token
  POD_JWT_A, POD_JWT_B       projected tokens of mypod1 in my-namespace-a and
                             mypod2 in my-namespace-b
  CERT_PEM, KEY_PEM          a client certificate and its key
Exits 0 when every check passed, 1 with one line per failure otherwise,
2 when the SDK is missing (which must fail the suite, not skip it).
"""

import base64
import json
import os
import sys
import traceback

try:
    import akeyless
    from akeyless.rest import ApiException
except ImportError:
    print(
        "the akeyless Python SDK is not installed; run: python3 -m pip install akeyless==5.0.40",
        file=sys.stderr,
    )
    sys.exit(2)

import dateutil.parser

# Keys akl answers beyond the SDK's models, each documented as an extension.
EXTENSIONS = {
    # generate-csr with export-private-key returns the key (as local mode does).
    ("GenerateCsrOutput", "private_key"),
}

FAILURES = []
PASSED = []


def strict(data, typ, where):
    """Checks `data` against the SDK type string `typ`; returns problems."""
    problems = []
    if data is None:
        return problems
    if typ == "object":
        return problems
    if typ.startswith("list["):
        if not isinstance(data, list):
            return [f"{where}: expected a list, got {json.dumps(data)[:80]}"]
        for i, v in enumerate(data):
            problems += strict(v, typ[5:-1], f"{where}[{i}]")
        return problems
    if typ.startswith("dict("):
        inner = typ[typ.index(",") + 1 : -1].strip()
        if not isinstance(data, dict):
            return [f"{where}: expected an object, got {json.dumps(data)[:80]}"]
        for k, v in data.items():
            problems += strict(v, inner, f"{where}.{k}")
        return problems
    if typ == "str":
        return [] if isinstance(data, str) else [f"{where}: expected a string, got {json.dumps(data)[:80]}"]
    if typ == "int":
        ok = isinstance(data, int) and not isinstance(data, bool)
        return [] if ok else [f"{where}: expected an integer, got {json.dumps(data)[:80]}"]
    if typ == "float":
        ok = isinstance(data, (int, float)) and not isinstance(data, bool)
        return [] if ok else [f"{where}: expected a number, got {json.dumps(data)[:80]}"]
    if typ == "bool":
        return [] if isinstance(data, bool) else [f"{where}: expected a boolean, got {json.dumps(data)[:80]}"]
    if typ in ("datetime", "date"):
        if not isinstance(data, str):
            return [f"{where}: expected a date string, got {json.dumps(data)[:80]}"]
        try:
            dateutil.parser.parse(data)
        except (ValueError, OverflowError):
            return [f"{where}: '{data}' is not a date"]
        return []
    klass = getattr(akeyless.models, typ, None)
    if klass is None:
        return [f"{where}: unknown SDK type {typ}"]
    if not isinstance(data, dict):
        return [f"{where}: expected a {typ} object, got {json.dumps(data)[:80]}"]
    by_key = {v: k for k, v in klass.attribute_map.items()}
    for key, value in data.items():
        attr = by_key.get(key)
        if attr is None:
            if (typ, key) not in EXTENSIONS:
                problems.append(f"{where}: key '{key}' is not in the SDK model {typ}")
            continue
        problems += strict(value, klass.openapi_types[attr], f"{where}.{key}")
    return problems


class StrictApiClient(akeyless.ApiClient):
    """The SDK's client, checking every answer strictly before the SDK
    deserializes it (which raises on what it cannot convert)."""

    last_raw = None

    def deserialize(self, response, response_type):
        try:
            data = json.loads(response.data)
        except ValueError:
            raise AssertionError(f"answer is not JSON: {response.data[:200]!r}")
        StrictApiClient.last_raw = data
        problems = strict(data, response_type, response_type)
        if problems:
            raise AssertionError("; ".join(problems))
        return super().deserialize(response, response_type)


def env(name):
    v = os.environ.get(name)
    if not v:
        print(f"{name} is not set; run this through tests/sdk_python.rs", file=sys.stderr)
        sys.exit(2)
    return v


def step(name):
    """Decorator: runs the step now, records pass/fail, returns its result."""

    def run(fn):
        try:
            result = fn()
            PASSED.append(name)
            return result
        except ApiException as e:
            FAILURES.append(f"{name}: HTTP {e.status}: {(e.body or '').strip()[:300]}")
        except Exception as e:  # noqa: BLE001 - every failure is reported
            FAILURES.append(f"{name}: {type(e).__name__}: {e}")
            if os.environ.get("SDK_TEST_TRACE"):
                traceback.print_exc()
        return None

    return run


def expect_status(status, fn):
    """Calls fn and requires an ApiException with this HTTP status."""
    try:
        fn()
    except ApiException as e:
        if e.status != status:
            raise AssertionError(f"expected HTTP {status}, got {e.status}: {e.body}")
        body = json.loads(e.body)
        assert isinstance(body.get("error"), str) and body["error"], e.body
        return body["error"]
    raise AssertionError(f"expected HTTP {status}, got success")


def main():
    url = env("AKL_URL")
    cfg = akeyless.Configuration(host=url)
    cfg.ssl_ca_cert = env("AKL_CA")
    api = akeyless.V2Api(StrictApiClient(cfg))
    admin_id, admin_key = env("AKL_ADMIN_ID"), env("AKL_ADMIN_KEY")
    k8s_host, k8s_ca = env("K8S_HOST"), env("K8S_CA_B64")
    reviewer = env("K8S_REVIEWER_JWT")
    pod_a, pod_b = env("POD_JWT_A"), env("POD_JWT_B")
    cert_pem, key_pem = env("CERT_PEM"), env("KEY_PEM")
    b64 = lambda s: base64.b64encode(s.encode()).decode()  # noqa: E731
    st = {}

    # ---- access-key login -------------------------------------------------
    @step("auth access_key")
    def _():
        out = api.auth(akeyless.Auth(access_id=admin_id, access_key=admin_key))
        assert isinstance(out, akeyless.AuthOutput)
        assert out.token.startswith("t-"), out.token
        st["t"] = out.token

    t = st.get("t")
    if not t:
        report()
        return

    @step("auth with a wrong key is 401")
    def _():
        expect_status(401, lambda: api.auth(akeyless.Auth(access_id=admin_id, access_key=b64("wrong"))))

    # ---- auth methods -----------------------------------------------------
    @step("auth-method-create-k8s")
    def _():
        out = api.auth_method_create_k8s(
            akeyless.AuthMethodCreateK8s(
                name="/sdk/k8s-am",
                bound_namespaces=["my-namespace-a", "my-namespace-b"],
                bound_pod_names=["mypod1", "mypod2"],
                token=t,
            )
        )
        assert isinstance(out, akeyless.AuthMethodCreateOutput)
        assert out.access_id.startswith("p-"), out.access_id
        assert out.prv_key, "prv_key"
        st["am_id"], st["am_key"] = out.access_id, out.prv_key

    @step("create-auth-method-k8s (legacy spelling)")
    def _():
        out = api.create_auth_method_k8_s(
            akeyless.CreateAuthMethodK8S(name="sdk-legacy-am", bound_namespaces=["x"], token=t)
        )
        assert out.access_id.startswith("p-")

    @step("get-auth-method")
    def _():
        am = api.get_auth_method(akeyless.GetAuthMethod(name="/sdk/k8s-am", token=t))
        assert isinstance(am, akeyless.AuthMethod)
        assert isinstance(am.auth_method_id, int), am.auth_method_id
        assert am.auth_method_access_id == st["am_id"]
        st["am_int_id"] = am.auth_method_id

    @step("auth-method-get")
    def _():
        am = api.auth_method_get(akeyless.AuthMethodGet(name="sdk/k8s-am", token=t))
        assert am.auth_method_access_id == st["am_id"]

    @step("list-auth-methods")
    def _():
        out = api.list_auth_methods(akeyless.ListAuthMethods(token=t))
        assert isinstance(out, akeyless.ListAuthMethodsOutput)
        ids = [m.auth_method_access_id for m in out.auth_methods]
        assert st["am_id"] in ids, ids
        assert all(isinstance(m.auth_method_id, int) for m in out.auth_methods)

    @step("auth-method-list")
    def _():
        out = api.auth_method_list(akeyless.AuthMethodList(token=t))
        assert len(out.auth_methods) >= 3

    @step("auth-method-update-k8s")
    def _():
        out = api.auth_method_update_k8s(
            akeyless.AuthMethodUpdateK8s(
                name="/sdk/k8s-am",
                bound_namespaces=["my-namespace-a", "my-namespace-b"],
                bound_pod_names=["mypod1", "mypod2"],
                description="sdk-updated",
                token=t,
            )
        )
        assert isinstance(out, akeyless.AuthMethodUpdateOutput)

    @step("update-auth-method-k8s (legacy spelling)")
    def _():
        api.update_auth_method_k8_s(
            akeyless.UpdateAuthMethodK8S(name="sdk-legacy-am", bound_namespaces=["y"], token=t)
        )

    # ---- K8s auth configs -------------------------------------------------
    @step("gateway-create-k8s-auth-config (SDK default k8s_issuer)")
    def _():
        out = api.gateway_create_k8_s_auth_config(
            akeyless.GatewayCreateK8SAuthConfig(
                name="sdk-conf",
                access_id=st["am_id"],
                signing_key=st["am_key"],
                k8s_host=k8s_host,
                k8s_ca_cert=k8s_ca,
                token_reviewer_jwt=reviewer,
                token=t,
            )
        )
        assert isinstance(out, akeyless.GatewayCreateK8SAuthConfigOutput)

    @step("gateway-get-k8s-auth-config")
    def _():
        out = api.gateway_get_k8_s_auth_config(akeyless.GatewayGetK8SAuthConfig(name="sdk-conf", token=t))
        assert isinstance(out, akeyless.GatewayGetK8SAuthConfigOutput)
        assert out.auth_method_access_id == st["am_id"], out.auth_method_access_id

    @step("gateway-update-k8s-auth-config")
    def _():
        out = api.gateway_update_k8_s_auth_config(
            akeyless.GatewayUpdateK8SAuthConfig(
                name="sdk-conf",
                new_name="sdk-conf",
                access_id=st["am_id"],
                signing_key=st["am_key"],
                k8s_host=k8s_host,
                k8s_ca_cert=k8s_ca,
                token_reviewer_jwt=reviewer,
                token_exp=600,
                token=t,
            )
        )
        assert isinstance(out, akeyless.GatewayUpdateK8SAuthConfigOutput)

    # ---- K8s login (projected token, SDK default issuer on the config) -----
    def k8s_login(jwt):
        out = api.auth(
            akeyless.Auth(
                access_id=st["am_id"],
                access_type="k8s",
                k8s_auth_config_name="sdk-conf",
                k8s_service_account_token=b64(jwt),
            )
        )
        assert out.token.startswith("t-"), out.token
        return out.token

    @step("auth k8s (mypod1, my-namespace-a)")
    def _():
        st["ta"] = k8s_login(pod_a)

    @step("auth k8s (mypod2, my-namespace-b)")
    def _():
        st["tb"] = k8s_login(pod_b)

    @step("describe-sub-claims")
    def _():
        out = api.describe_sub_claims(akeyless.DescribeSubClaims(token=st["ta"]))
        assert isinstance(out, akeyless.DescribeSubClaimsOutput)
        assert out.sub_claims.get("namespace") == ["my-namespace-a"], out.sub_claims
        assert out.sub_claims.get("pod_name") == ["mypod1"], out.sub_claims

    # ---- classic keys and certificates -------------------------------------
    @step("generate-csr")
    def _():
        out = api.generate_csr(
            akeyless.GenerateCsr(name="/sdk/keys/k1", generate_key=True, alg="RSA2048", common_name="sdk", token=t)
        )
        assert isinstance(out, akeyless.GenerateCsrOutput)
        assert "CERTIFICATE REQUEST" in out.data

    @step("export-classic-key")
    def _():
        out = api.export_classic_key(akeyless.ExportClassicKey(name="/sdk/keys/k1", token=t))
        assert isinstance(out, akeyless.ExportClassicKeyOutput)
        assert "PRIVATE KEY" in out.key

    @step("create-certificate")
    def _():
        out = api.create_certificate(
            akeyless.CreateCertificate(
                name="/sdk/certs/c1",
                certificate_data=b64(cert_pem),
                key_data=b64(key_pem),
                expiration_event_in=["30"],
                token=t,
            )
        )
        assert isinstance(out, akeyless.CreateCertificateOutput)

    @step("get-certificate-value")
    def _():
        out = api.get_certificate_value(akeyless.GetCertificateValue(name="/sdk/certs/c1", token=t))
        assert isinstance(out, akeyless.GetCertificateValueOutput)
        assert "BEGIN CERTIFICATE" in out.certificate_pem

    @step("describe-item (certificate and classic key)")
    def _():
        c = api.describe_item(akeyless.DescribeItem(name="/sdk/certs/c1", token=t))
        assert isinstance(c, akeyless.Item)
        assert c.item_type == "CERTIFICATE", c.item_type
        k = api.describe_item(akeyless.DescribeItem(name="/sdk/keys/k1", token=t))
        assert k.item_name == "/sdk/keys/k1"

    # ---- static secrets ----------------------------------------------------
    @step("create-secret")
    def _():
        out = api.create_secret(
            akeyless.CreateSecret(
                name="/sdk/my-namespace-a/db-password",
                value="pw-a-1",
                tags=["sdk"],
                description="db password",
                max_versions="5",
                token=t,
            )
        )
        assert isinstance(out, akeyless.CreateSecretOutput)
        assert out.name == "/sdk/my-namespace-a/db-password", out.name
        api.create_secret(akeyless.CreateSecret(name="/sdk/my-namespace-b/db-password", value="pw-b", token=t))

    @step("get-secret-value (names echoed as sent)")
    def _():
        out = api.get_secret_value(
            akeyless.GetSecretValue(names=["/sdk/my-namespace-a/db-password", "sdk/my-namespace-b/db-password"], token=t)
        )
        assert out == {"/sdk/my-namespace-a/db-password": "pw-a-1", "sdk/my-namespace-b/db-password": "pw-b"}, out

    @step("update-secret-val (keep-prev-version)")
    def _():
        out = api.update_secret_val(
            akeyless.UpdateSecretVal(
                name="/sdk/my-namespace-a/db-password", value="pw-a-2", keep_prev_version="true", token=t
            )
        )
        assert isinstance(out, akeyless.UpdateSecretValOutput)
        out = api.get_secret_value(
            akeyless.GetSecretValue(names=["/sdk/my-namespace-a/db-password"], version=-2, token=t)
        )
        v = out["/sdk/my-namespace-a/db-password"]
        assert v == {"1": "pw-a-1", "2": "pw-a-2"}, v
        out = api.get_secret_value(akeyless.GetSecretValue(names=["/sdk/my-namespace-a/db-password"], version=0, token=t))
        assert out["/sdk/my-namespace-a/db-password"] == "pw-a-2", out

    @step("describe-item (static secret, show-versions)")
    def _():
        it = api.describe_item(
            akeyless.DescribeItem(name="/sdk/my-namespace-a/db-password", show_versions=True, token=t)
        )
        assert it.item_type == "STATIC_SECRET", it.item_type
        assert it.last_version == 2, it.last_version
        versions = sorted(v.version for v in it.item_versions or [])
        assert versions == [1, 2], versions

    @step("update-item")
    def _():
        out = api.update_item(
            akeyless.UpdateItem(
                name="/sdk/my-namespace-a/db-password", add_tag=["k8s"], description="new description", token=t
            )
        )
        assert isinstance(out, akeyless.UpdateItemOutput)
        it = api.describe_item(akeyless.DescribeItem(name="/sdk/my-namespace-a/db-password", token=t))
        assert sorted(it.item_tags) == ["k8s", "sdk"], it.item_tags
        assert it.item_metadata == "new description", it.item_metadata
        assert it.last_version == 2, "update-item made a version"

    @step("list-items")
    def _():
        out = api.list_items(akeyless.ListItems(type=["static-secret"], token=t))
        assert isinstance(out, akeyless.ListItemsInPathOutput)
        names = sorted(i.item_name for i in out.items or [])
        assert names == ["/sdk/my-namespace-a/db-password", "/sdk/my-namespace-b/db-password"], names
        everything = api.list_items(akeyless.ListItems(token=t))
        assert len(everything.items) >= 4

    # ---- roles, rules, associations ----------------------------------------
    @step("create-role")
    def _():
        out = api.create_role(akeyless.CreateRole(name="/sdk/ns-reader", description="per namespace", token=t))
        assert isinstance(out, dict), out

    @step("update-role")
    def _():
        out = api.update_role(akeyless.UpdateRole(name="/sdk/ns-reader", description="namespace readers", token=t))
        assert isinstance(out, akeyless.UpdateRoleOutput)

    @step("set-role-rule")
    def _():
        api.set_role_rule(
            akeyless.SetRoleRule(role_name="/sdk/ns-reader", path="/sdk/{{namespace}}/*", capability=["read"], token=t)
        )
        api.set_role_rule(
            akeyless.SetRoleRule(
                role_name="/sdk/ns-reader", path="/sdk/*", capability=["read"], rule_type="role-rule", ttl=60, token=t
            )
        )

    @step("assoc-role-am")
    def _():
        out = api.assoc_role_auth_method(
            akeyless.AssocRoleAuthMethod(
                role_name="/sdk/ns-reader",
                am_name="/sdk/k8s-am",
                sub_claims={"namespace": "my-namespace-a,other"},
                token=t,
            )
        )
        assert isinstance(out, akeyless.CreateRoleAuthMethodAssocOutput)
        assert out.assoc_id
        st["assoc"] = out.assoc_id

    @step("assoc-role-am duplicate is 409")
    def _():
        expect_status(
            409,
            lambda: api.assoc_role_auth_method(
                akeyless.AssocRoleAuthMethod(
                    role_name="/sdk/ns-reader",
                    am_name="/sdk/k8s-am",
                    sub_claims={"namespace": "my-namespace-a,other"},
                    token=t,
                )
            ),
        )

    @step("describe-role-am-assoc")
    def _():
        out = api.describe_assoc(akeyless.DescribeAssoc(assoc_id=st["assoc"], token=t))
        assert isinstance(out, akeyless.RoleAssociationDetails)
        assert out.auth_method_sub_claims == {"namespace": ["my-namespace-a", "other"]}, out.auth_method_sub_claims
        assert out.sub_claims_case_sensitive is True

    @step("update-assoc")
    def _():
        api.update_assoc(
            akeyless.UpdateAssoc(assoc_id=st["assoc"], sub_claims={"namespace": "my-namespace-a"}, token=t)
        )
        out = api.describe_assoc(akeyless.DescribeAssoc(assoc_id=st["assoc"], token=t))
        assert out.auth_method_sub_claims == {"namespace": ["my-namespace-a"]}, out.auth_method_sub_claims

    @step("get-role")
    def _():
        r = api.get_role(akeyless.GetRole(name="/sdk/ns-reader", token=t))
        assert isinstance(r, akeyless.Role)
        assert r.role_name == "sdk/ns-reader", r.role_name
        assert r.comment == "namespace readers", r.comment
        paths = sorted((p.path, p.type) for p in r.rules.path_rules)
        assert ("/sdk/{{namespace}}/*", "item-rule") in paths, paths
        assocs = [a.assoc_id for a in r.role_auth_methods_assoc]
        assert assocs == [st["assoc"]], assocs
        assert isinstance(r.role_auth_methods_assoc[0].auth_method_id, int)

    @step("list-roles")
    def _():
        out = api.list_roles(akeyless.ListRoles(filter="ns-reader", token=t))
        assert isinstance(out, akeyless.ListRolesOutput)
        assert [r.role_name for r in out.roles] == ["sdk/ns-reader"], [r.role_name for r in out.roles]

    @step("get-auth-method shows the association")
    def _():
        am = api.get_auth_method(akeyless.GetAuthMethod(name="/sdk/k8s-am", token=t))
        assocs = am.auth_method_roles_assoc or []
        assert [a.assoc_id for a in assocs] == [st["assoc"]], assocs
        assert assocs[0].auth_method_sub_claims == {"namespace": ["my-namespace-a"]}

    # ---- the pods' view ----------------------------------------------------
    @step("pod of my-namespace-a reads its secret")
    def _():
        out = api.get_secret_value(akeyless.GetSecretValue(names=["/sdk/my-namespace-a/db-password"], token=st["ta"]))
        assert out == {"/sdk/my-namespace-a/db-password": "pw-a-2"}, out
        lst = api.list_items(akeyless.ListItems(token=st["ta"]))
        assert [i.item_name for i in lst.items or []] == ["/sdk/my-namespace-a/db-password"], lst.items
        it = api.describe_item(akeyless.DescribeItem(name="/sdk/my-namespace-a/db-password", token=st["ta"]))
        assert it.item_type == "STATIC_SECRET"

    @step("pod of my-namespace-a is refused the other namespace (401)")
    def _():
        expect_status(
            401,
            lambda: api.get_secret_value(
                akeyless.GetSecretValue(names=["/sdk/my-namespace-b/db-password"], token=st["ta"])
            ),
        )
        expect_status(
            401,
            lambda: api.describe_item(akeyless.DescribeItem(name="/sdk/my-namespace-b/nothing", token=st["ta"])),
        )

    @step("pod of my-namespace-b sees nothing")
    def _():
        expect_status(
            401,
            lambda: api.get_secret_value(
                akeyless.GetSecretValue(names=["/sdk/my-namespace-a/db-password"], token=st["tb"])
            ),
        )
        lst = api.list_items(akeyless.ListItems(token=st["tb"]))
        assert not lst.items, lst.items

    # ---- teardown (each delete command once) --------------------------------
    @step("delete-role-rule")
    def _():
        out = api.delete_role_rule(
            akeyless.DeleteRoleRule(role_name="/sdk/ns-reader", path="/sdk/*", rule_type="role-rule", token=t)
        )
        assert isinstance(out, akeyless.DeleteRoleRuleOutput)

    @step("delete-assoc")
    def _():
        api.delete_role_association(akeyless.DeleteRoleAssociation(assoc_id=st["assoc"], token=t))
        expect_status(404, lambda: api.describe_assoc(akeyless.DescribeAssoc(assoc_id=st["assoc"], token=t)))

    @step("delete-assoc revokes the pod's access at once")
    def _():
        expect_status(
            401,
            lambda: api.get_secret_value(
                akeyless.GetSecretValue(names=["/sdk/my-namespace-a/db-password"], token=st["ta"])
            ),
        )

    @step("delete-role")
    def _():
        api.delete_role(akeyless.DeleteRole(name="/sdk/ns-reader", token=t))
        expect_status(404, lambda: api.get_role(akeyless.GetRole(name="/sdk/ns-reader", token=t)))

    @step("delete-item (one version, then the whole secret)")
    def _():
        out = api.delete_item(akeyless.DeleteItem(name="/sdk/my-namespace-a/db-password", version=1, token=t))
        assert isinstance(out, akeyless.DeleteItemOutput)
        out = api.delete_item(akeyless.DeleteItem(name="/sdk/my-namespace-a/db-password", token=t))
        expect_status(
            404, lambda: api.describe_item(akeyless.DescribeItem(name="/sdk/my-namespace-a/db-password", token=t))
        )

    @step("gateway-delete-k8s-auth-config")
    def _():
        out = api.gateway_delete_k8_s_auth_config(akeyless.GatewayDeleteK8SAuthConfig(name="sdk-conf", token=t))
        assert isinstance(out, akeyless.GatewayDeleteK8SAuthConfigOutput)

    @step("delete-auth-method and auth-method-delete")
    def _():
        out = api.delete_auth_method(akeyless.DeleteAuthMethod(name="sdk-legacy-am", token=t))
        assert isinstance(out, akeyless.DeleteAuthMethodOutput)
        out = api.auth_method_delete(akeyless.AuthMethodDelete(name="/sdk/k8s-am", token=t))
        assert isinstance(out, akeyless.AuthMethodDeleteOutput)

    report()


def report():
    for name in PASSED:
        print(f"ok   {name}")
    for f in FAILURES:
        print(f"FAIL {f}")
    print(f"{len(PASSED)} passed, {len(FAILURES)} failed")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
