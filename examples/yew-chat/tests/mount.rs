//! Mounts the chat room in headless Chromium and sees messages go round the test server.
#![cfg(target_arch = "wasm32")]

#[path = "../../support/mount.rs"]
mod support;

use support::{root, run_id, say, wait_for, wait_for_lines, wait_for_report, SERVER};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::AppHandle;
use yew_chat::{ChatApp, Props};

wasm_bindgen_test_configure!(run_in_browser);

fn mount(root: &web_sys::Element, url: String) -> AppHandle<ChatApp> {
    yew::Renderer::<ChatApp>::with_root_and_props(root.clone(), Props { url: url.into() }).render()
}

#[wasm_bindgen_test]
async fn a_message_goes_round_the_room() {
    let root = root();
    let _app = mount(&root, format!("{SERVER}/chat"));
    wait_for(&root, ".state", |state| state == "open").await;
    say(&root, "hello from Yew");
    wait_for(&root, ".messages", |lines| lines.contains("yew: hello from Yew")).await;
}

#[wasm_bindgen_test]
async fn a_burst_of_messages_is_listed_whole() {
    let root = root();
    // 300 messages arrive within a few tasks; every one gets its line.
    let _app = mount(&root, format!("{SERVER}/flood?count=300&size=8&json=1&close=1"));
    wait_for_lines(&root, 300).await;
    // The server's clean 1000 ends it: closed, not stuck closing or reconnecting.
    wait_for(&root, ".state", |state| state == "closed").await;
}

#[wasm_bindgen_test]
async fn unmounting_the_component_closes_its_connection() {
    let id = format!("yew-unmount-{}", run_id());
    let root = root();
    let app = mount(&root, format!("{SERVER}/track?id={id}"));
    wait_for(&root, ".state", |state| state == "open").await;
    app.destroy();
    // The server's side: the one connection it saw was closed with 1000, and none followed.
    wait_for_report(&id, "connections=1 closes=1000:").await;
    gloo_timers::future::TimeoutFuture::new(200).await;
    wait_for_report(&id, "connections=1 closes=1000:").await;
}
