//! The chat room tested with the test kit alone (feature `testing`): no server.
#![cfg(target_arch = "wasm32")]

#[path = "../../support/mount.rs"]
mod support;

use browser_websocket::testing::MockServer;
use support::{root, say, wait_for};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew_chat::{ChatApp, Props};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_room_echoes_survives_a_drop_and_shows_its_state() {
    let server = MockServer::listen("ws://chat.test/");
    let root = root();
    let props = Props { url: "ws://chat.test/room".into() };
    let _app = yew::Renderer::<ChatApp>::with_root_and_props(root.clone(), props).render();
    // Until the peer answers the handshake, the room reads connecting.
    let handshake = server.accept().await;
    wait_for(&root, ".state", |state| state == "connecting").await;
    let peer = handshake.accept();
    wait_for(&root, ".state", |state| state == "open").await;

    say(&root, "hello");
    let line = peer.recv().await.expect("the line said");
    peer.send(line); // echoed, as the room does
    wait_for(&root, ".messages", |lines| lines.contains("yew: hello")).await;

    peer.drop_connection(); // the network fails: the client reconnects by itself
    let peer = server.accept().await.accept();
    wait_for(&root, ".state", |state| state == "open").await;
    say(&root, "again");
    assert!(peer.recv().await.is_some());
    assert_eq!(server.connections(), 2);
}
