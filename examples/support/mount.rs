//! Helpers for the examples' browser tests (each example includes this file with `#[path]`):
//! the test server's address, a fresh root element, typing into the room, and waiting on the DOM
//! or on what the server saw. Each example's tests use what they need of it.
#![allow(dead_code)]

use browser_websocket::{Connection, Message};
use futures::StreamExt;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// The test server, fixed at compile time (`cargo xtask test` sets it).
pub const SERVER: &str = match option_env!("BROWSER_WEBSOCKET_TEST_SERVER") {
    Some(url) => url,
    None => "ws://127.0.0.1:9753",
};

/// A new `<div>` in the page, to mount a component into.
pub fn root() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// Types `text` into the room's box and presses Say, as a person would.
pub fn say(root: &Element, text: &str) {
    let draft: HtmlInputElement = root.query_selector(".draft").unwrap().unwrap().unchecked_into();
    draft.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    draft.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    root.query_selector(".say").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
}

/// Waits up to 10 s for the text of `selector` inside `root` to satisfy `check`.
pub async fn wait_for(root: &Element, selector: &str, check: impl Fn(&str) -> bool) {
    let mut last = String::new();
    for _ in 0..200 {
        if let Ok(Some(element)) = root.query_selector(selector) {
            last = element.text_content().unwrap_or_default();
            if check(&last) {
                return;
            }
        }
        TimeoutFuture::new(50).await;
    }
    panic!("{selector} never showed what was expected; last: {last:?}");
}

/// Waits up to 10 s for the room to list `count` lines.
pub async fn wait_for_lines(root: &Element, count: u32) {
    let mut listed = 0;
    for _ in 0..200 {
        listed = root.query_selector_all(".messages li").unwrap().length();
        if listed == count {
            return;
        }
        TimeoutFuture::new(50).await;
    }
    panic!("listed {listed} of {count} messages");
}

/// What the test server's `/track` endpoint saw for `id`: its connections and close codes.
pub async fn report(id: &str) -> String {
    let mut connection = Connection::connect(&format!("{SERVER}/report?id={id}")).await.unwrap();
    match connection.next().await {
        Some(Message::Text(report)) => report,
        other => panic!("no report: {other:?}"),
    }
}

/// Waits up to 5 s for the server to report `expected` for `id`.
pub async fn wait_for_report(id: &str, expected: &str) {
    let mut last = String::new();
    for _ in 0..100 {
        last = report(id).await;
        if last == expected {
            return;
        }
        TimeoutFuture::new(50).await;
    }
    panic!("the server saw {last:?} for {id}, not {expected:?}");
}

/// A number unique enough to keep this run's server-side count apart from an earlier run's.
pub fn run_id() -> u32 {
    (web_sys::window().unwrap().performance().unwrap().now() * 1000.0) as u32
}
