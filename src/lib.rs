//! akl: the Akeyless Kubernetes-auth flows in one crate.
//!
//! The binary is a thin shell over these modules:
//! - [`cli`]: the command line, spelled like the akeyless CLI;
//! - [`commands`]: one function per command;
//! - [`output`]: text, `--json` and `--jq-expression` rendering;
//! - [`pki`]: keys and certificate signing requests;
//! - [`kubeconfig`]: kubeconfig loading and context resolution;
//! - [`kubeconfig_write`]: writing kubeconfig users and contexts as kubectl does;
//! - [`k8s`]: calls to the Kubernetes API server;
//! - [`k8s_admin`]: cluster setup: client-certificate CSRs, the token reviewer, RBAC bindings;
//! - [`jwt`]: JWT parsing, signing and verification;
//! - [`jwks`]: JSON Web Key Sets and a rate-limited cache of remote ones;
//! - [`gateway`]: the gateway API: shared types, client and embedded server;
//! - [`profile`]: akeyless CLI profiles and cached session tokens;
//! - [`no_follow`]: file operations that never follow symbolic links;
//! - [`docs`]: shell completions and man pages;
//! - [`fsutil`]: bounded reads of the files the CLI is handed.

pub mod cli;
pub mod commands;
pub mod docs;
pub mod fsutil;
pub mod gateway;
pub mod jwks;
pub mod jwt;
pub mod k8s;
pub mod k8s_admin;
pub mod kubeconfig;
pub mod kubeconfig_write;
pub mod no_follow;
pub mod output;
pub mod pki;
pub mod profile;
