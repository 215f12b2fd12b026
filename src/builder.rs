//! [`Builder`]: options for opening a [`WebSocket`].

use crate::{BinaryType, Error, WebSocket};

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
#[derive(Clone, Debug)]
#[must_use = "a Builder does nothing until `open` is called"]
pub struct Builder {
    url: String,
    protocols: Vec<String>,
    binary_type: BinaryType,
}

impl Builder {
    pub(crate) fn new(url: &str) -> Self {
        Builder { url: url.to_owned(), protocols: Vec::new(), binary_type: BinaryType::ArrayBuffer }
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

    /// Checks the URL and protocols and starts connecting: see [`WebSocket::open`].
    ///
    /// ```no_run
    /// # use browser_websocket::WebSocket;
    /// let ws = WebSocket::builder("wss://example.com/live").open()?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn open(self) -> Result<WebSocket, Error> {
        let protocols: Vec<&str> = self.protocols.iter().map(String::as_str).collect();
        WebSocket::create(&self.url, &protocols, self.binary_type)
    }
}
