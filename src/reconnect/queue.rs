//! The offline queue's bound, and the one rule for whether a message fits in it.

/// How many messages, and bytes, may wait in the offline queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct QueueLimits {
    pub messages: usize,
    pub bytes: usize,
}

/// What the queue can do with a message of some size right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Room {
    /// It fits now.
    Now,
    /// It fits once enough of the queue has been sent.
    Later,
    /// It never fits: larger than the whole queue (or the queue holds nothing at all).
    Never,
}

impl QueueLimits {
    /// Where a message of `bytes` stands, with `queued` messages of `queued_bytes` waiting.
    pub fn room(&self, queued: usize, queued_bytes: usize, bytes: usize) -> Room {
        if self.messages == 0 || bytes > self.bytes {
            Room::Never
        } else if queued < self.messages && queued_bytes.saturating_add(bytes) <= self.bytes {
            Room::Now
        } else {
            Room::Later
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_fits_exactly_when_both_bounds_hold_after_it() {
        let limits = QueueLimits { messages: 3, bytes: 16 };
        // 10 bytes of room: a 6-byte message fits, a second one must wait.
        assert_eq!(limits.room(0, 0, 6), Room::Now);
        assert_eq!(limits.room(1, 6, 6), Room::Now);
        assert_eq!(limits.room(2, 12, 6), Room::Later);
        assert_eq!(limits.room(2, 12, 4), Room::Now);
        assert_eq!(limits.room(3, 3, 1), Room::Later);
        assert_eq!(limits.room(0, 0, 16), Room::Now);
        assert_eq!(limits.room(1, 1, 16), Room::Later);
        assert_eq!(limits.room(0, 0, 0), Room::Now);
    }

    #[test]
    fn a_message_larger_than_the_whole_queue_never_fits() {
        let limits = QueueLimits { messages: 3, bytes: 16 };
        assert_eq!(limits.room(0, 0, 17), Room::Never);
        assert_eq!(limits.room(2, 12, 17), Room::Never);
        assert_eq!(QueueLimits { messages: 0, bytes: 16 }.room(0, 0, 1), Room::Never);
    }
}
