//! The receive buffer's bounds and the rule that decides when it overflows.

/// The default number of received messages that may wait for the consumer.
///
/// ```
/// assert_eq!(browser_websocket::DEFAULT_RECEIVE_MESSAGES, 16_384);
/// ```
pub const DEFAULT_RECEIVE_MESSAGES: usize = 16_384;
/// The default number of received bytes that may wait for the consumer: 64 MiB.
///
/// ```
/// assert_eq!(browser_websocket::DEFAULT_RECEIVE_BYTES, 64 * 1024 * 1024);
/// ```
pub const DEFAULT_RECEIVE_BYTES: usize = 64 << 20;

/// How many received messages, and bytes, may wait for the consumer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Limits {
    pub messages: usize,
    pub bytes: usize,
}

pub(crate) const DEFAULT_LIMITS: Limits = Limits { messages: DEFAULT_RECEIVE_MESSAGES, bytes: DEFAULT_RECEIVE_BYTES };

impl Limits {
    /// Whether a buffer now holding `messages` messages of `bytes` bytes (the newest one
    /// included) is past the limits. One message, however large, always fits.
    pub fn overflowed(&self, messages: usize, bytes: usize) -> bool {
        messages > 1 && (messages > self.messages || bytes > self.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_past_either_limit_overflows_but_one_message_always_fits() {
        let limits = Limits { messages: 3, bytes: 100 };
        assert!(!limits.overflowed(3, 100));
        assert!(limits.overflowed(4, 100));
        assert!(limits.overflowed(2, 101));
        assert!(!limits.overflowed(1, 1_000_000));
        assert!(!limits.overflowed(0, 0));
        let none = Limits { messages: 0, bytes: 0 };
        assert!(!none.overflowed(1, 5));
        assert!(none.overflowed(2, 0));
    }
}
