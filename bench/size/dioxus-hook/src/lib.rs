//! A chat component in Dioxus on this crate's typed hook (JSON, reconnecting): the ready state,
//! the lines, a box to say one. The Dioxus rows share this view, so they differ by the socket.
use browser_websocket::for_dioxus::*;
use dioxus::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[derive(Clone, Serialize, Deserialize)]
pub struct Line {
    pub nick: String,
    pub text: String,
}

#[component]
fn ChatApp() -> Element {
    let options = UseWebSocketOptions::default().reconnect(Some(Reconnect::default()));
    let chat = use_typed_websocket::<Line, Line, JsonSerdeCodec>("/chat", options);
    let mut draft = use_signal(String::new);
    let say = move |_| {
        let _ = chat.send(Line { nick: "dioxus".into(), text: draft.peek().clone() });
        draft.set(String::new());
    };
    rsx! {
        p { class: "state", "{chat.ready_state:?}" }
        ul { class: "messages",
            for line in chat.messages.read().iter() {
                li { "{line.nick}: {line.text}" }
            }
        }
        input { class: "draft", value: "{draft}", oninput: move |event| draft.set(event.value()) }
        button { class: "say", onclick: say, "Say" }
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    dioxus::launch(ChatApp);
}
