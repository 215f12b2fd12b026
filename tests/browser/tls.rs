//! The core cases again, over `wss://`.

use browser_websocket::{CloseEvent, Connection, Message, WebSocket};
use futures::{SinkExt, StreamExt};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{blob, engine, next, within, Engine, Ev, Recorder, TLS_SERVER};

fn tls(path: &str) -> String {
    format!("{TLS_SERVER}{path}")
}

/// Whether the test server's certificate is trusted here. Chromium and Firefox are told to
/// accept it (`acceptInsecureCerts` in `webdriver.json`). WebKit is driven with no capabilities
/// (wasm-bindgen's runner sends none on its Safari path), so it trusts the certificate only when
/// it is in the system's trust store: `cargo xtask test` puts it there in CI and says so when it
/// builds the suite (`BROWSER_WEBSOCKET_TEST_TLS_TRUSTED=1`).
const TRUSTED_BY_THE_SYSTEM: bool = option_env!("BROWSER_WEBSOCKET_TEST_TLS_TRUSTED").is_some();

/// In WebKit without the certificate in the trust store, the handshake fails as for any
/// untrusted certificate (error, then 1006), and the cases below are not run.
async fn untrusted_in_webkit() -> bool {
    if engine() != Engine::WebKit || TRUSTED_BY_THE_SYSTEM {
        return false;
    }
    let ws = WebSocket::open(&tls("/echo")).unwrap();
    let failed = CloseEvent { code: 1006, reason: String::new(), was_clean: false };
    assert_eq!(Recorder::attach(&ws).until_close().await, [Ev::Error, Ev::Close(failed)]);
    true
}

#[wasm_bindgen_test]
async fn the_thin_layer_over_wss() {
    if untrusted_in_webkit().await {
        return;
    }
    let ws = WebSocket::open(&tls("/echo")).unwrap();
    assert!(ws.url().starts_with("wss://"));
    let mut events = Recorder::attach(&ws);
    events.opened().await;
    ws.send_text("secure").unwrap();
    assert_eq!(events.message().await, Message::Text("secure".into()));
    ws.send_bytes(&[1, 2, 3]).unwrap();
    assert_eq!(events.message().await, Message::Binary(vec![1, 2, 3]));
    ws.send_blob(&blob(b"blob")).unwrap();
    assert_eq!(events.message().await, Message::Binary(b"blob".to_vec()));
    ws.close_with(4000, "tls bye").unwrap();
    assert_eq!(events.closed().await, CloseEvent { code: 4000, reason: "tls bye".into(), was_clean: true });
}

#[wasm_bindgen_test]
async fn failures_and_server_closes_over_wss() {
    if untrusted_in_webkit().await {
        return;
    }
    let ws = WebSocket::open(&tls("/status?code=403")).unwrap();
    let failed = CloseEvent { code: 1006, reason: String::new(), was_clean: false };
    assert_eq!(Recorder::attach(&ws).until_close().await, [Ev::Error, Ev::Close(failed)]);
    let ws = WebSocket::open(&tls("/remote-close?code=4001&reason=tls")).unwrap();
    let mut events = Recorder::attach(&ws);
    events.opened().await;
    assert_eq!(events.closed().await, CloseEvent { code: 4001, reason: "tls".into(), was_clean: true });
}

#[wasm_bindgen_test]
async fn the_async_layer_over_wss() {
    if untrusted_in_webkit().await {
        return;
    }
    let connection = within(10_000, "connect", Connection::connect(&tls("/echo"))).await.unwrap();
    let (mut sender, mut receiver) = connection.split();
    let send = async {
        for index in 0..500 {
            sender.feed(Message::Text(index.to_string())).await.unwrap();
        }
        sender.flush().await.unwrap();
        sender
    };
    let receive = async {
        for index in 0..500 {
            assert_eq!(receiver.next().await, Some(Message::Text(index.to_string())));
        }
        receiver
    };
    let (mut sender, mut receiver) = within(20_000, "500 echoes", futures::future::join(send, receive)).await;
    sender.close().await.unwrap();
    assert_eq!(next(&mut receiver).await, None);
    assert_eq!(receiver.closed().await.code, 1000);
}
