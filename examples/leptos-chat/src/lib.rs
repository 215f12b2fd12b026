//! A chat room in Leptos: `use_websocket` with reconnection, every message listed.

use browser_websocket::for_leptos::use_websocket;
use browser_websocket::{Message, Reconnect, UseWebSocketOptions};
use leptos::prelude::*;

/// The room at `url`: its state, every line said, and a box to say one.
#[component]
pub fn ChatApp(url: String) -> impl IntoView {
    let ws = use_websocket(&url, UseWebSocketOptions::default().reconnect(Some(Reconnect::default())));
    let (draft, set_draft) = signal(String::new());
    let say = move |_| {
        let _ = ws.send(Message::Text(draft.get_untracked()));
        set_draft.set(String::new());
    };
    let lines =
        move || ws.messages.with(|all| all.iter().filter_map(text).map(|t| view! { <li>{t}</li> }).collect_view());
    view! {
        <p class="state">{move || ws.ready_state.get().to_string()}</p>
        <p class="status">{move || ws.status.get().to_string()}</p>
        <ul class="messages">{lines}</ul>
        <input class="draft" prop:value=draft on:input=move |e| set_draft.set(event_target_value(&e)) />
        <button class="say" on:click=say>"Say"</button>
    }
}

fn text(message: &Message) -> Option<String> {
    match message {
        Message::Text(text) => Some(text.clone()),
        _ => None,
    }
}
