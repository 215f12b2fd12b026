//! The workloads with `WebSocket` and its callbacks.

use std::cell::Cell;
use std::rc::Rc;

use browser_websocket::{Message, WebSocket};
use futures::channel::oneshot;
use wasm_bindgen::JsValue;

use crate::{decode, error, now, Quote, Workload};

pub async fn run(workload: Workload, url: &str) -> Result<f64, JsValue> {
    let start_flood = now();
    let ws = Rc::new(WebSocket::open(url).map_err(error)?);
    let (opened_tx, opened) = oneshot::channel();
    let mut opened_tx = Some(opened_tx);
    let on_open = ws.on_open(move || {
        if let Some(opened) = opened_tx.take() {
            let _ = opened.send(());
        }
    });
    let (done_tx, done) = oneshot::channel();
    let mut done_tx = Some(done_tx);
    let received = Rc::new(Cell::new(0usize));
    let text = workload.text();
    let bytes = workload.bytes();
    let ping_pong = matches!(workload, Workload::PingPong);
    let on_message = ws.on_message({
        let (ws, received, text) = (Rc::downgrade(&ws), received.clone(), text.clone());
        move |message: Message| {
            let decoded = match (&message, workload) {
                (Message::Text(_), Workload::Json) => message.json::<Quote>().map(drop).map_err(error),
                (Message::Text(text), _) => decode(workload, text),
                _ => Ok(()),
            };
            if decoded.is_err() {
                return; // never counted: the run does not finish
            }
            let count = received.get() + 1;
            received.set(count);
            if count == workload.expected() {
                if let Some(done) = done_tx.take() {
                    let _ = done.send(());
                }
            } else if ping_pong {
                if let (Some(ws), Some(text)) = (ws.upgrade(), text.as_deref()) {
                    let _ = ws.send_text(text);
                }
            }
        }
    });
    opened.await.map_err(error)?;
    let start = if workload.server_sends() { start_flood } else { now() };
    let sends = if ping_pong { 1 } else { workload.count() };
    for _ in 0..sends {
        match text.as_deref() {
            Some(text) => ws.send_text(text).map_err(error)?,
            None => ws.send_bytes(&bytes).map_err(error)?,
        }
    }
    done.await.map_err(error)?;
    let elapsed = now() - start;
    drop((on_open, on_message));
    Ok(elapsed)
}
