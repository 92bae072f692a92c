//! Logs: a daily rotating file in `<data dir>/logs`, written off the calling thread.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// The filter when `RUST_LOG` is unset: the app's own events and warnings from the rest.
const DEFAULT_FILTER: &str = "warn,planeswalker_app=info,codex=info";

/// Sends `tracing` events (and panics) to `<data_dir>/logs/planeswalker.log.<date>`. Keep the
/// returned guard alive until the app exits: dropping it flushes the last lines.
pub fn init(data_dir: &Path) -> WorkerGuard {
    let appender = tracing_appender::rolling::daily(data_dir.join("logs"), "planeswalker.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let installed = tracing_subscriber::registry()
        .with(filter)
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(writer)
                .with_ansi(false),
        )
        .try_init();
    if installed.is_ok() {
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            tracing::error!(panic = %info, "panic");
            default_hook(info);
        }));
    }
    guard
}
