//! The embedding model of the CLI and the embedding step: `planeswalker import embeddings`,
//! the step that follows every import, and the model semantic searches load.

use std::path::{Path, PathBuf};

use anyhow::Context;
use codex::semantic::{EmbedProgress, EmbedReport};
use indicatif::{ProgressBar, ProgressStyle};
use llm::catalog::{Catalog, ModelKind};
use llm::providers::local::{LocalEmbedder, LocalSettings};
use tokio_util::sync::CancellationToken;

use super::CommandContext;
use super::models::{models_dir, resolve_model};
use crate::interrupt::cancel_on_ctrl_c;
use crate::output::say;

/// The embedding model to use: `explicit` (a file or an installed catalogue id), else the
/// first catalogue embedding model installed in `<data dir>/models`; `None` when there is
/// neither.
pub fn embedding_model(
    ctx: &CommandContext,
    explicit: Option<&Path>,
) -> anyhow::Result<Option<PathBuf>> {
    if let Some(model) = explicit {
        return resolve_model(ctx, model).map(Some);
    }
    let dir = models_dir(ctx);
    Ok(Catalog::builtin()?
        .models()
        .iter()
        .filter(|m| m.kind == ModelKind::Embedding)
        .map(|m| m.installed_path(&dir))
        .find(|path| path.exists()))
}

/// Loads the embedding model for a semantic search; none installed is an error saying what
/// to do.
pub fn load_embedder(
    ctx: &CommandContext,
    explicit: Option<&Path>,
) -> anyhow::Result<LocalEmbedder> {
    let path = embedding_model(ctx, explicit)?.context(
        "semantic search needs an embedding model: install one (`planeswalker models list` shows \
         them) or pass --embedding-model FILE.gguf",
    )?;
    load(&path)
}

fn load(path: &Path) -> anyhow::Result<LocalEmbedder> {
    LocalEmbedder::load(path, LocalSettings::default().threads)
        .with_context(|| format!("cannot use the embedding model {}", path.display()))
}

/// Runs the embedding step with the model at `path`, drawing a progress bar unless JSON
/// output was asked for. Ctrl-C stops it between batches, keeping what is done.
pub fn run_step(ctx: &CommandContext, path: &Path) -> anyhow::Result<EmbedReport> {
    let embedder = load(path)?;
    let cancel = CancellationToken::new();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // The watcher runs on its own thread while the step blocks this one; a cancel stops the
    // step between batches, and committed batches survive.
    let on_ctrl_c = cancel.clone();
    let watcher = std::thread::spawn(move || runtime.block_on(cancel_on_ctrl_c(on_ctrl_c)));
    let bar = if ctx.json {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(0)
    };
    bar.set_style(
        ProgressStyle::with_template(
            "embedding {bar:30} {pos:>6}/{len:6} texts {per_sec:>12} ETA {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let report = codex::semantic::embed(
        &ctx.data_dir,
        &embedder,
        &|EmbedProgress { done, total }| {
            bar.set_length(total);
            bar.set_position(done);
        },
        &cancel,
    );
    bar.finish_and_clear();
    // The watcher thread is left to the process's end: it only waits for a signal.
    drop(watcher);
    Ok(report?)
}

/// Prints what the embedding step did.
pub fn print_report(report: &EmbedReport) -> anyhow::Result<()> {
    say!(
        "Embeddings: {} card faces and {} rules for semantic search ({} embedded now, {} kept, {} dropped) in {:.1} s",
        report.card_faces,
        report.rules,
        report.embedded,
        report.reused,
        report.removed,
        report.elapsed.as_secs_f64()
    );
    Ok(())
}
