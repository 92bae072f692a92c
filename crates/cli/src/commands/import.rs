//! `planeswalker import`: from files, a folder, or the public sources.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use codex::download::latest::{CardProvider, FetchProgress, fetch_latest};
use codex::download::{CancellationToken, Downloader, Sources};
use codex::import::{ImportProgress, ImportReport, Part, SourceFile, detect, scan_dir};
use codex::semantic::EmbedReport;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::{CommandContext, embeddings};
use crate::args::{CardsFrom, ImportArgs, ImportWhat};
use crate::interrupt::cancel_on_ctrl_c;
use crate::output::{self, say};

/// What `import --json` prints: the import's report, and the embedding step's when it ran.
#[derive(Serialize)]
struct Imported {
    #[serde(flatten)]
    import: ImportReport,
    embeddings: Option<EmbedReport>,
}

pub fn run(ctx: &CommandContext, args: ImportArgs) -> anyhow::Result<()> {
    let wanted: Vec<Part> = match args.what {
        ImportWhat::All => Part::ALL.to_vec(),
        ImportWhat::Cards => vec![Part::Cards],
        ImportWhat::Rules => vec![Part::Rules],
        ImportWhat::Combos => vec![Part::Combos],
        ImportWhat::Embeddings => return embed_only(ctx, args.embedding_model.as_deref()),
    };
    // Chosen before the import so that a wrong --embedding-model fails before the work.
    let embedding_model = embeddings::embedding_model(ctx, args.embedding_model.as_deref())?;
    let mut sources: Vec<SourceFile> = Vec::new();
    for path in &args.from_file {
        let kind = detect(path)
            .with_context(|| format!("reading {}", path.display()))?
            .with_context(|| {
                format!(
                    "{} is not a card, rules or combo file Planeswalker can read",
                    path.display()
                )
            })?;
        sources.push(SourceFile {
            kind,
            path: path.clone(),
        });
    }
    if let Some(dir) = &args.from_dir {
        let found = scan_dir(dir).with_context(|| format!("scanning {}", dir.display()))?;
        if found.is_empty() {
            anyhow::bail!("no card, rules or combo files found in {}", dir.display());
        }
        sources.extend(found);
    }
    // Held until the import ends: it runs the Ctrl-C watcher that downloading installed.
    let mut downloads_runtime = None;
    if args.from_file.is_empty() && args.from_dir.is_none() {
        let (files, runtime) = download(ctx, &args, &wanted)?;
        sources = files;
        downloads_runtime = Some(runtime);
    }
    sources.retain(|s| wanted.contains(&s.kind.part()));
    if sources.is_empty() {
        anyhow::bail!(
            "none of the given files hold {}",
            wanted
                .iter()
                .map(|p| p.name())
                .collect::<Vec<_>>()
                .join(" or ")
        );
    }
    for part in &wanted {
        if args.what == ImportWhat::All
            && !sources.iter().any(|s| s.kind.part() == *part)
            && !ctx.json
        {
            eprintln!(
                "note: no {} source given; the current {} (if any) are kept",
                part.name(),
                part.name()
            );
        }
    }

    let spinner = ProgressBar::new_spinner();
    spinner.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    spinner.enable_steady_tick(Duration::from_millis(120));
    let report = codex::import::import(&ctx.data_dir, &sources, &|event| match event {
        ImportProgress::Hashing { path } => {
            spinner.set_message(format!("checking {}", file_name(&path)))
        }
        ImportProgress::Reading { kind, path } => spinner.set_message(format!(
            "reading {} ({})",
            kind.describe(),
            file_name(&path)
        )),
        ImportProgress::Stored { count } => spinner.set_message(format!("{count} records stored")),
        ImportProgress::Finishing => spinner.set_message("building indexes"),
    });
    spinner.finish_and_clear();
    let report = report?;
    // The downloads' Ctrl-C watcher ends here; the embedding step installs its own.
    drop(downloads_runtime);
    let embedded = match &embedding_model {
        // Combos have no embeddings: importing only them leaves the vectors as they are.
        Some(path) if wanted != [Part::Combos] => Some(embeddings::run_step(ctx, path)?),
        _ => None,
    };
    if ctx.json {
        return output::print_json(&Imported {
            import: report,
            embeddings: embedded,
        });
    }
    let parts = report
        .parts
        .iter()
        .map(|p| p.name())
        .collect::<Vec<_>>()
        .join(", ");
    if report.up_to_date {
        say!("Already up to date: the {parts} sources are unchanged since the last import.");
    } else {
        say!(
            "Imported {parts} in {:.1} s into {}",
            report.elapsed.as_secs_f64(),
            ctx.data_dir.display()
        );
    }
    let s = &report.stats;
    say!(
        "  {} cards, {} faces, {} sets, {} printings, {} rulings",
        s.cards,
        s.faces,
        s.sets,
        s.printings,
        s.rulings
    );
    match &embedded {
        Some(embedded) => embeddings::print_report(embedded)?,
        None if wanted != [Part::Combos] => say!(
            "Semantic search is off: no embedding model is installed (`planeswalker models list`), \
             then run `planeswalker import embeddings`"
        ),
        None => {}
    }
    Ok(())
}

/// `planeswalker import embeddings`: the embedding step alone, over what is imported.
fn embed_only(ctx: &CommandContext, explicit: Option<&Path>) -> anyhow::Result<()> {
    let path = embeddings::embedding_model(ctx, explicit)?.context(
        "no embedding model is installed: install one (`planeswalker models list` shows them) or \
         pass --embedding-model FILE.gguf",
    )?;
    let report = embeddings::run_step(ctx, &path)?;
    if ctx.json {
        return output::print_json(&report);
    }
    embeddings::print_report(&report)
}

/// Downloads the current public sources of `wanted` into `<data dir>/downloads`. Returns
/// the files and the runtime whose Ctrl-C watcher must outlive the import that follows.
fn download(
    ctx: &CommandContext,
    args: &ImportArgs,
    wanted: &[Part],
) -> anyhow::Result<(Vec<SourceFile>, tokio::runtime::Runtime)> {
    let mut urls = Sources::default();
    if let Some(url) = &args.mtgjson_url {
        urls.mtgjson_base = url.clone();
    }
    if let Some(file) = &args.mtgjson_printings {
        urls.mtgjson_printings = file.clone();
    }
    if let Some(url) = &args.scryfall_url {
        urls.scryfall_api_base = url.clone();
    }
    if let Some(url) = &args.rules_url {
        urls.rules_txt = url.clone();
        urls.discover_rules_txt = false;
    }
    if let Some(url) = &args.spellbook_url {
        urls.spellbook_variants = url.clone();
    }
    let provider = match args.cards_from {
        CardsFrom::Mtgjson => CardProvider::Mtgjson,
        CardsFrom::Scryfall => CardProvider::Scryfall,
    };
    let downloader = Downloader::new(urls)?;
    let dir = ctx.data_dir.join("downloads");
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "{msg:32} {bar:30} {bytes:>10}/{total_bytes:10} {bytes_per_sec:>12} ETA {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let cancel = CancellationToken::new();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let quiet = ctx.json;
    let files = runtime.block_on(async {
        // Cancelled downloads keep their partial files for next time; a Ctrl-C after them
        // ends the process, which an import survives by design (the previous knowledge
        // base stays in place).
        tokio::spawn(cancel_on_ctrl_c(cancel.clone()));
        fetch_latest(
            &downloader,
            wanted,
            provider,
            &dir,
            &|event| match event {
                FetchProgress::Started { kind, url } => {
                    if !quiet {
                        bar.println(format!("downloading {} from {url}", kind.describe()));
                    }
                    bar.reset();
                    bar.set_message(kind.describe());
                }
                FetchProgress::Bytes(p) => {
                    bar.set_length(p.total.unwrap_or(p.downloaded));
                    bar.set_position(p.downloaded);
                }
                FetchProgress::Unchanged { kind } => {
                    if !quiet {
                        bar.println(format!("{} is already the current one", kind.describe()));
                    }
                }
            },
            &cancel,
        )
        .await
    });
    bar.finish_and_clear();
    let files = files.context("downloading the public sources")?;
    // From here on there is nothing left to cancel gracefully.
    cancel.cancel();
    Ok((files, runtime))
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
