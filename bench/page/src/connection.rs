//! The workloads with `Connection` (Stream + Sink).

use browser_websocket::codee::string::JsonSerdeCodec;
use browser_websocket::{Connection, Message, WebSocket};
use futures::{SinkExt, StreamExt};
use wasm_bindgen::JsValue;

use crate::{decode, error, now, Quote, Workload};

fn message(workload: Workload) -> Message {
    match workload.text() {
        Some(text) => Message::Text(text),
        None => Message::Binary(workload.bytes()),
    }
}

pub async fn run(workload: Workload, url: &str) -> Result<f64, JsValue> {
    let start_flood = now();
    let connect = WebSocket::builder(url).receive_buffer(1 << 20, 1 << 30).connect();
    let connection: Connection = connect.await.map_err(error)?;
    let start = if workload.server_sends() { start_flood } else { now() };
    if matches!(workload, Workload::Json) {
        // The crate's JSON: the typed layer, codee's JsonSerdeCodec.
        let mut quotes = connection.typed::<(), Quote, JsonSerdeCodec>();
        for _ in 0..workload.expected() {
            quotes.next().await.ok_or("closed early")?.map_err(error)?;
        }
        return Ok(now() - start);
    }
    let (mut sender, mut receiver) = connection.split();
    let outgoing = message(workload);
    match workload {
        Workload::PingPong => {
            for _ in 0..workload.count() {
                sender.send(outgoing.clone()).await.map_err(error)?;
                receiver.next().await.ok_or("closed early")?;
            }
        }
        _ => {
            let send = async {
                for _ in 0..workload.count() {
                    sender.feed(outgoing.clone()).await.map_err(error)?;
                }
                sender.flush().await.map_err(error)
            };
            let receive = async {
                for _ in 0..workload.expected() {
                    if let Message::Text(text) = receiver.next().await.ok_or("closed early")? {
                        decode(workload, &text)?;
                    }
                }
                Ok::<(), JsValue>(())
            };
            let (sent, received) = futures::join!(send, receive);
            sent?;
            received?;
        }
    }
    Ok(now() - start)
}
