//! What the layers share about browser timers.

/// A duration as the milliseconds a browser timer takes (saturating).
pub(crate) fn millis(duration: core::time::Duration) -> u32 {
    u32::try_from(duration.as_millis()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use core::time::Duration;

    #[test]
    fn millis_saturate_instead_of_wrapping() {
        assert_eq!(super::millis(Duration::from_micros(2_500)), 2);
        assert_eq!(super::millis(Duration::from_secs(5)), 5_000);
        assert_eq!(super::millis(Duration::from_secs(u64::MAX)), u32::MAX);
    }
}
