//! Sending and receiving every kind of message, in order.

use browser_websocket::{BinaryType, Message, WebSocket};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{blob, open, url, Recorder};

#[wasm_bindgen_test]
async fn text_bytes_and_blobs_echo_back() {
    let (ws, mut events) = open("/echo").await;
    ws.send_text("héllo 🔌").unwrap();
    assert_eq!(events.message().await, Message::Text("héllo 🔌".into()));
    ws.send_text("").unwrap();
    assert_eq!(events.message().await, Message::Text(String::new()));
    ws.send_bytes(&[0, 1, 2, 255]).unwrap();
    assert_eq!(events.message().await, Message::Binary(vec![0, 1, 2, 255]));
    ws.send_bytes(&[]).unwrap();
    assert_eq!(events.message().await, Message::Binary(Vec::new()));
    let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    ws.send_bytes(&big).unwrap();
    assert_eq!(events.message().await, Message::Binary(big));
    ws.send_blob(&blob(b"from a blob")).unwrap();
    assert_eq!(events.message().await, Message::Binary(b"from a blob".to_vec()));
    ws.send(Message::Binary(vec![9; 3])).unwrap();
    assert_eq!(events.message().await, Message::Binary(vec![9; 3]));
    ws.send(Message::Blob(blob(b"b"))).unwrap();
    assert_eq!(events.message().await, Message::Binary(b"b".to_vec()));
    ws.send(Message::from("last")).unwrap();
    assert_eq!(events.message().await, Message::Text("last".into()));
}

#[wasm_bindgen_test]
async fn a_flood_arrives_complete_and_in_order() {
    let ws = WebSocket::open(&url("/flood?count=2000&size=64&close=1")).unwrap();
    let mut events = Recorder::attach(&ws);
    events.opened().await;
    for index in 0..2000 {
        let text = events.text().await;
        assert_eq!(text.trim_end_matches('.'), index.to_string());
        assert_eq!(text.len(), 64);
    }
    let close = events.closed().await;
    assert_eq!((close.code, close.reason.as_str(), close.was_clean), (1000, "flood done", true));
}

#[wasm_bindgen_test]
async fn a_binary_flood_keeps_its_order() {
    let ws = WebSocket::builder(&url("/flood?count=500&size=1024&binary=1&close=1"))
        .binary_type(BinaryType::ArrayBuffer)
        .open()
        .unwrap();
    let mut events = Recorder::attach(&ws);
    events.opened().await;
    for index in 0..500u32 {
        match events.message().await {
            Message::Binary(bytes) => {
                assert_eq!(bytes.len(), 1024);
                assert_eq!(bytes[..4], index.to_be_bytes());
            }
            other => panic!("expected bytes, got {other:?}"),
        }
    }
    assert_eq!(events.closed().await.code, 1000);
}
