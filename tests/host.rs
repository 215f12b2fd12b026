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

/// Under server-side rendering the Leptos hook opens nothing and refuses to send.
#[cfg(feature = "leptos")]
#[test]
fn the_leptos_hook_does_nothing_harmful_under_ssr() {
    use browser_websocket::for_leptos::use_websocket;
    use browser_websocket::{Message, ReadyState, UseWebSocketOptions};
    use leptos::prelude::{GetUntracked, Owner, WithUntracked};

    let owner = Owner::new();
    owner.with(|| {
        let ws = use_websocket("/live", UseWebSocketOptions::default());
        assert_eq!(ws.ready_state.get_untracked(), ReadyState::Closed);
        assert_eq!(ws.send(Message::Text("x".into())), Err(Error::Unsupported));
        assert!(ws.messages.with_untracked(Vec::is_empty));
        ws.close();
    });
}

/// Under server-side rendering the Dioxus hook opens nothing and refuses to send.
#[cfg(feature = "dioxus")]
#[test]
fn the_dioxus_hook_does_nothing_harmful_under_ssr() {
    use browser_websocket::for_dioxus::use_websocket;
    use browser_websocket::{Message, ReadyState, UseWebSocketOptions};
    use dioxus::prelude::{ReadableExt, VNode, VirtualDom};

    thread_local! {
        static RENDERED: core::cell::Cell<bool> = const { core::cell::Cell::new(false) };
    }
    fn app() -> dioxus::prelude::Element {
        let ws = use_websocket("/live", UseWebSocketOptions::default());
        assert_eq!(*ws.ready_state.peek(), ReadyState::Closed);
        assert_eq!(ws.send(Message::Text("x".into())), Err(Error::Unsupported));
        assert!(ws.messages.peek().is_empty());
        ws.close();
        RENDERED.set(true);
        VNode::empty()
    }
    let mut dom = VirtualDom::new(app);
    dom.rebuild_in_place();
    assert!(RENDERED.get(), "the component rendered to the end");
}
