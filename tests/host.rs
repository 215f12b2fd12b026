//! Off wasm (server-side rendering, host tests) the crate links and refuses politely.
#![cfg(not(target_arch = "wasm32"))]

use browser_websocket::{Error, WebSocket};

#[test]
fn opening_off_wasm_is_unsupported_not_a_panic() {
    assert_eq!(WebSocket::open("wss://example.com/").unwrap_err(), Error::Unsupported);
    assert_eq!(WebSocket::builder("/relative").open().unwrap_err(), Error::Unsupported);
    // Input errors are still reported first, where they need no browser.
    assert_eq!(
        WebSocket::open_with_protocols("/x", &["bad protocol"]).unwrap_err(),
        Error::InvalidProtocol("bad protocol".into())
    );
}
