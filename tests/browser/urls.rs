//! URLs: resolution, scheme mapping, and rejection before anything reaches the network.

use browser_websocket::{Connection, Error, Reconnect, UrlError, WebSocket};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{await_report, engine, open, url, Engine, Recorder, SERVER};

fn rejected(input: &str) -> Error {
    WebSocket::open(input).expect_err(input)
}

#[wasm_bindgen_test]
fn other_schemes_are_invalid() {
    for (input, scheme) in [
        ("ftp://127.0.0.1/x", "ftp"),
        ("mailto:someone@example.com", "mailto"),
        ("about:blank", "about"),
        ("file:///etc/hosts", "file"),
        ("data:text/plain,hello", "data"),
        ("javascript:void(0)", "javascript"),
        ("blob:http://127.0.0.1/x", "blob"),
    ] {
        let expected = Error::InvalidUrl(UrlError::UnsupportedScheme(input.into(), scheme.into()));
        assert_eq!(rejected(input), expected);
    }
}

#[wasm_bindgen_test]
fn any_fragment_is_invalid_even_an_empty_one() {
    for input in [url("/echo#"), url("/echo#top"), "#test".to_owned(), "/echo?x#".to_owned()] {
        assert_eq!(rejected(&input), Error::InvalidUrl(UrlError::Fragment(input.clone())));
    }
}

#[wasm_bindgen_test]
fn unparsable_urls_are_invalid() {
    for input in ["ws://", "http://[::1", "ws://127.0.0.1:99999/", "wss://:443/"] {
        assert_eq!(rejected(input), Error::InvalidUrl(UrlError::Unparsable(input.into())));
    }
}

#[wasm_bindgen_test]
fn a_host_with_a_forbidden_code_point_is_unparsable_as_the_url_standard_says() {
    // The forbidden domain code points that stay inside the host (the others end it: `/`, `?`,
    // `#`, `@`, `:`, `\\`; tab and newlines are removed before parsing).
    for c in ['\0', '\u{1}', '\u{1f}', ' ', '<', '>', '[', ']', '^', '|', '%', '\u{7f}'] {
        let input = format!("ws://foo{c}zbar.com/"); // `%z`: a bare `%`, not an escape
        assert_eq!(rejected(&input), Error::InvalidUrl(UrlError::Unparsable(input.clone())), "{c:?}");
        let reconnecting = Connection::builder(&input).reconnect(Reconnect::default());
        assert!(matches!(reconnecting, Err(Error::InvalidUrl(UrlError::Unparsable(_)))), "{c:?}");
    }
    // A percent-encoded space decodes to one, which is as forbidden.
    assert!(WebSocket::open("ws://foo%20bar.com/").is_err());
    // Characters the standard allows in a host stay allowed, as far as the engine's own URL
    // parser allows them: Firefox refuses `*` and `"` in a host (so the crate, which parses with
    // the browser's URL, says `Unparsable` there too).
    for input in ["ws://a{b}c.example/", "ws://xn--bcher-kva.example/", "ws://bücher.example/", "ws://[::1]:1/"] {
        assert!(WebSocket::open(input).is_ok(), "{input}");
    }
    for input in ["ws://a*b.example/", "ws://a\"b.example/"] {
        match engine() {
            Engine::Firefox => assert_eq!(rejected(input), Error::InvalidUrl(UrlError::Unparsable(input.into()))),
            _ => assert!(WebSocket::open(input).is_ok(), "{input}"),
        }
    }
}

#[wasm_bindgen_test]
async fn invalid_urls_and_protocols_never_reach_the_server() {
    // The control: a valid open is counted, so the zeros below mean something.
    let (ws, mut events) = open("/track?id=reach-control").await;
    ws.close().unwrap();
    events.until_close().await;
    await_report("reach-control", "connections=1 closes=none").await;

    assert!(WebSocket::open(&url("/track?id=reach-bad#fragment")).is_err());
    assert!(WebSocket::open_with_protocols(&url("/track?id=reach-bad"), &["a b"]).is_err());
    assert!(WebSocket::open_with_protocols(&url("/track?id=reach-bad"), &["x", "x"]).is_err());
    await_report("reach-bad", "connections=0 closes=").await;
}

#[wasm_bindgen_test]
async fn http_and_https_become_ws_and_wss() {
    let http = SERVER.replacen("ws://", "http://", 1);
    let ws = WebSocket::open(&format!("{http}/echo")).unwrap();
    assert_eq!(ws.url(), format!("{SERVER}/echo"));
    Recorder::attach(&ws).opened().await;

    let secure = WebSocket::open("https://127.0.0.1:1/x").unwrap();
    assert_eq!(secure.url(), "wss://127.0.0.1:1/x");
    let upper = WebSocket::open("WS://127.0.0.1:1").unwrap();
    assert_eq!(upper.url(), "ws://127.0.0.1:1/");
}

#[wasm_bindgen_test]
fn relative_urls_resolve_against_the_page() {
    let location = web_sys::window().unwrap().location();
    let host = location.host().unwrap();
    let ws = WebSocket::open("/echo?relative").unwrap();
    assert_eq!(ws.url(), format!("ws://{host}/echo?relative"));
    let ws = WebSocket::open("?only-a-query").unwrap();
    assert!(ws.url().starts_with(&format!("ws://{host}/")), "{}", ws.url());
    assert!(ws.url().ends_with("?only-a-query"), "{}", ws.url());
}
