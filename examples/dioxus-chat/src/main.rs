//! The chat room on a page, talking to the same origin's `/chat`.

use dioxus::prelude::*;

fn main() {
    dioxus::launch(|| rsx! { dioxus_chat::ChatApp { url: "/chat" } });
}
