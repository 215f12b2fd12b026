//! (Feature `rpc`.) Calls and subscriptions over a reconnecting socket (or one connection):
//! JSON-RPC 2.0 built in, any id-correlated protocol through [`Protocol`].
//!
//! - **A call always ends**: in its result, the server's error ([`RpcError::Server`]), a
//!   timeout ([`RpcError::Timeout`], per call, 30 s by default), or at once when its connection
//!   drops before the answer ([`RpcError::Disconnected`]) — unless marked
//!   [safe to repeat](CallOptions::safe_to_repeat), in which case it is sent again on the next
//!   connection (at least once, then: the server may see it twice). Calls made while
//!   disconnected wait in the offline queue ([`Reconnect::queue`]) and go out on the next
//!   connection. Dropping a call's future cancels it: its late answer is discarded.
//! - **A subscription comes back**: after a reconnect it subscribes again by itself and yields
//!   [`Update::Missed`]`(`[`Missed::Reconnected`]`)` before the items that follow, since items may
//!   have been missed in between. Its buffer is bounded ([`Client::buffer`], 256 items by
//!   default): when full, the oldest items are dropped and the next read is
//!   [`Missed::Overflow`] with how many. Dropping it calls the unsubscribe method.
//! - **Typed**: params, results and items are serde types ([`Client::call`]), or go through any
//!   codee text codec that writes JSON ([`Client::call_as`], [`Client::subscribe_as`]), as the
//!   crate's other typed layers do.
//! - **Nothing is lost without a trace**: answers that match no call, notifications that match
//!   no subscription and messages the protocol cannot read are counted ([`Client::unmatched`])
//!   and, with feature `tracing`, logged at debug level (the call's id at most, never a payload).
//!
//! ```no_run
//! # async fn demo() -> Result<(), browser_websocket::rpc::RpcError> {
//! use browser_websocket::rpc::{CallOptions, Client, Update};
//! use browser_websocket::Reconnect;
//! use futures::StreamExt;
//!
//! let node = Client::connect("wss://node.example/rpc", Reconnect::default()).expect("a valid URL");
//! let height: u64 = node.call("chain_height", ()).await?;
//! let options = CallOptions::default().safe_to_repeat();
//! let balance: String = node.call_with("get_balance", ["alice"], options).await?;
//! let mut heads = node.subscribe::<serde_json::Value>("chain_subscribeHeads", (), "chain_unsubscribeHeads").await?;
//! while let Some(update) = heads.next().await {
//!     match update {
//!         Update::Item(head) => { /* ... */ }
//!         Update::Missed(missed) => { /* refetch what a gap may have hidden */ }
//!         Update::Undecodable(error) => { /* an item that did not fit the type */ }
//!     }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Delivery across reconnects is the crate's: a request already handed to the browser when its
//! connection drops may or may not have reached the server (hence the failure, or the repeat).

mod protocol;
mod table;

use core::cell::RefCell;
use core::fmt;
use core::future::{poll_fn, Future};
use core::pin::Pin;
use core::task::{Context, Poll};
use core::time::Duration;
use std::rc::{Rc, Weak};

use codee::{Decoder, Encoder};
use futures_core::Stream;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

pub use self::protocol::{Incoming, JsonRpc, Protocol};
use self::table::{Effects, Table};
use crate::reconnect::Observer;
use crate::{Builder, Connection, Error, Lifecycle, Message, Reconnect, Reconnecting};

/// The server's error for a call: JSON-RPC's `code`, `message` and `data`.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerError {
    /// The error code (JSON-RPC's are negative, -32768 to -32000 reserved).
    pub code: i64,
    /// The server's message.
    pub message: String,
    /// Any further data the server sent.
    pub data: Option<Value>,
}

/// Why a call (or a subscription) did not give a result.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum RpcError {
    /// The server answered with an error.
    Server(ServerError),
    /// No answer within the call's timeout.
    Timeout,
    /// The connection the call went out on dropped before its answer (a call not marked safe
    /// to repeat).
    Disconnected,
    /// The client has stopped for good: closed, gave up reconnecting, or dropped.
    Closed,
    /// The request could not be queued (the offline queue is full, say).
    Send(Error),
    /// The params could not be encoded (the encoder's message, quoted parts removed).
    Encode(String),
    /// The result did not decode into the type asked for (the decoder's message, quoted parts
    /// removed).
    Decode(String),
}

impl fmt::Display for RpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RpcError::Server(error) => write!(f, "the server answered with error {}", error.code),
            RpcError::Timeout => f.write_str("no answer in time"),
            RpcError::Disconnected => f.write_str("the connection dropped before the answer"),
            RpcError::Closed => f.write_str("the client is closed"),
            RpcError::Send(error) => write!(f, "the request could not be sent: {error}"),
            RpcError::Encode(error) => write!(f, "the params could not be encoded: {error}"),
            RpcError::Decode(error) => write!(f, "the result did not decode: {error}"),
        }
    }
}

impl std::error::Error for RpcError {}

/// How one call is made: its timeout, and whether it may be sent again after a drop.
#[derive(Debug, Clone, Copy, Default)]
pub struct CallOptions {
    timeout: Option<Duration>,
    repeat: bool,
}

impl CallOptions {
    /// This call's timeout, instead of the client's ([`Client::timeout`]).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// If its connection drops before the answer, the call is sent again on the next one
    /// instead of failing: for reads and idempotent writes (the server may see it twice).
    #[must_use]
    pub fn safe_to_repeat(mut self) -> Self {
        self.repeat = true;
        self
    }
}

/// What a subscription yields.
#[derive(Debug, Clone, PartialEq)]
pub enum Update<T> {
    /// An item.
    Item(T),
    /// Items may have been missed here.
    Missed(Missed),
    /// An item that did not decode into `T` (the decoder's message, quoted parts removed); the
    /// subscription goes on.
    Undecodable(String),
}

/// Why items may have been missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missed {
    /// The connection dropped and the subscription was made again on a new one.
    Reconnected,
    /// The buffer was full and this many of the oldest items were dropped.
    Overflow {
        /// How many.
        dropped: usize,
    },
}

/// What [`Client::unmatched`] counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unmatched {
    /// Answers to no waiting call (a cancelled or timed-out call's late answer, say).
    pub responses: u64,
    /// Notifications for no live subscription.
    pub notifications: u64,
    /// Messages the protocol read as neither.
    pub unreadable: u64,
}

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_BUFFER: usize = 256;

struct Inner {
    socket: Reconnecting,
    protocol: Box<dyn Protocol>,
    table: RefCell<Table>,
    timeout: core::cell::Cell<Duration>,
    buffer: core::cell::Cell<usize>,
}

impl Inner {
    /// Sends and wakes what the table said, outside its borrow.
    fn apply(&self, effects: Effects) {
        for (id, message) in effects.send {
            if let Err(error) = self.socket.try_send(message) {
                let waker = self.table.borrow_mut().fail(id, RpcError::Send(error));
                crate::wakers::wake(waker);
            }
        }
        crate::wakers::wake_all(effects.wake);
    }
}

/// Hands the driver's messages and events to the table, in the driver's order, and then to the
/// observer behind it, if any (a hook: its status, and the messages that are neither answers
/// nor notifications).
struct Router {
    inner: Weak<Inner>,
    next: Option<Box<dyn Observer>>,
}

impl Observer for Router {
    fn message(&self, message: Message) {
        let Some(inner) = self.inner.upgrade() else { return };
        let incoming = inner.protocol.read(&message);
        let other = matches!(incoming, Incoming::Other);
        let effects = inner.table.borrow_mut().received(incoming);
        inner.apply(effects);
        if let (true, Some(next)) = (other, &self.next) {
            next.message(message);
        }
    }

    fn event(&self, event: Lifecycle) {
        if let Some(inner) = self.inner.upgrade() {
            let effects = match event {
                Lifecycle::Connected { .. } => inner.table.borrow_mut().connected(&*inner.protocol),
                Lifecycle::Disconnected(_) => inner.table.borrow_mut().disconnected(),
                _ => Effects::default(),
            };
            inner.apply(effects);
        }
        if let Some(next) = &self.next {
            next.event(event);
        }
    }

    fn ended(&self) {
        if let Some(inner) = self.inner.upgrade() {
            let effects = inner.table.borrow_mut().ended();
            inner.apply(effects);
        }
        if let Some(next) = &self.next {
            next.ended();
        }
    }
}

/// A JSON-RPC (or other [`Protocol`]) client over a [`Reconnecting`] socket. Cloning shares it;
/// the socket closes (1000) when the last clone and the last [`Subscription`] are dropped.
#[derive(Clone)]
pub struct Client {
    inner: Rc<Inner>,
}

impl Client {
    /// JSON-RPC 2.0 at `url`, reconnecting by `reconnect` (a [`Reconnect`] policy), or over one
    /// connection that is never retried (`None`: once it ends, every call fails with
    /// [`RpcError::Closed`]). Fails only on a URL the builder refuses.
    pub fn connect(url: &str, reconnect: impl Into<Option<Reconnect>>) -> Result<Client, Error> {
        Client::with_protocol(Connection::builder(url), reconnect, JsonRpc)
    }

    /// `protocol` over the socket `builder` describes (subprotocols, limits), reconnecting as
    /// [`Client::connect`] says.
    pub fn with_protocol(
        builder: Builder,
        reconnect: impl Into<Option<Reconnect>>,
        protocol: impl Protocol,
    ) -> Result<Client, Error> {
        Client::observed(builder, reconnect.into(), Box::new(protocol), None)
    }

    /// [`Client::with_protocol`], with `next` seeing the lifecycle events and the messages that
    /// are neither answers nor notifications (the hooks).
    pub(crate) fn observed(
        builder: Builder,
        reconnect: Option<Reconnect>,
        protocol: Box<dyn Protocol>,
        next: Option<Box<dyn Observer>>,
    ) -> Result<Client, Error> {
        builder.check()?;
        let inner = Rc::new_cyclic(|weak: &Weak<Inner>| {
            let router = Box::new(Router { inner: weak.clone(), next });
            let socket = match reconnect {
                Some(policy) => Reconnecting::start(builder, policy, Some(router)),
                None => Reconnecting::start_once(builder, router),
            };
            Inner {
                socket,
                protocol,
                table: RefCell::new(Table::default()),
                timeout: DEFAULT_TIMEOUT.into(),
                buffer: DEFAULT_BUFFER.into(),
            }
        });
        Ok(Client { inner })
    }

    /// The timeout of calls that set none (30 s unless changed), for calls made from now on.
    #[must_use]
    pub fn timeout(self, timeout: Duration) -> Self {
        self.inner.timeout.set(timeout);
        self
    }

    /// How many items each subscription made from now on keeps while unread (256 unless
    /// changed; at least 1).
    #[must_use]
    pub fn buffer(self, items: usize) -> Self {
        self.inner.buffer.set(items);
        self
    }

    /// Calls `method` with `params` (anything serde serializes: a tuple or array for positional
    /// params, a struct or map for named ones, `()` for none) and decodes the result as `R`.
    pub async fn call<R: DeserializeOwned>(&self, method: &str, params: impl Serialize) -> Result<R, RpcError> {
        self.call_with(method, params, CallOptions::default()).await
    }

    /// [`Client::call`] with its own [`CallOptions`].
    pub async fn call_with<R: DeserializeOwned>(
        &self,
        method: &str,
        params: impl Serialize,
        options: CallOptions,
    ) -> Result<R, RpcError> {
        let result = self.call_value(method, encode(params)?, options).await?;
        from_serde(result).map_err(RpcError::Decode)
    }

    /// [`Client::call_with`] with params and result through the codee codec `C` (a text codec
    /// writing JSON, for JSON-RPC: `JsonSerdeCodec`, or one of your own), as the crate's other
    /// typed layers take theirs.
    ///
    /// ```no_run
    /// # async fn demo(node: browser_websocket::rpc::Client) -> Result<(), browser_websocket::rpc::RpcError> {
    /// use browser_websocket::codee::string::JsonSerdeCodec;
    /// use browser_websocket::rpc::CallOptions;
    ///
    /// let sum: i64 = node.call_as::<JsonSerdeCodec, _, _>("add", &[1, 2], CallOptions::default()).await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn call_as<C, P, R>(&self, method: &str, params: &P, options: CallOptions) -> Result<R, RpcError>
    where
        C: Encoder<P, Encoded = String> + Decoder<R, Encoded = str>,
        <C as Encoder<P>>::Error: fmt::Display,
        <C as Decoder<R>>::Error: fmt::Display,
    {
        let result = self.call_value(method, encode_with::<C, P>(params)?, options).await?;
        from_codec::<C, R>(result).map_err(RpcError::Decode)
    }

    /// The call itself: the result as JSON.
    async fn call_value(&self, method: &str, params: Value, options: CallOptions) -> Result<Value, RpcError> {
        let (id, request) = self.inner.table.borrow_mut().call(&*self.inner.protocol, method, params, options.repeat);
        // From here on, however this future ends, the call is forgotten.
        let _forget = Forget { inner: &self.inner, id };
        self.inner.apply(Effects { send: vec![(id, request)], wake: Vec::new() });
        let timeout = options.timeout.unwrap_or(self.inner.timeout.get());
        within(timeout, poll_fn(|cx| self.inner.table.borrow_mut().poll_call(id, cx))).await
    }

    /// Subscribes with `method` and `params`; the [`Subscription`] yields items decoded as `T`,
    /// comes back after a reconnect, and calls `unsubscribe` (with the server's subscription
    /// id) when dropped. Fails as a call does if the first subscribe call fails.
    pub async fn subscribe<T: DeserializeOwned>(
        &self,
        method: &str,
        params: impl Serialize,
        unsubscribe: &str,
    ) -> Result<Subscription<T>, RpcError> {
        self.subscribe_value(method, encode(params)?, unsubscribe, from_serde::<T>).await
    }

    /// [`Client::subscribe`] with params and items through the codee codec `C`, as
    /// [`Client::call_as`].
    pub async fn subscribe_as<C, P, T>(
        &self,
        method: &str,
        params: &P,
        unsubscribe: &str,
    ) -> Result<Subscription<T>, RpcError>
    where
        C: Encoder<P, Encoded = String> + Decoder<T, Encoded = str>,
        <C as Encoder<P>>::Error: fmt::Display,
        <C as Decoder<T>>::Error: fmt::Display,
    {
        self.subscribe_value(method, encode_with::<C, P>(params)?, unsubscribe, from_codec::<C, T>).await
    }

    async fn subscribe_value<T>(
        &self,
        method: &str,
        params: Value,
        unsubscribe: &str,
        decode: fn(Value) -> Result<T, String>,
    ) -> Result<Subscription<T>, RpcError> {
        let capacity = self.inner.buffer.get();
        let (key, call) = self.inner.table.borrow_mut().subscribe(&*self.inner.protocol, method, params, capacity);
        let subscription = Subscription { inner: self.inner.clone(), key, unsubscribe: unsubscribe.to_owned(), decode };
        self.inner.apply(Effects { send: vec![call], wake: Vec::new() });
        let timeout = self.inner.timeout.get();
        within(timeout, poll_fn(|cx| self.inner.table.borrow_mut().poll_subscribed(key, cx))).await?;
        Ok(subscription)
    }

    /// What arrived and matched nothing, so far.
    pub fn unmatched(&self) -> Unmatched {
        let table = self.inner.table.borrow();
        Unmatched {
            responses: table.unmatched_responses,
            notifications: table.unmatched_notifications,
            unreadable: table.unreadable,
        }
    }

    /// Calls waiting for their answer.
    pub fn waiting(&self) -> usize {
        self.inner.table.borrow().waiting()
    }

    /// The socket underneath: its lifecycle events, stats and `close_with`. (Its messages come
    /// to the client, not to its stream.)
    pub fn socket(&self) -> &Reconnecting {
        &self.inner.socket
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client").field("waiting", &self.waiting()).finish_non_exhaustive()
    }
}

fn encode(params: impl Serialize) -> Result<Value, RpcError> {
    serde_json::to_value(params).map_err(|error| RpcError::Encode(crate::redact::quoted(error)))
}

/// `params` through the codec `C`, then read as the JSON the envelope carries.
fn encode_with<C, P>(params: &P) -> Result<Value, RpcError>
where
    C: Encoder<P, Encoded = String>,
    C::Error: fmt::Display,
{
    let text = C::encode(params).map_err(|error| RpcError::Encode(crate::redact::quoted(error)))?;
    serde_json::from_str(&text).map_err(|error| RpcError::Encode(crate::redact::quoted(error)))
}

fn from_serde<T: DeserializeOwned>(value: Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(crate::redact::quoted)
}

/// A result or item, written back as JSON text for the codec `C` to read.
fn from_codec<C, T>(value: Value) -> Result<T, String>
where
    C: Decoder<T, Encoded = str>,
    C::Error: fmt::Display,
{
    C::decode(&value.to_string()).map_err(crate::redact::quoted)
}

/// Removes its call from the table when dropped: on the answer, on timeout or on cancellation.
struct Forget<'a> {
    inner: &'a Inner,
    id: u64,
}

impl Drop for Forget<'_> {
    fn drop(&mut self) {
        self.inner.table.borrow_mut().forget(self.id);
    }
}

/// `future`, or [`RpcError::Timeout`] after `timeout`.
async fn within<T>(timeout: Duration, future: impl Future<Output = Result<T, RpcError>>) -> Result<T, RpcError> {
    let mut future = core::pin::pin!(future);
    let mut timer = gloo_timers::future::TimeoutFuture::new(crate::timer::millis(timeout));
    poll_fn(|cx| {
        if let Poll::Ready(result) = future.as_mut().poll(cx) {
            return Poll::Ready(result);
        }
        Pin::new(&mut timer).poll(cx).map(|()| Err(RpcError::Timeout))
    })
    .await
}

/// The items of one subscription, as a [`Stream`] of [`Update`]s; it ends only when the client
/// stops for good (or the server refuses a subscription made again after a reconnect).
/// Dropping it unsubscribes.
pub struct Subscription<T> {
    inner: Rc<Inner>,
    key: u64,
    unsubscribe: String,
    decode: fn(Value) -> Result<T, String>,
}

impl<T> Stream for Subscription<T> {
    type Item = Update<T>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Update<T>>> {
        let decode = self.decode;
        self.inner.table.borrow_mut().poll_update(self.key, cx).map(|update| {
            update.map(|update| match update {
                Ok(item) => decode(item).map_or_else(Update::Undecodable, Update::Item),
                Err(missed) => Update::Missed(missed),
            })
        })
    }
}

impl<T> Drop for Subscription<T> {
    fn drop(&mut self) {
        let call = self.inner.table.borrow_mut().unsubscribe(&*self.inner.protocol, self.key, &self.unsubscribe);
        self.inner.apply(Effects { send: call.into_iter().collect(), wake: Vec::new() });
    }
}

impl<T> fmt::Debug for Subscription<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Subscription").field("key", &self.key).finish_non_exhaustive()
    }
}
