//! What a download left on disk: SHA-256 of bytes and files, and a folder's file names.
//!
//! The one copy: the `download` crate's tests use it, and the tests of its users (codex, llm,
//! the CLI) include this file with `#[path]`.

// Each test binary uses some of these.
#![allow(dead_code)]

use std::path::Path;

use sha2::{Digest, Sha256};

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

pub fn file_sha256(path: &Path) -> String {
    sha256_hex(&std::fs::read(path).unwrap())
}

/// Names of the files in `dir`, sorted.
pub fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
