//! The thin layer in a real browser window, against the real test server.
#![cfg(target_arch = "wasm32")]

#[path = "../common/mod.rs"]
mod common;

mod binary_type;
mod callbacks;
mod close;
mod faults;
mod handshake;
mod hooks;
mod io;
mod kit;
mod lifecycle;
mod protocols;
mod ready_state;
mod reconnect;
mod rpc;
mod rpc_server;
mod secrets;
mod send;
mod sink;
mod stats;
mod stream;
mod tls;
mod traces;
mod twin;
mod typed;
mod urls;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
