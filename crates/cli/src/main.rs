//! `planeswalker`: the knowledge base, headless. Every command the desktop app offers over the
//! same core, for scripting, benchmarks and evaluation.

// Printing results is this binary's job; libraries keep the workspace's print_stdout lint.
#![allow(clippy::print_stdout)]

mod args;
mod commands;
mod interrupt;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = args::Cli::parse_from(args::with_free_text_last(std::env::args().collect()));
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                // llama.cpp warns about details of models that work (a tokenizer's end token,
                // the embedding context's size) at every load; RUST_LOG shows them.
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,llama-cpp-2=error")),
        )
        .with_writer(std::io::stderr)
        .init();
    match commands::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if output::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            output::print_error(&error);
            ExitCode::FAILURE
        }
    }
}
