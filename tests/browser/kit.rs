//! The test kit itself (feature `testing`): the fake socket reads and throws as a browser's does,
//! the peer's script reaches the client and back, and dropping the server gives the page back.
#![cfg(feature = "testing")]

use browser_websocket::codee::string::JsonSerdeCodec;
use browser_websocket::testing::{Claim, MockServer};
use browser_websocket::{CloseEvent, Connection, Error, Message, ReadyState, WebSocket};
use futures::{SinkExt, StreamExt};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{next, url, within, Ev, Recorder};

fn global_websocket() -> JsValue {
    js_sys::Reflect::get(&js_sys::global(), &"WebSocket".into()).unwrap()
}

/// The DOMException name a JavaScript call threw.
fn thrown(result: Result<(), JsValue>) -> String {
    result.expect_err("a DOMException").unchecked_into::<web_sys::DomException>().name()
}

#[wasm_bindgen_test]
async fn the_page_gets_its_own_websocket_back_and_other_urls_go_through() {
    let real = global_websocket();
    let server = MockServer::listen("ws://mock.test/");
    assert_ne!(global_websocket(), real);
    // A URL the server does not claim reaches the real test server, and is a real WebSocket.
    let through = WebSocket::open(&url("/echo")).unwrap();
    assert!(through.as_raw().is_instance_of::<web_sys::WebSocket>());
    let mut events = Recorder::attach(&through);
    events.opened().await;
    through.send_text("real").unwrap();
    assert_eq!(events.text().await, "real");
    assert_eq!(server.connections(), 0);
    drop(server);
    assert_eq!(global_websocket(), real);
}

#[wasm_bindgen_test]
async fn the_fake_reads_and_throws_as_a_browser_does() {
    let server = MockServer::listen(Claim::exact("ws://mock.test/fake"));
    let ws =
        web_sys::WebSocket::new_with_str_sequence("ws://mock.test/fake", &js_sys::Array::of1(&"v1".into())).unwrap();
    assert!(ws.is_instance_of::<web_sys::WebSocket>(), "instanceof WebSocket");
    assert_eq!(ws.ready_state(), web_sys::WebSocket::CONNECTING);
    assert_eq!(
        (ws.url(), ws.protocol(), ws.extensions(), ws.buffered_amount()),
        ("ws://mock.test/fake".into(), String::new(), String::new(), 0)
    );
    assert_eq!(ws.binary_type(), web_sys::BinaryType::Blob);
    assert_eq!(thrown(ws.send_with_str("early")), "InvalidStateError");
    assert_eq!(thrown(ws.close_with_code(1001)), "InvalidAccessError");
    assert_eq!(thrown(ws.close_with_code_and_reason(1000, &"x".repeat(124))), "SyntaxError");
    // Duplicated or invalid subprotocols throw before any connection, as in a browser.
    let twice = js_sys::Array::of2(&"a".into(), &"a".into());
    assert_eq!(
        thrown(web_sys::WebSocket::new_with_str_sequence("ws://mock.test/fake", &twice).map(drop)),
        "SyntaxError"
    );
    assert_eq!(thrown(web_sys::WebSocket::new_with_str("ws://mock.test/fake", "a b").map(drop)), "SyntaxError");

    let handshake = server.accept().await;
    assert_eq!(handshake.protocols(), ["v1"]);
    let peer = handshake.accept_with("v1");
    // The `on*` properties and `addEventListener` both see the events, as real `Event`s.
    let opened = js_sys::Promise::new(&mut |resolve, _| ws.set_onopen(Some(&resolve)));
    let event = within(5_000, "open", wasm_bindgen_futures::JsFuture::from(opened)).await.unwrap();
    assert!(event.is_instance_of::<web_sys::Event>());
    assert_eq!((ws.ready_state(), ws.protocol()), (web_sys::WebSocket::OPEN, "v1".into()));
    assert_eq!(peer.protocol().as_deref(), Some("v1"));
    ws.set_binary_type(web_sys::BinaryType::Arraybuffer);
    let message = js_sys::Promise::new(&mut |resolve, _| ws.set_onmessage(Some(&resolve)));
    peer.send(vec![7u8, 8]);
    let event = within(5_000, "message", wasm_bindgen_futures::JsFuture::from(message)).await.unwrap();
    let event = event.dyn_into::<web_sys::MessageEvent>().expect("a real MessageEvent");
    assert_eq!(js_sys::Uint8Array::new(&event.data()).to_vec(), [7, 8]);
    let closed = js_sys::Promise::new(&mut |resolve, _| ws.set_onclose(Some(&resolve)));
    ws.close_with_code_and_reason(4000, "done").unwrap();
    assert_eq!(ws.ready_state(), web_sys::WebSocket::CLOSING);
    let event = within(5_000, "close", wasm_bindgen_futures::JsFuture::from(closed)).await.unwrap();
    let event = event.dyn_into::<web_sys::CloseEvent>().expect("a real CloseEvent");
    assert_eq!((event.code(), event.reason(), event.was_clean()), (4000, "done".into(), true));
    assert_eq!(peer.closed().await, CloseEvent { code: 4000, reason: "done".into(), was_clean: true });
}

#[wasm_bindgen_test]
async fn the_peer_serves_several_clients_and_counts_them() {
    let server = MockServer::listen("ws://mock.test/");
    let first = WebSocket::open("ws://mock.test/a").unwrap();
    let second = WebSocket::open("ws://mock.test/b?token=1").unwrap();
    assert_eq!(server.connections(), 2);
    let (a, b) = (server.accept().await, server.accept().await);
    assert_eq!((a.url(), b.url()), ("ws://mock.test/a", "ws://mock.test/b?token=1"));
    let (a, b) = (a.accept(), b.accept());
    let (mut first_events, mut second_events) = (Recorder::attach(&first), Recorder::attach(&second));
    first_events.opened().await;
    second_events.opened().await;
    first.send_text("from a").unwrap();
    second.send_bytes(&[2]).unwrap();
    assert_eq!(a.recv().await, Some(Message::Text("from a".into())));
    assert_eq!(b.recv().await, Some(Message::Binary(vec![2])));
    b.close(1001, "going away");
    assert_eq!(second_events.closed().await, CloseEvent { code: 1001, reason: "going away".into(), was_clean: true });
    assert_eq!(b.closed().await, CloseEvent { code: 1001, reason: "going away".into(), was_clean: true });
    assert_eq!(b.recv().await, None);
    // Dropping the server drops what is still open.
    drop(server);
    assert_eq!(first_events.closed().await, CloseEvent { code: 1006, reason: String::new(), was_clean: false });
    assert_eq!(a.closed().await.code, 1006);
}

#[wasm_bindgen_test]
async fn typed_values_both_ways() {
    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Note {
        text: String,
    }
    let server = MockServer::listen("ws://mock.test/typed");
    let (client, peer) =
        futures::join!(Connection::connect("ws://mock.test/typed"), async { server.accept().await.accept() });
    let mut client = client.unwrap().typed::<Note, Note, JsonSerdeCodec>();
    client.send(Note { text: "hi".into() }).await.unwrap();
    assert_eq!(peer.recv_typed::<JsonSerdeCodec, Note>().await, Some(Ok(Note { text: "hi".into() })));
    peer.send_typed::<JsonSerdeCodec, _>(&Note { text: "back".into() }).unwrap();
    assert_eq!(next(&mut client).await, Some(Ok(Note { text: "back".into() })));
    peer.send("not json");
    assert!(matches!(client.next().await, Some(Err(_))));
}

#[wasm_bindgen_test]
async fn a_close_while_connecting_is_an_error_then_1006_and_the_peer_sees_it() {
    let server = MockServer::listen("ws://mock.test/");
    let ws = WebSocket::open("ws://mock.test/slow").unwrap();
    let mut events = Recorder::attach(&ws);
    let handshake = server.accept().await;
    ws.close().unwrap();
    assert_eq!(
        events.until_close().await,
        [Ev::Error, Ev::Close(CloseEvent { code: 1006, reason: String::new(), was_clean: false })]
    );
    // Accepting a handshake the client gave up on does nothing.
    let peer = handshake.accept();
    assert_eq!(peer.closed().await.code, 1006);
    assert_eq!(ws.ready_state(), ReadyState::Closed);
    assert_eq!(ws.send_text("late"), Err(Error::NotOpen(ReadyState::Closed)));
}
