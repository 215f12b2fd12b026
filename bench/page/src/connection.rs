//! The workloads with `Connection` (Stream + Sink).

use browser_websocket::{Connection, Message, WebSocket};
use futures::{SinkExt, StreamExt};
use wasm_bindgen::JsValue;

use crate::{error, now, Workload};

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
    let start = if matches!(workload, Workload::Flood) { start_flood } else { now() };
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
                    receiver.next().await.ok_or("closed early")?;
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
