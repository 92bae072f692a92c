//! How often, and how patiently, a failed transfer is tried again.

use std::time::Duration;

/// How often, and how patiently, a failed transfer is tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Failed requests in a row (dropped connection, time-out, HTTP 429 or 5xx) tried again
    /// before giving up; each retry resumes from the bytes already on disk, and a request that
    /// brought new bytes before failing starts the count again.
    pub max_retries: u32,
    /// The wait before the first retry; it doubles for each further retry.
    pub first_backoff: Duration,
    /// The longest wait between two retries.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 5,
            first_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `retry` (1 for the first).
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        self.first_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = RetryPolicy {
            max_retries: 10,
            first_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(3),
        };
        assert_eq!(policy.backoff(1), Duration::from_millis(500));
        assert_eq!(policy.backoff(2), Duration::from_secs(1));
        assert_eq!(policy.backoff(3), Duration::from_secs(2));
        assert_eq!(policy.backoff(4), Duration::from_secs(3));
        assert_eq!(policy.backoff(40), Duration::from_secs(3));
    }
}
