//! [`Reconnect`]: when and how fast to reconnect, what to queue meanwhile, and the heartbeat.

use core::fmt;
use core::time::Duration;
use std::rc::Rc;

use super::driver::{Beat, Silence};
use super::pause::{Pause, Watch};
use super::queue::QueueLimits;
use crate::{CloseEvent, Message};

/// How a [`Reconnecting`](crate::Reconnecting) connection behaves; `Reconnect::default()` is a
/// sensible start, and every setter returns the policy for chaining.
///
/// - **Backoff:** exponential from `initial_delay`, doubling up to `max_delay`, with *full
///   jitter* drawn anew for every attempt (a random delay between zero and the exponential
///   value), so a thousand clients dropped at once do not return at once. The count, and so the
///   delay, starts again only after a connection stayed open for `min_uptime` (default 5 s): a
///   server that accepts and drops at once sees the delays grow, not a reconnect storm.
/// - **Which closes end it:** by default a clean 1000 from either side ends it, every other
///   close reconnects; a close you asked for (`close`, `close_with`) always ends it.
/// - **Giving up:** never, by default; [`max_attempts`](Reconnect::max_attempts) sets how many
///   attempts in a row may fail, the first connection included.
/// - **Offline queue:** messages sent while disconnected wait, in order, up to a bound in messages
///   and bytes; past it, `try_send` fails with [`Error::QueueFull`](crate::Error::QueueFull) and
///   the `Sink` waits for room. A message larger than the whole queue is refused by both.
/// - **Heartbeat** (off by default): a message sent every `interval`; if nothing at all arrives
///   for `timeout`, the socket is closed with [`HEARTBEAT_CODE`](crate::HEARTBEAT_CODE) and
///   [`HEARTBEAT_REASON`](crate::HEARTBEAT_REASON) (the server receives that Close frame) and a
///   reconnect follows at once, without waiting for the silent server's answer.
///
/// ```
/// use std::time::Duration;
/// use browser_websocket::{Message, Reconnect};
///
/// let policy = Reconnect::default()
///     .delays(Duration::from_millis(250), Duration::from_secs(30))
///     .max_attempts(Some(20))
///     .min_uptime(Duration::from_secs(10))
///     .connect_timeout(Duration::from_secs(5))
///     .heartbeat(Duration::from_secs(15), Duration::from_secs(40), Message::Text("ping".into()))
///     .queue(500, 1 << 20)
///     .pause_when_hidden(true)
///     .pause_when_offline(true)
///     .reconnect_if(|close| close.code != 4401); // 4401: our server's "log in again"
/// # let _ = policy;
/// ```
#[derive(Clone)]
pub struct Reconnect {
    pub(crate) initial_delay: Duration,
    pub(crate) max_delay: Duration,
    pub(crate) max_attempts: Option<u32>,
    pub(crate) min_uptime: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) queue: QueueLimits,
    pub(crate) heartbeat: Option<Heartbeat>,
    pub(crate) pause_when_hidden: bool,
    pub(crate) pause_when_offline: bool,
    /// Starts the pausing: only the two pause setters name the real one.
    pub(crate) watch: Watch,
    pub(crate) reconnect_if: Rc<dyn Fn(&CloseEvent) -> bool>,
}

#[derive(Clone, Debug)]
pub(crate) struct Heartbeat {
    pub interval: Duration,
    pub timeout: Duration,
    pub message: Message,
    /// The beat's check, named only here: a policy without a heartbeat does not link it.
    pub poll: Silence,
}

impl Default for Reconnect {
    /// 500 ms doubling to 30 s, unlimited attempts, a 5 s minimum uptime, a 10 s connect
    /// timeout, a queue of 1,024 messages or 16 MiB, no heartbeat, no pausing; a clean 1000 ends
    /// it.
    fn default() -> Self {
        Reconnect {
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_attempts: None,
            min_uptime: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(10),
            queue: QueueLimits { messages: 1024, bytes: 16 << 20 },
            heartbeat: None,
            pause_when_hidden: false,
            pause_when_offline: false,
            watch: Pause::never,
            reconnect_if: Rc::new(|close: &CloseEvent| !(close.code == 1000 && close.was_clean)),
        }
    }
}

impl Reconnect {
    /// The first delay and the largest one (before jitter).
    ///
    /// ```
    /// # use std::time::Duration;
    /// let policy = browser_websocket::Reconnect::default().delays(Duration::from_secs(1), Duration::from_secs(60));
    /// # let _ = policy;
    /// ```
    pub fn delays(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_delay = initial;
        self.max_delay = max.max(initial);
        self
    }

    /// How many attempts in a row may fail before it gives up (`None`, the default: never).
    ///
    /// Every attempt counts, the first connection included, and so does a connection that
    /// closes before [`min_uptime`](Reconnect::min_uptime): with `Some(1)`, one refused or
    /// dropped connection ends it with [`Lifecycle::GaveUp`](crate::Lifecycle::GaveUp)
    /// `{ attempts: 1 }`; with `Some(5)`, the fifth failure in a row does. `Some(0)` acts as
    /// `Some(1)`. A connection that stays open for `min_uptime` starts the count again.
    ///
    /// ```
    /// let policy = browser_websocket::Reconnect::default().max_attempts(Some(5));
    /// # let _ = policy;
    /// ```
    pub fn max_attempts(mut self, attempts: Option<u32>) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// How long a connection must stay open before the attempt count (and with it the backoff
    /// delay) starts again from the first. A connection that closes sooner counts as a failed
    /// attempt, for [`Reconnect::max_attempts`] too.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let policy = browser_websocket::Reconnect::default().min_uptime(Duration::from_secs(2));
    /// # let _ = policy;
    /// ```
    pub fn min_uptime(mut self, uptime: Duration) -> Self {
        self.min_uptime = uptime;
        self
    }

    /// How long one attempt may stay connecting before it counts as failed.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let policy = browser_websocket::Reconnect::default().connect_timeout(Duration::from_secs(3));
    /// # let _ = policy;
    /// ```
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The offline queue's bound, in messages and in bytes. A message larger than `bytes` can
    /// never be queued and is refused with [`Error::QueueFull`](crate::Error::QueueFull).
    ///
    /// ```
    /// let policy = browser_websocket::Reconnect::default().queue(100, 64 * 1024);
    /// # let _ = policy;
    /// ```
    pub fn queue(mut self, messages: usize, bytes: usize) -> Self {
        self.queue = QueueLimits { messages, bytes };
        self
    }

    /// Sends `message` every `interval` while connected, and reconnects when nothing arrives
    /// for `timeout` (the browser exposes no protocol pings, so the server must answer or talk).
    ///
    /// ```
    /// # use std::time::Duration;
    /// use browser_websocket::{Message, Reconnect};
    /// let policy = Reconnect::default().heartbeat(Duration::from_secs(10), Duration::from_secs(25), Message::Text("ping".into()));
    /// # let _ = policy;
    /// ```
    pub fn heartbeat(mut self, interval: Duration, timeout: Duration, message: Message) -> Self {
        let poll: Silence = |beat, connection, cx| Beat::poll_silence(beat, connection, cx);
        self.heartbeat = Some(Heartbeat { interval, timeout, message, poll });
        self
    }

    /// Makes no attempt while the page is hidden (Page Visibility); tries at once when shown.
    ///
    /// ```
    /// let policy = browser_websocket::Reconnect::default().pause_when_hidden(true);
    /// # let _ = policy;
    /// ```
    pub fn pause_when_hidden(mut self, pause: bool) -> Self {
        self.pause_when_hidden = pause;
        self.watch = Pause::watch;
        self
    }

    /// Makes no attempt while the browser is offline; tries at once when back online.
    ///
    /// ```
    /// let policy = browser_websocket::Reconnect::default().pause_when_offline(true);
    /// # let _ = policy;
    /// ```
    pub fn pause_when_offline(mut self, pause: bool) -> Self {
        self.pause_when_offline = pause;
        self.watch = Pause::watch;
        self
    }

    /// Decides, for a close you did not ask for, whether to reconnect (default: all but a clean
    /// 1000).
    ///
    /// ```
    /// let policy = browser_websocket::Reconnect::default().reconnect_if(|close| close.code != 4403);
    /// # let _ = policy;
    /// ```
    pub fn reconnect_if(mut self, decide: impl Fn(&CloseEvent) -> bool + 'static) -> Self {
        self.reconnect_if = Rc::new(decide);
        self
    }

    /// The delay before attempt `attempt` (1 for the first retry): full jitter over the
    /// exponential backoff, with `random` in 0..1.
    pub(crate) fn delay(&self, attempt: u32, random: f64) -> Duration {
        let exponential = self.initial_delay.saturating_mul(1u32 << attempt.saturating_sub(1).min(20));
        let capped = exponential.min(self.max_delay).as_secs_f64() * random.clamp(0.0, 1.0);
        // Float-to-int casts saturate: no panic (and no panic message) whatever `random` holds.
        Duration::from_nanos((capped * 1e9) as u64)
    }
}

impl fmt::Debug for Reconnect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reconnect")
            .field("initial_delay", &self.initial_delay)
            .field("max_delay", &self.max_delay)
            .field("max_attempts", &self.max_attempts)
            .field("min_uptime", &self.min_uptime)
            .field("connect_timeout", &self.connect_timeout)
            .field("queue_messages", &self.queue.messages)
            .field("queue_bytes", &self.queue.bytes)
            .field("heartbeat", &self.heartbeat)
            .field("pause_when_hidden", &self.pause_when_hidden)
            .field("pause_when_offline", &self.pause_when_offline)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_jitter_over_capped_exponential_backoff() {
        let policy = Reconnect::default().delays(Duration::from_millis(100), Duration::from_secs(1));
        assert_eq!(policy.delay(1, 1.0), Duration::from_millis(100));
        assert_eq!(policy.delay(2, 1.0), Duration::from_millis(200));
        assert_eq!(policy.delay(4, 1.0), Duration::from_millis(800));
        assert_eq!(policy.delay(5, 1.0), Duration::from_secs(1));
        assert_eq!(policy.delay(500, 1.0), Duration::from_secs(1));
        assert_eq!(policy.delay(3, 0.5), Duration::from_millis(200));
        assert_eq!(policy.delay(3, 0.0), Duration::ZERO);
    }

    #[test]
    fn by_default_only_a_clean_1000_ends_it() {
        let decide = Reconnect::default().reconnect_if;
        assert!(!decide(&CloseEvent { code: 1000, reason: String::new(), was_clean: true }));
        assert!(decide(&CloseEvent { code: 1000, reason: String::new(), was_clean: false }));
        assert!(decide(&CloseEvent { code: 1006, reason: String::new(), was_clean: false }));
        assert!(decide(&CloseEvent { code: 1001, reason: "restart".into(), was_clean: true }));
    }
}
