//! A chat component in Yew on this crate's typed hook (JSON, reconnecting): the ready state, the
//! lines, a box to say one. The Yew rows share this view, so they differ by the socket alone.
use browser_websocket::for_yew::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub nick: String,
    pub text: String,
}

#[function_component]
fn ChatApp() -> Html {
    let options = UseWebSocketOptions::default().reconnect(Some(Reconnect::default()));
    let chat = use_typed_websocket::<Line, Line, JsonSerdeCodec>("/chat", options);
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
            <p class="state">{ format!("{:?}", chat.ready_state) }</p>
            <ul class="messages">{ for lines }</ul>
            <input class="draft" value={(*draft).clone()} {oninput} />
            <button class="say" {onclick}>{ "Say" }</button>
        </>
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    yew::Renderer::<ChatApp>::new().render();
}
