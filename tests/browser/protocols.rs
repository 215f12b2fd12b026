//! Subprotocols: validation before JS, negotiation, and the handshake failures around them.

use browser_websocket::{CloseEvent, Error, WebSocket, UNOFFERED_PROTOCOL_REASON};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{await_report, engine, url, within, Engine, Ev, Recorder};

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

/// A server that selects a protocol that was not offered, or none when some were: the standard
/// fails the connection, never opening it. Chromium does; Firefox and WebKit open it when the
/// server selected none of the offered ones, and Firefox when it selected one although none was
/// offered (then `protocol` reads empty): that last case no script can tell from a good
/// connection.
#[wasm_bindgen_test]
async fn unrequested_or_missing_protocols_fail_the_connection() {
    let failed = || vec![Ev::Error, Ev::Close(CloseEvent { code: 1006, reason: String::new(), was_clean: false })];
    let opened_then_1000 =
        || vec![Ev::Open, Ev::Close(CloseEvent { code: 1000, reason: String::new(), was_clean: true })];
    // The path, the offer, and the engines that open it.
    for (path, offer, opens) in [
        ("/handshake_protocol", &["echo"][..], &[][..]),
        ("/handshake_protocol", &[][..], &[Engine::Firefox][..]),
        ("/handshake_no_protocol", &["echo"][..], &[Engine::Firefox, Engine::WebKit][..]),
    ] {
        let ws = WebSocket::open_with_protocols(&url(path), offer).unwrap();
        let events = Recorder::attach(&ws).until_close().await;
        let expected = if opens.contains(&engine()) { opened_then_1000() } else { failed() };
        assert_eq!(events, expected, "{path} offering {offer:?} in {:?}", engine());
        assert_eq!(ws.protocol(), "");
    }
}

/// Where the standard is clear and a script can see it, a `Connection` fails in every engine:
/// offered subprotocols, none selected.
#[wasm_bindgen_test]
async fn connect_fails_when_none_of_the_offered_protocols_is_selected() {
    for (id, path) in [("unoffered-a", "/track?id=unoffered-a"), ("unoffered-b", "/handshake_no_protocol")] {
        let attempt = WebSocket::builder(&url(path)).protocols(&["chat.v1"]).connect();
        let error = within(15_000, "the attempt", attempt).await.unwrap_err();
        let Error::ConnectionFailed(event) = error else { panic!("{id}: {error:?}") };
        assert_eq!((event.code, event.was_clean), (1006, false), "{id}");
        // Chromium fails it itself, without a reason; in Firefox and WebKit the crate closes it.
        let reason = if engine() == Engine::Chromium { "" } else { UNOFFERED_PROTOCOL_REASON };
        assert_eq!(event.reason, reason, "{id}");
    }
    // The server's side: Chromium drops the TCP connection; the crate sends a Close frame
    // without a code.
    let seen = if engine() == Engine::Chromium { "abrupt" } else { "none" };
    await_report("unoffered-a", &format!("connections=1 closes={seen}")).await;
    // An offered protocol selected: connected, as always.
    let connection = WebSocket::builder(&url("/echo")).protocols(&["chat.v1", "echo"]).connect().await.unwrap();
    assert_eq!(connection.socket().protocol(), "echo");
}
