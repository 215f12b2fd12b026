//! [`Stats`] (feature `stats`): counters of what a connection moved, read as a snapshot.

use core::time::Duration;

/// (Feature `stats`.) What a connection has moved so far, from [`Connection::stats`](crate::Connection::stats), its
/// halves, [`Reconnecting::stats`](crate::Reconnecting::stats) (summed over every connection it
/// made) and the hooks' `stats()`. Counters only: keeping them allocates nothing per message.
///
/// A message counts as sent when it is handed to the browser (so `bytes_sent` includes what
/// may still sit in `bufferedAmount`), and as received when the browser delivers it to the
/// crate (before your code reads it). Bytes are a message's payload: UTF-8 bytes of a text,
/// the bytes of a binary message or a Blob.
///
/// ```no_run
/// # async fn demo() -> Result<(), browser_websocket::Error> {
/// let connection = browser_websocket::Connection::connect("/feed").await?;
/// let stats = connection.stats();
/// let unread = stats.queued_to_read;
/// let kib_in = stats.bytes_received / 1024;
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stats {
    /// Messages the browser delivered.
    pub messages_received: u64,
    /// Their bytes.
    pub bytes_received: u64,
    /// Messages handed to the browser to send.
    pub messages_sent: u64,
    /// Their bytes.
    pub bytes_sent: u64,
    /// Received messages waiting for your code to read them, now.
    pub queued_to_read: usize,
    /// Messages waiting to be handed to the browser, now: `Reconnecting`'s offline queue.
    pub queued_to_send: usize,
    /// The largest `bufferedAmount` seen when sending (bytes the browser held, not yet sent).
    pub peak_buffered_amount: u64,
    /// How many times a `Reconnecting` connection started waiting to reconnect.
    pub reconnects: u32,
    /// How long the connections have been open, in all (the current one up to now).
    pub connected: Duration,
}

/// The running counters behind a [`Stats`], with times in milliseconds from the caller's clock
/// (`Date.now()` in the browser), so the host tests can give their own.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Counters {
    totals: Stats,
    /// When the current connection opened, while one is open.
    opened_at: Option<f64>,
    /// The time of the connections that closed.
    closed_ms: f64,
}

impl Counters {
    pub fn received(&mut self, bytes: usize) {
        self.totals.messages_received += 1;
        self.totals.bytes_received += bytes as u64;
    }

    pub fn sent(&mut self, bytes: usize) {
        self.totals.messages_sent += 1;
        self.totals.bytes_sent += bytes as u64;
    }

    pub fn buffered(&mut self, amount: u64) {
        self.totals.peak_buffered_amount = self.totals.peak_buffered_amount.max(amount);
    }

    pub fn peak_buffered_amount(&self) -> u64 {
        self.totals.peak_buffered_amount
    }

    pub fn reconnecting(&mut self) {
        self.totals.reconnects += 1;
    }

    pub fn opened(&mut self, now: f64) {
        self.opened_at.get_or_insert(now);
    }

    pub fn closed(&mut self, now: f64) {
        if let Some(at) = self.opened_at.take() {
            self.closed_ms += (now - at).max(0.0);
        }
    }

    pub fn snapshot(&self, now: f64, queued_to_read: usize, queued_to_send: usize) -> Stats {
        let open_ms = self.opened_at.map_or(0.0, |at| (now - at).max(0.0));
        let connected = Duration::from_secs_f64((self.closed_ms + open_ms) / 1000.0);
        Stats { queued_to_read, queued_to_send, connected, ..self.totals }
    }
}

/// The browser's clock, in milliseconds (nothing to measure off wasm32).
pub(crate) fn now() -> f64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Date::now();
    #[cfg(not(target_arch = "wasm32"))]
    return 0.0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_sum_messages_and_bytes_and_keep_the_peak() {
        let mut counters = Counters::default();
        counters.received(3);
        counters.received(0);
        counters.sent(10);
        counters.buffered(500);
        counters.buffered(20);
        let stats = counters.snapshot(0.0, 2, 1);
        assert_eq!((stats.messages_received, stats.bytes_received), (2, 3));
        assert_eq!((stats.messages_sent, stats.bytes_sent), (1, 10));
        assert_eq!((stats.queued_to_read, stats.queued_to_send), (2, 1));
        assert_eq!(stats.peak_buffered_amount, 500);
    }

    #[test]
    fn connected_time_sums_closed_connections_and_the_open_one() {
        let mut counters = Counters::default();
        assert_eq!(counters.snapshot(100.0, 0, 0).connected, Duration::ZERO);
        counters.opened(1_000.0);
        counters.opened(1_500.0); // a second report of the same open changes nothing
        assert_eq!(counters.snapshot(1_250.0, 0, 0).connected, Duration::from_millis(250));
        counters.closed(2_000.0);
        counters.closed(9_000.0); // closed once only
        counters.reconnecting();
        assert_eq!(counters.snapshot(5_000.0, 0, 0).connected, Duration::from_secs(1));
        counters.opened(10_000.0);
        let stats = counters.snapshot(10_500.0, 0, 0);
        assert_eq!((stats.connected, stats.reconnects), (Duration::from_millis(1_500), 1));
        // A clock that goes back counts nothing, never a negative time.
        assert_eq!(counters.snapshot(9_000.0, 0, 0).connected, Duration::from_secs(1));
    }
}
