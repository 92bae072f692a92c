//! `planeswalker import`: from files, a folder, or the public sources.

use std::time::Duration;

use anyhow::Context;
use codex::import::{ImportProgress, Part, SourceFile, detect, scan_dir};
use indicatif::{ProgressBar, ProgressStyle};

use super::Context_;
use crate::args::{ImportArgs, ImportWhat};
use crate::output;

pub fn run(ctx: &Context_, args: ImportArgs) -> anyhow::Result<()> {
    let wanted: Vec<Part> = match args.what {
        ImportWhat::All => Part::ALL.to_vec(),
        ImportWhat::Cards => vec![Part::Cards],
        ImportWhat::Rules => vec![Part::Rules],
        ImportWhat::Combos => vec![Part::Combos],
    };
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
    if args.from_file.is_empty() && args.from_dir.is_none() {
        anyhow::bail!("downloading is not available in this build: use --from-file or --from-dir");
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
    if ctx.json {
        return output::print_json(&report);
    }
    let parts = report
        .parts
        .iter()
        .map(|p| p.name())
        .collect::<Vec<_>>()
        .join(", ");
    if report.up_to_date {
        println!("Already up to date: the {parts} sources are unchanged since the last import.");
    } else {
        println!(
            "Imported {parts} in {:.1} s into {}",
            report.elapsed.as_secs_f64(),
            ctx.data_dir.display()
        );
    }
    let s = &report.stats;
    println!(
        "  {} cards, {} faces, {} sets, {} printings, {} rulings",
        s.cards, s.faces, s.sets, s.printings, s.rulings
    );
    Ok(())
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
