//! A loopback WebSocket server reproducing the standard's reference handlers, for
//! browser-websocket's browser tests.
//!
//! `test-server [--port N] [--tls-port N [--cert-out FILE]] [--www FOLDER]` listens on 127.0.0.1
//! (port 9753 by default; `wss://` too on the TLS port, with a certificate made at start and
//! written to FILE as PEM if asked), serves FOLDER's files to plain HTTP requests, prints
//! `listening on ws://127.0.0.1:N`, and exits by itself once the process that started it is gone.

mod chat;
mod endpoint;
mod files;
mod frames;
mod handlers;
mod http;
mod rpc;
mod shared;
mod tls;

use std::sync::Arc;
use std::time::Duration;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut port = 9753;
    let mut www = None;
    let mut tls_port = None;
    let mut cert_out = None;
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--port", Some(value)) if value.parse::<u16>().is_ok() => port = value.parse().unwrap_or(port),
            ("--www", Some(folder)) => www = Some(std::path::PathBuf::from(folder)),
            ("--tls-port", Some(value)) if value.parse::<u16>().is_ok() => tls_port = value.parse().ok(),
            ("--cert-out", Some(file)) => cert_out = Some(std::path::PathBuf::from(file)),
            _ => {
                eprintln!("usage: test-server [--port N] [--tls-port N [--cert-out FILE]] [--www FOLDER]");
                std::process::exit(2);
            }
        }
    }
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    // The `rpc` suite's JSON-RPC server; the rest of the server works without it.
    let rpc = rpc::start().await.map_err(|error| eprintln!("test server: no JSON-RPC server: {error}")).ok();
    let shared = Arc::new(shared::Shared::new(www, rpc));
    if let Some(tls_port) = tls_port {
        let tls = tokio::net::TcpListener::bind(("127.0.0.1", tls_port)).await?;
        let acceptor = tls::acceptor(cert_out.as_deref())?;
        let shared = shared.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = tls.accept().await {
                let _ = stream.set_nodelay(true);
                let (acceptor, shared) = (acceptor.clone(), shared.clone());
                tokio::spawn(async move {
                    if let Ok(stream) = acceptor.accept(stream).await {
                        handlers::serve(stream, shared).await;
                    }
                });
            }
        });
    }
    println!("listening on ws://{}", listener.local_addr()?);
    tokio::spawn(exit_with_parent());
    loop {
        let (stream, _) = listener.accept().await?;
        let _ = stream.set_nodelay(true);
        tokio::spawn(handlers::serve(stream, shared.clone()));
    }
}

/// Exits once the parent process has gone (the server is re-parented).
async fn exit_with_parent() {
    let parent = std::os::unix::process::parent_id();
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        if std::os::unix::process::parent_id() != parent {
            std::process::exit(0);
        }
    }
}
