//! Subprotocols: validation before JS, negotiation, and the handshake failures around them.

use browser_websocket::{CloseEvent, Error, WebSocket};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{url, Ev, Recorder};

#[wasm_bindgen_test]
fn invalid_protocols_are_rejected() {
    for bad in ["", " ", "a b", "a,b", "a/b", "\u{7f}", "é", "tab\t", "q\"", "{x}"] {
        let result = WebSocket::open_with_protocols(&url("/echo"), &["ok", bad]);
        assert_eq!(result.unwrap_err(), Error::InvalidProtocol(bad.into()), "{bad:?}");
    }
    let duplicate = WebSocket::builder(&url("/echo")).protocols(&["chat", "chat"]).open();
    assert_eq!(duplicate.unwrap_err(), Error::InvalidProtocol("chat".into()));
}

#[wasm_bindgen_test]
async fn the_selected_protocol_is_readable_once_open() {
    let ws = WebSocket::open_with_protocols(&url("/echo"), &["other", "echo"]).unwrap();
    assert_eq!(ws.protocol(), "");
    Recorder::attach(&ws).opened().await;
    assert_eq!(ws.protocol(), "echo");
    assert_eq!(ws.extensions(), "");
}

#[wasm_bindgen_test]
async fn duplicates_compare_exactly_so_case_variants_are_allowed() {
    let ws = WebSocket::open_with_protocols(&url("/protocol_array"), &["echo", "eCho"]).unwrap();
    let mut events = Recorder::attach(&ws);
    events.opened().await;
    assert_eq!(events.text().await, "echo");
    assert_eq!(ws.protocol(), "echo");
}

#[wasm_bindgen_test]
async fn the_server_sees_the_offer() {
    let ws = WebSocket::builder(&url("/protocol")).protocols(&["chat.v2"]).open().unwrap();
    let mut events = Recorder::attach(&ws);
    events.opened().await;
    assert_eq!(events.text().await, "chat.v2");
    assert_eq!(ws.protocol(), "chat.v2");
}

/// A server that selects a protocol that was not offered, or none when some were: the browser
/// fails the connection, never opening it.
#[wasm_bindgen_test]
async fn unrequested_or_missing_protocols_fail_the_connection() {
    for (path, offer) in [
        ("/handshake_protocol", &["echo"][..]),
        ("/handshake_protocol", &[][..]),
        ("/handshake_no_protocol", &["echo"][..]),
    ] {
        let ws = WebSocket::open_with_protocols(&url(path), offer).unwrap();
        let events = Recorder::attach(&ws).until_close().await;
        let failed = CloseEvent { code: 1006, reason: String::new(), was_clean: false };
        assert_eq!(events, [Ev::Error, Ev::Close(failed)], "{path} offering {offer:?}");
    }
}
