//! No secrets in what the crate prints: URLs show without credentials, query or fragment.

use browser_websocket::{Connection, Error, WebSocket};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{url, within};

const SECRETS: [&str; 4] = ["alice", "hunter2", "SECRET", "anchor"];

fn assert_no_secret(shown: &str) {
    for secret in SECRETS {
        assert!(!shown.contains(secret), "{secret:?} in {shown:?}");
    }
}

#[wasm_bindgen_test]
async fn a_failed_connect_and_a_refused_url_print_no_token() {
    // A real failure: the server refuses the handshake of a URL with a token in its query.
    let failed = within(10_000, "the refusal", Connection::connect(&url("/status?code=403&token=SECRET"))).await;
    let error = failed.expect_err("refused");
    assert!(matches!(error, Error::ConnectionFailed(_)), "{error:?}");
    assert_no_secret(&format!("{error} {error:?}"));

    // Refused before any socket exists, with credentials, a token and a fragment.
    for input in [
        "wss://alice:hunter2@example.com/feed?token=SECRET#anchor",
        "ftp://alice:hunter2@example.com/feed?token=SECRET",
        "ws://alice:hunter2@foo bar.com/?token=SECRET",
    ] {
        let error = WebSocket::open(input).expect_err(input);
        assert_no_secret(&format!("{error} {error:?}"));
        match &error {
            Error::InvalidUrl(invalid) => assert_eq!(invalid.url(), input),
            other => panic!("expected InvalidUrl, got {other:?}"),
        }
    }

    // A socket that opened: its Debug shows where it goes, not the token.
    let ws = WebSocket::open(&url("/echo?token=SECRET")).unwrap();
    let shown = format!("{ws:?}");
    assert_no_secret(&shown);
    assert!(shown.contains("/echo"), "{shown}");
    assert!(ws.url().contains("SECRET"), "the URL itself stays whole");
}
