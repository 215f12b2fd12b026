//! `Connection` as a Sink: waits while connecting, keeps `bufferedAmount` bounded, pipelines
//! through split halves, and errors (never hangs, never drops silently) once closed.

use browser_websocket::{Error, Message, ReadyState, WebSocket};
use futures::{SinkExt, StreamExt};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{connect, next, url, within};

#[wasm_bindgen_test]
async fn sending_waits_while_connecting() {
    let mut connection = WebSocket::open(&url("/echo?handshake_delay_ms=500")).unwrap().into_connection();
    assert_eq!(connection.socket().ready_state(), ReadyState::Connecting);
    within(10_000, "send", connection.send(Message::Text("early".into()))).await.unwrap();
    assert_eq!(connection.socket().ready_state(), ReadyState::Open);
    assert_eq!(next(&mut connection).await, Some(Message::Text("early".into())));
}

#[wasm_bindgen_test]
async fn pipelined_messages_flow_through_split_halves_in_order() {
    let (mut sender, mut receiver) = connect("/echo").await.split();
    let send = async {
        for index in 0..2000 {
            sender.feed(Message::Text(index.to_string())).await.unwrap();
        }
        sender.flush().await.unwrap();
        sender
    };
    let receive = async {
        for index in 0..2000 {
            assert_eq!(receiver.next().await, Some(Message::Text(index.to_string())));
        }
        receiver
    };
    let (mut sender, mut receiver) = within(30_000, "2,000 echoes", futures::future::join(send, receive)).await;
    // The Sink's close closes the socket and resolves at the close.
    within(10_000, "close", sender.close()).await.unwrap();
    assert_eq!(next(&mut receiver).await, None);
    assert_eq!(receiver.closed().await.code, 1000);
}

#[wasm_bindgen_test]
async fn buffered_amount_stays_bounded_against_a_slow_reader() {
    const MIB: u64 = 1 << 20;
    let connect = WebSocket::builder(&url("/slow-reader?ms=2000")).high_water_mark(MIB).connect();
    let mut connection = within(10_000, "connect", connect).await.unwrap();
    let chunk = vec![7u8; MIB as usize];
    let mut peak = 0;
    for _ in 0..40 {
        within(20_000, "a send", connection.send(Message::Binary(chunk.clone()))).await.unwrap();
        peak = peak.max(connection.socket().buffered_amount());
    }
    // At most the mark plus the one message sent when it was last below it.
    assert!(peak <= 2 * MIB, "bufferedAmount peaked at {peak}");
    connection.send(Message::Text("done".into())).await.unwrap();
    assert_eq!(next(&mut connection).await, Some(Message::Text((40 * MIB).to_string())));
}

#[wasm_bindgen_test]
async fn sends_after_the_close_are_errors() {
    let mut connection = connect("/echo").await;
    connection.close_with(1000, "").unwrap();
    assert_eq!(connection.send(Message::Text("late".into())).await, Err(Error::NotOpen(ReadyState::Closing)));
    connection.closed().await;
    assert_eq!(connection.send(Message::Text("later".into())).await, Err(Error::NotOpen(ReadyState::Closed)));
}

#[wasm_bindgen_test]
async fn a_send_waiting_to_connect_fails_when_the_connection_does() {
    let mut connection = WebSocket::open(&url("/status?code=403")).unwrap().into_connection();
    let result = within(10_000, "send", connection.send(Message::Text("never".into()))).await;
    assert_eq!(result, Err(Error::NotOpen(ReadyState::Closed)));
}

#[wasm_bindgen_test]
async fn a_send_waiting_on_backpressure_fails_when_the_other_half_closes() {
    let connect = WebSocket::builder(&url("/slow-reader?ms=5000")).high_water_mark(1024).connect();
    let (mut sender, receiver) = within(10_000, "connect", connect).await.unwrap().split();
    let chunk = vec![1u8; 1 << 20];
    let sending = async {
        loop {
            if let Err(error) = sender.send(Message::Binary(chunk.clone())).await {
                return error;
            }
        }
    };
    let closing = async {
        crate::common::sleep(300).await;
        receiver.close_with(3000, "enough").unwrap();
    };
    let (error, ()) = within(10_000, "the blocked send", futures::future::join(sending, closing)).await;
    assert!(matches!(error, Error::NotOpen(ReadyState::Closing | ReadyState::Closed)), "{error:?}");
}
