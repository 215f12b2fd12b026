//! The Yew rows' floor: the same component with no socket (what is said is listed locally).
use wasm_bindgen::prelude::*;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct Line {
    pub nick: String,
    pub text: String,
}

#[function_component]
fn ChatApp() -> Html {
    let lines = use_state(Vec::<Line>::new);
    let draft = use_state(String::new);
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onclick = {
        let (lines, draft) = (lines.clone(), draft.clone());
        Callback::from(move |_| {
            let mut all = (*lines).clone();
            all.push(Line { nick: "yew".into(), text: (*draft).clone() });
            lines.set(all);
            draft.set(String::new());
        })
    };
    let list = lines.iter().map(|line| html! { <li>{ format!("{}: {}", line.nick, line.text) }</li> });
    html! {
        <>
            <p class="state">{ "open" }</p>
            <ul class="messages">{ for list }</ul>
            <input class="draft" value={(*draft).clone()} {oninput} />
            <button class="say" {onclick}>{ "Say" }</button>
        </>
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    yew::Renderer::<ChatApp>::new().render();
}
