//! A chat room in Dioxus: `use_typed_websocket` with reconnection, every line said listed as a
//! typed struct, sent and received as JSON.

use browser_websocket::for_dioxus::*;
use dioxus::prelude::*;
use serde::{Deserialize, Serialize};

/// One line said in the room.
#[derive(Clone, Serialize, Deserialize)]
pub struct Line {
    pub nick: String,
    pub text: String,
}

/// The room at `url`: its state, the last close, every line said, and a box to say one.
#[component]
pub fn ChatApp(url: String) -> Element {
    let options = UseWebSocketOptions::default().reconnect(Some(Reconnect::default()));
    let chat = use_typed_websocket::<Line, Line, JsonSerdeCodec>(&url, options);
    let mut draft = use_signal(String::new);
    let say = move |_| {
        let _ = chat.send(Line { nick: "dioxus".into(), text: draft.peek().clone() });
        draft.set(String::new());
    };
    let last_close = chat.last_close.read().as_ref().map(|close| format!("last close: {}", close.code));
    let unreadable = chat.last_decode_error.read().as_ref().map(ToString::to_string);
    rsx! {
        p { class: "state", "{chat.ready_state}" }
        p { class: "status", "{chat.status}" }
        p { class: "last-close", {last_close} }
        ul { class: "messages",
            for line in chat.messages.read().iter() {
                li { "{line.nick}: {line.text}" }
            }
        }
        p { class: "unreadable", {unreadable} }
        input { class: "draft", value: "{draft}", oninput: move |event| draft.set(event.value()) }
        button { class: "say", onclick: say, "Say" }
    }
}
