//! The hook row's floor: the `leptos-chat` component with no socket (what is said is listed
//! locally), so the rows above show what the socket costs.
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[derive(Clone)]
pub struct Line {
    pub nick: String,
    pub text: String,
}

#[component]
fn ChatApp() -> impl IntoView {
    let (lines, set_lines) = signal(Vec::<Line>::new());
    let (draft, set_draft) = signal(String::new());
    let say = move |_| {
        set_lines.update(|all| all.push(Line { nick: "leptos".into(), text: draft.get_untracked() }));
        set_draft.set(String::new());
    };
    let list = move || {
        lines.with(|all| {
            all.iter().map(|line| view! { <li>{format!("{}: {}", line.nick, line.text)}</li> }).collect_view()
        })
    };
    view! {
        <p class="state">"open"</p>
        <ul class="messages">{list}</ul>
        <input class="draft" prop:value=draft on:input=move |e| set_draft.set(event_target_value(&e)) />
        <button class="say" on:click=say>"Say"</button>
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    leptos::mount::mount_to_body(|| view! { <ChatApp /> });
}
