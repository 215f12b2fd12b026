//! The leptos-use row's component, line for line, on this crate's hook: the same view (the
//! ready state and the lines), so the two rows differ by the socket alone.
use browser_websocket::for_leptos::*;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[derive(Clone, Serialize, Deserialize)]
pub struct Line {
    pub nick: String,
    pub text: String,
}

#[component]
fn ChatApp() -> impl IntoView {
    let options = UseWebSocketOptions::default().reconnect(Some(Reconnect::default()));
    let chat = use_typed_websocket::<Line, Line, JsonSerdeCodec>("/chat", options);
    let (draft, set_draft) = signal(String::new());
    let say = move |_| {
        let _ = chat.send(Line { nick: "leptos".into(), text: draft.get_untracked() });
        set_draft.set(String::new());
    };
    let list = move || {
        chat.messages.with(|all| {
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
