//! The leptos-none component on the plain hook: text messages, no codec, the default
//! options (one connection, no reconnecting); the row the plain hook's weight is read from.
use browser_websocket::for_leptos::*;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[component]
fn ChatApp() -> impl IntoView {
    let chat = use_websocket("/chat", UseWebSocketOptions::default());
    let (draft, set_draft) = signal(String::new());
    let say = move |_| {
        let _ = chat.send(Message::Text(format!("leptos: {}", draft.get_untracked())));
        set_draft.set(String::new());
    };
    let list = move || {
        chat.messages.with(|all| {
            all.iter()
                .filter_map(|message| match message {
                    Message::Text(line) => Some(view! { <li>{line.clone()}</li> }),
                    _ => None,
                })
                .collect_view()
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
