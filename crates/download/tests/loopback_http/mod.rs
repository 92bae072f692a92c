//! A small HTTP/1.1 file server on 127.0.0.1 for the download tests, with faults on demand.
//!
//! The one copy: the `download` crate's tests use it, and the tests of its users (codex, the CLI,
//! the app) include this file with `#[path]`.
//!
//! Hand-rolled on tokio rather than axum + tower-http `ServeDir`: the tests need to cut a
//! connection after an exact number of body bytes, to end a response cleanly but short, to
//! ignore `Range`, to change a file's ETag between two requests and to record every request's
//! headers and the status it got. Each of those would be a custom tower layer around
//! `ServeDir` anyway, and axum, tower-http and hyper-server would be three more crates to compile
//! on a 2-core machine for tests only. It serves one request per connection
//! (`Connection: close`), `GET` only, `Range: bytes=N-` / `bytes=N-M` with `If-Range` checked
//! against the ETag, and `If-None-Match` (304) against the ETag: what the downloader uses,
//! nothing more.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// A fault applied to one response; faults queued on a route are used one per request.
#[derive(Debug, Clone, Copy)]
pub enum Fault {
    /// Announce the full length, send this many body bytes, then close the connection.
    CutAfter(u64),
    /// Announce the range (206) or nothing (200), send this many body bytes chunked, and end
    /// the response cleanly: a server contradicting its own headers.
    ShortChunked(u64),
    /// Answer with this status and an empty body.
    Status(u16),
    /// Read the request and never answer, holding the connection open: a stalled server.
    Hang,
    /// Announce the full length, send this many body bytes, then hold the connection open
    /// without sending more: a transfer that stalls midway.
    StallAfter(u64),
}

/// One file the server serves.
#[derive(Debug, Clone)]
pub struct Route {
    /// The file's bytes.
    pub body: Arc<Vec<u8>>,
    /// Sent as `ETag`, and compared with `If-Range`.
    pub etag: Option<String>,
    /// Sent as `Content-Type`.
    pub content_type: &'static str,
    /// Sent as `Content-Encoding` (the body is sent as is, like a stored gzip object).
    pub content_encoding: Option<&'static str>,
    /// Whether `Range` is honoured; if not, every answer is the whole file (200).
    pub honours_range: bool,
    /// Faults for the next requests, first one first.
    pub faults: VecDeque<Fault>,
}

impl Route {
    /// A file served with range support and the given ETag, no faults.
    pub fn file(body: Arc<Vec<u8>>, etag: &str, content_type: &'static str) -> Route {
        Route {
            body,
            etag: Some(etag.to_owned()),
            content_type,
            content_encoding: None,
            honours_range: true,
            faults: VecDeque::new(),
        }
    }
}

/// A request as the server saw it, and the status it answered.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// The request target, as sent (percent-encoded).
    pub path: String,
    /// Header names lower-cased.
    pub headers: HashMap<String, String>,
    /// The status answered.
    pub status: u16,
}

impl RecordedRequest {
    /// A header's value, by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

#[derive(Default)]
struct ServerState {
    routes: HashMap<String, Route>,
    log: Vec<RecordedRequest>,
}

/// The running server; it stops when dropped.
pub struct LoopbackServer {
    addr: SocketAddr,
    state: Arc<Mutex<ServerState>>,
    accept_task: JoinHandle<()>,
}

impl Drop for LoopbackServer {
    fn drop(&mut self) {
        self.accept_task.abort();
    }
}

impl LoopbackServer {
    /// Starts a server on 127.0.0.1 at a port the OS picks.
    pub async fn start() -> LoopbackServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(ServerState::default()));
        let accept_state = Arc::clone(&state);
        let accept_task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve_connection(stream, Arc::clone(&accept_state)));
            }
        });
        LoopbackServer {
            addr,
            state,
            accept_task,
        }
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The full URL of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base())
    }

    /// Serves `route` at `path`, replacing what was there.
    pub fn serve(&self, path: &str, route: Route) {
        self.state
            .lock()
            .unwrap()
            .routes
            .insert(path.to_owned(), route);
    }

    /// Changes the route at `path`.
    pub fn update(&self, path: &str, change: impl FnOnce(&mut Route)) {
        let mut state = self.state.lock().unwrap();
        change(state.routes.get_mut(path).unwrap());
    }

    /// Every request made for `path` so far, oldest first.
    pub fn requests_for(&self, path: &str) -> Vec<RecordedRequest> {
        let state = self.state.lock().unwrap();
        state
            .log
            .iter()
            .filter(|r| r.path == path)
            .cloned()
            .collect()
    }
}

/// What to send back for one request, decided under the lock, sent after it.
struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Arc<Vec<u8>>,
    range: std::ops::Range<usize>,
    fault: Option<Fault>,
}

async fn serve_connection(mut stream: TcpStream, state: Arc<Mutex<ServerState>>) {
    let Some((path, headers)) = read_request_head(&mut stream).await else {
        return;
    };
    let answer = {
        let mut state = state.lock().unwrap();
        let answer = decide(state.routes.get_mut(&path), &headers);
        state.log.push(RecordedRequest {
            path,
            headers,
            status: answer.status,
        });
        answer
    };
    if matches!(answer.fault, Some(Fault::Hang)) {
        // Kept open until the client gives up or the test's runtime ends.
        std::future::pending::<()>().await;
    }
    // The client may hang up first (a cancelled download): that is not the server's failure.
    let _ = send(&mut stream, answer).await;
    let _ = stream.shutdown().await;
}

async fn read_request_head(stream: &mut TcpStream) -> Option<(String, HashMap<String, String>)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buf.len() > 64 * 1024 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next()?;
    let mut parts = request_line.split(' ');
    let (_method, target) = (parts.next()?, parts.next()?);
    let headers = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    Some((target.to_owned(), headers))
}

fn decide(route: Option<&mut Route>, headers: &HashMap<String, String>) -> Answer {
    let Some(route) = route else {
        let body = Arc::new(b"not found".to_vec());
        return Answer {
            status: 404,
            headers: vec![("Content-Type", "text/plain".to_owned())],
            range: 0..body.len(),
            body,
            fault: None,
        };
    };
    let fault = route.faults.pop_front();
    let len = route.body.len();
    let mut out_headers = vec![("Content-Type", route.content_type.to_owned())];
    if let Some(etag) = &route.etag {
        out_headers.push(("ETag", etag.clone()));
    }
    if let Some(encoding) = route.content_encoding {
        out_headers.push(("Content-Encoding", encoding.to_owned()));
    }
    if let Some(Fault::Status(status)) = fault {
        return Answer {
            status,
            headers: out_headers,
            body: Arc::clone(&route.body),
            range: 0..0,
            fault,
        };
    }
    if let Some(tag) = headers.get("if-none-match")
        && route.etag.as_deref() == Some(tag.as_str())
    {
        return Answer {
            status: 304,
            headers: out_headers,
            body: Arc::clone(&route.body),
            range: 0..0,
            fault,
        };
    }
    if route.honours_range {
        out_headers.push(("Accept-Ranges", "bytes".to_owned()));
    }
    let validator_matches = match headers.get("if-range") {
        None => true,
        Some(v) => route.etag.as_deref() == Some(v.as_str()),
    };
    let requested = headers
        .get("range")
        .filter(|_| route.honours_range && validator_matches)
        .and_then(|r| parse_range(r, len));
    let (status, range) = match requested {
        None => (200, 0..len),
        Some(None) => {
            out_headers.push(("Content-Range", format!("bytes */{len}")));
            (416, 0..0)
        }
        Some(Some(range)) => {
            out_headers.push((
                "Content-Range",
                format!("bytes {}-{}/{len}", range.start, range.end - 1),
            ));
            (206, range)
        }
    };
    Answer {
        status,
        headers: out_headers,
        body: Arc::clone(&route.body),
        range,
        fault,
    }
}

/// `Some(Some(range))` to serve, `Some(None)` for unsatisfiable, `None` for a header not
/// understood (then the whole file is sent, as RFC 9110 allows).
fn parse_range(value: &str, len: usize) -> Option<Option<std::ops::Range<usize>>> {
    let spec = value.trim().strip_prefix("bytes=")?;
    let (first, last) = spec.split_once('-')?;
    let first: usize = first.trim().parse().ok()?;
    let last = match last.trim() {
        "" => len.saturating_sub(1),
        l => l.parse::<usize>().ok()?.min(len.saturating_sub(1)),
    };
    if first >= len || last < first {
        return Some(None);
    }
    Some(Some(first..last + 1))
}

async fn send(stream: &mut TcpStream, answer: Answer) -> std::io::Result<()> {
    let reason = match answer.status {
        200 => "OK",
        206 => "Partial Content",
        304 => "Not Modified",
        404 => "Not Found",
        416 => "Range Not Satisfiable",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let body = &answer.body[answer.range.clone()];
    let chunked = matches!(answer.fault, Some(Fault::ShortChunked(_)));
    let mut head = format!(
        "HTTP/1.1 {} {reason}\r\nConnection: close\r\n",
        answer.status
    );
    for (name, value) in &answer.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if chunked {
        head.push_str("Transfer-Encoding: chunked\r\n");
    } else {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;

    let limit = match answer.fault {
        Some(Fault::CutAfter(n) | Fault::ShortChunked(n) | Fault::StallAfter(n)) => {
            (n as usize).min(body.len())
        }
        _ => body.len(),
    };
    for piece in body[..limit].chunks(64 * 1024) {
        if chunked {
            stream
                .write_all(format!("{:x}\r\n", piece.len()).as_bytes())
                .await?;
            stream.write_all(piece).await?;
            stream.write_all(b"\r\n").await?;
        } else {
            stream.write_all(piece).await?;
        }
    }
    if chunked {
        stream.write_all(b"0\r\n\r\n").await?;
    }
    stream.flush().await?;
    if matches!(answer.fault, Some(Fault::StallAfter(_))) {
        // Kept open until the client gives up or the test's runtime ends.
        std::future::pending::<()>().await;
    }
    Ok(())
}
