//! How far a download has come, as plain data a progress bar or a window can show: bytes,
//! total, a smoothed transfer rate and the time left.
//!
//! The rate is measured here, once, so that every front end shows the same figures; drawing
//! them and deciding how often is the caller's business.

use std::time::{Duration, Instant};

use serde::Serialize;

/// How far a download has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Bytes of the file on disk so far, including those kept from an earlier attempt. It only
    /// goes down when the download has to start over (the file changed on the server).
    pub downloaded: u64,
    /// The file's full size, when the server announced it.
    pub total: Option<u64>,
    /// The transfer rate in bytes per second, smoothed over the last seconds; `None` until
    /// there is half a second of transfer to measure.
    pub bytes_per_second: Option<u64>,
    /// Seconds left at that rate, rounded up; `None` without a total or a rate.
    pub eta_seconds: Option<u64>,
}

/// How long bytes are counted before they make one sample of the rate: shorter samples jitter
/// with the size of network reads.
const SAMPLE: Duration = Duration::from_millis(500);

/// The weight of the newest sample in the smoothed rate. At one sample per half second, a
/// change of speed shows within about three seconds, and one slow read does not swing the ETA.
const SMOOTHING: f64 = 0.3;

/// Measures the rate of one download call: bytes received by it, over the time since it began
/// (waits between retries included, since they delay the end too).
#[derive(Debug, Clone)]
pub(crate) struct RateMeter {
    /// Where the current sample began: when, and how many bytes had been received then.
    sample_start: (Instant, u64),
    /// The smoothed rate, in bytes per second.
    rate: Option<f64>,
}

impl RateMeter {
    /// A meter whose first sample starts at `now` with nothing received.
    pub(crate) fn new(now: Instant) -> Self {
        RateMeter {
            sample_start: (now, 0),
            rate: None,
        }
    }

    /// The progress to report when `received` bytes have arrived in this call so far, the file
    /// on disk has `downloaded` of `total`, at time `now`.
    pub(crate) fn progress(
        &mut self,
        received: u64,
        downloaded: u64,
        total: Option<u64>,
        now: Instant,
    ) -> Progress {
        let (since, received_then) = self.sample_start;
        let elapsed = now.saturating_duration_since(since);
        if elapsed >= SAMPLE {
            let sample = received.saturating_sub(received_then) as f64 / elapsed.as_secs_f64();
            self.rate = Some(match self.rate {
                None => sample,
                Some(rate) => rate + SMOOTHING * (sample - rate),
            });
            self.sample_start = (now, received);
        }
        let bytes_per_second = self.rate.map(|rate| rate.round() as u64);
        let eta_seconds = match (total, self.rate) {
            (Some(total), Some(rate)) if rate >= 1.0 => {
                Some((total.saturating_sub(downloaded) as f64 / rate).ceil() as u64)
            }
            _ => None,
        };
        Progress {
            downloaded,
            total,
            bytes_per_second,
            eta_seconds,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_rate_before_the_first_half_second() {
        let start = Instant::now();
        let mut meter = RateMeter::new(start);
        let p = meter.progress(1_000_000, 1_000_000, Some(10_000_000), start);
        assert_eq!(
            p,
            Progress {
                downloaded: 1_000_000,
                total: Some(10_000_000),
                bytes_per_second: None,
                eta_seconds: None
            }
        );
        let p = meter.progress(2_000_000, 2_000_000, None, start + SAMPLE / 2);
        assert_eq!((p.bytes_per_second, p.eta_seconds), (None, None));
    }

    #[test]
    fn the_rate_counts_only_this_calls_bytes_and_gives_the_time_left() {
        let start = Instant::now();
        let mut meter = RateMeter::new(start);
        // 4 MB resumed from disk, then 1 MB received in the first second.
        let p = meter.progress(
            1_000_000,
            5_000_000,
            Some(10_000_000),
            start + Duration::from_secs(1),
        );
        assert_eq!(p.bytes_per_second, Some(1_000_000));
        assert_eq!(p.eta_seconds, Some(5));
    }

    #[test]
    fn a_change_of_speed_is_smoothed() {
        let start = Instant::now();
        let mut meter = RateMeter::new(start);
        let second = Duration::from_secs(1);
        meter.progress(1_000_000, 1_000_000, None, start + second);
        // The next second brings 2 MB: the rate moves 30 % of the way towards 2 MB/s.
        let p = meter.progress(3_000_000, 3_000_000, None, start + 2 * second);
        assert_eq!(p.bytes_per_second, Some(1_300_000));
        // A stall lowers it without reaching zero at once, and the time left grows.
        let p = meter.progress(3_000_000, 3_000_000, Some(4_300_000), start + 3 * second);
        assert_eq!(p.bytes_per_second, Some(910_000));
        assert_eq!(p.eta_seconds, Some(2));
    }
}
