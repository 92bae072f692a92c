//! Where the test models are: `models/fetch-test-models.sh` puts them in the models cache
//! (`$PLANESWALKER_MODELS_DIR`, default `~/.cache/planeswalker/models`). Tests fail, never
//! skip, when a model is missing.

// Each test binary uses some of these.
#![allow(dead_code)]

use std::path::PathBuf;

/// SmolLM2-135M-Instruct (GGUF), or the file `$PLANESWALKER_TEST_MODEL` names.
pub fn test_chat_model() -> PathBuf {
    if let Some(path) = std::env::var_os("PLANESWALKER_TEST_MODEL") {
        return path.into();
    }
    cached_model("SmolLM2-135M-Instruct.Q4_1.gguf")
}

/// all-MiniLM-L6-v2 (GGUF, converted by the fetch script).
pub fn test_embedding_model() -> PathBuf {
    cached_model("all-MiniLM-L6-v2.F16.gguf")
}

fn cached_model(file: &str) -> PathBuf {
    let dir = match std::env::var_os("PLANESWALKER_MODELS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => match std::env::var_os("HOME") {
            Some(home) => PathBuf::from(home).join(".cache/planeswalker/models"),
            None => panic!("HOME is not set: set PLANESWALKER_MODELS_DIR"),
        },
    };
    let path = dir.join(file);
    assert!(
        path.exists(),
        "{} is missing: run `bash models/fetch-test-models.sh` first",
        path.display()
    );
    path
}
