//! [`Error`], [`UrlError`] and [`JsError`]: everything that can go wrong, typed.

use core::fmt;

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::redact::{self, Shown};
use crate::{CloseEvent, ReadyState};

/// Every failure this crate reports.
///
/// Invalid input is caught in Rust before anything reaches JavaScript, so a failed call leaves the
/// socket as it was. Its `Display` and `Debug` never show a URL's userinfo, query or fragment
/// (where apps put their tokens), nor message payloads: log them freely. Exceptions JavaScript throws anyway are mapped by their
/// [`DOMException` name](https://developer.mozilla.org/docs/Web/API/DOMException#error_names).
///
/// ```
/// use browser_websocket::{Error, ReadyState};
///
/// let error = Error::NotOpen(ReadyState::Closed);
/// assert_eq!(error.to_string(), "the WebSocket is not open (it is closed)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The URL is not one a WebSocket can open; no socket was created.
    InvalidUrl(UrlError),
    /// This subprotocol is empty, not an RFC 6455 token, or offered twice; no socket was created.
    InvalidProtocol(String),
    /// A close code must be 1000 or in 3000..=4999; the socket is untouched.
    InvalidCloseCode(u16),
    /// A close reason may be at most 123 bytes of UTF-8; this one has this many. The socket is
    /// untouched.
    CloseReasonTooLong(usize),
    /// The socket is not open, so nothing was sent: it is in this state.
    NotOpen(ReadyState),
    /// The connection closed before it opened (refused, handshake rejected, aborted).
    ConnectionFailed(CloseEvent),
    /// The browser refused for security reasons (for example a `ws:` URL from an `https:` page).
    Security(JsError),
    /// The offline queue of a [`Reconnecting`](crate::Reconnecting) connection is full; the
    /// message was not queued.
    QueueFull,
    /// There is no browser here: this build is not for `wasm32`, or the global scope has no
    /// `WebSocket` (server-side rendering, for example).
    Unsupported,
    /// The codec could not encode a value (feature `codec`), so nothing was sent; the text is
    /// the codec's reason, with anything it quotes left out.
    Encode(String),
    /// JavaScript threw something this crate has no better name for.
    Js(JsError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidUrl(error) => write!(f, "invalid WebSocket URL: {error}"),
            Error::InvalidProtocol(protocol) => write!(f, "invalid subprotocol {protocol:?}"),
            Error::InvalidCloseCode(code) => {
                write!(f, "invalid close code {code}: use 1000 or 3000..=4999")
            }
            Error::CloseReasonTooLong(len) => {
                write!(f, "close reason is {len} bytes of UTF-8; at most 123 are allowed")
            }
            Error::NotOpen(state) => write!(f, "the WebSocket is not open (it is {state})"),
            Error::ConnectionFailed(event) => {
                write!(f, "the WebSocket closed before it opened (code {})", event.code)
            }
            Error::Security(error) => write!(f, "the browser refused the WebSocket: {error}"),
            Error::QueueFull => f.write_str("the offline queue is full; the message was not queued"),
            Error::Unsupported => f.write_str("no browser WebSocket is available here"),
            Error::Encode(reason) => write!(f, "could not encode the value: {reason}"),
            Error::Js(error) => write!(f, "JavaScript error: {error}"),
        }
    }
}

impl std::error::Error for Error {}

/// Why a URL was rejected, with the URL as given.
///
/// `Display` and `Debug` show the URL as scheme, host, port and path only: never its userinfo,
/// query or fragment, where apps put their tokens. [`UrlError::url`] returns it whole.
///
/// ```
/// use browser_websocket::UrlError;
///
/// let error = UrlError::Fragment("wss://example.com/feed?token=SECRET#top".into());
/// assert_eq!(error.to_string(), "\"wss://example.com/feed\" has a fragment");
/// assert!(!format!("{error:?}").contains("SECRET"));
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrlError {
    /// The URL does not parse, even relative to the page or worker location.
    Unparsable(String),
    /// The scheme is not `ws:`, `wss:`, `http:` or `https:`; the second field is the scheme.
    UnsupportedScheme(String, String),
    /// The URL has a fragment (even an empty `#`), which WebSocket URLs may not have.
    Fragment(String),
    /// The browser threw a `SyntaxError` for a URL this crate accepted; the second field is its
    /// message, with any URL in it shown without userinfo, query or fragment.
    Rejected(String, String),
}

impl UrlError {
    /// The URL as it was given, whole. **Sensitive**: it may hold credentials or a token in its
    /// query; don't log it.
    ///
    /// ```
    /// use browser_websocket::UrlError;
    /// let error = UrlError::Unparsable("ws://foo bar/?token=SECRET".into());
    /// assert_eq!(error.url(), "ws://foo bar/?token=SECRET");
    /// ```
    pub fn url(&self) -> &str {
        match self {
            UrlError::Unparsable(url)
            | UrlError::UnsupportedScheme(url, _)
            | UrlError::Fragment(url)
            | UrlError::Rejected(url, _) => url,
        }
    }
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = Shown(self.url());
        match self {
            UrlError::Unparsable(_) => write!(f, "{url:?} does not parse"),
            UrlError::UnsupportedScheme(_, scheme) => {
                write!(f, "{url:?} has scheme {scheme:?}; use ws, wss, http or https")
            }
            UrlError::Fragment(_) => write!(f, "{url:?} has a fragment"),
            UrlError::Rejected(_, message) => write!(f, "{url:?} was rejected: {}", redact::urls_in(message)),
        }
    }
}

impl fmt::Debug for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = Shown(self.url());
        match self {
            UrlError::Unparsable(_) => f.debug_tuple("Unparsable").field(&url).finish(),
            UrlError::UnsupportedScheme(_, scheme) => {
                f.debug_tuple("UnsupportedScheme").field(&url).field(scheme).finish()
            }
            UrlError::Fragment(_) => f.debug_tuple("Fragment").field(&url).finish(),
            UrlError::Rejected(_, message) => {
                f.debug_tuple("Rejected").field(&url).field(&redact::urls_in(message)).finish()
            }
        }
    }
}

/// A JavaScript exception, kept as its `name` and `message` so it prints and compares in Rust.
///
/// Browsers quote URLs in their messages, tokens and all: `Display` and `Debug` show any URL in
/// the message as scheme, host, port and path only. The `message` field itself is the browser's
/// text, whole: **sensitive**, don't log it.
///
/// ```
/// use browser_websocket::JsError;
///
/// let error = JsError { name: "SecurityError".into(), message: "insecure".into() };
/// assert_eq!(error.to_string(), "SecurityError: insecure");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct JsError {
    /// The exception's `name`, such as `SyntaxError` or `InvalidStateError`.
    pub name: String,
    /// The exception's `message`.
    pub message: String,
}

#[wasm_bindgen]
extern "C" {
    /// Whatever JavaScript threw, read through the two properties every `DOMException` and
    /// `Error` has: two imports, whatever the class.
    type Thrown;
    #[wasm_bindgen(method, getter, structural)]
    fn name(this: &Thrown) -> JsValue;
    #[wasm_bindgen(method, getter, structural)]
    fn message(this: &Thrown) -> JsValue;
}

impl JsError {
    /// Reads `name` and `message` from whatever JavaScript threw, never failing: a thrown
    /// non-object (a string, say) is an `Error` with that text as its message.
    pub(crate) fn from_js(value: &JsValue) -> Self {
        let (name, message) = if value.is_object() {
            let thrown = value.unchecked_ref::<Thrown>();
            (thrown.name().as_string(), thrown.message().as_string())
        } else {
            (None, value.as_string())
        };
        JsError { name: name.unwrap_or_else(|| "Error".into()), message: message.unwrap_or_default() }
    }

    /// An exception with this name and message.
    #[cfg(test)]
    pub(crate) fn new(name: String, message: &str) -> Self {
        JsError { name, message: message.to_owned() }
    }
}

impl fmt::Display for JsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, redact::urls_in(&self.message))
    }
}

impl fmt::Debug for JsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsError").field("name", &self.name).field("message", &redact::urls_in(&self.message)).finish()
    }
}

impl std::error::Error for JsError {}

/// Maps an exception that needs no context: `SecurityError` or anything else.
pub(crate) fn from_js(value: &JsValue) -> Error {
    let error = JsError::from_js(value);
    match error.name.as_str() {
        "SecurityError" => Error::Security(error),
        _ => Error::Js(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "wss://alice:hunter2@api.example.com:8443/feed?token=SECRET#anchor";
    const SECRETS: [&str; 5] = ["alice", "hunter2", "SECRET", "token", "anchor"];

    fn assert_no_secret(shown: &str) {
        for secret in SECRETS {
            assert!(!shown.contains(secret), "{secret:?} in {shown:?}");
        }
    }

    #[test]
    fn no_error_shows_a_urls_credentials_query_or_fragment() {
        let browser = format!("Failed to construct 'WebSocket': The URL '{URL}' is invalid.");
        let errors = [
            Error::InvalidUrl(UrlError::Unparsable(URL.into())),
            Error::InvalidUrl(UrlError::UnsupportedScheme(URL.replace("wss", "ftp"), "ftp".into())),
            Error::InvalidUrl(UrlError::Fragment(URL.into())),
            Error::InvalidUrl(UrlError::Rejected(URL.into(), browser.clone())),
            Error::Security(JsError::new("SecurityError".into(), &browser)),
            Error::Js(JsError::new("SyntaxError".into(), &browser)),
        ];
        for error in errors {
            assert_no_secret(&error.to_string());
            assert_no_secret(&format!("{error:?}"));
            assert_no_secret(&format!("{error:#?}"));
            assert!(error.to_string().contains("api.example.com:8443/feed"), "{error}");
        }
    }

    #[test]
    fn the_whole_url_stays_available_when_asked_for() {
        assert_eq!(UrlError::Fragment(URL.into()).url(), URL);
        assert_eq!(UrlError::Rejected(URL.into(), String::new()).url(), URL);
    }
}
