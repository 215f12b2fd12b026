//! A chat room in Yew: `use_websocket` with reconnection, every message listed.

use browser_websocket::for_yew::use_websocket;
use browser_websocket::{Message, Reconnect, UseWebSocketOptions};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Where the room is.
#[derive(Properties, PartialEq)]
pub struct Props {
    pub url: AttrValue,
}

/// The room at `url`: its state, every line said, and a box to say one.
#[function_component]
pub fn ChatApp(props: &Props) -> Html {
    let ws = use_websocket(&props.url, UseWebSocketOptions::default().reconnect(Some(Reconnect::default())));
    let draft = use_state(String::new);
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onclick = {
        let (ws, draft) = (ws.clone(), draft.clone());
        Callback::from(move |_| {
            let _ = ws.send(Message::Text((*draft).clone()));
            draft.set(String::new());
        })
    };
    let lines = ws.messages().iter().filter_map(text).map(|t| html! { <li>{t}</li> });
    html! {
        <>
            <p class="state">{ ws.ready_state.to_string() }</p>
            <p class="status">{ ws.status.to_string() }</p>
            <ul class="messages">{ for lines }</ul>
            <input class="draft" value={(*draft).clone()} {oninput} />
            <button class="say" {onclick}>{ "Say" }</button>
        </>
    }
}

fn text(message: &Message) -> Option<String> {
    match message {
        Message::Text(text) => Some(text.clone()),
        _ => None,
    }
}
