//! Reconnecting connections against the server's fault endpoints, with short delays.

use std::time::Duration;

use browser_websocket::{
    CloseEvent, Connection, Error, Events, Lifecycle, Message, Reconnect, Reconnecting, HEARTBEAT_CODE,
    HEARTBEAT_REASON,
};
use futures::SinkExt;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{await_report, next, report, sleep, url, wasm_memory_bytes, within};

fn fast() -> Reconnect {
    Reconnect::default()
        .delays(Duration::from_millis(5), Duration::from_millis(40))
        .connect_timeout(Duration::from_secs(3))
}

fn start(path: &str, policy: Reconnect) -> (Reconnecting, Events) {
    let live = Connection::builder(&url(path)).reconnect(policy).expect("a valid URL");
    let events = live.events();
    (live, events)
}

/// The next lifecycle event, with the delay of `Reconnecting` left out (it is random).
async fn event(events: &mut Events) -> Lifecycle {
    match next(events).await.expect("more lifecycle events") {
        Lifecycle::Reconnecting { attempt, delay } => {
            assert!(delay <= Duration::from_millis(40), "{delay:?}");
            Lifecycle::Reconnecting { attempt, delay: Duration::ZERO }
        }
        other => other,
    }
}

fn retry(attempt: u32) -> Lifecycle {
    Lifecycle::Reconnecting { attempt, delay: Duration::ZERO }
}

fn connecting(attempt: u32) -> Lifecycle {
    Lifecycle::Connecting { attempt }
}

fn connected() -> Lifecycle {
    Lifecycle::Connected { protocol: String::new() }
}

fn clean(code: u16, reason: &str) -> CloseEvent {
    CloseEvent { code, reason: reason.into(), was_clean: true }
}

fn abnormal() -> CloseEvent {
    CloseEvent { code: 1006, reason: String::new(), was_clean: false }
}

/// The next events are exactly `expected`, in order.
async fn expect(events: &mut Events, expected: &[Lifecycle]) {
    for want in expected {
        assert_eq!(&event(events).await, want);
    }
}

#[wasm_bindgen_test]
async fn refused_three_times_then_accepted() {
    let (mut live, mut events) = start("/flaky?id=refused-3&refuse=3", fast());
    for attempt in 0..3 {
        expect(&mut events, &[connecting(attempt), Lifecycle::Failed(abnormal()), retry(attempt + 1)]).await;
    }
    expect(&mut events, &[connecting(3), connected()]).await;
    live.try_send(Message::Text("through".into())).unwrap();
    assert_eq!(next(&mut live).await, Some(Message::Text("through".into())));
}

#[wasm_bindgen_test]
async fn gives_up_after_the_limit() {
    let (mut live, mut events) = start("/status?code=403", fast().max_attempts(Some(3)));
    for attempt in 0..2 {
        expect(&mut events, &[connecting(attempt), Lifecycle::Failed(abnormal()), retry(attempt + 1)]).await;
    }
    expect(&mut events, &[connecting(2), Lifecycle::Failed(abnormal()), Lifecycle::GaveUp { attempts: 3 }]).await;
    assert_eq!(next(&mut events).await, None);
    assert_eq!(next(&mut live).await, None);
    assert_eq!(live.closed().await.code, 1006);
    assert!(live.try_send(Message::Text("too late".into())).is_err());
}

#[wasm_bindgen_test]
async fn messages_sent_while_disconnected_are_flushed_in_order() {
    let (mut live, mut events) = start("/flaky?id=queue&drop_after=2&drop_times=1", fast());
    expect(&mut events, &[connecting(0), connected()]).await;
    for text in ["a", "b"] {
        live.try_send(Message::Text(text.into())).unwrap();
        assert_eq!(next(&mut live).await, Some(Message::Text(text.into())));
    }
    // The server drops TCP after two echoes.
    assert!(matches!(event(&mut events).await, Lifecycle::Disconnected(CloseEvent { code: 1006, .. })));
    for text in ["c", "d", "e"] {
        live.try_send(Message::Text(text.into())).unwrap();
    }
    expect(&mut events, &[retry(1), connecting(1), connected()]).await;
    for text in ["c", "d", "e"] {
        assert_eq!(next(&mut live).await, Some(Message::Text(text.into())));
    }
}

#[wasm_bindgen_test]
async fn the_offline_queue_is_bounded_and_says_so() {
    let (live, _events) = start("/status?code=403", fast().queue(2, 1 << 20));
    live.try_send(Message::Text("1".into())).unwrap();
    live.try_send(Message::Text("2".into())).unwrap();
    assert_eq!(live.try_send(Message::Text("3".into())), Err(Error::QueueFull));
}

#[wasm_bindgen_test]
async fn the_sink_waits_for_room_and_refuses_only_what_can_never_fit() {
    // Two refusals keep the queue full for a while: 10 bytes of room, then a connection drains it.
    let (mut live, _events) = start("/flaky?id=sink-room&refuse=2", fast().queue(8, 10));
    within(1_000, "the first send", live.send(Message::Text("aaaaaa".into()))).await.unwrap();
    assert_eq!(live.try_send(Message::Text("bbbbbb".into())), Err(Error::QueueFull));
    // The Sink waits instead, and both arrive, in order.
    within(10_000, "room in the queue", live.send(Message::Text("bbbbbb".into()))).await.unwrap();
    assert_eq!(next(&mut live).await, Some(Message::Text("aaaaaa".into())));
    assert_eq!(next(&mut live).await, Some(Message::Text("bbbbbb".into())));
    // Larger than the whole queue: refused at once by both.
    let huge = Message::Text("c".repeat(11));
    assert_eq!(within(1_000, "a refusal", live.send(huge.clone())).await, Err(Error::QueueFull));
    assert_eq!(live.try_send(huge), Err(Error::QueueFull));
    assert_eq!(report("sink-room").await, "connections=3 closes=");
}

#[wasm_bindgen_test]
async fn a_silent_server_trips_the_heartbeat_and_receives_its_close() {
    let policy = fast().heartbeat(Duration::from_millis(50), Duration::from_millis(300), Message::Text("ping".into()));
    let (live, mut events) = start("/track?id=heartbeat-wire&silent=1", policy);
    expect(&mut events, &[connecting(0), connected()]).await;
    let tripped = CloseEvent { code: HEARTBEAT_CODE, reason: HEARTBEAT_REASON.into(), was_clean: false };
    expect(&mut events, &[Lifecycle::Disconnected(tripped), retry(1), connecting(1), connected()]).await;
    live.close_with(1000, "").unwrap();
    // The server got the Close frame with the code and reason (not a dropped socket), before
    // the second connection's close.
    let seen = format!("connections=2 closes={HEARTBEAT_CODE}:{HEARTBEAT_REASON},1000:");
    await_report("heartbeat-wire", &seen).await;
}

#[wasm_bindgen_test]
async fn a_server_that_drops_at_once_sees_the_attempts_grow_until_one_lasts() {
    // Default minimum uptime (5 s): connections that drop at once never reset the count. (At
    // once, after 100 ms: a drop right after the handshake is seen by Firefox before it has
    // dispatched open, so there the connection never opens, and that is another test.)
    let (live, mut events) = start("/flaky?id=storm&drop_after=0&hold_ms=100", fast());
    for attempt in 0..4 {
        expect(&mut events, &[connecting(attempt), connected()]).await;
        assert_eq!(event(&mut events).await, Lifecycle::Disconnected(abnormal()));
        assert_eq!(event(&mut events).await, retry(attempt + 1));
    }
    // Dropped while waiting for the fifth: the server saw exactly the four.
    drop(live);
    await_report("storm", "connections=4 closes=").await;

    // With 200 ms: a connection that lasted resets the count, one that did not does not.
    let (mut live, mut events) = start("/flaky?id=uptime&drop_after=1", fast().min_uptime(Duration::from_millis(200)));
    expect(&mut events, &[connecting(0), connected()]).await;
    sleep(300).await;
    live.try_send(Message::Text("lasted".into())).unwrap();
    assert_eq!(next(&mut live).await, Some(Message::Text("lasted".into())));
    expect(&mut events, &[Lifecycle::Disconnected(abnormal()), retry(1), connecting(1), connected()]).await;
    live.try_send(Message::Text("brief".into())).unwrap();
    assert_eq!(next(&mut live).await, Some(Message::Text("brief".into())));
    expect(&mut events, &[Lifecycle::Disconnected(abnormal()), retry(2)]).await;
}

#[wasm_bindgen_test]
async fn a_user_close_or_a_clean_1000_ends_it_other_closes_reconnect() {
    let (live, mut events) = start("/echo", fast());
    expect(&mut events, &[connecting(0), connected()]).await;
    live.close_with(4000, "bye").unwrap();
    assert_eq!(event(&mut events).await, Lifecycle::Disconnected(clean(4000, "bye")));
    assert_eq!(next(&mut events).await, None);
    assert_eq!(live.closed().await, clean(4000, "bye"));

    let (live, mut events) = start("/remote-close?code=1000", fast());
    expect(&mut events, &[connecting(0), connected()]).await;
    assert_eq!(event(&mut events).await, Lifecycle::Disconnected(clean(1000, "")));
    assert_eq!(next(&mut events).await, None);
    drop(live);

    let (live, mut events) = start("/remote-close?code=4001", fast());
    expect(&mut events, &[connecting(0), connected()]).await;
    assert_eq!(event(&mut events).await, Lifecycle::Disconnected(clean(4001, "")));
    expect(&mut events, &[retry(1), connecting(1), connected()]).await;
    drop(live);
}

#[wasm_bindgen_test]
async fn two_hundred_forced_reconnects_leave_memory_flat() {
    let policy = fast().delays(Duration::from_millis(1), Duration::from_millis(1));
    let (mut live, mut events) = start("/flaky?id=memory&drop_after=1", policy);
    for _ in 0..20 {
        cycle(&mut live, &mut events).await;
    }
    let before = wasm_memory_bytes();
    within(60_000, "200 reconnects", async {
        for _ in 0..200 {
            cycle(&mut live, &mut events).await;
        }
    })
    .await;
    let grown = wasm_memory_bytes() - before;
    assert!(grown <= 64 * 1024, "wasm memory grew by {grown} bytes over 200 reconnects");
}

/// Waits for the next connection, then sends one message and sees its echo (the server then
/// drops the connection).
async fn cycle(live: &mut Reconnecting, events: &mut Events) {
    while !matches!(next(events).await, Some(Lifecycle::Connected { .. })) {}
    live.try_send(Message::Text("x".into())).unwrap();
    assert_eq!(next(live).await, Some(Message::Text("x".into())));
}

/// Pretends the browser is offline (or the page hidden) by shadowing the property the crate
/// reads (`None` restores the real one), then fires the event the crate listens to on `on`.
fn pretend(
    target: &wasm_bindgen::JsValue,
    property: &str,
    value: Option<wasm_bindgen::JsValue>,
    on: &wasm_bindgen::JsValue,
    event: &str,
) {
    let object: &js_sys::Object = target.unchecked_ref();
    match value {
        Some(value) => {
            let descriptor = js_sys::Object::new();
            js_sys::Reflect::set(&descriptor, &"value".into(), &value).unwrap();
            js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
            js_sys::Object::define_property(object, &property.into(), &descriptor);
        }
        None => drop(js_sys::Reflect::delete_property(object, &property.into())),
    }
    let on: &web_sys::EventTarget = on.unchecked_ref();
    on.dispatch_event(&web_sys::Event::new(event).unwrap()).unwrap();
}

fn global(name: &str) -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(&js_sys::global(), &name.into()).unwrap()
}

#[wasm_bindgen_test]
async fn offline_pauses_attempts_and_online_resumes_at_once() {
    let navigator = global("navigator");
    let window: wasm_bindgen::JsValue = js_sys::global().into();
    pretend(&navigator, "onLine", Some(false.into()), &window, "offline");
    let (live, mut events) = start("/flaky?id=paused-offline&refuse=1", fast().pause_when_offline(true));
    assert_eq!(event(&mut events).await, Lifecycle::Paused);
    sleep(300).await;
    assert_eq!(report("paused-offline").await, "connections=0 closes=");
    pretend(&navigator, "onLine", None, &window, "online");
    // The refused first attempt, then the connection.
    expect(&mut events, &[connecting(0), Lifecycle::Failed(abnormal()), retry(1), connecting(1), connected()]).await;
    drop(live);
}

#[wasm_bindgen_test]
async fn a_hidden_page_pauses_attempts_until_shown() {
    let document = global("document");
    pretend(&document, "visibilityState", Some("hidden".into()), &document, "visibilitychange");
    let (live, mut events) = start("/flaky?id=paused-hidden", fast().pause_when_hidden(true));
    assert_eq!(event(&mut events).await, Lifecycle::Paused);
    sleep(300).await;
    assert_eq!(report("paused-hidden").await, "connections=0 closes=");
    pretend(&document, "visibilityState", None, &document, "visibilitychange");
    expect(&mut events, &[connecting(0), connected()]).await;
    drop(live);
}
