//! [`Builder`]: options for opening a [`WebSocket`].

use crate::connection::{Limits, DEFAULT_LIMITS};
#[cfg(any(feature = "leptos", feature = "yew", feature = "dioxus"))]
use crate::reconnect::Observer;
use crate::{BinaryType, Connect, Connection, Error, Reconnect, Reconnecting, WebSocket};

/// The default high-water mark of `bufferedAmount` above which sending waits: 1 MiB.
///
/// ```
/// assert_eq!(browser_websocket::DEFAULT_HIGH_WATER_MARK, 1024 * 1024);
/// ```
pub const DEFAULT_HIGH_WATER_MARK: u64 = 1 << 20;

/// Options for opening a [`WebSocket`], from [`WebSocket::builder`].
///
/// ```no_run
/// use browser_websocket::{BinaryType, WebSocket};
///
/// let ws = WebSocket::builder("/chat")
///     .protocols(&["chat.v1"])
///     .binary_type(BinaryType::Blob)
///     .open()?;
/// # Ok::<(), browser_websocket::Error>(())
/// ```
#[derive(Clone)]
#[must_use = "a Builder does nothing until `open` is called"]
pub struct Builder {
    url: String,
    protocols: Vec<String>,
    binary_type: BinaryType,
    high_water_mark: u64,
    limits: Limits,
    connect_timeout: Option<core::time::Duration>,
}

impl Builder {
    pub(crate) fn new(url: &str) -> Self {
        Builder {
            url: url.to_owned(),
            protocols: Vec::new(),
            binary_type: BinaryType::ArrayBuffer,
            high_water_mark: DEFAULT_HIGH_WATER_MARK,
            limits: DEFAULT_LIMITS,
            connect_timeout: None,
        }
    }

    /// Offers these subprotocols, most preferred first (default: none).
    ///
    /// ```no_run
    /// # use browser_websocket::WebSocket;
    /// let ws = WebSocket::builder("/rpc").protocols(&["rpc.v2", "rpc.v1"]).open()?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn protocols(mut self, protocols: &[&str]) -> Self {
        self.protocols = protocols.iter().map(|&p| p.to_owned()).collect();
        self
    }

    /// [`Builder::protocols`] for a list already owned (the hooks' options): no copy.
    #[cfg(any(feature = "leptos", feature = "yew", feature = "dioxus"))]
    pub(crate) fn offer(mut self, protocols: Vec<String>) -> Self {
        self.protocols = protocols;
        self
    }

    /// How binary messages arrive (default: [`BinaryType::ArrayBuffer`], as bytes).
    ///
    /// ```no_run
    /// # use browser_websocket::{BinaryType, WebSocket};
    /// let ws = WebSocket::builder("/media").binary_type(BinaryType::Blob).open()?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn binary_type(mut self, binary_type: BinaryType) -> Self {
        self.binary_type = binary_type;
        self
    }

    /// For a [`Connection`]: sending waits while the browser holds more than `bytes` not yet
    /// transmitted (default [`DEFAULT_HIGH_WATER_MARK`], 1 MiB).
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), browser_websocket::Error> {
    /// # use browser_websocket::WebSocket;
    /// let upload = WebSocket::builder("/upload").high_water_mark(256 * 1024).connect().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn high_water_mark(mut self, bytes: u64) -> Self {
        self.high_water_mark = bytes;
        self
    }

    /// For a [`Connection`]: how many received messages, and bytes, may wait for the consumer
    /// (defaults [`DEFAULT_RECEIVE_MESSAGES`](crate::DEFAULT_RECEIVE_MESSAGES) and [`DEFAULT_RECEIVE_BYTES`](crate::DEFAULT_RECEIVE_BYTES)). Past either, the
    /// connection is closed with [`OVERFLOW_CODE`](crate::OVERFLOW_CODE): see [`Connection`].
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), browser_websocket::Error> {
    /// # use browser_websocket::WebSocket;
    /// let feed = WebSocket::builder("/feed").receive_buffer(1_000, 1 << 20).connect().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn receive_buffer(mut self, messages: usize, bytes: usize) -> Self {
        self.limits = Limits { messages, bytes };
        self
    }

    /// For [`Builder::connect`]: give up after `timeout` without an open connection, closing the
    /// socket and failing with [`Error::ConnectionFailed`] (code 1006, reason
    /// [`CONNECT_TIMEOUT_REASON`](crate::CONNECT_TIMEOUT_REASON)). Default: no timeout.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), browser_websocket::Error> {
    /// # use browser_websocket::WebSocket;
    /// use std::time::Duration;
    /// let connection = WebSocket::builder("/live").connect_timeout(Duration::from_secs(5)).connect().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn connect_timeout(mut self, timeout: core::time::Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Opens the socket now and resolves as a [`Connection`] once it is open: see
    /// [`Connection::connect`].
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), browser_websocket::Error> {
    /// # use browser_websocket::WebSocket;
    /// let connection = WebSocket::builder("/chat").protocols(&["chat.v1"]).connect().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn connect(self) -> Connect {
        let (high_water_mark, limits, timeout) = (self.high_water_mark, self.limits, self.connect_timeout);
        let offered = !self.protocols.is_empty();
        let connection = self.open().map(|socket| Connection::new(socket, high_water_mark, limits));
        Connect::new(connection).offering(offered).with_timeout(timeout)
    }

    /// Opens a connection that reconnects by `policy`: see [`Reconnecting`]. The URL and
    /// protocols are checked now; the first attempt starts at once (unless the policy pauses
    /// it because the page is hidden or offline).
    ///
    /// ```no_run
    /// # fn demo() -> Result<(), browser_websocket::Error> {
    /// use browser_websocket::{Connection, Reconnect};
    /// let live = Connection::builder("/live").protocols(&["live.v1"]).reconnect(Reconnect::default())?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn reconnect(self, policy: Reconnect) -> Result<Reconnecting, Error> {
        self.check()?;
        Ok(Reconnecting::start(self, policy, None))
    }

    /// [`Builder::reconnect`] for a hook: messages and events go to `observer`.
    #[cfg(any(feature = "leptos", feature = "yew", feature = "dioxus"))]
    pub(crate) fn reconnect_to(self, policy: Reconnect, observer: Box<dyn Observer>) -> Result<Reconnecting, Error> {
        self.check()?;
        Ok(Reconnecting::start(self, policy, Some(observer)))
    }

    /// As [`Builder::reconnect`], for one connection that is never retried (the hooks without a
    /// policy), without linking the reconnecting driver.
    #[cfg(any(feature = "leptos", feature = "yew", feature = "dioxus"))]
    pub(crate) fn once(self, observer: Box<dyn Observer>) -> Result<Reconnecting, Error> {
        self.check()?;
        Ok(Reconnecting::start_once(self, observer))
    }

    /// The URL as given.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// The URL and protocol checks, before any socket exists.
    pub(crate) fn check(&self) -> Result<(), Error> {
        crate::url::check(&self.url, &self.protocols).map(drop)
    }

    /// Checks the URL and protocols and starts connecting: see [`WebSocket::open`].
    ///
    /// ```no_run
    /// # use browser_websocket::WebSocket;
    /// let ws = WebSocket::builder("wss://example.com/live").open()?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn open(self) -> Result<WebSocket, Error> {
        WebSocket::create(&self.url, &self.protocols, self.binary_type)
    }
}

impl core::fmt::Debug for Builder {
    /// The URL shows without userinfo, query or fragment.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Builder")
            .field("url", &crate::redact::Shown(&self.url))
            .field("protocols", &self.protocols)
            .field("binary_type", &self.binary_type)
            .field("high_water_mark", &self.high_water_mark)
            .field("limits", &self.limits)
            .field("connect_timeout", &self.connect_timeout)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_builder_prints_no_token() {
        let builder = super::Builder::new("wss://user:pw@example.com/feed?token=SECRET");
        let shown = format!("{builder:?}");
        assert!(
            shown.contains("wss://example.com/feed") && !shown.contains("SECRET") && !shown.contains("pw"),
            "{shown}"
        );
    }
}
