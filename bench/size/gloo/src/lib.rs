//! The size benchmark's echo client with gloo-net: connect, split, echo every message.
use futures::StreamExt;
use gloo_net::websocket::futures::WebSocket;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        if let Ok(socket) = WebSocket::open("/bench-echo") {
            let (sender, receiver) = socket.split();
            let _ = receiver.filter_map(|m| async move { m.ok().map(Ok) }).forward(sender).await;
        }
    });
}
