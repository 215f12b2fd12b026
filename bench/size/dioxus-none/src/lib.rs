//! The Dioxus rows' floor: the same component with no socket (what is said is listed locally).
use dioxus::prelude::*;
use wasm_bindgen::prelude::*;

#[derive(Clone)]
pub struct Line {
    pub nick: String,
    pub text: String,
}

#[component]
fn ChatApp() -> Element {
    let mut lines = use_signal(Vec::<Line>::new);
    let mut draft = use_signal(String::new);
    let say = move |_| {
        lines.write().push(Line { nick: "dioxus".into(), text: draft.peek().clone() });
        draft.set(String::new());
    };
    rsx! {
        p { class: "state", "open" }
        ul { class: "messages",
            for line in lines.read().iter() {
                li { "{line.nick}: {line.text}" }
            }
        }
        input { class: "draft", value: "{draft}", oninput: move |event| draft.set(event.value()) }
        button { class: "say", onclick: say, "Say" }
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    dioxus::launch(ChatApp);
}
