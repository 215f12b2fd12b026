//! The chat room: the async layer (`Connection`, split, typed halves as JSON) against the
//! server's `/chat`.

use browser_websocket::codee::string::JsonSerdeCodec;
use browser_websocket::Connection;
use futures::channel::mpsc;
use futures::StreamExt;
use serde::{Deserialize, Serialize};
use web_sys::Element;

use crate::dom::{by_id, element, input};

/// One line said in the room, sent as JSON.
#[derive(Serialize, Deserialize)]
pub struct Line {
    pub nick: String,
    pub text: String,
}

/// What the page says into the room; `None` until joined.
pub type Outbox = std::rc::Rc<std::cell::RefCell<Option<mpsc::UnboundedSender<Line>>>>;

fn show(text: &str, class: &str) {
    let item = element("li", text);
    item.set_class_name(class);
    let list = by_id::<Element>("chat-messages");
    let _ = list.append_child(&item);
}

pub fn join(outbox: &Outbox) {
    if outbox.borrow().is_some() {
        return;
    }
    let (lines, said) = mpsc::unbounded::<Line>();
    *outbox.borrow_mut() = Some(lines);
    let outbox = outbox.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let connection = match Connection::connect("/chat").await {
            Ok(connection) => connection,
            Err(error) => {
                show(&format!("could not join: {error}"), "system");
                outbox.borrow_mut().take();
                return;
            }
        };
        show("joined the room", "system");
        let (sender, receiver) = connection.split();
        let (sender, mut receiver) = (sender.typed::<Line, JsonSerdeCodec>(), receiver.typed::<Line, JsonSerdeCodec>());
        // Everything typed goes out as JSON, in order, with backpressure.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = said.map(Ok).forward(sender).await;
        });
        while let Some(line) = receiver.next().await {
            match line {
                Ok(line) => show(&format!("{}: {}", line.nick, line.text), "line"),
                Err(error) => show(&format!("unreadable message: {error}"), "system"),
            }
        }
        let event = receiver.get_ref().closed().await;
        show(&format!("left the room (code {})", event.code), "system");
        outbox.borrow_mut().take();
    });
}

pub fn say(outbox: &Outbox) {
    let text = input("chat-text");
    if text.is_empty() {
        return;
    }
    match outbox.borrow().as_ref() {
        Some(lines) => drop(lines.unbounded_send(Line { nick: input("nick"), text })),
        None => show("join the room first", "system"),
    }
    by_id::<web_sys::HtmlInputElement>("chat-text").set_value("");
}
