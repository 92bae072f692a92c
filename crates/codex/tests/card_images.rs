//! Card images: fetched once from the (loopback) Scryfall API, then served from the disk cache,
//! also when the network is gone; a failed fetch caches nothing.

// clippy allows unwrap in #[test] functions only; the server module panics on a failed setup.
#![allow(clippy::unwrap_used)]

// The download crate's test server; this binary does not use every one of its faults.
#[allow(dead_code)]
#[path = "../../download/tests/loopback_http/mod.rs"]
mod loopback_http;

use std::sync::Arc;

use codex::Error;
use codex::download::card_images::{CardImages, Side};
use codex::download::{CancellationToken, Downloader, Sources};
use loopback_http::{Fault, LoopbackServer, Route};

/// A printing's id, as Scryfall writes them (the cache keys files by it).
const BOLT: &str = "0f13a1f1-8e1c-4ec6-8e48-3d8a3ec6b1a7";

fn front_path(id: &str) -> String {
    format!("/cards/{id}?format=image&version=normal")
}

/// Some bytes that stand for a JPEG: the cache stores whatever the API answers.
fn image_bytes(label: &str) -> Arc<Vec<u8>> {
    Arc::new(format!("\u{FF}\u{D8} jpeg of {label}").into_bytes())
}

fn images(server: &LoopbackServer, dir: &std::path::Path) -> CardImages {
    let sources = Sources {
        scryfall_api_base: server.base(),
        ..Sources::default()
    };
    CardImages::new(dir.to_path_buf(), Downloader::new(sources).unwrap())
}

#[tokio::test]
async fn an_image_is_fetched_once_then_served_from_disk_even_offline() {
    let server = LoopbackServer::start().await;
    let front = image_bytes("front");
    let back = image_bytes("back");
    server.serve(
        &front_path(BOLT),
        Route::file(Arc::clone(&front), "\"f\"", "image/jpeg"),
    );
    server.serve(
        &format!("{}&face=back", front_path(BOLT)),
        Route::file(Arc::clone(&back), "\"b\"", "image/jpeg"),
    );
    let dir = tempfile::tempdir().unwrap();
    let cache = images(&server, dir.path());
    let cancel = CancellationToken::new();

    assert_eq!(
        cache.image(BOLT, Side::Front, &cancel).await.unwrap(),
        *front
    );
    assert_eq!(cache.image(BOLT, Side::Back, &cancel).await.unwrap(), *back);
    assert_eq!(server.requests_for(&front_path(BOLT)).len(), 1);
    let request = &server.requests_for(&front_path(BOLT))[0];
    assert!(
        request
            .header("user-agent")
            .unwrap()
            .starts_with("Planeswalker/")
    );

    // The network is gone: the cache still answers, without a request.
    drop(server);
    assert_eq!(
        cache.image(BOLT, Side::Front, &cancel).await.unwrap(),
        *front
    );
    assert_eq!(
        cache
            .image(&BOLT.to_uppercase(), Side::Back, &cancel)
            .await
            .unwrap(),
        *back,
        "ids are cached case-insensitively"
    );
}

#[tokio::test]
async fn a_failed_fetch_is_an_error_and_leaves_no_file_behind() {
    let server = LoopbackServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let cache = images(&server, dir.path());
    let cancel = CancellationToken::new();

    // Not on the server at all.
    let err = cache.image(BOLT, Side::Front, &cancel).await.unwrap_err();
    assert!(
        matches!(err, Error::Download(download::Error::NotFound { .. })),
        "{err:?}"
    );

    // Cut mid-body on both tries.
    let mut route = Route::file(image_bytes("front"), "\"f\"", "image/jpeg");
    route
        .faults
        .extend([Fault::CutAfter(4), Fault::CutAfter(4)]);
    server.serve(&front_path(BOLT), route);
    assert!(cache.image(BOLT, Side::Front, &cancel).await.is_err());
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name())
                .collect()
        })
        .unwrap_or_default();
    assert!(left.is_empty(), "nothing cached: {left:?}");

    // Once the server answers, the image arrives.
    assert_eq!(
        cache.image(BOLT, Side::Front, &cancel).await.unwrap(),
        *image_bytes("front")
    );
}

#[tokio::test]
async fn anything_but_a_scryfall_id_is_refused_before_any_request() {
    let server = LoopbackServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let cache = images(&server, dir.path());
    for id in ["../../settings", "", "not-an-id"] {
        let err = cache
            .image(id, Side::Front, &CancellationToken::new())
            .await
            .unwrap_err();
        assert!(matches!(err, Error::NotAScryfallId { .. }), "{id}: {err:?}");
    }
}
