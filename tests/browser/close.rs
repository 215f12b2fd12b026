//! Closing: argument checks before JS, codes and reasons both ways, and every way a close ends.

use browser_websocket::{CloseCode, CloseEvent, Error, ReadyState, WebSocket};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{open, url, Ev, Recorder};

fn clean(code: u16, reason: &str) -> CloseEvent {
    CloseEvent { code, reason: reason.into(), was_clean: true }
}

fn abnormal() -> CloseEvent {
    CloseEvent { code: 1006, reason: String::new(), was_clean: false }
}

#[wasm_bindgen_test]
async fn invalid_codes_and_reasons_leave_the_socket_untouched() {
    let (ws, mut events) = open("/echo").await;
    for code in [0, 999, 1001, 1002, 1005, 1006, 1011, 1015, 2999, 5000, 65535] {
        assert_eq!(ws.close_with(code, ""), Err(Error::InvalidCloseCode(code)));
        // The code is checked before the reason.
        assert_eq!(ws.close_with(code, &"x".repeat(200)), Err(Error::InvalidCloseCode(code)));
    }
    for reason in ["x".repeat(124), "🔌".repeat(31), "é".repeat(62)] {
        assert_eq!(ws.close_with(1000, &reason), Err(Error::CloseReasonTooLong(reason.len())));
    }
    assert_eq!(ws.ready_state(), ReadyState::Open);
    ws.send_text("still open").unwrap();
    assert_eq!(events.text().await, "still open");

    // The limits themselves are fine: 4999 and exactly 123 bytes, mirrored by the echo server.
    let longest = format!("{}é", "x".repeat(121));
    assert_eq!(longest.len(), 123);
    ws.close_with(4999, &longest).unwrap();
    assert_eq!(events.closed().await, clean(4999, &longest));
}

#[wasm_bindgen_test]
async fn codes_and_reasons_reach_the_server() {
    for (code, reason) in [(1000, ""), (3000, "x"), (4000, "logged out 🔌")] {
        let (ws, mut events) = open("/echo").await;
        ws.close_with(code, reason).unwrap();
        // The echo server mirrors the Close frame it received.
        assert_eq!(events.closed().await, clean(code, reason));
    }
}

#[wasm_bindgen_test]
async fn close_without_a_code_means_no_status() {
    let (ws, mut events) = open("/echo").await;
    ws.close().unwrap();
    assert_eq!(events.closed().await, clean(1005, ""));
    assert_eq!(clean(1005, "").close_code(), CloseCode::NoStatusReceived);
}

#[wasm_bindgen_test]
async fn closing_twice_is_ok_and_closes_once() {
    let (ws, mut events) = open("/echo").await;
    ws.close_with(3001, "first").unwrap();
    ws.close_with(3002, "second").unwrap();
    ws.close().unwrap();
    assert_eq!(events.until_close().await, [Ev::Close(clean(3001, "first"))]);
    ws.close_with(4000, "after").unwrap();
    ws.close().unwrap();
    events.quiet_for(200).await;
}

#[wasm_bindgen_test]
async fn closing_while_connecting_fails_the_connection() {
    let ws = WebSocket::open(&url("/handshake_sleep_2")).unwrap();
    let mut events = Recorder::attach(&ws);
    ws.close_with(1000, "never mind").unwrap();
    assert_eq!(ws.ready_state(), ReadyState::Closing);
    assert_eq!(events.until_close().await, [Ev::Error, Ev::Close(abnormal())]);
}

#[wasm_bindgen_test]
async fn the_server_can_close_with_any_code() {
    for (query, expected) in [
        ("code=4001&reason=kicked%20out", clean(4001, "kicked out")),
        ("code=1001&reason=caf%C3%A9", clean(1001, "café")),
        ("code=1000", clean(1000, "")),
        ("", clean(1005, "")),
    ] {
        let (_ws, mut events) = open(&format!("/remote-close?{query}")).await;
        let close = events.closed().await;
        assert_eq!(close, expected, "{query}");
        assert_eq!(u16::from(close.close_code()), expected.code);
    }
}

#[wasm_bindgen_test]
async fn an_abrupt_drop_is_1006_and_unclean() {
    let (_ws, mut events) = open("/remote-close?abrupt=1").await;
    let events = events.until_close().await;
    // The standard fires no error here; engines may, so one is tolerated.
    let close = events.iter().filter(|e| **e != Ev::Error).cloned().collect::<Vec<_>>();
    assert_eq!(close, [Ev::Close(abnormal())]);
}

#[wasm_bindgen_test]
async fn an_unanswered_close_is_1006() {
    let (ws, mut events) = open("/passive-close-abort").await;
    ws.close_with(3000, "bye").unwrap();
    let events = events.until_close().await;
    assert_eq!(events.last(), Some(&Ev::Close(abnormal())));
}

#[wasm_bindgen_test]
async fn a_late_reply_still_closes_cleanly() {
    let (ws, mut events) = open("/delayed-passive-close").await;
    ws.close_with(3000, "wait").unwrap();
    events.quiet_for(500).await;
    assert_eq!(ws.ready_state(), ReadyState::Closing);
    assert_eq!(events.closed().await, clean(3000, "wait"));
}

#[wasm_bindgen_test]
async fn data_after_the_servers_close_is_not_delivered() {
    let (ws, mut events) = open("/echo_close_data").await;
    ws.send_text("Goodbye").unwrap();
    // The server sends Close 1000, then "after-close", which must never be delivered. (Chromium
    // goes further and fails the connection: error, then 1006.)
    let events = events.until_close().await;
    assert!(!events.iter().any(|e| matches!(e, Ev::Message(_))), "{events:?}");
    assert!(matches!(events.last(), Some(Ev::Close(_))), "{events:?}");
}

#[wasm_bindgen_test]
async fn a_close_in_the_handshake_packet_is_seen() {
    let (_ws, mut events) = open("/simple_handshake").await;
    assert_eq!(events.closed().await, clean(1001, "PASS"));
}

/// The close rule (the crate's docs, the README): the thin layer closes as the DOM does, with no
/// code, and every layer above with 1000; checked from the server's side.
mod one_rule {
    use std::time::Duration;

    use browser_websocket::{CloseEvent, Connection, Reconnect, WebSocket};
    use futures::SinkExt;
    use wasm_bindgen_test::wasm_bindgen_test;

    use crate::common::{await_report, report, sleep, url, within, Recorder};

    fn normal() -> CloseEvent {
        CloseEvent { code: 1000, reason: String::new(), was_clean: true }
    }

    #[wasm_bindgen_test]
    async fn the_thin_layer_closes_without_a_code_as_the_dom_does() {
        for (id, by_handle) in [("rule-socket", false), ("rule-handle", true)] {
            let ws = WebSocket::open(&url(&format!("/track?id={id}"))).unwrap();
            let mut events = Recorder::attach(&ws);
            events.opened().await;
            if by_handle {
                ws.handle().close().unwrap();
            } else {
                ws.close().unwrap();
            }
            assert_eq!(events.closed().await, CloseEvent { code: 1005, reason: String::new(), was_clean: true });
            await_report(id, "connections=1 closes=none").await;
        }
    }

    #[wasm_bindgen_test]
    async fn a_connection_and_its_sender_close_with_1000_and_wait() {
        let mut connection = Connection::connect(&url("/track?id=rule-connection")).await.unwrap();
        let closed = connection.closed();
        within(10_000, "SinkExt::close", connection.close()).await.unwrap();
        // It waited: the close event has come.
        assert_eq!(closed.await, normal());
        await_report("rule-connection", "connections=1 closes=1000:").await;

        let (mut sender, receiver) = Connection::connect(&url("/track?id=rule-sender")).await.unwrap().split();
        within(10_000, "SinkExt::close on the sender", sender.close()).await.unwrap();
        assert_eq!(receiver.closed().await, normal());
        await_report("rule-sender", "connections=1 closes=1000:").await;
    }

    #[wasm_bindgen_test]
    async fn close_with_does_not_wait_on_any_layer() {
        let connection = Connection::connect(&url("/track?id=rule-close-with")).await.unwrap();
        connection.close_with(4000, "bye").unwrap();
        // Started, not ended: the close event comes later.
        assert_eq!(connection.socket().ready_state(), browser_websocket::ReadyState::Closing);
        assert_eq!(connection.closed().await, CloseEvent { code: 4000, reason: "bye".into(), was_clean: true });
        await_report("rule-close-with", "connections=1 closes=4000:bye").await;
    }

    #[wasm_bindgen_test]
    async fn reconnecting_closes_for_good_with_1000_and_waits_for_the_end() {
        let policy = Reconnect::default().delays(Duration::from_millis(5), Duration::from_millis(20));
        let mut live = Connection::builder(&url("/track?id=rule-reconnecting")).reconnect(policy).unwrap();
        live.send(browser_websocket::Message::Text("hello".into())).await.unwrap();
        await_report("rule-reconnecting", "connections=1 closes=").await;
        within(10_000, "SinkExt::close", live.close()).await.unwrap();
        assert_eq!(live.closed().await, normal());
        await_report("rule-reconnecting", "connections=1 closes=1000:").await;
        // Closed for good: no reconnect follows.
        sleep(200).await;
        assert_eq!(report("rule-reconnecting").await, "connections=1 closes=1000:");
    }
}
