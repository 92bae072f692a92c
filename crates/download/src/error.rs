//! The crate's error type: each says what went wrong, with the URL or file involved, and what
//! became of the bytes already downloaded.

use std::path::PathBuf;

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong with a download.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A URL to download does not parse.
    #[error("\"{url}\" is not a valid download URL: {message}")]
    InvalidUrl {
        /// The URL as written.
        url: String,
        /// Why it does not parse.
        message: String,
    },
    /// The server could not be reached, or the connection kept failing.
    #[error(
        "could not download {url} after {attempts} attempt(s): {source}; check the network \
         connection and run the command again (what was already downloaded is kept and resumed)"
    )]
    Network {
        /// The URL being downloaded.
        url: String,
        /// How many requests were made before giving up.
        attempts: u32,
        /// The last transport error.
        #[source]
        source: reqwest::Error,
    },
    /// The server has nothing at this URL (HTTP 404 or 410).
    #[error("not found at {url} (HTTP {status}): the file has moved or the URL is wrong")]
    NotFound {
        /// The URL asked for.
        url: String,
        /// 404 or 410.
        status: u16,
    },
    /// The server answered with an error status other than "not found".
    #[error("{url} answered HTTP {status}; try again later")]
    HttpStatus {
        /// The URL asked for.
        url: String,
        /// The HTTP status code.
        status: u16,
    },
    /// The server's answer cannot be used (a part of the file nobody asked for, a "small"
    /// resource that is not small).
    #[error("{url}: {reason}")]
    UnexpectedResponse {
        /// The URL asked for.
        url: String,
        /// What is wrong with the answer.
        reason: String,
    },
    /// A response carried a different number of bytes than the server announced.
    #[error(
        "download of {url} has the wrong size: the server announced {expected} bytes but sent \
         {actual}; the partial file {} is kept, run the command again to resume or delete it to \
         start over", .part.display()
    )]
    SizeMismatch {
        /// The URL being downloaded.
        url: String,
        /// Bytes announced (Content-Length or Content-Range).
        expected: u64,
        /// Bytes received.
        actual: u64,
        /// The partial file left on disk.
        part: PathBuf,
    },
    /// The file at the URL is not as large as the one expected: it is another file.
    #[error(
        "{url} is {actual} bytes, but {} must be {expected} bytes: the server has another file \
         (it may have been updated); nothing of it was kept", .dest.display()
    )]
    UnexpectedSize {
        /// The URL downloaded.
        url: String,
        /// The file it was to become.
        dest: PathBuf,
        /// The size expected.
        expected: u64,
        /// The size the server announced or sent.
        actual: u64,
    },
    /// The downloaded file's SHA-256 is not the one expected: it is another file, or damaged.
    #[error(
        "the download of {url} is not the expected file: its SHA-256 is {actual}, {} must have \
         {expected}; the downloaded bytes were deleted", .dest.display()
    )]
    HashMismatch {
        /// The URL downloaded.
        url: String,
        /// The file it was to become (it was not created).
        dest: PathBuf,
        /// The SHA-256 expected, lower-case hex.
        expected: String,
        /// The SHA-256 of the bytes received, lower-case hex.
        actual: String,
    },
    /// Another download of the same file is running (in this program or another).
    #[error(
        "{} is already being downloaded (by this or another program); let that download finish \
         or stop it, then run this again", .dest.display()
    )]
    AlreadyDownloading {
        /// The file being downloaded.
        dest: PathBuf,
    },
    /// The disk holding the download has too little free space for the rest of the file.
    #[error(
        "not enough disk space in {}: the download needs {needed} more bytes but {available} are \
         free; free some space and run the command again (what was already downloaded is kept)",
        .dir.display()
    )]
    NotEnoughSpace {
        /// The folder the file is downloaded into.
        dir: PathBuf,
        /// Bytes still to be written.
        needed: u64,
        /// Bytes free for this user.
        available: u64,
    },
    /// The download was cancelled; its bytes are kept for the next attempt.
    #[error(
        "download of {url} was cancelled; the partial file {} is kept and the next download \
         resumes from it", .part.display()
    )]
    Cancelled {
        /// The URL being downloaded.
        url: String,
        /// The partial file left on disk.
        part: PathBuf,
    },
    /// A small request (an index, a page, a checksum) was cancelled; nothing is kept.
    #[error("request for {url} was cancelled")]
    RequestCancelled {
        /// The URL asked for.
        url: String,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// An [`Error::Io`] for `path`.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
