//! Resumable, verified HTTP downloads to disk.
//!
//! One job: bring the bytes at a URL into a file, surviving dropped connections, restarts and
//! cancellation, and never leaving anything that could pass for the finished file. It knows
//! nothing of what the files hold or where they come from: the crates that use it (the
//! knowledge base's sources, the model catalogue) own their URLs and what a file means.
//!
//! A download streams into `<dest>.part`, with the URL and validators of the response kept in
//! `<dest>.part.json`. After a dropped connection, a cancellation or a restart of the program
//! the next request asks only for the missing bytes (`Range`), guarded by `If-Range` so that a
//! file changed on the server is downloaded whole again instead of spliced; a part whose server
//! gave no validator for `If-Range` is downloaded again from the start. The SHA-256 of the part
//! is computed as it grows (after a restart, from the bytes already there first), and checked
//! with the size against what the caller expects ([`Expected`]) before `<dest>` appears, by a
//! rename, once every byte is there. One download per destination runs at a time (a lock on
//! `<dest>.part.lock`), and none starts when the rest of the file does not fit on the disk.

mod checksum;
mod content_range;
mod disk_space;
mod downloader;
mod error;
mod lock;
mod progress;
mod resume_state;
mod retry;

pub use checksum::sha256_file;
pub use downloader::{Downloader, Expected, Fetched, Refreshed};
pub use error::{Error, Result};
pub use progress::Progress;
pub use retry::RetryPolicy;
/// Re-exported so callers need no direct `tokio-util` dependency to cancel a download.
pub use tokio_util::sync::CancellationToken;

/// The `User-Agent` sent with every request. Scryfall asks API clients to name themselves.
pub const USER_AGENT: &str = concat!("Planeswalker/", env!("CARGO_PKG_VERSION"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agent_names_the_app_and_its_version() {
        assert_eq!(
            USER_AGENT,
            format!("Planeswalker/{}", env!("CARGO_PKG_VERSION"))
        );
    }
}
