//! [`CloseEvent`] and [`CloseCode`]: how a connection ended, and the checks on how to end one.

use core::fmt;

use crate::Error;

/// How a connection closed: the browser's
/// [`CloseEvent`](https://developer.mozilla.org/docs/Web/API/CloseEvent), copied into Rust.
///
/// `code` is the code in the first Close frame received, any `u16` a server sends: 1005 when the
/// frame had no code, 1006 when no Close frame came at all (refused, handshake failed, dropped).
///
/// ```
/// use browser_websocket::{CloseCode, CloseEvent};
///
/// let event = CloseEvent { code: 4001, reason: "kicked".into(), was_clean: true };
/// assert_eq!(event.close_code(), CloseCode::Private(4001));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CloseEvent {
    /// The close code ([`CloseEvent::close_code`] names it).
    pub code: u16,
    /// The close reason, decoded from UTF-8 (empty when none was sent).
    pub reason: String,
    /// Whether the closing handshake completed before the connection ended.
    pub was_clean: bool,
}

impl CloseEvent {
    /// The code as a [`CloseCode`].
    ///
    /// ```
    /// use browser_websocket::{CloseCode, CloseEvent};
    ///
    /// let event = CloseEvent { code: 1006, reason: String::new(), was_clean: false };
    /// assert_eq!(event.close_code(), CloseCode::Abnormal);
    /// ```
    pub fn close_code(&self) -> CloseCode {
        CloseCode::from(self.code)
    }

    pub(crate) fn from_js(event: &web_sys::CloseEvent) -> Self {
        CloseEvent { code: event.code(), reason: event.reason(), was_clean: event.was_clean() }
    }
}

/// A close code with its name from the
/// [IANA registry](https://www.iana.org/assignments/websocket/websocket.xhtml#close-code-number),
/// convertible to and from `u16` without loss.
///
/// Of these, a browser lets a page *send* only [`CloseCode::Normal`] and codes in 3000..=4999
/// ([`CloseCode::is_sendable`]); the others can only be received.
///
/// ```
/// use browser_websocket::CloseCode;
///
/// assert_eq!(CloseCode::from(1001), CloseCode::GoingAway);
/// assert_eq!(CloseCode::from(3008), CloseCode::Library(3008));
/// assert_eq!(u16::from(CloseCode::Private(4000)), 4000);
/// for code in 0..=u16::MAX {
///     assert_eq!(u16::from(CloseCode::from(code)), code);
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CloseCode {
    /// 1000: the purpose of the connection was fulfilled.
    Normal,
    /// 1001: an endpoint is going away (page navigation, server shutdown).
    GoingAway,
    /// 1002: a protocol error.
    ProtocolError,
    /// 1003: a data type the endpoint cannot accept.
    UnsupportedData,
    /// 1005: the Close frame had no code (receive-only).
    NoStatusReceived,
    /// 1006: the connection ended without a Close frame (receive-only).
    Abnormal,
    /// 1007: data inconsistent with its type, such as invalid UTF-8 text.
    InvalidPayload,
    /// 1008: a message violated the endpoint's policy.
    PolicyViolation,
    /// 1009: a message was too big to process.
    MessageTooBig,
    /// 1010: the client expected an extension the server did not negotiate.
    MandatoryExtension,
    /// 1011: the server hit an unexpected condition.
    InternalError,
    /// 1012: the service is restarting.
    ServiceRestart,
    /// 1013: try again later.
    TryAgainLater,
    /// 1014: a gateway or proxy received an invalid response.
    BadGateway,
    /// 1015: the TLS handshake failed (receive-only; browsers never report it).
    TlsHandshake,
    /// 3000..=3999: registered for libraries, frameworks and applications.
    Library(u16),
    /// 4000..=4999: private use, by agreement between client and server.
    Private(u16),
    /// Any other code, unnamed or reserved.
    Other(u16),
}

impl CloseCode {
    /// Whether a page may send this code: 1000, or 3000..=4999.
    ///
    /// ```
    /// use browser_websocket::CloseCode;
    ///
    /// assert!(CloseCode::Normal.is_sendable());
    /// assert!(CloseCode::Private(4999).is_sendable());
    /// assert!(!CloseCode::GoingAway.is_sendable());
    /// ```
    pub fn is_sendable(self) -> bool {
        let code = u16::from(self);
        code == 1000 || (3000..=4999).contains(&code)
    }
}

impl From<u16> for CloseCode {
    fn from(code: u16) -> Self {
        match code {
            1000 => CloseCode::Normal,
            1001 => CloseCode::GoingAway,
            1002 => CloseCode::ProtocolError,
            1003 => CloseCode::UnsupportedData,
            1005 => CloseCode::NoStatusReceived,
            1006 => CloseCode::Abnormal,
            1007 => CloseCode::InvalidPayload,
            1008 => CloseCode::PolicyViolation,
            1009 => CloseCode::MessageTooBig,
            1010 => CloseCode::MandatoryExtension,
            1011 => CloseCode::InternalError,
            1012 => CloseCode::ServiceRestart,
            1013 => CloseCode::TryAgainLater,
            1014 => CloseCode::BadGateway,
            1015 => CloseCode::TlsHandshake,
            3000..=3999 => CloseCode::Library(code),
            4000..=4999 => CloseCode::Private(code),
            _ => CloseCode::Other(code),
        }
    }
}

impl From<CloseCode> for u16 {
    fn from(code: CloseCode) -> u16 {
        match code {
            CloseCode::Normal => 1000,
            CloseCode::GoingAway => 1001,
            CloseCode::ProtocolError => 1002,
            CloseCode::UnsupportedData => 1003,
            CloseCode::NoStatusReceived => 1005,
            CloseCode::Abnormal => 1006,
            CloseCode::InvalidPayload => 1007,
            CloseCode::PolicyViolation => 1008,
            CloseCode::MessageTooBig => 1009,
            CloseCode::MandatoryExtension => 1010,
            CloseCode::InternalError => 1011,
            CloseCode::ServiceRestart => 1012,
            CloseCode::TryAgainLater => 1013,
            CloseCode::BadGateway => 1014,
            CloseCode::TlsHandshake => 1015,
            CloseCode::Library(code) | CloseCode::Private(code) | CloseCode::Other(code) => code,
        }
    }
}

impl fmt::Display for CloseCode {
    /// Prints the number, as it appears on the wire.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", u16::from(*self))
    }
}

/// The reason in the close event reported to everything still waiting when this crate's owner of
/// a socket is dropped before the browser's close event came: code 1000, `was_clean` false. The
/// socket itself is closed with 1000 and no reason.
///
/// ```no_run
/// # async fn demo() -> Result<(), browser_websocket::Error> {
/// use browser_websocket::{Connection, DROPPED_REASON};
/// let connection = Connection::connect("/live").await?;
/// let closed = connection.closed();
/// drop(connection);
/// assert_eq!(closed.await.reason, DROPPED_REASON);
/// # Ok(())
/// # }
/// ```
pub const DROPPED_REASON: &str = "connection dropped";

/// The longest close reason a browser accepts, in bytes of UTF-8.
pub(crate) const MAX_REASON_BYTES: usize = 123;

/// The browser's checks on `close(code, reason)`, in its order: the code first, then the reason.
pub(crate) fn validate(code: u16, reason: &str) -> Result<(), Error> {
    if !CloseCode::from(code).is_sendable() {
        return Err(Error::InvalidCloseCode(code));
    }
    if reason.len() > MAX_REASON_BYTES {
        return Err(Error::CloseReasonTooLong(reason.len()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_checked_before_reason() {
        let long = "x".repeat(124);
        assert_eq!(validate(999, &long), Err(Error::InvalidCloseCode(999)));
        assert_eq!(validate(1000, &long), Err(Error::CloseReasonTooLong(124)));
        assert_eq!(validate(4999, &"x".repeat(123)), Ok(()));
        // 31 plugs are 124 bytes though only 31 characters.
        assert_eq!(validate(3000, &"🔌".repeat(31)), Err(Error::CloseReasonTooLong(124)));
    }

    #[test]
    fn every_code_round_trips_and_the_named_ones_have_their_numbers() {
        for code in 0..=u16::MAX {
            assert_eq!(u16::from(CloseCode::from(code)), code);
        }
        assert_eq!(CloseCode::from(1005), CloseCode::NoStatusReceived);
        assert_eq!(CloseCode::from(1015), CloseCode::TlsHandshake);
        assert_eq!(CloseCode::from(1004), CloseCode::Other(1004));
        assert_eq!(CloseCode::from(2999), CloseCode::Other(2999));
        assert_eq!(CloseCode::from(3000), CloseCode::Library(3000));
        assert_eq!(CloseCode::from(4999), CloseCode::Private(4999));
        assert_eq!(CloseCode::from(5000), CloseCode::Other(5000));
    }

    #[test]
    fn only_1000_and_3000_to_4999_are_sendable() {
        let sendable: Vec<u16> = (0..=u16::MAX).filter(|&c| validate(c, "").is_ok()).collect();
        let expected: Vec<u16> = core::iter::once(1000).chain(3000..=4999).collect();
        assert_eq!(sendable, expected);
    }
}
