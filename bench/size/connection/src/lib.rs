//! The size benchmark's echo client with `Connection`: connect, split, echo every message.
use browser_websocket::Connection;
use futures::StreamExt;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        if let Ok(connection) = Connection::connect("/bench-echo").await {
            let (sender, receiver) = connection.split();
            let _ = receiver.map(Ok).forward(sender).await;
        }
    });
}
