//! The hook row's peer: the `leptos-chat` component on leptos-use-websocket with codee's JSON
//! codec (it reconnects by default), every received line kept in a list.
use codee::string::JsonSerdeCodec;
use leptos::prelude::*;
use leptos_use_websocket::use_websocket;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[derive(Clone, Serialize, Deserialize)]
pub struct Line {
    pub nick: String,
    pub text: String,
}

#[component]
fn ChatApp() -> impl IntoView {
    // A `'static` URL: the functions it returns borrow it (edition 2024 captures).
    let chat = use_websocket::<Line, Line, JsonSerdeCodec>("/chat");
    let (lines, set_lines) = signal(Vec::<Line>::new());
    // It exposes only the latest message: keep every one in a list, as the hook does.
    Effect::new(move |_| {
        if let Some(line) = chat.message.get() {
            set_lines.update(|all| all.push(line));
        }
    });
    let (draft, set_draft) = signal(String::new());
    let send = chat.send.clone();
    let say = move |_| {
        send(&Line { nick: "leptos".into(), text: draft.get_untracked() });
        set_draft.set(String::new());
    };
    let list = move || {
        lines.with(|all| {
            all.iter().map(|line| view! { <li>{format!("{}: {}", line.nick, line.text)}</li> }).collect_view()
        })
    };
    view! {
        <p class="state">{move || format!("{:?}", chat.ready_state.get())}</p>
        <ul class="messages">{list}</ul>
        <input class="draft" prop:value=draft on:input=move |e| set_draft.set(event_target_value(&e)) />
        <button class="say" on:click=say>"Say"</button>
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    leptos::mount::mount_to_body(|| view! { <ChatApp /> });
}
