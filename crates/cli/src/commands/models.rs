//! `planeswalker models`: the catalogue of local models and what is installed in
//! `<data dir>/models`.

use std::path::{Path, PathBuf};

use anyhow::Context;
use llm::catalog::{Catalog, CatalogModel};
use serde::Serialize;

use super::CommandContext;
use crate::args::ModelsCommand;
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
                model.verify(&model.installed_path(&dir))?;
                say!("{}: ok (size and SHA-256 match the catalogue)", model.id);
            }
            Ok(())
        }
        ModelsCommand::Remove { id } => {
            let model = catalog.find(&id)?;
            let path = model.installed_path(&dir);
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
            say!("removed {} ({})", model.name, path.display());
            Ok(())
        }
    }
}

fn gigabytes(bytes: u64) -> String {
    format!("{:.2} GB", bytes as f64 / 1e9)
}
