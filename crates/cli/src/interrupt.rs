//! Ctrl-C for long commands (downloads, imports, the embedding step).

use tokio_util::sync::CancellationToken;

/// Listens for Ctrl-C until the process ends: the first one cancels `cancel`, so the command
/// stops at its next safe point and keeps what it finished (partial downloads, committed
/// batches); a second one ends the process at once, which that work survives as well.
/// Listening replaces the default handling of Ctrl-C for the rest of the process.
pub async fn cancel_on_ctrl_c(cancel: CancellationToken) {
    while tokio::signal::ctrl_c().await.is_ok() {
        if cancel.is_cancelled() {
            std::process::exit(130);
        }
        cancel.cancel();
    }
}
