//! The thread a local model lives on: llama.cpp's contexts borrow their model and are not
//! thread-safe, so each model is loaded, used and freed by one thread that takes requests
//! over a channel.

use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::thread::JoinHandle;

use crate::error::LlmError;

/// A running model thread taking requests of type `R`; dropping it ends the thread once the
/// request in hand is done.
pub(super) struct ModelThread<R> {
    requests: Option<Sender<R>>,
    thread: Option<JoinHandle<()>>,
}

impl<R: Send + 'static> ModelThread<R> {
    /// Starts `run` on a thread named `name` for the model at `path` and waits until it has
    /// loaded: `run` sends what it loaded (or why it could not) on its first argument, then
    /// answers the requests arriving on its second until they end.
    pub fn spawn<I: Send + 'static>(
        name: &str,
        path: &Path,
        run: impl FnOnce(SyncSender<Result<I, LlmError>>, Receiver<R>) + Send + 'static,
    ) -> Result<(ModelThread<R>, I), LlmError> {
        let (ready_tx, ready_rx) = sync_channel(1);
        let (requests_tx, requests_rx) = channel();
        let thread = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || run(ready_tx, requests_rx))
            .map_err(|source| LlmError::Io {
                path: path.to_owned(),
                source,
            })?;
        let loaded = ready_rx.recv().map_err(|_| LlmError::ModelStopped)??;
        Ok((
            ModelThread {
                requests: Some(requests_tx),
                thread: Some(thread),
            },
            loaded,
        ))
    }

    /// Queues `request`; [`LlmError::ModelStopped`] when the thread has ended.
    pub fn send(&self, request: R) -> Result<(), LlmError> {
        self.requests
            .as_ref()
            .ok_or(LlmError::ModelStopped)?
            .send(request)
            .map_err(|_| LlmError::ModelStopped)
    }
}

impl<R> Drop for ModelThread<R> {
    fn drop(&mut self) {
        self.requests.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The value of a loading step; its error goes to `ready` (the loader waits there) and the
/// thread gives up, so every step of a model thread's start reads `let Some(x) = ... else`.
pub(super) fn or_report<T, I>(
    step: Result<T, LlmError>,
    ready: &SyncSender<Result<I, LlmError>>,
) -> Option<T> {
    match step {
        Ok(value) => Some(value),
        Err(error) => {
            let _ = ready.send(Err(error));
            None
        }
    }
}

/// The error for a context that llama.cpp could not create: in practice, memory for its
/// cache and buffers.
pub(super) fn context_error(path: &Path, what: &str, error: impl std::fmt::Display) -> LlmError {
    LlmError::OutOfMemory {
        path: path.to_owned(),
        reason: format!("{what}: {error}"),
    }
}
