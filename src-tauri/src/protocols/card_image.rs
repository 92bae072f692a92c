//! `card-image://localhost/<scryfall id>/<front|back>`: card images from the disk cache, fetched
//! from Scryfall on a miss (`codex::download::card_images`). A protocol rather than a command so
//! an `<img>` loads it directly, with no base64 copy through IPC; the UI builds the URL with
//! `convertFileSrc(…, "card-image")`, which percent-encodes the path.

use std::borrow::Cow;

use codex::download::CancellationToken;
use codex::download::card_images::{CardImages, Side};
use tauri::http::{Request, Response, StatusCode, header};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::state::AppState;

/// The scheme's name, as the UI's `cardImageUrl` and the CSP's `img-src` spell it.
pub const SCHEME: &str = "card-image";

/// Handles one request on a tokio worker, so a slow download never blocks the web view.
pub fn handle<R: Runtime>(
    context: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let images = context.app_handle().state::<AppState>().card_images.clone();
    let path = request.uri().path().to_owned();
    tauri::async_runtime::spawn(async move {
        responder.respond(respond(&images, &path).await);
    });
}

/// The response for a request `path` (`/<id>/<side>`, possibly percent-encoded as one
/// segment).
async fn respond(images: &CardImages, path: &str) -> Response<Cow<'static, [u8]>> {
    let decoded = percent_encoding::percent_decode_str(path.trim_start_matches('/'))
        .decode_utf8_lossy()
        .into_owned();
    let Some((id, side)) = decoded
        .split_once('/')
        .and_then(|(id, side)| Some((id, Side::parse(side)?)))
    else {
        return status(StatusCode::BAD_REQUEST);
    };
    // Dropping the request (the page closed) does not stop the fetch; it is cached for next
    // time, which is what a player paging back would want.
    match images.image(id, side, &CancellationToken::new()).await {
        Ok(bytes) => Response::builder()
            .header(header::CONTENT_TYPE, "image/jpeg")
            // Printings' images do not change; the web view may keep them for the session.
            .header(header::CACHE_CONTROL, "max-age=86400")
            .body(Cow::Owned(bytes))
            .unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR)),
        Err(codex::Error::NotAScryfallId { .. }) => status(StatusCode::BAD_REQUEST),
        Err(error) => {
            // Offline is the usual cause: the card page draws its text frame instead.
            tracing::debug!(%error, id, "card image unavailable");
            status(StatusCode::BAD_GATEWAY)
        }
    }
}

fn status(code: StatusCode) -> Response<Cow<'static, [u8]>> {
    let mut response = Response::new(Cow::Borrowed(&[][..]));
    *response.status_mut() = code;
    response
}
