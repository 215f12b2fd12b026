//! Ready states read live, and sends refused outside Open so nothing is lost silently.

use browser_websocket::{Error, Message, ReadyState, WebSocket};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{blob, url, Recorder};

fn refused_everywhere(ws: &WebSocket, state: ReadyState) {
    let expected = Err(Error::NotOpen(state));
    assert_eq!(ws.send_text("lost?"), expected);
    assert_eq!(ws.send_bytes(b"lost?"), expected);
    assert_eq!(ws.send_blob(&blob(b"lost?")), expected);
    assert_eq!(ws.send(Message::Text("lost?".into())), expected);
}

#[wasm_bindgen_test]
async fn states_follow_the_connection_and_sends_outside_open_are_errors() {
    let ws = WebSocket::open(&url("/echo")).unwrap();
    let mut events = Recorder::attach(&ws);
    assert_eq!(ws.ready_state(), ReadyState::Connecting);
    refused_everywhere(&ws, ReadyState::Connecting);

    events.opened().await;
    assert_eq!(ws.ready_state(), ReadyState::Open);
    ws.send_text("first").unwrap();
    // Nothing refused earlier was queued: the first echo is the first accepted send.
    assert_eq!(events.text().await, "first");

    ws.close_with(1000, "").unwrap();
    assert_eq!(ws.ready_state(), ReadyState::Closing);
    refused_everywhere(&ws, ReadyState::Closing);

    let close = events.closed().await;
    assert_eq!((close.code, close.was_clean), (1000, true));
    assert_eq!(ws.ready_state(), ReadyState::Closed);
    refused_everywhere(&ws, ReadyState::Closed);
}

#[wasm_bindgen_test]
async fn a_server_close_is_seen_live() {
    let ws = WebSocket::open(&url("/remote-close?code=4001")).unwrap();
    let mut events = Recorder::attach(&ws);
    events.opened().await;
    events.closed().await;
    assert_eq!(ws.ready_state(), ReadyState::Closed);
    assert_eq!(ws.send_text("late"), Err(Error::NotOpen(ReadyState::Closed)));
}

#[wasm_bindgen_test]
async fn buffered_amount_is_read_live() {
    let ws = WebSocket::open(&url("/echo")).unwrap();
    let mut events = Recorder::attach(&ws);
    events.opened().await;
    assert_eq!(ws.buffered_amount(), 0);
    ws.send_bytes(&vec![7; 1 << 20]).unwrap();
    // It grows synchronously inside send and cannot fall within this task.
    assert!(ws.buffered_amount() >= 1 << 20, "{}", ws.buffered_amount());
    assert_eq!(events.message().await, Message::Binary(vec![7; 1 << 20]));
    assert_eq!(ws.buffered_amount(), 0);
}
