//! `stats()` (feature `stats`): the counters match what went through the server, in messages and
//! bytes, on a connection, its halves, across a reconnect, and in a hook.
#![cfg(feature = "stats")]

use std::time::Duration;

use browser_websocket::{Connection, Lifecycle, Message, Reconnect};
use futures::SinkExt;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{connect, next, sleep, url, within};

fn text(bytes: usize) -> Message {
    Message::Text("x".repeat(bytes))
}

#[wasm_bindgen_test]
async fn a_connection_counts_what_it_sent_and_received() {
    let mut connection = connect("/echo").await;
    let fresh = connection.stats();
    assert_eq!((fresh.messages_sent, fresh.messages_received, fresh.bytes_sent), (0, 0, 0));
    for bytes in [3, 0, 1000] {
        connection.send(text(bytes)).await.unwrap();
    }
    connection.send(Message::Binary(vec![7; 10])).await.unwrap();
    let sent = connection.stats();
    assert_eq!((sent.messages_sent, sent.bytes_sent), (4, 1013));
    // The echoes wait unread, counted as received and queued.
    within(5_000, "four echoes", async {
        while connection.stats().messages_received < 4 {
            sleep(5).await;
        }
    })
    .await;
    let arrived = connection.stats();
    assert_eq!((arrived.messages_received, arrived.bytes_received, arrived.queued_to_read), (4, 1013, 4));
    for _ in 0..4 {
        next(&mut connection).await.unwrap();
    }
    sleep(20).await;
    let read = connection.stats();
    assert_eq!(read.queued_to_read, 0);
    assert!(read.connected >= Duration::from_millis(20), "{:?}", read.connected);
    assert_eq!((read.reconnects, read.queued_to_send), (0, 0));

    // Both halves read the same counters, and time stops at the close.
    let (mut sender, receiver) = connection.split();
    sender.send(text(5)).await.unwrap();
    assert_eq!(sender.stats(), receiver.stats());
    assert_eq!(receiver.stats().bytes_sent, 1018);
    sender.close().await.unwrap();
    let closed = receiver.stats().connected;
    sleep(50).await;
    assert_eq!(receiver.stats().connected, closed);
}

#[wasm_bindgen_test]
async fn a_large_upload_shows_its_peak_buffered_amount() {
    let mut connection = connect("/echo").await;
    for _ in 0..4 {
        connection.feed(Message::Binary(vec![0; 1 << 20])).await.unwrap();
    }
    connection.flush().await.unwrap();
    // Read before each send: the later sends saw the earlier ones still buffered.
    assert!(connection.stats().peak_buffered_amount > 0);
    assert!(connection.stats().peak_buffered_amount <= 4 << 20);
}

#[wasm_bindgen_test]
async fn a_reconnecting_connection_sums_its_connections() {
    let policy = Reconnect::default().delays(Duration::from_millis(5), Duration::from_millis(40));
    let mut live = Connection::builder(&url("/flaky?id=stats&drop_after=2&drop_times=1")).reconnect(policy).unwrap();
    let mut events = live.events();
    for bytes in [1, 2] {
        live.try_send(text(bytes)).unwrap();
        assert_eq!(next(&mut live).await, Some(text(bytes)));
    }
    // The server drops the first connection after two echoes; these wait in the offline queue.
    while !matches!(next(&mut events).await, Some(Lifecycle::Disconnected(_))) {}
    for bytes in [10, 20, 30] {
        live.try_send(text(bytes)).unwrap();
    }
    let waiting = live.stats();
    assert_eq!((waiting.messages_sent, waiting.bytes_sent, waiting.queued_to_send), (2, 3, 3));
    while !matches!(next(&mut events).await, Some(Lifecycle::Connected { .. })) {}
    for bytes in [10, 20, 30] {
        assert_eq!(next(&mut live).await, Some(text(bytes)));
    }
    let stats = live.stats();
    assert_eq!((stats.messages_sent, stats.bytes_sent, stats.queued_to_send), (5, 63, 0));
    assert_eq!((stats.messages_received, stats.bytes_received, stats.queued_to_read), (5, 63, 0));
    assert_eq!(stats.reconnects, 1);
    assert!(stats.connected > Duration::ZERO);
}

#[cfg(feature = "leptos")]
#[wasm_bindgen_test]
async fn a_hook_reads_its_connections_counters() {
    use browser_websocket::for_leptos::use_websocket;
    use browser_websocket::UseWebSocketOptions;
    use leptos::prelude::{Owner, WithUntracked};

    let owner = Owner::new();
    let ws = owner.with(|| use_websocket(&url("/echo"), UseWebSocketOptions::default()));
    ws.send(text(4)).unwrap();
    within(5_000, "the echo", async {
        while ws.messages.with_untracked(Vec::is_empty) {
            sleep(5).await;
        }
    })
    .await;
    let stats = ws.stats();
    assert_eq!((stats.messages_sent, stats.bytes_sent, stats.messages_received, stats.bytes_received), (1, 4, 1, 4));
    drop(owner);
}

#[wasm_bindgen_test]
async fn a_stream_that_is_never_read_is_counted_as_it_arrives() {
    let connection = connect("/flood?count=100&size=16").await;
    within(5_000, "the flood", async {
        while connection.stats().messages_received < 100 {
            sleep(5).await;
        }
    })
    .await;
    let stats = connection.stats();
    assert_eq!((stats.bytes_received, stats.queued_to_read), (1600, 100));
}
