//! Builds the app's context from `tauri.conf.json` and generates a permission per command.
//!
//! The repository root's `tauri.conf.json` is the single source; `src-tauri/tauri.conf.json`
//! is a symlink to it. The build reads it through the symlink, not as `../tauri.conf.json`,
//! because tauri resolves the paths inside the file (`frontendDist`, icons) against the
//! folder it was read from, and the npm CLI always reads it from `src-tauri/`: through the
//! symlink both see the same paths.

include!("src/commands/names.rs");

fn main() {
    // Declaring the commands makes each one need an `allow-<name>` permission, so a window
    // can call only what its capability file grants.
    let manifest = tauri_build::AppManifest::new().commands(COMMAND_NAMES);
    let attributes = tauri_build::Attributes::new()
        .config_path("tauri.conf.json")
        .app_manifest(manifest);
    if let Err(error) = tauri_build::try_build(attributes) {
        // A build script reports failure by panicking; the message is what cargo shows.
        panic!("tauri build configuration: {error:#}");
    }
}
