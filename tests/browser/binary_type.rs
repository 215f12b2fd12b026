//! Binary type: bytes by default, Blobs on request, switched at dispatch time.

use browser_websocket::{BinaryType, Message, WebSocket};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{blob_bytes, open, url, within, Recorder};

#[wasm_bindgen_test]
async fn sockets_start_as_array_buffer_and_deliver_bytes() {
    let (ws, mut events) = open("/echo").await;
    assert_eq!(ws.binary_type(), BinaryType::ArrayBuffer);
    assert_eq!(ws.as_raw().binary_type(), web_sys::BinaryType::Arraybuffer);
    ws.send_bytes(b"bytes").unwrap();
    assert_eq!(events.message().await, Message::Binary(b"bytes".to_vec()));
}

#[wasm_bindgen_test]
async fn blob_type_delivers_blobs() {
    let ws = WebSocket::builder(&url("/echo")).binary_type(BinaryType::Blob).open().unwrap();
    let mut events = Recorder::attach(&ws);
    assert_eq!(ws.binary_type(), BinaryType::Blob);
    events.opened().await;
    ws.send_bytes(&[1, 2, 3, 4]).unwrap();
    match events.message().await {
        Message::Blob(blob) => assert_eq!(blob_bytes(&blob).await, [1, 2, 3, 4]),
        other => panic!("expected a Blob, got {other:?}"),
    }
    // Text is text whatever the binary type.
    ws.send_text("text").unwrap();
    assert_eq!(events.text().await, "text");
}

#[wasm_bindgen_test]
async fn switching_affects_messages_not_yet_dispatched() {
    let (ws, _) = open("/echo").await;
    let ws = Rc::new(ws);
    let seen = Rc::new(RefCell::new(Vec::new()));
    let (done_tx, done_rx) = futures::channel::oneshot::channel();
    let mut done_tx = Some(done_tx);
    let _listener = ws.on_message({
        let (ws, seen) = (Rc::downgrade(&ws), seen.clone());
        move |message| {
            let mut seen = seen.borrow_mut();
            seen.push(message);
            if seen.len() == 1 {
                // Both echoes may already be queued; the second must still arrive as a Blob.
                ws.upgrade().unwrap().set_binary_type(BinaryType::Blob);
            } else if let Some(done) = done_tx.take() {
                let _ = done.send(());
            }
        }
    });
    ws.send_bytes(b"one").unwrap();
    ws.send_bytes(b"two").unwrap();
    within(10_000, "two echoes", done_rx).await.unwrap();
    let seen = seen.borrow();
    assert_eq!(seen[0], Message::Binary(b"one".to_vec()));
    assert!(matches!(&seen[1], Message::Blob(blob) if blob.size() == 3.0), "{:?}", seen[1]);
    assert_eq!(ws.binary_type(), BinaryType::Blob);
    ws.set_binary_type(BinaryType::ArrayBuffer);
    assert_eq!(ws.binary_type(), BinaryType::ArrayBuffer);
}
