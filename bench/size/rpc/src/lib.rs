//! The size benchmark's JSON-RPC client (feature `rpc`): a call, then a subscription whose every
//! item is acknowledged by another call, over a reconnecting socket.
use browser_websocket::rpc::{Client, Update};
use browser_websocket::Reconnect;
use futures::StreamExt;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[derive(Deserialize)]
struct Head {
    number: u64,
}

#[wasm_bindgen(start)]
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let Ok(node) = Client::connect("/bench-rpc", Reconnect::default()) else { return };
        let Ok(from) = node.call::<u64>("chain_height", ()).await else { return };
        let Ok(mut heads) = node.subscribe::<Head>("chain_subscribeHeads", [from], "chain_unsubscribeHeads").await
        else {
            return;
        };
        while let Some(update) = heads.next().await {
            if let Update::Item(head) = update {
                let _ = node.call::<bool>("chain_ack", [head.number]).await;
            }
        }
    });
}
