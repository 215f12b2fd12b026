//! The chat room on a page, talking to the same origin's `/chat`.

fn main() {
    let props = yew_chat::Props { url: "/chat".into() };
    yew::Renderer::<yew_chat::ChatApp>::with_props(props).render();
}
