//! Mounts the chat room in the browser and sees messages go round the test server.
#![cfg(target_arch = "wasm32")]

#[path = "../../support/mount.rs"]
mod support;

use dioxus::prelude::*;
use dioxus_chat::{ChatApp, ChatAppProps};
use support::{root, run_id, say, wait_for, wait_for_lines, wait_for_report, SERVER};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the room into a new element; it stays mounted until the page goes (Dioxus's web
/// renderer runs for as long as the page).
fn mount(url: String) -> web_sys::Element {
    let root = root();
    let dom = VirtualDom::new_with_props(ChatApp, ChatAppProps { url });
    dioxus::web::launch::launch_virtual_dom(dom, dioxus::web::Config::new().rootelement(root.clone()));
    root
}

#[wasm_bindgen_test]
async fn a_message_goes_round_the_room() {
    let root = mount(format!("{SERVER}/chat"));
    wait_for(&root, ".state", |state| state == "open").await;
    say(&root, "hello from Dioxus");
    wait_for(&root, ".messages", |lines| lines.contains("dioxus: hello from Dioxus")).await;
}

#[wasm_bindgen_test]
async fn a_burst_of_messages_is_listed_whole() {
    // 300 messages arrive within a few tasks; every one gets its line.
    let root = mount(format!("{SERVER}/flood?count=300&size=8&json=1&close=1"));
    wait_for_lines(&root, 300).await;
    // The server's clean 1000 ends it: closed, not stuck closing or reconnecting.
    wait_for(&root, ".state", |state| state == "closed").await;
}

#[wasm_bindgen_test]
async fn after_the_server_drops_the_connection_it_reconnects_and_goes_on() {
    // The server echoes, and drops the first connection after one message.
    let root = mount(format!("{SERVER}/flaky?id=dioxus-drop-{}&drop_after=1&drop_times=1", run_id()));
    wait_for(&root, ".state", |state| state == "open").await;
    say(&root, "before the drop");
    wait_for(&root, ".messages", |lines| lines.contains("dioxus: before the drop")).await;
    wait_for(&root, ".last-close", |close| close == "last close: 1006").await;
    wait_for(&root, ".state", |state| state == "open").await;
    say(&root, "after the drop");
    wait_for(&root, ".messages", |lines| lines.contains("dioxus: after the drop")).await;
}

/// The room, with a button that unmounts it.
#[component]
fn Unmountable(url: String) -> Element {
    let mut shown = use_signal(|| true);
    rsx! {
        button { class: "hide", onclick: move |_| shown.set(false), "Hide" }
        if shown() {
            ChatApp { url: url.clone() }
        }
    }
}

#[wasm_bindgen_test]
async fn unmounting_the_component_closes_its_connection() {
    let id = format!("dioxus-unmount-{}", run_id());
    let root = root();
    let dom = VirtualDom::new_with_props(Unmountable, UnmountableProps { url: format!("{SERVER}/track?id={id}") });
    dioxus::web::launch::launch_virtual_dom(dom, dioxus::web::Config::new().rootelement(root.clone()));
    wait_for(&root, ".state", |state| state == "open").await;
    root.query_selector(".hide").unwrap().unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    // The server's side: the one connection it saw was closed (1000, as a dropped `Connection`).
    wait_for_report(&id, "connections=1 closes=1000:").await;
    assert!(root.query_selector(".state").unwrap().is_none(), "the room is gone");
}
