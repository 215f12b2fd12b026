//! Opening: slow handshakes, failed ones, and what the server sees of the request.

use browser_websocket::{CloseEvent, ReadyState, WebSocket};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{first_text, open, sleep, url, Ev, Recorder};

#[wasm_bindgen_test]
async fn every_failed_handshake_is_an_error_then_1006() {
    let closed_port = first_text("/closed-port").await;
    let refused = format!("ws://127.0.0.1:{closed_port}/");
    for target in [
        url("/status?code=403"),
        url("/status?code=500"),
        url("/no-such-endpoint"),
        url("/redirect"),
        url("/basic_auth"),
        url("/wrong_accept_key"),
        url("/invalid"),
        refused,
    ] {
        let ws = WebSocket::open(&target).unwrap();
        let events = Recorder::attach(&ws).until_close().await;
        let failed = CloseEvent { code: 1006, reason: String::new(), was_clean: false };
        assert_eq!(events, [Ev::Error, Ev::Close(failed)], "{target}");
        assert_eq!(ws.ready_state(), ReadyState::Closed);
    }
}

#[wasm_bindgen_test]
async fn a_slow_handshake_stays_connecting_then_opens() {
    let ws = WebSocket::open(&url("/handshake_sleep_2")).unwrap();
    let mut events = Recorder::attach(&ws);
    sleep(1000).await;
    assert_eq!(ws.ready_state(), ReadyState::Connecting);
    events.opened().await;
    assert_eq!(events.closed().await.code, 1000);
}

#[wasm_bindgen_test]
async fn the_request_carries_query_and_origin_but_no_referrer() {
    assert_eq!(first_text("/echo-query?a=1&b=%20").await, "a=1&b=%20");
    assert_eq!(first_text("/referrer").await, "MISSING AS PER FETCH");
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    assert_eq!(first_text("/origin").await, origin);
}

#[wasm_bindgen_test]
async fn an_empty_text_message_reaches_the_server_as_such() {
    let (ws, mut events) = open("/empty-message").await;
    ws.send_text("").unwrap();
    assert_eq!(events.text().await, "pass");
}
