//! The subscription panel: a JSON-RPC subscription (feature `rpc`) to the test server's
//! jsonrpsee `subscribe_ticks`, a button that cuts every connection to that server, and the
//! subscription coming back by itself with the gap marked.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use browser_websocket::rpc::{Client, Missed, Update};
use browser_websocket::{Connection, Message, Reconnect};
use futures::StreamExt;
use web_sys::Element;

use crate::dom::{by_id, element};

/// The client, once started.
pub type Ticks = Rc<RefCell<Option<Client>>>;

fn show(text: &str) {
    let list = by_id::<Element>("ticks-updates");
    let _ = list.append_child(&element("li", text));
    // Keeps the last twenty.
    while list.child_element_count() > 20 {
        if let Some(first) = list.first_element_child() {
            first.remove();
        }
    }
}

/// The first text an endpoint of the test server sends.
async fn ask(path: &str) -> Option<String> {
    let mut connection = Connection::connect(path).await.ok()?;
    match connection.next().await {
        Some(Message::Text(text)) => Some(text),
        _ => None,
    }
}

/// Subscribes to a tick every half second (replacing, and so ending, an earlier subscription).
pub fn start(ticks: &Ticks) {
    by_id::<Element>("ticks-updates").set_text_content(None);
    let ticks = ticks.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let Some(port) = ask("/rpc-port").await else { return show("no JSON-RPC server") };
        let host = web_sys::window().and_then(|window| window.location().hostname().ok()).unwrap_or_default();
        let policy = Reconnect::default().delays(Duration::from_millis(250), Duration::from_secs(5));
        let client = match Client::connect(&format!("ws://{host}:{port}/"), policy) {
            Ok(client) => client,
            Err(error) => return show(&format!("could not start: {error}")),
        };
        *ticks.borrow_mut() = Some(client.clone());
        let tag = format!("demo-{}", js_sys::Date::now());
        let mut updates = match client.subscribe::<u64>("subscribe_ticks", (&tag, 500), "unsubscribe_ticks").await {
            Ok(updates) => updates,
            Err(error) => return show(&format!("could not subscribe: {error}")),
        };
        show("subscribed");
        while let Some(update) = updates.next().await {
            match update {
                Update::Item(tick) => show(&format!("tick {tick}")),
                Update::Missed(Missed::Reconnected) => {
                    show("reconnected: subscribed again, ticks may have been missed")
                }
                Update::Missed(Missed::Overflow { dropped }) => {
                    show(&format!("{dropped} ticks dropped (read too slowly)"))
                }
                Update::Undecodable(error) => show(&format!("unreadable tick: {error}")),
            }
            // A newer start replaced this client: this subscription ends here.
            if !ticks.borrow().as_ref().is_some_and(|current| same(current, &client)) {
                return;
            }
        }
    });
}

fn same(a: &Client, b: &Client) -> bool {
    core::ptr::eq(a.socket(), b.socket())
}

/// Asks the test server to cut every connection to its JSON-RPC server (no Close frame).
pub fn drop_it(_: &Ticks) {
    wasm_bindgen_futures::spawn_local(async {
        if ask("/rpc-cut").await.is_none() {
            show("the server did not answer");
        }
    });
}
