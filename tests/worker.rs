//! The thin layer in a dedicated worker: no `window`, relative URLs against the worker location.
#![cfg(target_arch = "wasm32")]

mod common;

use browser_websocket::{CloseEvent, Message, WebSocket};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use common::{open, url, Ev, Recorder};

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_dedicated_worker);

#[wasm_bindgen_test]
fn there_is_no_window_here() {
    assert!(js_sys::global().dyn_ref::<web_sys::Window>().is_none());
    assert!(js_sys::global().dyn_ref::<web_sys::WorkerGlobalScope>().is_some());
}

#[wasm_bindgen_test]
async fn echo_and_close_in_a_worker() {
    let (ws, mut events) = open("/echo").await;
    ws.send_text("from a worker").unwrap();
    assert_eq!(events.message().await, Message::Text("from a worker".into()));
    ws.send_bytes(&[4, 2]).unwrap();
    assert_eq!(events.message().await, Message::Binary(vec![4, 2]));
    ws.close_with(4000, "done").unwrap();
    assert_eq!(events.closed().await, CloseEvent { code: 4000, reason: "done".into(), was_clean: true });
}

#[wasm_bindgen_test]
fn relative_urls_resolve_against_the_worker_location() {
    let location = js_sys::global().unchecked_into::<web_sys::WorkerGlobalScope>().location();
    let ws = WebSocket::open("/echo?from-worker").unwrap();
    assert_eq!(ws.url(), format!("ws://{}/echo?from-worker", location.host()));
}

#[wasm_bindgen_test]
async fn failures_are_reported_in_a_worker_too() {
    let ws = WebSocket::open(&url("/status?code=403")).unwrap();
    let events = Recorder::attach(&ws).until_close().await;
    assert_eq!(events, [Ev::Error, Ev::Close(CloseEvent { code: 1006, reason: String::new(), was_clean: false })]);
}

#[wasm_bindgen_test]
async fn a_connection_works_in_a_worker() {
    use futures::{SinkExt, StreamExt};
    let mut connection = common::connect("/echo").await;
    connection.send(Message::Text("async worker".into())).await.unwrap();
    assert_eq!(common::next(&mut connection).await, Some(Message::Text("async worker".into())));
    connection.close_with(4001, "worker done").unwrap();
    assert_eq!(common::next(&mut connection).await, None);
    assert_eq!(connection.closed().await, CloseEvent { code: 4001, reason: "worker done".into(), was_clean: true });
    // The stream stays ended.
    assert_eq!(connection.next().await, None);
}

/// The test kit in a worker: relative URLs resolve against the worker's location, as the real
/// socket's do, and the scripted peer works as in a window.
#[cfg(feature = "testing")]
#[wasm_bindgen_test]
async fn the_test_kit_works_in_a_worker() {
    use browser_websocket::testing::{Claim, MockServer};
    use browser_websocket::BinaryType;

    let server = MockServer::listen(Claim::matching(|url| url.ends_with("/kit-in-a-worker")));
    let ws = WebSocket::open("/kit-in-a-worker").unwrap();
    let location = js_sys::global().unchecked_into::<web_sys::WorkerGlobalScope>().location();
    ws.set_binary_type(BinaryType::ArrayBuffer);
    let mut events = Recorder::attach(&ws);
    let handshake = server.accept().await;
    assert_eq!(handshake.url(), format!("ws://{}/kit-in-a-worker", location.host()));
    let peer = handshake.accept();
    events.opened().await;
    ws.send_text("from a worker").unwrap();
    assert_eq!(peer.recv().await, Some(Message::Text("from a worker".into())));
    peer.send(vec![1u8, 2]);
    assert_eq!(events.message().await, Message::Binary(vec![1, 2]));
    peer.close(4001, "bye");
    assert_eq!(events.closed().await, CloseEvent { code: 4001, reason: "bye".into(), was_clean: true });
}
