//! Memory before and after a workload: wasm linear memory and the JS heap (Chromium's
//! `performance.memory`, precise with `--enable-precise-memory-info`; garbage collected first
//! when `gc` is exposed).

use browser_websocket::{Connection, Message};
use futures::{SinkExt, StreamExt};
use wasm_bindgen::{JsCast, JsValue};

use crate::error;

fn wasm_bytes() -> f64 {
    let memory = wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>();
    memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64
}

fn heap_bytes() -> f64 {
    let global: JsValue = js_sys::global().into();
    if let Ok(gc) = js_sys::Reflect::get(&global, &"gc".into()).and_then(|gc| gc.dyn_into::<js_sys::Function>()) {
        let _ = gc.call0(&JsValue::NULL);
    }
    let performance = js_sys::Reflect::get(&global, &"performance".into()).unwrap_or(JsValue::UNDEFINED);
    let memory = js_sys::Reflect::get(&performance, &"memory".into()).unwrap_or(JsValue::UNDEFINED);
    js_sys::Reflect::get(&memory, &"usedJSHeapSize".into()).ok().and_then(|v| v.as_f64()).unwrap_or(f64::NAN)
}

async fn messages(base: &str) -> Result<(), JsValue> {
    let connection = Connection::connect(&format!("{base}/bench-echo")).await.map_err(error)?;
    let (mut sender, mut receiver) = connection.split();
    for _ in 0..10_000 {
        sender.feed(Message::Text("m".repeat(64))).await.map_err(error)?;
    }
    sender.flush().await.map_err(error)?;
    for _ in 0..10_000 {
        receiver.next().await.ok_or("closed early")?;
    }
    Ok(())
}

async fn cycles(base: &str) -> Result<(), JsValue> {
    for _ in 0..1_000 {
        let connection = Connection::connect(&format!("{base}/bench-echo")).await.map_err(error)?;
        connection.close_with(1000, "").map_err(error)?;
        connection.closed().await;
    }
    Ok(())
}

/// `[wasm before, wasm after, heap before, heap after]`, in bytes.
pub async fn probe(kind: &str, base: &str) -> Result<Vec<f64>, JsValue> {
    let (wasm_before, heap_before) = (wasm_bytes(), heap_bytes());
    match kind {
        "messages" => messages(base).await?,
        "cycles" => cycles(base).await?,
        other => return Err(JsValue::from_str(&format!("no memory probe {other}"))),
    }
    Ok(vec![wasm_before, wasm_bytes(), heap_before, heap_bytes()])
}
