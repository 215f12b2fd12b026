//! Mounts the chat room in headless Chromium and sees a message go round the test server.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew_chat::{ChatApp, Props};

wasm_bindgen_test_configure!(run_in_browser);

const SERVER: &str = match option_env!("BROWSER_WEBSOCKET_TEST_SERVER") {
    Some(url) => url,
    None => "ws://127.0.0.1:9753",
};

/// Waits up to 10 s for the text of `selector` inside `root` to satisfy `check`.
async fn wait_for(root: &Element, selector: &str, check: impl Fn(&str) -> bool) {
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

#[wasm_bindgen_test]
async fn a_message_goes_round_the_room() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let url = format!("{SERVER}/chat");
    let _app = yew::Renderer::<ChatApp>::with_root_and_props(root.clone(), Props { url: url.into() }).render();
    wait_for(&root, ".state", |state| state == "open").await;
    let draft: HtmlInputElement = root.query_selector(".draft").unwrap().unwrap().unchecked_into();
    draft.set_value("hello from Yew");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    draft.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    root.query_selector(".say").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    wait_for(&root, ".messages", |lines| lines.contains("hello from Yew")).await;
}

#[wasm_bindgen_test]
async fn a_burst_of_messages_is_listed_whole() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let url = format!("{SERVER}/flood?count=300&size=8&close=1");
    let _app = yew::Renderer::<ChatApp>::with_root_and_props(root.clone(), Props { url: url.into() }).render();
    // 300 messages arrive within a few tasks; every one gets its line.
    let mut count = 0;
    for _ in 0..200 {
        count = root.query_selector_all(".messages li").unwrap().length();
        if count == 300 {
            return;
        }
        TimeoutFuture::new(50).await;
    }
    panic!("listed {count} of 300 messages");
}
