//! `planeswalker models`: the catalogue of local models, what is installed in
//! `<data dir>/models`, and downloading one there.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::Context;
use download::{CancellationToken, Downloader, Progress};
use indicatif::{HumanBytes, HumanDuration, ProgressBar, ProgressStyle};
use llm::catalog::{Catalog, CatalogModel, CheckedAgainst};
use llm::model_download::{InstallOutcome, InstalledModel, ModelDownloadEvent, download_model};
use serde::Serialize;

use super::CommandContext;
use crate::args::ModelsCommand;
use crate::interrupt::cancel_on_ctrl_c;
use crate::output::{self, say};

/// Where models are installed.
pub fn models_dir(ctx: &CommandContext) -> PathBuf {
    ctx.data_dir.join("models")
}

/// The GGUF file `model` names: an existing file, else an installed catalogue model's id.
pub fn resolve_model(ctx: &CommandContext, model: &Path) -> anyhow::Result<PathBuf> {
    if model.exists() {
        return Ok(model.to_owned());
    }
    let Some(id) = model
        .to_str()
        .filter(|s| !s.contains(std::path::MAIN_SEPARATOR))
    else {
        return Ok(model.to_owned());
    };
    let catalog = Catalog::builtin()?;
    let entry = catalog
        .find(id)
        .with_context(|| format!("{} is neither a file nor a catalogue id", model.display()))?;
    let path = entry.installed_path(&models_dir(ctx));
    anyhow::ensure!(
        path.exists(),
        "{} is not installed (expected at {})",
        entry.name,
        path.display()
    );
    Ok(path)
}

#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    model: &'a CatalogModel,
    installed: bool,
    path: PathBuf,
}

pub fn run(ctx: &CommandContext, command: ModelsCommand) -> anyhow::Result<()> {
    let catalog = Catalog::builtin()?;
    let dir = models_dir(ctx);
    match command {
        ModelsCommand::List => {
            let listed: Vec<Listed> = catalog
                .models()
                .iter()
                .map(|model| {
                    let path = model.installed_path(&dir);
                    Listed {
                        model,
                        installed: path.exists(),
                        path,
                    }
                })
                .collect();
            if ctx.json {
                return output::print_json(&listed);
            }
            say!("Models in {}", dir.display());
            for entry in &listed {
                let model = entry.model;
                say!(
                    "{} {:<30} {:<30} {:>8} file, {:>8} RAM  {}",
                    if entry.installed { "✓" } else { " " },
                    model.id,
                    model.name,
                    gigabytes(model.size),
                    gigabytes(model.ram_needed),
                    model.license
                );
            }
            Ok(())
        }
        ModelsCommand::Download { id, mirror } => {
            download(ctx, catalog.find(&id)?, &dir, mirror.as_deref())
        }
        ModelsCommand::Verify { id } => {
            let models: Vec<&CatalogModel> = match &id {
                Some(id) => vec![catalog.find(id)?],
                None => catalog
                    .models()
                    .iter()
                    .filter(|m| m.installed_path(&dir).exists())
                    .collect(),
            };
            for model in models {
                match model.verify(&model.installed_path(&dir))?.against {
                    CheckedAgainst::Catalogue => {
                        say!("{}: ok (size and SHA-256 match the catalogue)", model.id)
                    }
                    CheckedAgainst::RecordedHash => say!(
                        "{}: ok (SHA-256 matches the one recorded at its first download)",
                        model.id
                    ),
                }
            }
            Ok(())
        }
        ModelsCommand::Remove { id } => {
            let model = catalog.find(&id)?;
            let path = model.installed_path(&dir);
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
            // A hash recorded at the first download belongs to that copy only.
            let record = model.recorded_hash_path(&dir);
            match std::fs::remove_file(&record) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(e).with_context(|| format!("cannot remove {}", record.display()));
                }
                _ => {}
            }
            say!("removed {} ({})", model.name, path.display());
            Ok(())
        }
    }
}

/// `models download`: one model into `dir`, with a progress bar (or JSON lines), Ctrl-C
/// cancelling and keeping the part for the next run.
fn download(
    ctx: &CommandContext,
    model: &CatalogModel,
    dir: &Path,
    mirror: Option<&str>,
) -> anyhow::Result<()> {
    let downloader = Downloader::new()?;
    let cancel = CancellationToken::new();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let bar = if ctx.json {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(model.size)
    };
    bar.set_style(
        ProgressStyle::with_template("{prefix} {bar:30} {bytes:>10}/{total_bytes:10} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_prefix(model.id.clone());
    let lines = JsonLines::default();
    let installed = runtime.block_on(async {
        // A cancelled download keeps its part file, which the next run resumes.
        tokio::spawn(cancel_on_ctrl_c(cancel.clone()));
        download_model(
            &downloader,
            model,
            dir,
            mirror,
            &|event| {
                if ctx.json {
                    lines.print(&event);
                    return;
                }
                match event {
                    ModelDownloadEvent::Checking { path } => {
                        bar.set_message(format!("checking {}", path.display()))
                    }
                    ModelDownloadEvent::Progress(p) => {
                        bar.set_length(p.total.unwrap_or(model.size));
                        bar.set_position(p.downloaded);
                        bar.set_message(rate_and_eta(&p));
                    }
                }
            },
            &cancel,
        )
        .await
    });
    bar.finish_and_clear();
    let installed = installed?;
    if ctx.json {
        return lines.print_done(&installed);
    }
    match installed.outcome {
        InstallOutcome::AlreadyInstalled => say!(
            "{} is already installed: {} (size and SHA-256 checked)",
            model.name,
            installed.path.display()
        ),
        InstallOutcome::Downloaded { resumed_from } => {
            let resumed = if resumed_from > 0 {
                format!(", resumed after {}", HumanBytes(resumed_from))
            } else {
                String::new()
            };
            say!(
                "installed {} in {} ({}{resumed})",
                model.name,
                installed.path.display(),
                HumanBytes(installed.size)
            );
            match &installed.recorded_hash {
                None => say!("SHA-256 {} checked", installed.sha256),
                Some(record) => say!(
                    "the catalogue has no confirmed SHA-256 for it: recorded this download's, {}, \
                     in {}; `models verify` checks against it",
                    installed.sha256,
                    record.display()
                ),
            }
        }
    }
    Ok(())
}

/// `12.3 MiB/s, 1 minute left`, from what the download measured; empty until it has a rate.
fn rate_and_eta(progress: &Progress) -> String {
    match (progress.bytes_per_second, progress.eta_seconds) {
        (Some(rate), Some(eta)) => format!(
            "{}/s, {} left",
            HumanBytes(rate),
            HumanDuration(Duration::from_secs(eta))
        ),
        (Some(rate), None) => format!("{}/s", HumanBytes(rate)),
        _ => String::new(),
    }
}

/// `--json`: one event per line on stdout. Progress comes with every network read; a line is
/// printed per percent of the file (per MiB when its size is unknown), at least every second
/// while bytes arrive, and for the last byte, so a reader gets a steady, bounded stream.
#[derive(Default)]
struct JsonLines {
    /// When the last progress line was printed, and at how many bytes.
    last: Mutex<Option<(Instant, u64)>>,
}

/// The line printed once the model is installed.
#[derive(Serialize)]
struct Done<'a> {
    event: &'static str,
    #[serde(flatten)]
    model: &'a InstalledModel,
}

impl JsonLines {
    fn print(&self, event: &ModelDownloadEvent) {
        if let ModelDownloadEvent::Progress(p) = event {
            let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
            let step = p.total.map_or(1 << 20, |total| (total / 100).max(1));
            let due = match *last {
                None => true,
                Some((at, bytes)) => {
                    p.downloaded.abs_diff(bytes) >= step
                        || at.elapsed() >= Duration::from_secs(1)
                        || p.total == Some(p.downloaded)
                }
            };
            if !due {
                return;
            }
            *last = Some((Instant::now(), p.downloaded));
        }
        // Progress is worth no failure: a closed stdout shows in the final line's error.
        let _ = write_line(event);
    }

    fn print_done(&self, model: &InstalledModel) -> anyhow::Result<()> {
        write_line(&Done {
            event: "installed",
            model,
        })
    }
}

fn write_line(value: &impl Serialize) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, value)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

fn gigabytes(bytes: u64) -> String {
    format!("{:.2} GB", bytes as f64 / 1e9)
}
