//! The Yew rows' peer: the same component on yew-hooks' `use_websocket` (it reconnects by
//! default), each line encoded and decoded with serde_json, every received line kept in a list.
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_hooks::use_websocket;

#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub nick: String,
    pub text: String,
}

#[function_component]
fn ChatApp() -> Html {
    let chat = use_websocket("/chat".to_owned());
    let lines = use_mut_ref(Vec::<Line>::new);
    // It exposes only the latest message: keep every one in a list, as the hook does.
    {
        let lines = lines.clone();
        use_effect_with(chat.message.clone(), move |message| {
            if let Some(line) = message.as_ref().and_then(|text| serde_json::from_str::<Line>(text).ok()) {
                lines.borrow_mut().push(line);
            }
        });
    }
    let draft = use_state(String::new);
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onclick = {
        let (chat, draft) = (chat.clone(), draft.clone());
        Callback::from(move |_| {
            if let Ok(text) = serde_json::to_string(&Line { nick: "yew".into(), text: (*draft).clone() }) {
                chat.send(text);
            }
            draft.set(String::new());
        })
    };
    let list = lines
        .borrow()
        .iter()
        .map(|line| html! { <li>{ format!("{}: {}", line.nick, line.text) }</li> })
        .collect::<Html>();
    html! {
        <>
            <p class="state">{ format!("{:?}", *chat.ready_state) }</p>
            <ul class="messages">{ list }</ul>
            <input class="draft" value={(*draft).clone()} {oninput} />
            <button class="say" {onclick}>{ "Say" }</button>
        </>
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    yew::Renderer::<ChatApp>::new().render();
}
