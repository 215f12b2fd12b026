//! The chat room tested with the test kit alone (feature `testing`): no server. The README's
//! "Testing your app" shows this test.
#![cfg(target_arch = "wasm32")]

#[path = "../../support/mount.rs"]
mod support;

use browser_websocket::testing::MockServer;
use leptos_chat::ChatApp;
use support::{root, say, wait_for};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_room_echoes_survives_a_drop_and_shows_its_state() {
    let server = MockServer::listen("ws://chat.test/");
    let root = root();
    let _mounted = leptos::mount::mount_to(root.clone().unchecked_into(), || {
        leptos::view! { <ChatApp url="ws://chat.test/room".to_owned() /> }
    });
    // Until the peer answers the handshake, the room reads connecting.
    let handshake = server.accept().await;
    wait_for(&root, ".state", |state| state == "connecting").await;
    let peer = handshake.accept();
    wait_for(&root, ".state", |state| state == "open").await;

    say(&root, "hello");
    let line = peer.recv().await.expect("the line said");
    peer.send(line); // echoed, as the room does
    wait_for(&root, ".messages", |lines| lines.contains("leptos: hello")).await;

    peer.drop_connection(); // the network fails: the client reconnects by itself
    let peer = server.accept().await.accept();
    wait_for(&root, ".state", |state| state == "open").await;
    say(&root, "again");
    assert!(peer.recv().await.is_some());
    assert_eq!(server.connections(), 2);
}
