//! The gateway API: wire types shared by both sides ([`api`]), the typed
//! HTTPS client ([`client`]) and the embedded server ([`server`]).

pub mod api;
pub mod client;
pub mod server;
