//! `Connection` as a Stream: every message, in order, none lost, then `None`, then the close.

use browser_websocket::{BinaryType, CloseEvent, Connection, Message, WebSocket};
use futures::stream::FusedStream;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{blob_bytes, next, rest, sleep, url, within};

fn clean(code: u16, reason: &str) -> CloseEvent {
    CloseEvent { code, reason: reason.into(), was_clean: true }
}

#[wasm_bindgen_test]
async fn a_mixed_stream_keeps_its_order_ends_and_reports_the_close() {
    let expected = [
        Message::Text("one".into()),
        Message::Binary(vec![2]),
        Message::Text("three".into()),
        Message::Binary(vec![4, 4]),
        Message::Text(String::new()),
        Message::Binary(Vec::new()),
    ];
    let mut connection = within(10_000, "connect", Connection::connect(&url("/mixed"))).await.unwrap();
    assert_eq!(rest(&mut connection).await, expected);
    assert!(connection.is_terminated());
    assert_eq!(next(&mut connection).await, None);
    assert_eq!(connection.closed().await, clean(4001, "mixed done"));

    // With Blobs: same order, binary messages as Blobs holding the same bytes.
    let blobs = WebSocket::builder(&url("/mixed")).binary_type(BinaryType::Blob).connect();
    let mut connection = within(10_000, "connect", blobs).await.unwrap();
    let received = rest(&mut connection).await;
    assert_eq!(received.len(), expected.len());
    for (got, want) in received.into_iter().zip(expected) {
        match (got, want) {
            (Message::Blob(blob), Message::Binary(bytes)) => assert_eq!(blob_bytes(&blob).await, bytes),
            (got, want) => assert_eq!(got, want),
        }
    }
    assert_eq!(connection.closed().await, clean(4001, "mixed done"));
}

#[wasm_bindgen_test]
async fn nothing_is_lost_before_the_first_poll() {
    // The socket starts connecting here; the whole flood and the close arrive before any poll.
    let connect = Connection::connect(&url("/flood?count=3000&size=16&close=1"));
    sleep(1500).await;
    let mut connection = within(10_000, "connect", connect).await.unwrap();
    let received = rest(&mut connection).await;
    assert_eq!(received.len(), 3000);
    for (index, message) in received.into_iter().enumerate() {
        match message {
            Message::Text(text) => assert_eq!(text.trim_end_matches('.'), index.to_string()),
            other => panic!("expected text, got {other:?}"),
        }
    }
    assert_eq!(connection.closed().await, clean(1000, "flood done"));
}

#[wasm_bindgen_test]
async fn connect_fails_with_the_close_event_when_the_handshake_fails() {
    for path in ["/status?code=403", "/wrong_accept_key", "/no-such-endpoint"] {
        let error = within(10_000, "connect", Connection::connect(&url(path))).await.unwrap_err();
        let failed = CloseEvent { code: 1006, reason: String::new(), was_clean: false };
        assert_eq!(error, browser_websocket::Error::ConnectionFailed(failed), "{path}");
    }
    assert!(matches!(Connection::connect("ftp://127.0.0.1/").await, Err(browser_websocket::Error::InvalidUrl(_))));
}
