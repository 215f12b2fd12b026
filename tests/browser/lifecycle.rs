//! `Connection` lifecycle: the bounded receive buffer, `closed()`, drops, and memory over cycles.

use browser_websocket::{CloseEvent, Connection, Message, WebSocket, DROPPED_REASON, OVERFLOW_CODE, OVERFLOW_REASON};
use futures::{SinkExt, StreamExt};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{connect, next, rest, sleep, url, wasm_memory_bytes, within};

async fn overflowing(path: &str, messages: usize, bytes: usize) -> (Vec<Message>, CloseEvent) {
    let connect = WebSocket::builder(&url(path)).receive_buffer(messages, bytes).connect();
    // Nobody polls while the flood arrives.
    sleep(1000).await;
    let mut connection = within(10_000, "connect", connect).await.unwrap();
    let received = rest(&mut connection).await;
    (received, connection.closed().await)
}

#[wasm_bindgen_test]
async fn overflowing_the_receive_buffer_closes_with_4009_and_keeps_what_arrived() {
    let overflow = CloseEvent { code: OVERFLOW_CODE, reason: OVERFLOW_REASON.into(), was_clean: true };
    // By count: the 101st message overflows 100; it is kept, the rest of the flood never comes.
    let (received, close) = overflowing("/flood?count=1000", 100, 1 << 20).await;
    let expected: Vec<Message> = (0..101).map(|i| Message::Text(i.to_string())).collect();
    assert_eq!(received, expected);
    assert_eq!(close, overflow);
    // By bytes: ten 64-byte messages fit in 640 bytes, the eleventh overflows.
    let (received, close) = overflowing("/flood?count=1000&size=64&binary=1", 10_000, 640).await;
    assert_eq!(received.len(), 11);
    assert_eq!(close, overflow);
}

#[wasm_bindgen_test]
async fn a_server_close_ends_a_pending_next() {
    let mut connection = connect("/remote-close?code=4002&reason=later").await;
    assert_eq!(next(&mut connection).await, None);
    assert_eq!(connection.closed().await, CloseEvent { code: 4002, reason: "later".into(), was_clean: true });
}

#[wasm_bindgen_test]
async fn closed_resolves_any_number_of_times_with_the_same_event() {
    let (sender, receiver) = connect("/echo").await.split();
    let (first, second) = (sender.closed(), receiver.closed());
    receiver.close_with(3000, "both see it").unwrap();
    let event = CloseEvent { code: 3000, reason: "both see it".into(), was_clean: true };
    assert_eq!(within(10_000, "closed", first).await, event);
    assert_eq!(second.await, event);
    assert_eq!(sender.closed().await, event);
    assert_eq!(receiver.closed().await, event);
}

#[wasm_bindgen_test]
async fn dropping_the_connection_resolves_closed_and_closes_the_socket() {
    let connection = connect("/track?id=connection-drop").await;
    let closed = connection.closed();
    drop(connection);
    let event = within(1_000, "closed after a drop", closed).await;
    assert_eq!(event, CloseEvent { code: 1000, reason: DROPPED_REASON.into(), was_clean: false });
    crate::common::await_report("connection-drop", "connections=1 closes=1000:").await;

    // Dropping one half keeps the connection; dropping both closes it.
    let (sender, receiver) = connect("/track?id=halves-drop").await.split();
    drop(receiver);
    sleep(200).await;
    assert_eq!(crate::common::report("halves-drop").await, "connections=1 closes=");
    drop(sender);
    crate::common::await_report("halves-drop", "connections=1 closes=1000:").await;
}

#[wasm_bindgen_test]
async fn memory_stays_flat_over_a_thousand_connect_echo_drop_cycles() {
    async fn cycle() {
        let mut connection = Connection::connect(&url("/echo")).await.unwrap();
        connection.send(Message::Text("ping".into())).await.unwrap();
        assert_eq!(connection.next().await, Some(Message::Text("ping".into())));
    }
    for _ in 0..100 {
        cycle().await;
    }
    let before = wasm_memory_bytes();
    within(120_000, "1,000 cycles", async {
        for _ in 0..1000 {
            cycle().await;
        }
    })
    .await;
    let grown = wasm_memory_bytes() - before;
    // Memory grows in 64 KiB pages; a leak of even 100 bytes a cycle would take two.
    assert!(grown <= 64 * 1024, "wasm memory grew by {grown} bytes over 1,000 cycles");
}
