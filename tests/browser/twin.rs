//! The twin suite: each scenario runs against the real test server and against the test kit's
//! scripted peer (`tests/common/kit.rs` serves the same endpoints), and must see the same typed
//! events in the same order. Where the engines depart from the standard, the kit follows the
//! standard: the scenarios keep to what every engine does the standard's way.
#![cfg(feature = "testing")]

use core::fmt::Debug;
use core::future::Future;
use std::time::Duration;

use browser_websocket::{
    BinaryType, CloseEvent, Connection, Error, Events, Lifecycle, Message, ReadyState, Reconnect, Reconnecting,
    WebSocket, HEARTBEAT_CODE, HEARTBEAT_REASON,
};
use futures::SinkExt;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::kit::{Kit, KIT};
use crate::common::{blob_bytes, next, open_url, sleep, url, with_run_id, within, Ev, Recorder};

/// Where a scenario's socket goes.
#[derive(Clone, Copy, Debug)]
enum Side {
    Server,
    Kit,
}

impl Side {
    fn url(self, path: &str) -> String {
        match self {
            Side::Server => url(path),
            Side::Kit => format!("{KIT}{}", with_run_id(path)),
        }
    }

    /// Opens `path` on this side and waits for it to open.
    async fn open(self, path: &str) -> (WebSocket, Recorder) {
        open_url(&self.url(path)).await
    }

    /// What the endpoint `track` saw for `id` (the `/report` endpoint on either side).
    async fn report(self, id: &str) -> String {
        let (_ws, mut events) = self.open(&format!("/report?id={id}")).await;
        events.text().await
    }
}

/// Runs `scenario` against the server, then against the kit; both must give the same result,
/// which is returned.
async fn twin<T, F>(scenario: impl Fn(Side) -> F) -> T
where
    T: PartialEq + Debug,
    F: Future<Output = T>,
{
    let real = within(20_000, "the scenario against the server", scenario(Side::Server)).await;
    let kit = Kit::start();
    let faked = within(20_000, "the scenario against the kit", scenario(Side::Kit)).await;
    drop(kit);
    assert_eq!(real, faked, "the test server (left) and the kit (right) differ");
    real
}

fn clean(code: u16, reason: &str) -> Ev {
    Ev::Close(CloseEvent { code, reason: reason.into(), was_clean: true })
}

fn abnormal() -> CloseEvent {
    CloseEvent { code: 1006, reason: String::new(), was_clean: false }
}

#[wasm_bindgen_test]
async fn open_echo_and_close_with_a_code() {
    let events = twin(|side| async move {
        let (ws, mut events) = side.open("/echo").await;
        ws.set_binary_type(BinaryType::ArrayBuffer);
        let opened = (ws.ready_state(), ws.protocol(), ws.extensions(), ws.url() == side.url("/echo"));
        ws.send_text("hello").unwrap();
        ws.send_bytes(&[1, 2, 3]).unwrap();
        let mut seen = vec![events.next().await, events.next().await];
        ws.close_with(4000, "bye").unwrap();
        assert_eq!(ws.ready_state(), ReadyState::Closing);
        seen.extend(events.until_close().await);
        (opened, seen, ws.ready_state())
    })
    .await;
    assert_eq!(events.0, (ReadyState::Open, String::new(), String::new(), true));
    let echoed = [Ev::Message(Message::Text("hello".into())), Ev::Message(Message::Binary(vec![1, 2, 3]))];
    assert_eq!(events.1, [&echoed[..], &[clean(4000, "bye")]].concat());
    assert_eq!(events.2, ReadyState::Closed);
}

#[wasm_bindgen_test]
async fn blobs_keep_their_order_among_text() {
    let received = twin(|side| async move {
        let (ws, mut events) = side.open("/echo").await;
        ws.set_binary_type(BinaryType::Blob);
        ws.send_text("1").unwrap();
        ws.send_blob(&crate::common::blob(&[2, 2])).unwrap();
        ws.send_bytes(&[3]).unwrap();
        ws.send_text("4").unwrap();
        let mut received = Vec::new();
        for _ in 0..4 {
            received.push(match events.message().await {
                Message::Blob(blob) => format!("blob {:?}", blob_bytes(&blob).await),
                other => format!("{other:?}"),
            });
        }
        received
    })
    .await;
    assert_eq!(received, [r#"Text("1")"#, "blob [2, 2]", "blob [3]", r#"Text("4")"#]);
}

#[wasm_bindgen_test]
async fn close_codes_both_ways() {
    let closes = twin(|side| async move {
        let mut closes = Vec::new();
        for path in ["/remote-close?code=4001&reason=server", "/remote-close?code=1000", "/remote-close"] {
            let ws = WebSocket::open(&side.url(path)).unwrap();
            closes.push(Recorder::attach(&ws).until_close().await);
        }
        // The client's close without a code: the server sees 1005 ("none") and answers it.
        let (ws, mut events) = side.open("/track?id=twin-close").await;
        ws.close().unwrap();
        closes.push(events.until_close().await);
        (closes, side.report("twin-close").await)
    })
    .await;
    assert_eq!(
        closes.0,
        [
            vec![Ev::Open, clean(4001, "server")],
            vec![Ev::Open, clean(1000, "")],
            vec![Ev::Open, clean(1005, "")],
            vec![clean(1005, "")],
        ]
    );
    assert_eq!(closes.1, "connections=1 closes=none");
}

#[wasm_bindgen_test]
async fn a_refused_handshake_is_an_error_then_1006_on_every_layer() {
    let seen = twin(|side| async move {
        let ws = WebSocket::open(&side.url("/status?code=403")).unwrap();
        let thin = Recorder::attach(&ws).until_close().await;
        let connection = Connection::connect(&side.url("/status?code=403")).await.err();
        (thin, connection)
    })
    .await;
    assert_eq!(seen.0, [Ev::Error, Ev::Close(abnormal())]);
    assert_eq!(seen.1, Some(Error::ConnectionFailed(abnormal())));
}

#[wasm_bindgen_test]
async fn a_delayed_handshake_stays_connecting_until_it_completes() {
    let seen = twin(|side| async move {
        let ws = WebSocket::open(&side.url("/echo?handshake_delay_ms=400")).unwrap();
        let mut events = Recorder::attach(&ws);
        sleep(100).await;
        let waiting = ws.ready_state();
        let refused = ws.send_text("too early").err();
        events.opened().await;
        (waiting, refused, ws.ready_state())
    })
    .await;
    assert_eq!(seen, (ReadyState::Connecting, Some(Error::NotOpen(ReadyState::Connecting)), ReadyState::Open));
}

#[wasm_bindgen_test]
async fn an_abrupt_drop_is_1006_and_unclean() {
    let seen = twin(|side| async move {
        let mut connection = Connection::connect(&side.url("/remote-close?abrupt=1")).await.unwrap();
        (next(&mut connection).await, connection.closed().await)
    })
    .await;
    assert_eq!(seen, (None, abnormal()));
}

#[wasm_bindgen_test]
async fn a_connection_echoes_and_closes_with_1000() {
    let seen = twin(|side| async move {
        let mut connection = Connection::connect(&side.url("/track?id=twin-sink")).await.unwrap();
        connection.send(Message::Text("one".into())).await.unwrap();
        connection.send(Message::Binary(vec![2])).await.unwrap();
        let echoed = [next(&mut connection).await, next(&mut connection).await];
        connection.close().await.unwrap();
        (echoed, connection.closed().await, side.report("twin-sink").await)
    })
    .await;
    assert_eq!(seen.0, [Some(Message::Text("one".into())), Some(Message::Binary(vec![2]))]);
    assert_eq!(seen.1, CloseEvent { code: 1000, reason: String::new(), was_clean: true });
    assert_eq!(seen.2, "connections=1 closes=1000:");
}

fn fast() -> Reconnect {
    Reconnect::default()
        .delays(Duration::from_millis(5), Duration::from_millis(40))
        .connect_timeout(Duration::from_secs(3))
}

/// The next lifecycle event, the random delay of `Reconnecting` left out.
async fn event(events: &mut Events) -> Lifecycle {
    match next(events).await.expect("more lifecycle events") {
        Lifecycle::Reconnecting { attempt, .. } => Lifecycle::Reconnecting { attempt, delay: Duration::ZERO },
        other => other,
    }
}

async fn events_until(events: &mut Events, last: impl Fn(&Lifecycle) -> bool) -> Vec<Lifecycle> {
    let mut seen = Vec::new();
    loop {
        let event = event(events).await;
        let done = last(&event);
        seen.push(event);
        if done {
            return seen;
        }
    }
}

fn reconnecting(side: Side, path: &str, policy: Reconnect) -> (Reconnecting, Events) {
    let live = Connection::builder(&side.url(path)).reconnect(policy).expect("a valid URL");
    let events = live.events();
    (live, events)
}

#[wasm_bindgen_test]
async fn refused_twice_then_accepted_with_backoff() {
    let seen = twin(|side| async move {
        let (mut live, mut events) = reconnecting(side, "/flaky?id=twin-refused&refuse=2", fast());
        let lifecycle = events_until(&mut events, |event| matches!(event, Lifecycle::Connected { .. })).await;
        live.try_send(Message::Text("through".into())).unwrap();
        (lifecycle, next(&mut live).await)
    })
    .await;
    let failed = Lifecycle::Failed(abnormal());
    let (connecting, retry) = (
        |attempt| Lifecycle::Connecting { attempt },
        |attempt| Lifecycle::Reconnecting { attempt, delay: Duration::ZERO },
    );
    let expected = [
        connecting(0),
        failed.clone(),
        retry(1),
        connecting(1),
        failed,
        retry(2),
        connecting(2),
        Lifecycle::Connected { protocol: String::new() },
    ];
    assert_eq!(seen.0, expected);
    assert_eq!(seen.1, Some(Message::Text("through".into())));
}

#[wasm_bindgen_test]
async fn a_drop_reconnects_and_the_offline_queue_arrives_in_order() {
    let seen = twin(|side| async move {
        let (mut live, mut events) = reconnecting(side, "/flaky?id=twin-queue&drop_after=1&drop_times=1", fast());
        let mut lifecycle = events_until(&mut events, |event| matches!(event, Lifecycle::Connected { .. })).await;
        live.try_send(Message::Text("a".into())).unwrap();
        let first = next(&mut live).await;
        // The peer drops the connection after one echo; these wait in the offline queue.
        lifecycle.extend(events_until(&mut events, |event| matches!(event, Lifecycle::Disconnected(_))).await);
        for text in ["b", "c"] {
            live.try_send(Message::Text(text.into())).unwrap();
        }
        lifecycle.extend(events_until(&mut events, |event| matches!(event, Lifecycle::Connected { .. })).await);
        (lifecycle, [first, next(&mut live).await, next(&mut live).await])
    })
    .await;
    assert!(matches!(seen.0[2], Lifecycle::Disconnected(CloseEvent { code: 1006, .. })), "{:?}", seen.0);
    let texts = ["a", "b", "c"].map(|text| Some(Message::Text(text.into())));
    assert_eq!(seen.1, texts);
}

#[wasm_bindgen_test]
async fn a_silent_peer_trips_the_heartbeat_and_sees_4008() {
    let seen = twin(|side| async move {
        let policy =
            fast().heartbeat(Duration::from_millis(50), Duration::from_millis(300), Message::Text("ping".into()));
        let (mut live, mut events) = reconnecting(side, "/track?id=twin-heartbeat&silent=1", policy);
        let mut lifecycle = events_until(&mut events, |event| matches!(event, Lifecycle::Connected { .. })).await;
        lifecycle.extend(events_until(&mut events, |event| matches!(event, Lifecycle::Connected { .. })).await);
        live.close().await.unwrap();
        let mut report = side.report("twin-heartbeat").await;
        for _ in 0..20 {
            if report.ends_with("1000:") {
                break;
            }
            sleep(50).await;
            report = side.report("twin-heartbeat").await;
        }
        (lifecycle, report)
    })
    .await;
    let tripped = CloseEvent { code: HEARTBEAT_CODE, reason: HEARTBEAT_REASON.into(), was_clean: false };
    assert_eq!(seen.0[2], Lifecycle::Disconnected(tripped));
    assert_eq!(seen.1, format!("connections=2 closes={HEARTBEAT_CODE}:{HEARTBEAT_REASON},1000:"));
}

#[cfg(feature = "leptos")]
#[wasm_bindgen_test]
async fn the_hooks_status_through_a_drop() {
    use browser_websocket::for_leptos::use_websocket;
    use browser_websocket::{SocketStatus, UseWebSocketOptions};
    use leptos::prelude::{GetUntracked, Owner};

    let seen = twin(|side| async move {
        let owner = Owner::new();
        let path = "/flaky?id=twin-hook&drop_after=1&drop_times=1&handshake_delay_ms=150";
        let options = UseWebSocketOptions::default().reconnect(Some(fast()));
        let ws = owner.with(|| use_websocket(&side.url(path), options));
        // Every distinct ready state the status goes through, until open a second time.
        let mut states = Vec::new();
        let mut opened = 0;
        while opened < 2 {
            let state = ws.status.get_untracked().ready_state();
            if states.last() != Some(&state) {
                states.push(state);
                if state == ReadyState::Open {
                    opened += 1;
                    if opened == 1 {
                        ws.send(Message::Text("x".into())).unwrap();
                    }
                }
            }
            sleep(1).await;
        }
        let status = ws.status.get_untracked();
        (states, status, ws.last_close.get_untracked())
    })
    .await;
    use ReadyState::{Connecting, Open};
    assert_eq!(seen.0, [Connecting, Open, Connecting, Open]);
    assert_eq!(seen.1, SocketStatus::Open);
    assert_eq!(seen.2, Some(abnormal()));
}
