//! The workloads with gloo-net 0.7's futures `WebSocket`.

use futures::{SinkExt, StreamExt};
use gloo_net::websocket::futures::WebSocket;
use gloo_net::websocket::{Message, State};
use wasm_bindgen::JsValue;

use crate::{decode, error, now, Workload};

fn message(workload: Workload) -> Message {
    match workload.text() {
        Some(text) => Message::Text(text),
        None => Message::Bytes(workload.bytes()),
    }
}

pub async fn run(workload: Workload, url: &str) -> Result<f64, JsValue> {
    let start_flood = now();
    let ws = WebSocket::open(url).map_err(error)?;
    // Time from the open, as for the others (but for the flood, which starts with it).
    while matches!(ws.state(), State::Connecting) {
        let tick = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window().map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 1));
        });
        let _ = wasm_bindgen_futures::JsFuture::from(tick).await;
    }
    let (mut sender, mut receiver) = ws.split();
    let outgoing = message(workload);
    let mut start = now();
    match workload {
        Workload::PingPong => {
            for _ in 0..workload.count() {
                sender.send(outgoing.clone()).await.map_err(error)?;
                receiver.next().await.ok_or("closed early")?.map_err(error)?;
            }
        }
        _ if workload.server_sends() => {
            start = start_flood;
            for _ in 0..workload.expected() {
                if let Message::Text(text) = receiver.next().await.ok_or("closed early")?.map_err(error)? {
                    decode(workload, &text)?;
                }
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
                    receiver.next().await.ok_or("closed early")?.map_err(error)?;
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
