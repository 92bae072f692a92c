//! Latency figures shared by the codex benchmarks: time one call, print p50/p95/max.

use std::time::{Duration, Instant};

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

/// One line: `what`, the sample count, p50, p95 and max in milliseconds, and the `goal`.
pub fn report(what: &str, mut samples: Vec<Duration>, goal: &str) {
    samples.sort();
    println!(
        "{what:<40} n={:<6} p50 {:>9.3} ms   p95 {:>9.3} ms   max {:>9.3} ms   {goal}",
        samples.len(),
        percentile(&samples, 0.50).as_secs_f64() * 1e3,
        percentile(&samples, 0.95).as_secs_f64() * 1e3,
        samples.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
}

/// `f`'s value and how long it took.
pub fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}
