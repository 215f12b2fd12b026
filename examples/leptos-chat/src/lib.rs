//! A chat room in Leptos: `use_typed_websocket` with reconnection, every line said listed as a
//! typed struct, sent and received as JSON.

use browser_websocket::for_leptos::*;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One line said in the room.
#[derive(Clone, Serialize, Deserialize)]
pub struct Line {
    pub nick: String,
    pub text: String,
}

/// The room at `url`: its state, every line said, and a box to say one.
#[component]
pub fn ChatApp(url: String) -> impl IntoView {
    let options = UseWebSocketOptions::default().reconnect(Some(Reconnect::default()));
    let chat = use_typed_websocket::<Line, Line, JsonSerdeCodec>(&url, options);
    let (draft, set_draft) = signal(String::new());
    let say = move |_| {
        let _ = chat.send(Line { nick: "leptos".into(), text: draft.get_untracked() });
        set_draft.set(String::new());
    };
    let lines = move || {
        chat.messages.with(|all| {
            all.iter().map(|line| view! { <li>{format!("{}: {}", line.nick, line.text)}</li> }).collect_view()
        })
    };
    view! {
        <p class="state">{move || chat.ready_state.get().to_string()}</p>
        <p class="status">{move || chat.status.get().to_string()}</p>
        <ul class="messages">{lines}</ul>
        <p class="unreadable">{move || chat.last_decode_error.get().map(|error| error.to_string())}</p>
        <input class="draft" prop:value=draft on:input=move |e| set_draft.set(event_target_value(&e)) />
        <button class="say" on:click=say>"Say"</button>
    }
}
