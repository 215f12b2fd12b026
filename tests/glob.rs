//! A glob import of the crate beside each framework's prelude compiles: no name the crate
//! exports is ambiguous with the framework's (`leptos`, `yew`, `component`, `Error`, ...).
#![cfg(not(target_arch = "wasm32"))]
#![allow(dead_code)]

#[cfg(feature = "leptos")]
mod leptos_app {
    use browser_websocket::*;
    use leptos::prelude::*;

    #[component]
    pub fn Feed() -> impl IntoView {
        let ws =
            for_leptos::use_websocket("/feed", UseWebSocketOptions::default().reconnect(Some(Reconnect::default())));
        let hello = move |_| drop(ws.send(Message::Text("hello".into())));
        view! {
            <p>{move || ws.status.get().to_string()}</p>
            <button on:click=hello>"Hello"</button>
        }
    }

    /// `codee` names both the app's own dependency and this crate's re-export of it: the same crate.
    #[cfg(feature = "json")]
    #[component]
    pub fn TypedFeed() -> impl IntoView {
        let ws =
            for_leptos::use_typed_websocket::<u32, u32, codee::string::JsonSerdeCodec>("/feed", Default::default());
        view! { <p>{move || ws.messages.get().len()}</p> }
    }
}

#[cfg(feature = "yew")]
mod yew_app {
    use browser_websocket::*;
    use yew::prelude::*;

    #[function_component]
    pub fn Feed() -> Html {
        let ws = for_yew::use_websocket("/feed", UseWebSocketOptions::default().reconnect(Some(Reconnect::default())));
        let hello = Callback::from(move |_: MouseEvent| drop(ws.send(Message::Text("hello".into()))));
        html! { <button onclick={hello}>{ "Hello" }</button> }
    }

    #[cfg(feature = "json")]
    #[function_component]
    pub fn TypedFeed() -> Html {
        let ws = for_yew::use_typed_websocket::<u32, u32, codee::string::JsonSerdeCodec>("/feed", Default::default());
        html! { <p>{ ws.messages().len() }</p> }
    }
}

#[cfg(feature = "dioxus")]
mod dioxus_app {
    use browser_websocket::*;
    use dioxus::prelude::*;

    #[component]
    pub fn Feed() -> Element {
        let ws =
            for_dioxus::use_websocket("/feed", UseWebSocketOptions::default().reconnect(Some(Reconnect::default())));
        let hello = move |_| drop(ws.send(Message::Text("hello".into())));
        let failed: Option<Error> = ws.last_error.cloned();
        rsx! {
            p { "{ws.status}" }
            button { onclick: hello, "Hello" }
            if let Some(error) = failed { p { "{error}" } }
        }
    }

    #[cfg(feature = "json")]
    #[component]
    pub fn TypedFeed() -> Element {
        let ws =
            for_dioxus::use_typed_websocket::<u32, u32, codee::string::JsonSerdeCodec>("/feed", Default::default());
        rsx! { p { "{ws.messages.read().len()}" } }
    }
}

/// The modules above are the test: they compile, or this file does not.
#[test]
fn glob_imports_beside_the_framework_preludes_compile() {}
