//! Callbacks: several coexist, each guard removes exactly its own, dropping the socket removes all.

use browser_websocket::{CloseEvent, Message, WebSocket};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{await_report, engine, next_task, open, url, Engine, Ev, Recorder};

/// Names of the callbacks that ran, with what they saw.
#[derive(Clone, Default)]
struct Log(Rc<RefCell<Vec<String>>>);

impl Log {
    fn callback(&self, name: &str) -> impl FnMut(Message) + 'static {
        let (log, name) = (self.0.clone(), name.to_owned());
        move |message| log.borrow_mut().push(format!("{name}:{message:?}"))
    }

    fn since(&self, start: usize) -> Vec<String> {
        self.0.borrow()[start..].to_vec()
    }
}

#[wasm_bindgen_test]
async fn listeners_coexist_and_drop_removes_exactly_one() {
    let (ws, mut events) = open("/echo").await;
    let log = Log::default();
    let first = ws.on_message(log.callback("first"));
    let second = ws.on_message(log.callback("second"));
    ws.send_text("a").unwrap();
    events.text().await;
    next_task().await;
    assert_eq!(log.since(0), ["first:Text(\"a\")", "second:Text(\"a\")"]);

    drop(first);
    ws.send_text("b").unwrap();
    events.text().await;
    next_task().await;
    assert_eq!(log.since(2), ["second:Text(\"b\")"]);

    second.detach();
    ws.send_text("c").unwrap();
    events.text().await;
    next_task().await;
    // A detached callback lives on with the socket.
    assert_eq!(log.since(3), ["second:Text(\"c\")"]);
}

#[wasm_bindgen_test]
async fn raw_handlers_do_not_clobber_ours() {
    let (ws, mut events) = open("/echo").await;
    let raw_calls = Rc::new(RefCell::new(0));
    let raw_handler = Closure::<dyn FnMut()>::new({
        let raw_calls = raw_calls.clone();
        move || *raw_calls.borrow_mut() += 1
    });
    ws.as_raw().set_onmessage(Some(raw_handler.as_ref().unchecked_ref()));
    ws.send_text("both").unwrap();
    assert_eq!(events.text().await, "both");
    next_task().await;
    assert_eq!(*raw_calls.borrow(), 1);
    ws.as_raw().set_onmessage(None);
}

#[wasm_bindgen_test]
async fn error_comes_right_before_close_on_failure() {
    let ws = WebSocket::open(&url("/status?code=403")).unwrap();
    let events = Recorder::attach(&ws).until_close().await;
    assert_eq!(events, [Ev::Error, Ev::Close(CloseEvent { code: 1006, reason: String::new(), was_clean: false })]);
}

#[wasm_bindgen_test]
async fn dropping_the_socket_closes_with_1000_and_silences_its_callbacks() {
    let ws = WebSocket::open(&url("/track?id=dropped")).unwrap();
    let mut events = Recorder::attach(&ws);
    let late = Rc::new(RefCell::new(Vec::<Ev>::new()));
    let guard = ws.on_close({
        let late = late.clone();
        move |event| late.borrow_mut().push(Ev::Close(event))
    });
    events.opened().await;
    drop(ws);
    await_report("dropped", "connections=1 closes=1000:").await;
    // The guards outlived the socket, but their callbacks were removed with it.
    events.quiet_for(300).await;
    assert!(late.borrow().is_empty(), "{:?}", late.borrow());
    drop(guard);
}

#[wasm_bindgen_test]
async fn dropping_a_connecting_socket_abandons_it() {
    let ws = WebSocket::open(&url("/track?id=dropped-early")).unwrap();
    drop(ws);
    // The handshake may or may not have reached the server; either way nothing stays open.
    // Once the handshake has finished, the browser closes with 1001: WebKit always lets it
    // finish, and gives a reason of its own; Chromium sometimes, without one.
    let webkit = "connections=1 closes=1001:WebSocket is closed before the connection is established.";
    let mut report = String::new();
    for _ in 0..30 {
        crate::common::sleep(100).await;
        report = crate::common::report("dropped-early").await;
        let gone = ["connections=0 closes=", "connections=1 closes=abrupt", "connections=1 closes=1001:"];
        if gone.contains(&report.as_str()) || (engine() == Engine::WebKit && report == webkit) {
            return;
        }
    }
    panic!("the server still sees a connection: {report}");
}

/// Anyone holding the raw socket can dispatch fake events with any payload; nothing panics, and
/// only what a browser could really deliver reaches the callbacks.
#[wasm_bindgen_test]
async fn fake_events_with_odd_payloads_are_ignored() {
    use wasm_bindgen::JsValue;
    let (ws, mut events) = open("/echo").await;
    let raw = ws.as_raw();
    for data in [JsValue::from(42), JsValue::NULL, JsValue::UNDEFINED, js_sys::Object::new().into()] {
        let init = web_sys::MessageEventInit::new();
        init.set_data(&data);
        let fake = web_sys::MessageEvent::new_with_event_init_dict("message", &init).unwrap();
        raw.dispatch_event(&fake).unwrap();
    }
    raw.dispatch_event(&web_sys::Event::new("message").unwrap()).unwrap();
    raw.dispatch_event(&web_sys::Event::new("close").unwrap()).unwrap();
    // A fake but well-formed message is delivered like any other.
    let init = web_sys::MessageEventInit::new();
    init.set_data(&JsValue::from_str("fake text"));
    raw.dispatch_event(&web_sys::MessageEvent::new_with_event_init_dict("message", &init).unwrap()).unwrap();
    assert_eq!(events.text().await, "fake text");
    ws.send_text("real").unwrap();
    assert_eq!(events.text().await, "real");
}

#[wasm_bindgen_test]
async fn a_handle_sends_from_the_sockets_own_callbacks_with_the_typed_checks() {
    let ws = WebSocket::open(&url("/track?id=handle")).unwrap();
    let handle = ws.handle();
    // Before the open: refused as the socket refuses, nothing sent.
    assert_eq!(
        handle.send_text("early"),
        Err(browser_websocket::Error::NotOpen(browser_websocket::ReadyState::Connecting))
    );
    let mut events = Recorder::attach(&ws);
    let _greet = ws.on_open({
        let ws = ws.handle();
        move || ws.send_text("from on_open").unwrap()
    });
    events.opened().await;
    assert_eq!(events.text().await, "from on_open");
    handle.close_with(4000, "by handle").unwrap();
    assert_eq!(events.closed().await, CloseEvent { code: 4000, reason: "by handle".into(), was_clean: true });
    await_report("handle", "connections=1 closes=4000:by handle").await;
    // The handle does not keep the socket: after the close every send is refused.
    drop(ws);
    assert_eq!(handle.send_text("late"), Err(browser_websocket::Error::NotOpen(browser_websocket::ReadyState::Closed)));
}
