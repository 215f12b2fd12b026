//! Typed messages (feature `codec`): JSON, MessagePack and postcard through the real server, and
//! every message the codec cannot read as a typed error after which the stream goes on.
#![cfg(feature = "json")]

use std::time::Duration;

use browser_websocket::codee::binary::{MsgpackSerdeCodec, PostcardCodec};
use browser_websocket::codee::string::JsonSerdeCodec;
use browser_websocket::{Connection, DecodeError, FrameKind, Message, ReadyState, Reconnect};
use futures::SinkExt;
use serde::{Deserialize, Serialize};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{connect, next, url, within};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Move {
    player: String,
    x: u32,
    y: u32,
    tags: Vec<String>,
    score: Option<f64>,
}

pub fn a_move(n: u32) -> Move {
    Move { player: "ana 🔌".into(), x: n, y: 9_007_199, tags: vec!["a\"b".into()], score: Some(0.5) }
}

#[wasm_bindgen_test]
async fn json_round_trips_as_text_through_the_server() {
    let mut game = connect("/echo").await.typed::<Move, Move, JsonSerdeCodec>();
    game.send(a_move(1)).await.unwrap();
    game.send(a_move(2)).await.unwrap();
    assert_eq!(next(&mut game).await, Some(Ok(a_move(1))));
    assert_eq!(next(&mut game).await, Some(Ok(a_move(2))));
    // The shorthands are the same codec, and JSON numbers are serde_json's (no float rounding).
    let big = Message::from_json(&9_007_199_254_740_993u64).unwrap();
    assert_eq!(big, Message::Text("9007199254740993".into()));
    let mut raw = game.into_inner();
    raw.send(big).await.unwrap();
    assert_eq!(next(&mut raw).await.unwrap().json::<u64>(), Ok(9_007_199_254_740_993));
}

#[wasm_bindgen_test]
async fn msgpack_and_postcard_round_trip_as_binary_through_the_server() {
    let (sender, receiver) = connect("/echo").await.split();
    let (mut sender, mut receiver) =
        (sender.typed::<Move, MsgpackSerdeCodec>(), receiver.typed::<Move, MsgpackSerdeCodec>());
    sender.send(a_move(3)).await.unwrap();
    assert_eq!(next(&mut receiver).await, Some(Ok(a_move(3))));

    let mut postcard = connect("/echo").await.typed::<Move, Move, PostcardCodec>();
    postcard.send(a_move(4)).await.unwrap();
    assert_eq!(next(&mut postcard).await, Some(Ok(a_move(4))));
    // What went over the wire was binary: read untyped, the echo is bytes.
    let mut raw = postcard.into_inner();
    raw.send(Message::encode::<PostcardCodec, _>(&a_move(5)).unwrap()).await.unwrap();
    assert!(matches!(next(&mut raw).await, Some(Message::Binary(_))));
}

#[wasm_bindgen_test]
async fn a_message_of_the_wrong_kind_or_malformed_is_a_typed_error_and_the_stream_goes_on() {
    let (mut sender, receiver) = connect("/echo").await.split();
    let mut moves = receiver.typed::<Move, JsonSerdeCodec>();
    let good = Message::from_json(&a_move(6)).unwrap();
    for message in [Message::Binary(b"{}".to_vec()), Message::Text("{\"player\":".into()), good] {
        sender.send(message).await.unwrap();
    }
    let wrong = DecodeError::WrongFrame { expected: FrameKind::Text, received: FrameKind::Binary, bytes: 2 };
    assert_eq!(next(&mut moves).await, Some(Err(wrong)));
    let malformed = next(&mut moves).await;
    assert!(
        matches!(malformed, Some(Err(DecodeError::Malformed { frame: FrameKind::Text, bytes: 10, .. }))),
        "{malformed:?}"
    );
    assert_eq!(next(&mut moves).await, Some(Ok(a_move(6))));

    let (mut sender, receiver) = connect("/echo").await.split();
    let mut moves = receiver.typed::<Move, MsgpackSerdeCodec>();
    let whole = Message::encode::<MsgpackSerdeCodec, _>(&a_move(7)).unwrap();
    let Message::Binary(bytes) = &whole else { panic!("MessagePack is binary") };
    let truncated = Message::Binary(bytes[..bytes.len() - 3].to_vec());
    for message in [Message::Text("hi".into()), truncated, whole] {
        sender.send(message).await.unwrap();
    }
    let wrong = DecodeError::WrongFrame { expected: FrameKind::Binary, received: FrameKind::Text, bytes: 2 };
    assert_eq!(next(&mut moves).await, Some(Err(wrong)));
    assert!(matches!(next(&mut moves).await, Some(Err(DecodeError::Malformed { frame: FrameKind::Binary, .. }))));
    assert_eq!(next(&mut moves).await, Some(Ok(a_move(7))));
    // The connection is still open after the bad messages.
    assert_eq!(moves.get_ref().socket().ready_state(), ReadyState::Open);
}

#[wasm_bindgen_test]
async fn a_reconnecting_connection_sends_and_receives_typed_values() {
    let live = Connection::builder(&url("/echo"))
        .reconnect(Reconnect::default().delays(Duration::from_millis(5), Duration::from_millis(40)))
        .unwrap();
    // Sent before the connection opens: encoded into the offline queue.
    let mut live = live.typed::<Move, Move, MsgpackSerdeCodec>();
    live.send(a_move(8)).await.unwrap();
    assert_eq!(within(10_000, "the echo", futures::StreamExt::next(&mut live)).await, Some(Ok(a_move(8))));
}
