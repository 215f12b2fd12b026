//! The JSON-RPC server of the `rpc` suite: jsonrpsee's, behind a TCP proxy of ours that can cut
//! every connection through it at once (a network failure, as the browser sees it: 1006).
//!
//! Methods (each counts its calls by a tag, its first param, for `report`):
//! - `add [tag, a, b]` → a + b; `fail [tag]` → error -32000 "refused" with data `[1]`;
//! - `slow [tag, ms]` → ms, after ms milliseconds;
//! - `report [tag, method]` → how many calls of `method` with that tag arrived;
//! - `subscribe_ticks [tag, every_ms]` → notifications `ticks` 0, 1, 2, ... every `every_ms`;
//!   `unsubscribe_ticks`.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::Duration;

use jsonrpsee::server::{RpcModule, Server, ServerHandle, SubscriptionMessage};
use jsonrpsee::types::ErrorObjectOwned;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast;

type Calls = Mutex<HashMap<String, u32>>;

/// The running server: the proxy's port, and the switch that cuts its connections.
pub struct Rpc {
    pub port: u16,
    cut: broadcast::Sender<()>,
    _server: ServerHandle,
}

impl Rpc {
    /// Drops every connection through the proxy, without a Close frame.
    pub fn cut(&self) {
        let _ = self.cut.send(());
    }
}

fn count(calls: &Calls, tag: &str, method: &str) {
    if let Ok(mut calls) = calls.lock() {
        *calls.entry(format!("{tag} {method}")).or_default() += 1;
    }
}

fn module() -> Result<RpcModule<Calls>, Box<dyn std::error::Error>> {
    let mut module = RpcModule::new(Calls::default());
    module.register_method("add", |params, calls, _| {
        let (tag, a, b): (String, i64, i64) = params.parse()?;
        count(calls, &tag, "add");
        Ok::<_, ErrorObjectOwned>(a + b)
    })?;
    module.register_method("fail", |params, calls, _| {
        let (tag,): (String,) = params.parse()?;
        count(calls, &tag, "fail");
        Err::<(), _>(ErrorObjectOwned::owned(-32000, "refused", Some([1])))
    })?;
    module.register_async_method("slow", |params, calls, _| async move {
        let (tag, ms): (String, u64) = params.parse()?;
        count(&calls, &tag, "slow");
        tokio::time::sleep(Duration::from_millis(ms)).await;
        Ok::<_, ErrorObjectOwned>(ms)
    })?;
    module.register_method("report", |params, calls, _| {
        let (tag, method): (String, String) = params.parse()?;
        let seen = calls.lock().map(|calls| calls.get(&format!("{tag} {method}")).copied().unwrap_or(0));
        Ok::<_, ErrorObjectOwned>(seen.unwrap_or(0))
    })?;
    module.register_subscription(
        "subscribe_ticks",
        "ticks",
        "unsubscribe_ticks",
        |params, pending, calls, _| async move {
            let (tag, every_ms): (String, u64) = params.parse()?;
            count(&calls, &tag, "subscribe_ticks");
            let sink = pending.accept().await?;
            for tick in 0u64.. {
                tokio::time::sleep(Duration::from_millis(every_ms)).await;
                sink.send(SubscriptionMessage::from(serde_json::value::to_raw_value(&tick)?)).await?;
            }
            Ok(())
        },
    )?;
    Ok(module)
}

/// Starts jsonrpsee on a port of its own and the proxy in front of it.
pub async fn start() -> Result<Rpc, Box<dyn std::error::Error>> {
    let server = Server::builder().build("127.0.0.1:0").await?;
    let backend = server.local_addr()?;
    let handle = server.start(module()?);
    let proxy = TcpListener::bind("127.0.0.1:0").await?;
    let port = proxy.local_addr()?.port();
    let (cut, _) = broadcast::channel(16);
    let switch = cut.clone();
    tokio::spawn(async move {
        while let Ok((client, _)) = proxy.accept().await {
            let _ = client.set_nodelay(true);
            tokio::spawn(relay(client, backend, switch.subscribe()));
        }
    });
    Ok(Rpc { port, cut, _server: handle })
}

/// Copies both ways until either side closes or the switch cuts it; then both sockets drop.
async fn relay(client: TcpStream, backend: SocketAddr, mut cut: broadcast::Receiver<()>) {
    let Ok(server) = TcpStream::connect(backend).await else { return };
    let _ = server.set_nodelay(true);
    let (mut from_client, mut to_client) = client.into_split();
    let (mut from_server, mut to_server) = server.into_split();
    tokio::select! {
        _ = tokio::io::copy(&mut from_client, &mut to_server) => {}
        _ = tokio::io::copy(&mut from_server, &mut to_client) => {}
        _ = cut.recv() => {}
    }
}
