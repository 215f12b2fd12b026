//! The crate's prelude, and each framework module (which re-exports it), glob-imported beside
//! that framework's prelude: every name the README's snippets use resolves, `Error` included
//! (as `WebSocketError`), with warnings denied — an ambiguous glob name is a warning (soon an
//! error) only where it is named, so every one is named here.
#![cfg(not(target_arch = "wasm32"))]
#![deny(warnings)]
#![allow(dead_code)]

/// Names every item of the prelude, in the scope it is expanded in.
macro_rules! name_everything {
    () => {
        /// Each type and trait the prelude brings, named once.
        fn name_everything() -> Vec<&'static str> {
            fn codec<C: MessageCodec<u32, u32>>() -> &'static str {
                core::any::type_name::<C>()
            }
            vec![
                core::any::type_name::<WebSocket>(),
                core::any::type_name::<SocketHandle>(),
                core::any::type_name::<Builder>(),
                core::any::type_name::<Listener>(),
                core::any::type_name::<Message>(),
                core::any::type_name::<BinaryType>(),
                core::any::type_name::<ReadyState>(),
                core::any::type_name::<CloseCode>(),
                core::any::type_name::<CloseEvent>(),
                core::any::type_name::<Closed>(),
                core::any::type_name::<Drained>(),
                core::any::type_name::<Connection>(),
                core::any::type_name::<Sender>(),
                core::any::type_name::<Receiver>(),
                core::any::type_name::<Reconnecting>(),
                core::any::type_name::<Reconnect>(),
                core::any::type_name::<Lifecycle>(),
                core::any::type_name::<DecodeError>(),
                core::any::type_name::<FrameKind>(),
                core::any::type_name::<WebSocketError>(),
                core::any::type_name::<JsError>(),
                core::any::type_name::<UrlError>(),
                core::any::type_name::<UseWebSocketOptions>(),
                core::any::type_name::<SocketStatus>(),
                core::any::type_name::<Stats>(),
                core::any::type_name::<Typed<Connection, u32, u32, JsonSerdeCodec>>(),
                core::any::type_name::<codee::string::JsonSerdeCodec>(),
                codec::<JsonSerdeCodec>(),
            ]
        }
    };
}

#[cfg(all(feature = "leptos", feature = "json", feature = "stats"))]
mod leptos_app {
    use browser_websocket::for_leptos::*;
    use leptos::prelude::*;

    name_everything!();

    #[component]
    pub fn Feed() -> impl IntoView {
        let ws = use_websocket("/feed", UseWebSocketOptions::default().reconnect(Some(Reconnect::default())));
        let hello = move |_| drop(ws.send(Message::Text("hello".into())));
        let failed: Signal<Option<WebSocketError>> = ws.last_error;
        let handle: UseWebSocket = ws;
        view! {
            <p>{move || handle.status.get().to_string()}</p>
            <p>{move || failed.get().map(|error| error.to_string())}</p>
            <button on:click=hello>"Hello"</button>
        }
    }

    /// `codee` names both the app's own dependency and this crate's re-export of it: the same crate.
    #[component]
    pub fn TypedFeed() -> impl IntoView {
        let ws = use_typed_websocket::<u32, u32, codee::string::JsonSerdeCodec>("/feed", Default::default());
        view! { <p>{move || ws.messages.get().len()}</p> }
    }

    /// The prelude alone, beside Leptos's.
    mod prelude_only {
        use browser_websocket::prelude::*;
        use leptos::prelude::*;

        name_everything!();

        fn fails(error: WebSocketError) -> Signal<String> {
            Signal::derive(move || error.to_string())
        }
    }
}

#[cfg(all(feature = "yew", feature = "json", feature = "stats"))]
mod yew_app {
    use browser_websocket::for_yew::*;
    use yew::prelude::*;

    name_everything!();

    #[function_component]
    pub fn Feed() -> Html {
        let ws = use_websocket("/feed", UseWebSocketOptions::default().reconnect(Some(Reconnect::default())));
        let failed: Option<WebSocketError> = ws.last_error.clone();
        let status = ws.status.to_string();
        let handle: UseWebSocketHandle = ws;
        let hello = Callback::from(move |_: MouseEvent| drop(handle.send(Message::Text("hello".into()))));
        html! {
            <>
                <p>{ status }</p>
                <p>{ failed.map(|error| error.to_string()) }</p>
                <button onclick={hello}>{ "Hello" }</button>
            </>
        }
    }

    #[function_component]
    pub fn TypedFeed() -> Html {
        let ws = use_typed_websocket::<u32, u32, JsonSerdeCodec>("/feed", Default::default());
        html! { <p>{ ws.messages().len() }</p> }
    }

    mod prelude_only {
        use browser_websocket::prelude::*;
        use yew::prelude::*;

        name_everything!();

        fn fails(error: WebSocketError) -> Html {
            html! { <p>{ error.to_string() }</p> }
        }
    }
}

#[cfg(all(feature = "dioxus", feature = "json", feature = "stats"))]
mod dioxus_app {
    use browser_websocket::for_dioxus::*;
    use dioxus::prelude::*;

    name_everything!();

    #[component]
    pub fn Feed() -> Element {
        let ws = use_websocket("/feed", UseWebSocketOptions::default().reconnect(Some(Reconnect::default())));
        let hello = move |_| drop(ws.send(Message::Text("hello".into())));
        let failed: Option<WebSocketError> = ws.last_error.cloned();
        let handle: UseWebSocket = ws;
        rsx! {
            p { "{handle.status}" }
            button { onclick: hello, "Hello" }
            if let Some(error) = failed { p { "{error}" } }
        }
    }

    #[component]
    pub fn TypedFeed() -> Element {
        let ws = use_typed_websocket::<u32, u32, JsonSerdeCodec>("/feed", Default::default());
        rsx! { p { "{ws.messages.read().len()}" } }
    }

    mod prelude_only {
        use browser_websocket::prelude::*;
        use dioxus::prelude::*;

        name_everything!();

        fn fails(error: WebSocketError) -> Element {
            rsx! { p { "{error}" } }
        }
    }
}

/// The modules above are the test: they compile, with warnings denied, or this file does not.
#[test]
fn the_prelude_and_each_framework_module_beside_the_frameworks_preludes_compile() {}
