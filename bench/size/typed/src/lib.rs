//! The size benchmark's typed echo client: `Connection` typed with codee's JSON codec, decoding
//! every message into a struct and sending it back encoded.
use browser_websocket::codee::string::JsonSerdeCodec;
use browser_websocket::Connection;
use futures::StreamExt;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[derive(Serialize, Deserialize)]
struct Line {
    nick: String,
    text: String,
    at: u64,
}

#[wasm_bindgen(start)]
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        if let Ok(connection) = Connection::connect("/bench-echo").await {
            let (sender, receiver) = connection.split();
            let (sender, receiver) = (sender.typed::<Line, JsonSerdeCodec>(), receiver.typed::<Line, JsonSerdeCodec>());
            let _ = receiver.filter_map(|line| async move { line.ok().map(Ok) }).forward(sender).await;
        }
    });
}
