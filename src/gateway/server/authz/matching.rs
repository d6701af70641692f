//! Matching of rule paths and association sub-claims (akeyless-roles-
//! secrets.md §2, §3): `*` crosses `/`, `+` is one path segment,
//! `{{claim}}` expands once per claim value (as literal text, never as a
//! wildcard); sub-claims AND across keys, OR within values, `*`/`?` globs.
//! Hand-written: glob crates have no `+` (one non-empty segment) and no
//! way to splice claim values in as literal text that can never act as a
//! wildcard; the matcher is a few lines.

use std::collections::BTreeMap;

use serde_json::Value;

/// `x` and `/x` name the same thing.
pub fn normalize_path(p: &str) -> String {
    format!("/{}", p.trim().trim_start_matches('/'))
}

/// Checks a rule path as `set-role-rule` receives it: it must start with
/// `/` (the reference normalises, but a missing slash is usually a typo in
/// a template such as `{{namespace}}/*`, so it is named), and templates
/// must be closed.
pub fn check_rule_path(p: &str) -> Result<String, String> {
    let p = p.trim();
    if p.is_empty() {
        return Err("path must not be empty".into());
    }
    if !p.starts_with('/') {
        return Err(format!(
            "path '{p}' must start with '/', e.g. /{p}; rule paths are absolute"
        ));
    }
    let mut rest = p;
    while let Some(i) = rest.find("{{") {
        let after = &rest[i + 2..];
        let Some(j) = after.find("}}") else {
            return Err(format!("path '{p}' has an unclosed '{{{{' template"));
        };
        if after[..j].trim().is_empty() {
            return Err(format!("path '{p}' has an empty '{{{{}}}}' template"));
        }
        rest = &after[j + 2..];
    }
    if rest.contains("}}") {
        return Err(format!("path '{p}' has '}}}}' without '{{{{'"));
    }
    Ok(p.to_owned())
}

/// One element of a compiled rule path.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    /// Literal text; `bool` = compare ASCII case-insensitively (template
    /// values of a case-insensitive association).
    Lit(String, bool),
    /// `*`: any run of characters, `/` included.
    Star,
    /// `+`: one or more characters within one path segment.
    Plus,
}

/// Most expansions of one templated rule (values multiply across claims).
const MAX_EXPANSIONS: usize = 64;

/// Expands `{{claim}}` templates with the token's claim values and
/// compiles each expansion; a template whose claim the token lacks makes
/// the rule not apply (no expansion).
pub(super) fn compile(
    path: &str,
    claims: &BTreeMap<String, Vec<String>>,
    ci: bool,
) -> Vec<Vec<Tok>> {
    let path = normalize_path(path);
    let mut out: Vec<Vec<Tok>> = vec![vec![]];
    let mut rest = path.as_str();
    let push_static = |out: &mut Vec<Vec<Tok>>, text: &str| {
        for toks in out.iter_mut() {
            for ch in text.chars() {
                match ch {
                    '*' => {
                        if toks.last() != Some(&Tok::Star) {
                            toks.push(Tok::Star)
                        }
                    }
                    '+' => toks.push(Tok::Plus),
                    c => match toks.last_mut() {
                        Some(Tok::Lit(s, false)) => s.push(c),
                        _ => toks.push(Tok::Lit(c.to_string(), false)),
                    },
                }
            }
        }
    };
    while let Some(i) = rest.find("{{") {
        push_static(&mut out, &rest[..i]);
        let after = &rest[i + 2..];
        let Some(j) = after.find("}}") else {
            return vec![];
        };
        let claim = after[..j].trim();
        let values = claims.get(claim).or_else(|| {
            ci.then(|| {
                claims
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(claim))
                    .map(|(_, v)| v)
            })
            .flatten()
        });
        let Some(values) = values.filter(|v| !v.is_empty()) else {
            return vec![];
        };
        let mut next = Vec::new();
        for toks in &out {
            for v in values {
                if v.is_empty() {
                    continue;
                }
                let mut t = toks.clone();
                // Claim values are literal text, never wildcards.
                t.push(Tok::Lit(v.clone(), ci));
                next.push(t);
                if next.len() >= MAX_EXPANSIONS {
                    break;
                }
            }
        }
        out = next;
        rest = &after[j + 2..];
    }
    push_static(&mut out, rest);
    out
}

fn lit_prefix<'a>(s: &'a str, lit: &str, ci: bool) -> Option<&'a str> {
    let head = s.get(..lit.len())?;
    let ok = if ci {
        head.eq_ignore_ascii_case(lit)
    } else {
        head == lit
    };
    ok.then(|| &s[lit.len()..])
}

/// Whether `toks` match all of `s`. Breadth-first over the positions
/// each token can reach, so a pattern with many `*` costs at most
/// tokens x length steps, never exponential backtracking on a long name.
pub(super) fn tok_match(toks: &[Tok], s: &str) -> bool {
    let n = s.len();
    let mut at = vec![false; n + 1];
    at[0] = true;
    for tok in toks {
        let mut next = vec![false; n + 1];
        match tok {
            Tok::Lit(l, ci) => {
                for pos in (0..=n).filter(|&p| at[p]) {
                    if lit_prefix(&s[pos..], l, *ci).is_some() {
                        next[pos + l.len()] = true;
                    }
                }
            }
            Tok::Star => {
                if let Some(first) = (0..=n).find(|&p| at[p]) {
                    for (p, slot) in next.iter_mut().enumerate().skip(first) {
                        *slot = s.is_char_boundary(p);
                    }
                }
            }
            Tok::Plus => {
                for pos in (0..=n).filter(|&p| at[p]) {
                    let seg = s[pos..].find('/').map_or(n, |e| pos + e);
                    for (i, c) in s[pos..seg].char_indices() {
                        next[pos + i + c.len_utf8()] = true;
                    }
                }
            }
        }
        if !next.iter().any(|&b| b) {
            return false;
        }
        at = next;
    }
    at[n]
}

/// Whether a rule path (with its templates) covers `target`, for a token
/// with `claims`.
pub fn path_matches(
    rule_path: &str,
    target: &str,
    claims: &BTreeMap<String, Vec<String>>,
    ci: bool,
) -> bool {
    let target = normalize_path(target);
    compile(rule_path, claims, ci)
        .iter()
        .any(|t| tok_match(t, &target))
}

/// `*` (any run) and `?` (one character) glob of sub-claim values.
pub fn glob_match(pattern: &str, value: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let v: Vec<char> = value.chars().collect();
    // Iterative wildcard matching with one backtrack point: linear-ish,
    // no recursion on attacker-controlled claim values.
    let (mut pi, mut vi) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while vi < v.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == v[vi]) {
            pi += 1;
            vi += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = vi;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            vi = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// Whether an association's sub-claims accept a token's claims.
pub fn sub_claims_match(
    wanted: &BTreeMap<String, Vec<String>>,
    case_sensitive: bool,
    claims: &BTreeMap<String, Vec<String>>,
) -> bool {
    wanted.iter().all(|(key, accepted)| {
        let have = if case_sensitive {
            claims.get(key)
        } else {
            claims
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        };
        let Some(have) = have else { return false };
        have.iter().any(|value| {
            accepted.iter().any(|pattern| {
                if case_sensitive {
                    glob_match(pattern, value)
                } else {
                    glob_match(&pattern.to_lowercase(), &value.to_lowercase())
                }
            })
        })
    })
}

/// A token's claims as `{claim: [values]}` (strings as one value, arrays
/// element-wise, empty strings dropped).
pub fn claims_map(claims: &Value) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let Some(obj) = claims.as_object() else {
        return out;
    };
    for (k, v) in obj {
        let values: Vec<String> = match v {
            Value::String(s) => vec![s.clone()],
            Value::Array(a) => a
                .iter()
                .map(|x| match x {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect(),
            Value::Null => vec![],
            other => vec![other.to_string()],
        };
        let values: Vec<String> = values.into_iter().filter(|s| !s.is_empty()).collect();
        if !values.is_empty() {
            out.insert(k.clone(), values);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn exact_prefix_and_folder_paths() {
        let c = claims(&[]);
        assert!(path_matches("/foo/mysecret", "/foo/mysecret", &c, false));
        assert!(!path_matches("/foo/mysecret", "/foo/mysecret2", &c, false));
        assert!(path_matches("/foo/devops-*", "/foo/devops-db", &c, false));
        assert!(path_matches(
            "/foo/devops-*",
            "/foo/devops-x/deep",
            &c,
            false
        ));
        assert!(!path_matches("/foo/devops-*", "/foo/dev", &c, false));
        assert!(path_matches(
            "/path/to/folder/*",
            "/path/to/folder/a/b",
            &c,
            false
        ));
        assert!(!path_matches(
            "/path/to/folder/*",
            "/path/to/folderx",
            &c,
            false
        ));
        assert!(path_matches("/*", "/anything/at/all", &c, false));
        // Leading slash is optional on both sides.
        assert!(path_matches("foo/bar", "/foo/bar", &c, false));
        assert!(path_matches("/foo/bar", "foo/bar", &c, false));
    }

    #[test]
    fn many_stars_on_a_long_name_stay_cheap() {
        let c = claims(&[]);
        let name = format!("/{}", "a".repeat(4000));
        let rule = format!("/{}b", "*a".repeat(30));
        assert!(!path_matches(&rule, &name, &c, false));
        assert!(path_matches(
            &format!("/{}", "*a".repeat(30)),
            &name,
            &c,
            false
        ));
    }

    #[test]
    fn plus_is_one_segment() {
        let c = claims(&[]);
        assert!(path_matches("/foo/+/+/bar/*", "/foo/a/b/bar/x", &c, false));
        assert!(!path_matches("/foo/+/bar", "/foo/a/b/bar", &c, false));
        assert!(!path_matches("/foo/+/bar", "/foo//bar", &c, false));
        assert!(path_matches("/foo/+", "/foo/abc", &c, false));
        assert!(!path_matches("/foo/+", "/foo/abc/d", &c, false));
    }

    #[test]
    fn templates_expand_per_value_and_need_the_claim() {
        let c = claims(&[("namespace", &["team-a", "team-b"]), ("user", &["Alice"])]);
        assert!(path_matches(
            "/k8s/{{namespace}}/*",
            "/k8s/team-a/db",
            &c,
            false
        ));
        assert!(path_matches(
            "/k8s/{{namespace}}/*",
            "/k8s/team-b/db",
            &c,
            false
        ));
        assert!(!path_matches(
            "/k8s/{{namespace}}/*",
            "/k8s/team-c/db",
            &c,
            false
        ));
        assert!(path_matches(
            "/{{namespace}}/{{ user }}/*",
            "/team-a/Alice/x",
            &c,
            false
        ));
        // Case follows the association's setting.
        assert!(!path_matches("/{{user}}/*", "/alice/x", &c, false));
        assert!(path_matches("/{{user}}/*", "/alice/x", &c, true));
        // No such claim: the rule does not apply at all.
        assert!(!path_matches("/k8s/{{pod_name}}/*", "/k8s/x/y", &c, false));
        // A claim value is literal, never a wildcard.
        let star = claims(&[("namespace", &["*"])]);
        assert!(!path_matches(
            "/k8s/{{namespace}}/x",
            "/k8s/other/x",
            &star,
            false
        ));
    }

    #[test]
    fn rule_paths_are_checked() {
        assert!(check_rule_path("/a/*").is_ok());
        assert!(
            check_rule_path("a/*")
                .unwrap_err()
                .contains("must start with '/'")
        );
        assert!(
            check_rule_path("/k8s/{{namespace/*")
                .unwrap_err()
                .contains("unclosed")
        );
        assert!(
            check_rule_path("/k8s/{{}}/*")
                .unwrap_err()
                .contains("empty")
        );
        assert!(check_rule_path("").is_err());
    }

    #[test]
    fn globs() {
        assert!(glob_match("*@example.com", "linda@example.com"));
        assert!(!glob_match("*@example.com", "linda@example.org"));
        assert!(glob_match("team-?", "team-a"));
        assert!(!glob_match("team-?", "team-ab"));
        assert!(glob_match("a*b*c", "aXXbYYc"));
        assert!(!glob_match("a*b*c", "aXXbYY"));
        assert!(glob_match("*", ""));
    }

    #[test]
    fn sub_claims_and_across_keys_or_within_values() {
        let c = claims(&[
            ("namespace", &["ns-a"]),
            ("groups", &["Everyone", "devops"]),
        ]);
        let want = claims(&[("namespace", &["ns-a", "ns-b"])]);
        assert!(sub_claims_match(&want, true, &c));
        let want = claims(&[("namespace", &["ns-a"]), ("groups", &["devops"])]);
        assert!(sub_claims_match(&want, true, &c));
        let want = claims(&[("namespace", &["ns-a"]), ("groups", &["admins"])]);
        assert!(!sub_claims_match(&want, true, &c));
        let want = claims(&[("pod_name", &["*"])]);
        assert!(!sub_claims_match(&want, true, &c), "missing claim");
        let want = claims(&[("Namespace", &["NS-A"])]);
        assert!(!sub_claims_match(&want, true, &c));
        assert!(sub_claims_match(&want, false, &c));
        let want = claims(&[("namespace", &["ns-?"])]);
        assert!(sub_claims_match(&want, true, &c));
        assert!(
            sub_claims_match(&BTreeMap::new(), true, &c),
            "no sub-claims = all"
        );
    }

    #[test]
    fn claims_become_lists() {
        let m = claims_map(&json!({"aud": ["a", "b"], "namespace": "ns", "pod_name": "", "n": 3}));
        assert_eq!(m["aud"], ["a", "b"]);
        assert_eq!(m["namespace"], ["ns"]);
        assert_eq!(m["n"], ["3"]);
        assert!(!m.contains_key("pod_name"));
    }
}
