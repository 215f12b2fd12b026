//! The size benchmark's hook row: the `leptos-chat` example's component itself
//! (`use_typed_websocket` with JSON and reconnection), mounted.
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    leptos::mount::mount_to_body(|| leptos::view! { <leptos_chat::ChatApp url="/chat".to_owned() /> });
}
