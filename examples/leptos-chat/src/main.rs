//! The chat room on a page: `mount_to_body`, talking to the same origin's `/chat`.

fn main() {
    leptos::mount::mount_to_body(|| leptos::view! { <leptos_chat::ChatApp url="/chat".to_owned() /> });
}
