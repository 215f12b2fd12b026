//! A chat room in Yew: `use_typed_websocket` with reconnection, every line said listed as a
//! typed struct, sent and received as JSON.

use browser_websocket::for_yew::*;
use serde::{Deserialize, Serialize};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// One line said in the room.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub nick: String,
    pub text: String,
}

/// Where the room is.
#[derive(Properties, PartialEq)]
pub struct Props {
    pub url: AttrValue,
}

/// The room at `url`: its state, every line said, and a box to say one.
#[function_component]
pub fn ChatApp(props: &Props) -> Html {
    let options = UseWebSocketOptions::default().reconnect(Some(Reconnect::default()));
    let chat = use_typed_websocket::<Line, Line, JsonSerdeCodec>(&props.url, options);
    let draft = use_state(String::new);
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onclick = {
        let (chat, draft) = (chat.clone(), draft.clone());
        Callback::from(move |_| {
            let _ = chat.send(Line { nick: "yew".into(), text: (*draft).clone() });
            draft.set(String::new());
        })
    };
    let lines = chat.messages().iter().map(|line| html! { <li>{ format!("{}: {}", line.nick, line.text) }</li> });
    html! {
        <>
            <p class="state">{ chat.ready_state.to_string() }</p>
            <p class="status">{ chat.status.to_string() }</p>
            <ul class="messages">{ for lines }</ul>
            <p class="unreadable">{ chat.last_decode_error().map(|error| error.to_string()) }</p>
            <input class="draft" value={(*draft).clone()} {oninput} />
            <button class="say" {onclick}>{ "Say" }</button>
        </>
    }
}
