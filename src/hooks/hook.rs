//! The one hook core every framework adapter wraps: it opens the [`Reconnecting`] connection,
//! feeds its messages and lifecycle events to the framework through [`Render`], and answers
//! `send`, `close_with` and `open` the same way for every framework.

use core::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use futures_core::FusedStream;

use super::status::View;
use super::UseWebSocketOptions;
use crate::reconnect::Observer;
use crate::{close, Connection, Error, Lifecycle, Message, Reconnecting};

/// How a framework shows what the core sees: each adapter implements it on its own signals or
/// state handles.
pub(crate) trait Render {
    /// The state changed: show `view`.
    fn show(&self, view: View);
    /// A message arrived: add it to the list.
    fn receive(&self, message: Message);
}

/// One hook's connection and state, shared by the framework's handle and the connection's
/// driver, which hands it messages and events through a [`Follower`] holding it weakly: dropping
/// the core (the component unmounts) drops the connection, which closes the socket and ends the
/// driver.
pub(crate) struct Hook {
    url: RefCell<String>,
    options: UseWebSocketOptions,
    live: RefCell<Option<Live>>,
    view: RefCell<View>,
    /// Counts `open` calls, so the driver of a replaced connection stops touching the state.
    generation: Cell<u64>,
    render: Box<dyn Render>,
}

impl Hook {
    pub fn new(url: &str, options: UseWebSocketOptions, render: impl Render + 'static) -> Rc<Hook> {
        Rc::new(Hook {
            url: RefCell::new(url.to_owned()),
            options,
            live: RefCell::new(None),
            view: RefCell::new(View::initial()),
            generation: Cell::new(0),
            render: Box::new(render),
        })
    }

    /// Closes the current connection, if any, and opens a new one. Off wasm32 (server-side
    /// rendering) it does nothing.
    pub fn open(self: &Rc<Self>) {
        if cfg!(not(target_arch = "wasm32")) {
            return;
        }
        let generation = self.generation.get() + 1;
        self.generation.set(generation);
        // Dropping the previous connection closes its socket; its follower sees the new generation.
        drop(self.live.borrow_mut().take());
        let builder = Connection::builder(&self.url.borrow()).offer(self.options.protocols.clone());
        let follower = Follower { hook: Rc::downgrade(self), generation };
        match self.connect(builder, Box::new(follower)) {
            Ok(live) => {
                *self.live.borrow_mut() = Some(live);
                self.update(View::opening);
            }
            Err(error) => self.update(|view| view.failed_to_open(error)),
        }
    }

    /// The connection as the options say: a plain one, or an rpc client's (feature `rpc`).
    fn connect(&self, builder: crate::Builder, follower: Box<dyn Observer>) -> Result<Live, Error> {
        #[cfg(feature = "rpc")]
        if self.options.rpc {
            let protocol = Box::new(crate::rpc::JsonRpc);
            let reconnect = self.options.reconnect.clone();
            return crate::rpc::Client::observed(builder, reconnect, protocol, Some(follower)).map(Live::Rpc);
        }
        #[cfg(feature = "rpc")]
        return self.options.open(builder, follower).map(Live::Socket);
        #[cfg(not(feature = "rpc"))]
        self.options.open(builder, follower)
    }

    /// The rpc client of the current connection (feature `rpc`, with
    /// [`UseWebSocketOptions::rpc`]).
    #[cfg(feature = "rpc")]
    pub fn rpc(&self) -> Option<crate::rpc::Client> {
        match self.live.borrow().as_ref() {
            Some(Live::Rpc(client)) => Some(client.clone()),
            _ => None,
        }
    }

    /// Points the hook at another URL and opens it.
    #[cfg(feature = "yew")]
    pub fn open_url(self: &Rc<Self>, url: &str) {
        *self.url.borrow_mut() = url.to_owned();
        self.open();
    }

    /// Closes the connection without a trace in the state: the component is going away.
    #[cfg(feature = "yew")]
    pub fn shut(&self) {
        self.generation.set(self.generation.get() + 1);
        drop(self.live.borrow_mut().take());
    }

    /// Queues a message: [`Error::Unsupported`] under server-side rendering, [`Error::NotOpen`]
    /// once closed for good, [`Error::QueueFull`] when the offline queue has no room.
    pub fn send(&self, message: Message) -> Result<(), Error> {
        if cfg!(not(target_arch = "wasm32")) {
            return Err(Error::Unsupported);
        }
        match self.live.borrow().as_ref() {
            Some(live) => live.socket().try_send(message),
            None => Err(Error::NotOpen(self.view.borrow().status.ready_state())),
        }
    }

    /// The live connection's counters (feature `stats`); zeros before one started.
    #[cfg(feature = "stats")]
    pub fn stats(&self) -> crate::Stats {
        self.live.borrow().as_ref().map(|live| live.socket().stats()).unwrap_or_default()
    }

    /// Closes for good with a code and reason (checked first); nothing to close is `Ok`.
    /// Shows closing once the live connection, if it has not ended, took the request.
    pub fn close_with(&self, code: u16, reason: &str) -> Result<(), Error> {
        close::validate(code, reason)?;
        let asked = match self.live.borrow().as_ref() {
            Some(live) if !live.socket().is_terminated() => live.socket().close_with(code, reason).is_ok(),
            _ => false,
        };
        if asked {
            self.update(View::closing);
        }
        Ok(())
    }

    /// Closes for good with 1000, as every layer above the thin one does.
    pub fn close(&self) {
        let _ = self.close_with(1000, "");
    }

    fn update(&self, change: impl FnOnce(&mut View)) {
        change(&mut self.view.borrow_mut());
        self.show();
    }

    /// Hands the framework a copy of the view: not borrowed while it runs, since it may call
    /// back into the hook.
    fn show(&self) {
        let view = self.view.borrow().clone();
        self.render.show(view);
    }
}

/// A hook's connection: the socket alone, or an rpc client over it (feature `rpc`; without it,
/// the socket itself, so that hooks without the feature carry nothing of it).
#[cfg(feature = "rpc")]
enum Live {
    Socket(Reconnecting),
    Rpc(crate::rpc::Client),
}

#[cfg(feature = "rpc")]
impl Live {
    fn socket(&self) -> &Reconnecting {
        match self {
            Live::Socket(socket) => socket,
            Live::Rpc(client) => client.socket(),
        }
    }
}

#[cfg(not(feature = "rpc"))]
type Live = Reconnecting;

#[cfg(not(feature = "rpc"))]
trait Socket {
    fn socket(&self) -> &Reconnecting;
}

#[cfg(not(feature = "rpc"))]
impl Socket for Reconnecting {
    fn socket(&self) -> &Reconnecting {
        self
    }
}

impl core::fmt::Debug for Hook {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Hook").field("view", &self.view.borrow()).finish_non_exhaustive()
    }
}

/// What the driver of one `open` hands the hook: messages and lifecycle events as they come,
/// until the hook is dropped or opened again (then the old driver's last words are ignored).
struct Follower {
    hook: Weak<Hook>,
    generation: u64,
}

impl Follower {
    /// The hook of this `open`, while it is alive and has not been opened again.
    fn hook(&self) -> Option<Rc<Hook>> {
        self.hook.upgrade().filter(|hook| hook.generation.get() == self.generation)
    }
}

impl Observer for Follower {
    fn message(&self, message: Message) {
        if let Some(hook) = self.hook() {
            hook.render.receive(message);
        }
    }

    /// The driver emits a disconnect and what follows it (the next attempt's wait, or the end)
    /// in one turn, and the frameworks render after it: a reconnect never shows as closed.
    fn event(&self, event: Lifecycle) {
        if let Some(hook) = self.hook() {
            hook.update(|view| view.apply(&event));
        }
    }

    fn ended(&self) {
        if let Some(hook) = self.hook() {
            hook.update(View::ended);
        }
    }
}
