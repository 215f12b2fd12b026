//! Mounts the chat room in headless Chromium and sees messages go round the test server.
#![cfg(target_arch = "wasm32")]

#[path = "../../support/mount.rs"]
mod support;

use leptos_chat::ChatApp;
use support::{root, say, wait_for, wait_for_lines, SERVER};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn mount(root: &web_sys::Element, url: String) -> impl Drop {
    leptos::mount::mount_to(root.clone().unchecked_into(), move || leptos::view! { <ChatApp url=url /> })
}

#[wasm_bindgen_test]
async fn a_message_goes_round_the_room() {
    let root = root();
    let _mounted = mount(&root, format!("{SERVER}/chat"));
    wait_for(&root, ".state", |state| state == "open").await;
    say(&root, "hello from Leptos");
    wait_for(&root, ".messages", |lines| lines.contains("leptos: hello from Leptos")).await;
}

#[wasm_bindgen_test]
async fn a_burst_of_messages_is_listed_whole() {
    let root = root();
    // 300 messages arrive within a few tasks; every one gets its line.
    let _mounted = mount(&root, format!("{SERVER}/flood?count=300&size=8&json=1&close=1"));
    wait_for_lines(&root, 300).await;
    // The server's clean 1000 ends it: closed, not stuck closing or reconnecting.
    wait_for(&root, ".state", |state| state == "closed").await;
}
