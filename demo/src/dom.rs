//! Small DOM helpers: look elements up by id, read inputs, listen to clicks.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement};

pub fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).expect("the demo runs in a page")
}

/// The element with this id; the page in `www/index.html` has every id the demo uses.
pub fn by_id<T: JsCast>(id: &str) -> T {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<T>().ok())
        .unwrap_or_else(|| panic!("www/index.html lacks #{id} of the right kind"))
}

pub fn input(id: &str) -> String {
    by_id::<HtmlInputElement>(id).value()
}

pub fn select(id: &str) -> String {
    by_id::<HtmlSelectElement>(id).value()
}

/// Calls `callback` on every `event` of element `id`, for the page's lifetime.
pub fn on(id: &str, event: &'static str, mut callback: impl FnMut() + 'static) -> EventListener {
    EventListener::new(&by_id::<Element>(id), event, move |_| callback())
}

/// A new element with this text (as text, never as HTML).
pub fn element(tag: &str, text: &str) -> Element {
    let element = document().create_element(tag).expect("a valid tag");
    element.set_text_content(Some(text));
    element
}
