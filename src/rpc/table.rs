//! [`Table`]: the calls waiting for an answer and the subscriptions, and what each connection
//! event does to them. Pure logic: it says what to send and whom to wake, the client does it.

use core::task::{Context, Poll, Waker};
use std::collections::{BTreeMap, VecDeque};

use serde_json::Value;

use super::protocol::{Incoming, Protocol};
use super::{Missed, RpcError};
use crate::wakers::park;
use crate::Message;

/// What the client must do after the table changed: send these (the id says whose message it
/// is, so a refused send fails that call), then wake these.
#[derive(Default)]
pub(crate) struct Effects {
    pub send: Vec<(u64, Message)>,
    pub wake: Vec<Waker>,
}

enum Kind {
    Call,
    /// The subscribe call of this subscription.
    Subscribe(u64),
    /// An unsubscribe nobody waits for.
    Detached,
}

struct Pending {
    /// The connection it went out on; `None` while it waits in the offline queue.
    sent_on: Option<u64>,
    /// The request again, for a call marked safe to repeat.
    repeat: Option<Message>,
    kind: Kind,
    outcome: Option<Result<Value, RpcError>>,
    waker: Option<Waker>,
}

enum State {
    Subscribing,
    Active(Value),
    /// Its connection dropped: subscribed again on the next one.
    Lost,
    Ended,
}

enum Entry {
    Item(Value),
    Gap,
}

struct Sub {
    state: State,
    method: String,
    params: Value,
    entries: VecDeque<Entry>,
    capacity: usize,
    /// Items dropped from the front since the reader last looked.
    dropped: usize,
    /// It has been active once: a later subscription again marks a gap.
    was_active: bool,
    /// Why the first subscribe failed.
    failure: Option<RpcError>,
    waker: Option<Waker>,
}

/// One client's calls and subscriptions.
#[derive(Default)]
pub(crate) struct Table {
    next_id: u64,
    next_key: u64,
    /// Counts the connections; `connected` says whether the latest is open.
    generation: u64,
    connected: bool,
    ended: bool,
    calls: BTreeMap<u64, Pending>,
    subs: BTreeMap<u64, Sub>,
    pub unmatched_responses: u64,
    pub unmatched_notifications: u64,
    /// Messages the protocol could not read as either.
    pub unreadable: u64,
}

impl Table {
    fn insert(
        &mut self,
        protocol: &dyn Protocol,
        method: &str,
        params: Value,
        kind: Kind,
        repeat: bool,
    ) -> (u64, Message) {
        self.next_id += 1;
        let id = self.next_id;
        let request = protocol.request(id, method, params);
        let sent_on = self.connected.then_some(self.generation);
        let repeat = repeat.then(|| request.clone());
        let outcome = self.ended.then_some(Err(RpcError::Closed));
        self.calls.insert(id, Pending { sent_on, repeat, kind, outcome, waker: None });
        (id, request)
    }

    /// A new call: its id and the message to send.
    pub fn call(&mut self, protocol: &dyn Protocol, method: &str, params: Value, repeat: bool) -> (u64, Message) {
        self.insert(protocol, method, params, Kind::Call, repeat)
    }

    /// The call's outcome, once there is one (then the call is gone).
    pub fn poll_call(&mut self, id: u64, cx: &Context<'_>) -> Poll<Result<Value, RpcError>> {
        let Some(pending) = self.calls.get_mut(&id) else { return Poll::Ready(Err(RpcError::Closed)) };
        if let Some(outcome) = pending.outcome.take() {
            self.calls.remove(&id);
            return Poll::Ready(outcome);
        }
        park(&mut pending.waker, cx);
        Poll::Pending
    }

    /// The call's future is gone (done, cancelled or timed out): a late answer is unmatched.
    pub fn forget(&mut self, id: u64) {
        self.calls.remove(&id);
    }

    /// The call could not even be queued (unless it had ended already: the client's end wins).
    pub fn fail(&mut self, id: u64, error: RpcError) -> Option<Waker> {
        let pending = self.calls.get_mut(&id).filter(|pending| pending.outcome.is_none())?;
        pending.outcome = Some(Err(error));
        pending.waker.take()
    }

    /// A new subscription: its key, and its subscribe call.
    pub fn subscribe(
        &mut self,
        protocol: &dyn Protocol,
        method: &str,
        params: Value,
        capacity: usize,
    ) -> (u64, (u64, Message)) {
        self.next_key += 1;
        let key = self.next_key;
        let call = self.insert(protocol, method, params.clone(), Kind::Subscribe(key), false);
        let state = if self.ended { State::Ended } else { State::Subscribing };
        let failure = self.ended.then_some(RpcError::Closed);
        let sub = Sub {
            state,
            method: method.to_owned(),
            params,
            entries: VecDeque::new(),
            capacity: capacity.max(1),
            dropped: 0,
            was_active: false,
            failure,
            waker: None,
        };
        self.subs.insert(key, sub);
        (key, call)
    }

    /// Ready once the server has answered the first subscribe call.
    pub fn poll_subscribed(&mut self, key: u64, cx: &Context<'_>) -> Poll<Result<(), RpcError>> {
        let Some(sub) = self.subs.get_mut(&key) else { return Poll::Ready(Err(RpcError::Closed)) };
        if sub.was_active {
            return Poll::Ready(Ok(()));
        }
        if let Some(failure) = sub.failure.take() {
            return Poll::Ready(Err(failure));
        }
        park(&mut sub.waker, cx);
        Poll::Pending
    }

    /// The next update of the subscription; `None` once it has ended and everything is read.
    pub fn poll_update(&mut self, key: u64, cx: &Context<'_>) -> Poll<Option<Result<Value, Missed>>> {
        let Some(sub) = self.subs.get_mut(&key) else { return Poll::Ready(None) };
        if sub.dropped > 0 {
            let dropped = core::mem::take(&mut sub.dropped);
            return Poll::Ready(Some(Err(Missed::Overflow { dropped })));
        }
        match sub.entries.pop_front() {
            Some(Entry::Item(item)) => Poll::Ready(Some(Ok(item))),
            Some(Entry::Gap) => Poll::Ready(Some(Err(Missed::Reconnected))),
            None if matches!(sub.state, State::Ended) => Poll::Ready(None),
            None => {
                park(&mut sub.waker, cx);
                Poll::Pending
            }
        }
    }

    /// The subscription is dropped: the call that ends it on the server, if it is active there.
    pub fn unsubscribe(&mut self, protocol: &dyn Protocol, key: u64, method: &str) -> Option<(u64, Message)> {
        let sub = self.subs.remove(&key)?;
        // A subscribe still on its way is answered into nothing (counted as unmatched).
        self.calls.retain(|_, pending| !matches!(pending.kind, Kind::Subscribe(of) if of == key));
        match sub.state {
            State::Active(id) if self.connected => {
                let params = protocol.unsubscribe_params(&id);
                Some(self.insert(protocol, method, params, Kind::Detached, false))
            }
            _ => None,
        }
    }

    /// A message arrived.
    pub fn received(&mut self, incoming: Incoming) -> Effects {
        let mut effects = Effects::default();
        match incoming {
            Incoming::Response { id, result } => {
                let Some(pending) = self.calls.get_mut(&id) else {
                    self.unmatched_responses += 1;
                    #[cfg(feature = "tracing")]
                    tracing::debug!(id, "rpc: an answer for no waiting call (cancelled, timed out, or unknown)");
                    return effects;
                };
                match &pending.kind {
                    Kind::Call => {
                        pending.outcome = Some(result.map_err(RpcError::Server));
                        effects.wake.extend(pending.waker.take());
                    }
                    &Kind::Subscribe(key) => {
                        self.calls.remove(&id);
                        self.subscribed(key, result, &mut effects);
                    }
                    Kind::Detached => {
                        self.calls.remove(&id);
                    }
                }
            }
            Incoming::Notification { subscription, item } => {
                let sub =
                    self.subs.values_mut().find(|sub| matches!(&sub.state, State::Active(id) if *id == subscription));
                match sub {
                    Some(sub) => {
                        if sub.entries.len() >= sub.capacity {
                            // The oldest goes: a live feed's latest items matter most.
                            if let Some(Entry::Item(_)) = sub.entries.pop_front() {
                                sub.dropped += 1;
                            }
                        }
                        sub.entries.push_back(Entry::Item(item));
                        effects.wake.extend(sub.waker.take());
                    }
                    None => {
                        self.unmatched_notifications += 1;
                        #[cfg(feature = "tracing")]
                        tracing::debug!("rpc: a notification for no live subscription");
                    }
                }
            }
            Incoming::Other => {
                self.unreadable += 1;
                #[cfg(feature = "tracing")]
                tracing::debug!("rpc: a message that is neither an answer nor a notification");
            }
        }
        effects
    }

    fn subscribed(&mut self, key: u64, result: Result<Value, super::ServerError>, effects: &mut Effects) {
        let Some(sub) = self.subs.get_mut(&key) else { return };
        match result {
            Ok(id) => {
                if sub.was_active {
                    sub.entries.push_back(Entry::Gap);
                }
                sub.was_active = true;
                sub.state = State::Active(id);
            }
            Err(error) => {
                if !sub.was_active {
                    sub.failure = Some(RpcError::Server(error));
                }
                sub.state = State::Ended;
            }
        }
        effects.wake.extend(sub.waker.take());
    }

    /// A connection opened: what waited in the offline queue went out on it; lost
    /// subscriptions subscribe again.
    pub fn connected(&mut self, protocol: &dyn Protocol) -> Effects {
        self.generation += 1;
        self.connected = true;
        for pending in self.calls.values_mut() {
            pending.sent_on.get_or_insert(self.generation);
        }
        let mut effects = Effects::default();
        let lost: Vec<(u64, String, Value)> = self
            .subs
            .iter()
            .filter(|(_, sub)| matches!(sub.state, State::Lost))
            .map(|(key, sub)| (*key, sub.method.clone(), sub.params.clone()))
            .collect();
        for (key, method, params) in lost {
            effects.send.push(self.insert(protocol, &method, params, Kind::Subscribe(key), false));
            if let Some(sub) = self.subs.get_mut(&key) {
                sub.state = State::Subscribing;
            }
        }
        effects
    }

    /// The connection dropped: calls sent on it fail, or go out again if safe to repeat;
    /// subscriptions are lost until the next connection.
    pub fn disconnected(&mut self) -> Effects {
        let mut effects = Effects::default();
        if !self.connected {
            return effects;
        }
        self.connected = false;
        let generation = self.generation;
        let mut gone = Vec::new();
        for (id, pending) in &mut self.calls {
            if pending.sent_on != Some(generation) || pending.outcome.is_some() {
                continue;
            }
            match (&pending.kind, &pending.repeat) {
                (Kind::Call, Some(request)) => {
                    pending.sent_on = None;
                    effects.send.push((*id, request.clone()));
                }
                (Kind::Call, None) => {
                    pending.outcome = Some(Err(RpcError::Disconnected));
                    effects.wake.extend(pending.waker.take());
                }
                (Kind::Subscribe(_) | Kind::Detached, _) => gone.push(*id),
            }
        }
        for id in gone {
            self.calls.remove(&id);
        }
        for sub in self.subs.values_mut() {
            if matches!(sub.state, State::Active(_) | State::Subscribing) {
                sub.state = State::Lost;
            }
        }
        effects
    }

    /// The client has stopped for good: every call fails, every subscription ends.
    pub fn ended(&mut self) -> Effects {
        self.ended = true;
        self.connected = false;
        let mut effects = Effects::default();
        for pending in self.calls.values_mut() {
            if pending.outcome.is_none() {
                pending.outcome = Some(Err(RpcError::Closed));
            }
            effects.wake.extend(pending.waker.take());
        }
        for sub in self.subs.values_mut() {
            if !sub.was_active {
                sub.failure = Some(RpcError::Closed);
            }
            sub.state = State::Ended;
            effects.wake.extend(sub.waker.take());
        }
        effects
    }

    /// Calls waiting for an answer (for the stats and the tests).
    pub fn waiting(&self) -> usize {
        self.calls.values().filter(|pending| !matches!(pending.kind, Kind::Detached)).count()
    }
}

#[cfg(test)]
mod tests {
    use core::task::{Context, Poll};

    use serde_json::{json, Value};

    use super::{Effects, Table};
    use crate::rpc::protocol::{Incoming, JsonRpc};
    use crate::rpc::{Missed, RpcError, ServerError};
    use crate::Message;

    fn cx() -> Context<'static> {
        Context::from_waker(futures::task::noop_waker_ref())
    }

    fn answer(id: u64, value: Value) -> Incoming {
        Incoming::Response { id, result: Ok(value) }
    }

    fn ids(effects: &Effects) -> Vec<u64> {
        effects.send.iter().map(|(id, _)| *id).collect()
    }

    #[test]
    fn an_answer_reaches_its_call_and_a_stray_one_is_counted() {
        let mut table = Table::default();
        table.connected(&JsonRpc);
        let (id, message) = table.call(&JsonRpc, "add", json!([1, 2]), false);
        assert!(matches!(message, Message::Text(_)));
        assert_eq!(table.poll_call(id, &cx()), Poll::Pending);
        table.received(answer(id, json!(3)));
        assert_eq!(table.poll_call(id, &cx()), Poll::Ready(Ok(json!(3))));
        assert_eq!(table.waiting(), 0);
        table.received(answer(id, json!(3)));
        assert_eq!(table.unmatched_responses, 1);
        let error = ServerError { code: -1, message: "no".into(), data: None };
        let (id, _) = table.call(&JsonRpc, "x", json!(null), false);
        table.received(Incoming::Response { id, result: Err(error.clone()) });
        assert_eq!(table.poll_call(id, &cx()), Poll::Ready(Err(RpcError::Server(error))));
    }

    #[test]
    fn a_drop_fails_calls_sent_on_it_repeats_the_safe_ones_and_keeps_the_queued_ones() {
        let mut table = Table::default();
        table.connected(&JsonRpc);
        let (plain, _) = table.call(&JsonRpc, "a", json!(null), false);
        let (safe, _) = table.call(&JsonRpc, "b", json!(null), true);
        let effects = table.disconnected();
        assert_eq!(ids(&effects), [safe], "the safe call goes out again (into the offline queue)");
        assert_eq!(table.poll_call(plain, &cx()), Poll::Ready(Err(RpcError::Disconnected)));
        // Made while disconnected: queued, not failed by the next drop's bookkeeping.
        let (queued, _) = table.call(&JsonRpc, "c", json!(null), false);
        assert!(table.disconnected().send.is_empty());
        table.connected(&JsonRpc);
        assert_eq!(table.poll_call(queued, &cx()), Poll::Pending);
        table.received(answer(safe, json!("b")));
        assert_eq!(table.poll_call(safe, &cx()), Poll::Ready(Ok(json!("b"))));
        // Both now count as sent on the second connection: its drop fails the plain one.
        table.disconnected();
        assert_eq!(table.poll_call(queued, &cx()), Poll::Ready(Err(RpcError::Disconnected)));
    }

    #[test]
    fn a_subscription_comes_back_after_a_drop_with_a_gap_marked() {
        let mut table = Table::default();
        table.connected(&JsonRpc);
        let (key, (call, _)) = table.subscribe(&JsonRpc, "sub", json!([]), 8);
        assert_eq!(table.poll_subscribed(key, &cx()), Poll::Pending);
        table.received(answer(call, json!("s1")));
        assert_eq!(table.poll_subscribed(key, &cx()), Poll::Ready(Ok(())));
        table.received(Incoming::Notification { subscription: json!("s1"), item: json!(1) });
        table.disconnected();
        // The old id means nothing now.
        table.received(Incoming::Notification { subscription: json!("s1"), item: json!(2) });
        assert_eq!(table.unmatched_notifications, 1);
        let effects = table.connected(&JsonRpc);
        let [again] = ids(&effects)[..] else { panic!("one subscribe call") };
        table.received(answer(again, json!("s2")));
        table.received(Incoming::Notification { subscription: json!("s2"), item: json!(3) });
        let updates: Vec<_> = (0..3).map(|_| table.poll_update(key, &cx())).collect();
        assert_eq!(
            updates,
            [
                Poll::Ready(Some(Ok(json!(1)))),
                Poll::Ready(Some(Err(Missed::Reconnected))),
                Poll::Ready(Some(Ok(json!(3))))
            ]
        );
        assert_eq!(table.poll_update(key, &cx()), Poll::Pending);
        let (_, message) = table.unsubscribe(&JsonRpc, key, "unsub").expect("an unsubscribe call");
        let Message::Text(text) = message else { panic!() };
        assert!(text.contains(r#""params":["s2"]"#), "{text}");
    }

    #[test]
    fn a_full_buffer_drops_the_oldest_and_says_how_many() {
        let mut table = Table::default();
        table.connected(&JsonRpc);
        let (key, (call, _)) = table.subscribe(&JsonRpc, "sub", json!([]), 2);
        table.received(answer(call, json!(9)));
        for item in 0..5 {
            table.received(Incoming::Notification { subscription: json!(9), item: json!(item) });
        }
        let updates: Vec<_> = (0..3).map(|_| table.poll_update(key, &cx())).collect();
        let expected = [
            Poll::Ready(Some(Err(Missed::Overflow { dropped: 3 }))),
            Poll::Ready(Some(Ok(json!(3)))),
            Poll::Ready(Some(Ok(json!(4)))),
        ];
        assert_eq!(updates, expected);
    }

    #[test]
    fn the_end_fails_what_waits_and_ends_the_subscriptions() {
        let mut table = Table::default();
        let (id, _) = table.call(&JsonRpc, "a", json!(null), true);
        let (key, _) = table.subscribe(&JsonRpc, "sub", json!([]), 2);
        table.ended();
        assert_eq!(table.poll_call(id, &cx()), Poll::Ready(Err(RpcError::Closed)));
        assert_eq!(table.poll_subscribed(key, &cx()), Poll::Ready(Err(RpcError::Closed)));
        assert_eq!(table.poll_update(key, &cx()), Poll::Ready(None));
        let (late, _) = table.call(&JsonRpc, "b", json!(null), false);
        assert_eq!(table.poll_call(late, &cx()), Poll::Ready(Err(RpcError::Closed)));
    }
}
