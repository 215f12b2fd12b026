//! The demo page in `www/`: every part of browser-websocket, working, in one page.
//!
//! `cargo xtask demo` builds this crate with wasm-bindgen (`--target web`) into `www/pkg/` and
//! serves `www/` and the test server's endpoints from one origin.
#![forbid(unsafe_code)]

mod app;
mod chat;
mod dom;
mod live;
mod log;
mod ticks;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::wasm_bindgen;

/// Everything the page keeps alive: its state, its DOM listeners and its tickers.
struct Page {
    _listeners: Vec<gloo_events::EventListener>,
    _tickers: [gloo_timers::callback::Interval; 2],
}

thread_local! {
    static PAGE: RefCell<Option<Page>> = const { RefCell::new(None) };
}

/// Wires the page up; wasm-bindgen calls it once the module loads.
#[wasm_bindgen(start)]
pub fn start() {
    // Built with `--features tracing` (`cargo xtask demo --tracing`): the crate's spans and
    // events go to the browser console.
    #[cfg(feature = "tracing")]
    tracing_wasm::set_as_global_default();
    let panel: app::Shared = Rc::default();
    let outbox: chat::Outbox = Rc::default();
    let live: live::Live = Rc::default();
    let click = |id: &str, action: fn(&app::Shared), panel: &app::Shared| {
        let panel = panel.clone();
        dom::on(id, "click", move || action(&panel))
    };
    let mut listeners = vec![
        click("connect", app::connect, &panel),
        click("close", app::close, &panel),
        click("send-text", app::send_text, &panel),
        click("send-bytes", app::send_bytes, &panel),
        click("send-file", app::send_file, &panel),
        click("send-json", app::send_json, &panel),
        dom::on("clear-log", "click", log::clear),
    ];
    listeners.push({
        let panel = panel.clone();
        dom::on("binary-type", "change", move || app::set_binary_type(&panel))
    });
    for (id, action) in [("chat-join", chat::join as fn(&chat::Outbox)), ("chat-send", chat::say)] {
        let outbox = outbox.clone();
        listeners.push(dom::on(id, "click", move || action(&outbox)));
    }
    for (id, action) in
        [("live-start", live::start as fn(&live::Live)), ("live-drop", live::drop_it), ("live-send", live::send)]
    {
        let live = live.clone();
        listeners.push(dom::on(id, "click", move || action(&live)));
    }
    let subscription: ticks::Ticks = Rc::default();
    for (id, action) in [("ticks-start", ticks::start as fn(&ticks::Ticks)), ("ticks-drop", ticks::drop_it)] {
        let subscription = subscription.clone();
        listeners.push(dom::on(id, "click", move || action(&subscription)));
    }
    let page = Page { _listeners: listeners, _tickers: [app::ticker(panel), live::ticker(live)] };
    PAGE.with(|slot| *slot.borrow_mut() = Some(page));
    // Tells the end-to-end test (and anyone watching) that the page is wired up.
    if let Some(body) = dom::document().body() {
        let _ = body.set_attribute("data-ready", "");
    }
}
