//! Opening: slow handshakes, failed ones, and what the server sees of the request.

use browser_websocket::{CloseEvent, Connection, Error, ReadyState, WebSocket};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{engine, first_text, open, sleep, url, within, Engine, Ev, Recorder};

#[wasm_bindgen_test]
async fn every_failed_handshake_is_an_error_then_1006() {
    let closed_port = first_text("/closed-port").await;
    let refused = format!("ws://127.0.0.1:{closed_port}/");
    for target in [
        url("/status?code=403"),
        url("/status?code=500"),
        url("/no-such-endpoint"),
        url("/basic_auth"),
        url("/wrong_accept_key"),
        url("/invalid"),
        refused,
    ] {
        let ws = WebSocket::open(&target).unwrap();
        let events = Recorder::attach(&ws).until_close().await;
        assert_eq!(events, [Ev::Error, Ev::Close(failed())], "{target}");
        assert_eq!(ws.ready_state(), ReadyState::Closed);
    }
}

fn failed() -> CloseEvent {
    CloseEvent { code: 1006, reason: String::new(), was_clean: false }
}

/// The standard fetches the handshake with redirects as errors; WebKit follows a redirect (here
/// to `/echo`) and opens, under the URL first given. Nothing in the page can tell.
#[wasm_bindgen_test]
async fn a_redirect_fails_the_handshake_except_in_webkit() {
    let ws = WebSocket::open(&url("/redirect")).unwrap();
    let mut events = Recorder::attach(&ws);
    if engine() == Engine::WebKit {
        events.opened().await;
        ws.send_text("followed").unwrap();
        assert_eq!(events.text().await, "followed");
        assert!(ws.url().ends_with("/redirect"), "{}", ws.url());
    } else {
        assert_eq!(events.until_close().await, [Ev::Error, Ev::Close(failed())]);
    }
}

/// A port the engine blocks (25, SMTP): Chromium and Firefox fail the connection (error, then
/// 1006), as the standard says; WebKit fires the error while still connecting and never a close
/// event, which the thin layer reports as it is. A `Connection` fails with 1006 in every engine,
/// at once.
#[wasm_bindgen_test]
async fn a_blocked_port_fails_in_every_engine() {
    let blocked = "ws://127.0.0.1:25/";
    let ws = WebSocket::open(blocked).unwrap();
    let mut events = Recorder::attach(&ws);
    if engine() == Engine::WebKit {
        assert_eq!(events.next().await, Ev::Error);
        events.quiet_for(1_000).await;
        assert_eq!(ws.ready_state(), ReadyState::Closed);
    } else {
        assert_eq!(events.until_close().await, [Ev::Error, Ev::Close(failed())]);
    }
    let attempt = within(5_000, "connect", Connection::connect(blocked)).await;
    assert_eq!(attempt.map(drop), Err(Error::ConnectionFailed(failed())));
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
