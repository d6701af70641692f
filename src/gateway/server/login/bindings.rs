//! The bindings of a Kubernetes auth method: bound namespaces, service
//! accounts and pods (glob patterns) and the client and gateway addresses.
//! Checked only after TokenReview has proved the identity, so forged claims
//! cannot probe which namespaces or names are bound.

use super::{LoginFailure, LoginInput, refuse};
use crate::gateway::server::bounds;

/// Refuses an identity the method is not bound to; `pod_name` is from the
/// review (or the projected claims), none for legacy tokens.
pub(super) fn check_bindings(
    input: &LoginInput<'_>,
    bound_namespaces: &[String],
    bound_sa_names: &[String],
    bound_pod_names: &[String],
    ns: &str,
    name: &str,
    pod_name: Option<&str>,
) -> Result<(), LoginFailure> {
    let not_bound = |detail: String| {
        refuse(
            "the service account is not bound to this auth method",
            detail,
        )
    };
    if !bounds::allowed(bound_namespaces, ns) {
        return Err(not_bound(format!(
            "namespace '{ns}' not in bound-namespaces {bound_namespaces:?}"
        )));
    }
    if !bounds::allowed(bound_sa_names, name) {
        return Err(not_bound(format!(
            "service account '{name}' not in bound-sa-names {bound_sa_names:?}"
        )));
    }
    if !bound_pod_names.is_empty() {
        match pod_name {
            Some(p) if bounds::allowed(bound_pod_names, p) => {}
            Some(p) => {
                return Err(not_bound(format!(
                    "pod '{p}' not in bound-pod-names {bound_pod_names:?}"
                )));
            }
            None => {
                return Err(not_bound(
                    "bound-pod-names is set but the token is not bound to a pod (legacy token or no token projection)".into(),
                ));
            }
        }
    }
    if !bounds::ip_allowed(&input.method.bound_ips, input.client_ip) {
        return Err(not_bound(format!(
            "client address {} not in bound-ips {:?}",
            input.client_ip, input.method.bound_ips
        )));
    }
    if !bounds::ip_allowed(&input.method.gw_bound_ips, input.gateway_ip) {
        return Err(not_bound(format!(
            "gateway address {} not in gw-bound-ips {:?}",
            input.gateway_ip, input.method.gw_bound_ips
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::gateway::server::login::test_support::*;
    use crate::gateway::server::token_review::ReviewStatus;

    #[test]
    fn bindings_are_checked_only_after_the_review() {
        // A forged token in another namespace: rejected by the review, and
        // the caller learns nothing about the bindings.
        let t = projected("evil", "app", "uid-1", Some("mypod1"), &["api"], NOW + 600);
        let mut r = FakeReviewer::ok("evil", "app", "uid-1", None, &["api"]);
        r.answer = Ok(ReviewStatus {
            authenticated: false,
            error: Some("invalid bearer token".into()),
            ..Default::default()
        });
        let f = run(
            &config("", reviewer_jwt()),
            &method("", &["ns-a"], &[], &[]),
            &t,
            &r,
        )
        .unwrap_err();
        assert_eq!(r.calls(), 1);
        assert!(f.public.contains("rejected"), "{f:?}");
        assert!(!f.public.contains("ns-a"));
        // A genuine token in an unbound namespace: uniform "not bound".
        let r = FakeReviewer::ok("evil", "app", "uid-1", Some("mypod1"), &["api"]);
        let f = run(
            &config("", reviewer_jwt()),
            &method("", &["ns-a"], &[], &[]),
            &t,
            &r,
        )
        .unwrap_err();
        assert!(
            f.public.contains("not bound") && !f.public.contains("ns-a"),
            "{f:?}"
        );
        assert!(
            f.reason.contains("evil"),
            "the log names the namespace: {f:?}"
        );
    }

    #[test]
    fn glob_bindings_are_strict() {
        let t = projected("prod", "app", "u", Some("p"), &["api"], NOW + 600);
        let r = FakeReviewer::ok("prod", "app", "u", Some("p"), &["api"]);
        assert!(
            run(
                &config("", reviewer_jwt()),
                &method("", &["prod*prod"], &[], &[]),
                &t,
                &r
            )
            .is_err()
        );
        assert!(
            run(
                &config("", reviewer_jwt()),
                &method("", &["pro*"], &[], &["a*"]),
                &t,
                &r
            )
            .is_ok()
        );
        assert!(
            run(
                &config("", reviewer_jwt()),
                &method("", &[], &[], &["b*"]),
                &t,
                &r
            )
            .is_err()
        );
    }

    #[test]
    fn legacy_tokens_work_but_not_with_pod_bindings() {
        let t = legacy("a", "b", "u");
        let r = FakeReviewer::ok("a", "b", "u", None, &[]);
        let id = run(
            &config("https://kubernetes.default.svc", reviewer_jwt()),
            &method("", &["a"], &[], &[]),
            &t,
            &r,
        )
        .unwrap();
        assert_eq!(id.service_account_secret_name, "b-token");
        // Empty token aud: the review asks for the API server's audiences.
        assert!(r.calls.lock().unwrap()[0].1.is_empty());
        let f = run(
            &config("", reviewer_jwt()),
            &method("", &[], &["mypod1"], &[]),
            &t,
            &r,
        )
        .unwrap_err();
        assert!(f.reason.contains("not bound to a pod"), "{f:?}");
    }
}
