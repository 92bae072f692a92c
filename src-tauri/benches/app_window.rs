//! The desktop app's figures, measured on the release binary in its real window through
//! WebDriver (as the end-to-end test drives it): binary size, cold start to a usable search box
//! with the full knowledge base, typed search → results rendered, and memory at idle.
//!
//! Run (a display is needed; `tauri-driver` and `WebKitWebDriver` on the PATH):
//! `cd ui && npm run build && cd .. && xvfb-run -a -s "-screen 0 1600x1000x24" cargo bench -p
//! planeswalker-app --features custom-protocol --bench app_window`
//!
//! Start-up is timed from the WebDriver "new session" request (which launches the app) to the
//! search box being present, so it includes WebKitWebDriver's own start: an upper bound.
//! Search latency is timed inside the page, from the Enter key to the first frame showing the
//! expected card, so WebDriver's round trips are not in it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark: it panics on a broken setup and prints its figures"
)]

// The end-to-end test's driver; the benchmark needs only part of it.
#[allow(dead_code)]
#[path = "../../tests/app_driver/mod.rs"]
mod app_driver;

use std::time::{Duration, Instant};

use app_driver::{App, Driver, UI_TIMEOUT, repo_root, shared_data};
use serde_json::json;

/// Launches measured for start-up.
const STARTS: usize = 5;
/// Queries typed; each is run `SEARCH_ROUNDS` times. Where a card is named, the first result
/// must be it.
const QUERIES: &[(&str, Option<&str>)] = &[
    ("lightning bolt", Some("Lightning Bolt")),
    ("counterspell", Some("Counterspell")),
    ("t:creature c:g mv<=2 pow>=3", None),
    ("o:\"draw a card\" t:instant c:u", None),
    ("t:legendary t:creature id:wubrg", None),
    // About 1,700 results: the list is virtualised, so this should cost no more to render.
    ("t:land", None),
];
const SEARCH_ROUNDS: usize = 10;

/// Empties the search box (the results go), then types `query`, presses Enter and resolves
/// with `[total, answered]`: the milliseconds until a frame shows results (checked on every
/// animation frame) and until the first `search_cards` response arrived (the rest, reading
/// it and drawing, is the UI's share), or `[-1, -1]` when the first result is not `expected`
/// or nothing shows within 10 s.
const TIMED_SEARCH: &str = r#"
const [query, expected, done] = arguments;
// Tauri's invoke cannot be replaced, but its IPC goes through fetch (the ipc: protocol):
// the first search_cards response to arrive is the answer.
if (window.__untimedFetch === undefined) {
  window.__untimedFetch = window.fetch;
  window.fetch = (input, init) => {
    const response = window.__untimedFetch(input, init);
    if (String(input).includes("search_cards") && window.__answered === null) {
      response.then(() => { window.__answered ??= performance.now(); }, () => {});
    }
    return response;
  };
}
const input = document.getElementById("card-search");
const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
const type = (text) => {
  setValue.call(input, text);
  input.dispatchEvent(new Event("input", { bubbles: true }));
};
type("");
const firstResult = () => document.querySelector("[role=listbox] [role=option]");
const waitForEmpty = () => {
  if (firstResult() !== null) {
    requestAnimationFrame(waitForEmpty);
    return;
  }
  type(query);
  window.__answered = null;
  const started = performance.now();
  input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
  const check = () => {
    const first = firstResult();
    if (first !== null) {
      const total = performance.now() - started;
      const answered = (window.__answered ?? performance.now()) - started;
      done(expected === null || first.textContent.includes(expected) ? [total, answered] : [-1, -1]);
    } else if (performance.now() - started > 10000) {
      done([-1, -1]);
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
};
requestAnimationFrame(waitForEmpty);
"#;

/// The same searches' `search_cards` round trip alone (IPC, query, JSON), first page size.
const TIMED_COMMAND: &str = r#"
const [query, done] = arguments;
const started = performance.now();
window.__TAURI_INTERNALS__.invoke("search_cards", { query, limit: 100 }).then(
  () => done(performance.now() - started),
  () => done(-1),
);
"#;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank]
}

/// Resident memory (kB) of the app and of the WebKit processes it started.
fn idle_rss_kb(binary: &std::path::Path) -> (u64, u64) {
    let mut app_pids = Vec::new();
    let mut processes = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().filter_map(Result::ok) {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
            continue;
        };
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .map(|v| v.trim().trim_end_matches(" kB").trim().to_owned())
        };
        let ppid: u32 = field("PPid:").and_then(|v| v.parse().ok()).unwrap_or(0);
        let rss: u64 = field("VmRSS:").and_then(|v| v.parse().ok()).unwrap_or(0);
        if std::fs::read_link(format!("/proc/{pid}/exe"))
            .ok()
            .as_deref()
            == Some(binary)
        {
            app_pids.push(pid);
        }
        processes.push((pid, ppid, rss));
    }
    let app: u64 = processes
        .iter()
        .filter(|(pid, _, _)| app_pids.contains(pid))
        .map(|(_, _, rss)| rss)
        .sum();
    let children: u64 = processes
        .iter()
        .filter(|(_, ppid, _)| app_pids.contains(ppid))
        .map(|(_, _, rss)| rss)
        .sum();
    (app, app + children)
}

#[tokio::main]
async fn main() {
    let binary = std::fs::canonicalize(env!("CARGO_BIN_EXE_planeswalker-app")).unwrap();
    let size = std::fs::metadata(&binary).unwrap().len();
    println!(
        "release binary: {:.1} MB ({})",
        size as f64 / 1e6,
        binary.display()
    );

    // The full knowledge base, as a first run would leave it.
    let data_dir = tempfile::tempdir().unwrap();
    let mut sources = codex::import::scan_dir(&shared_data()).unwrap();
    sources.extend(
        codex::import::scan_dir(
            &repo_root().join("crates/codex/tests/fixtures/commander-spellbook"),
        )
        .unwrap(),
    );
    codex::import::import(data_dir.path(), &sources, &|_| {}).unwrap();

    let mut starts = Vec::new();
    for run in 0..STARTS {
        let driver = Driver::start(data_dir.path());
        let started = Instant::now();
        let app = App::launch(&driver, "bench").await;
        app.wait_for("#card-search", UI_TIMEOUT).await;
        starts.push(started.elapsed().as_secs_f64() * 1000.0);
        if run + 1 < STARTS {
            app.client.close().await.unwrap();
            continue;
        }

        let mut latencies = Vec::new();
        let mut ui_shares = Vec::new();
        for round in 0..SEARCH_ROUNDS {
            for (query, expected) in QUERIES {
                let timed: (f64, f64) = serde_json::from_value(
                    app.client
                        .execute_async(TIMED_SEARCH, vec![json!(query), json!(expected)])
                        .await
                        .unwrap(),
                )
                .unwrap();
                let (ms, answered) = timed;
                assert!(ms >= 0.0, "{query}: no results, or not {expected:?} first");
                if round == 0 {
                    println!("  {query:<36} {ms:>6.1} ms (first; answer after {answered:.1} ms)");
                }
                latencies.push(ms);
                ui_shares.push(ms - answered);
            }
        }
        latencies.sort_by(f64::total_cmp);
        ui_shares.sort_by(f64::total_cmp);
        let mut commands = Vec::new();
        for _ in 0..SEARCH_ROUNDS {
            for (query, _) in QUERIES {
                let ms = app
                    .client
                    .execute_async(TIMED_COMMAND, vec![json!(query)])
                    .await
                    .unwrap()
                    .as_f64()
                    .unwrap();
                assert!(ms >= 0.0, "{query}: search_cards failed");
                commands.push(ms);
            }
        }
        commands.sort_by(f64::total_cmp);
        println!(
            "search_cards round trip alone (IPC + query + JSON, 100 card summaries): p50 {:.1} ms, p95 {:.1} ms",
            percentile(&commands, 50.0),
            percentile(&commands, 95.0)
        );
        println!(
            "search typed → rendered, {} searches: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            latencies.len(),
            percentile(&latencies, 50.0),
            percentile(&latencies, 95.0),
            latencies[latencies.len() - 1]
        );
        println!(
            "  of which the UI's share (answer arrived → frame with results): p50 {:.1} ms, p95 {:.1} ms",
            percentile(&ui_shares, 50.0),
            percentile(&ui_shares, 95.0)
        );

        tokio::time::sleep(Duration::from_secs(5)).await;
        let (app_kb, total_kb) = idle_rss_kb(&binary);
        println!(
            "idle RSS after the searches: app process {:.0} MB, with its WebKit processes {:.0} MB",
            app_kb as f64 / 1024.0,
            total_kb as f64 / 1024.0
        );
        app.client.close().await.unwrap();
    }
    let mut sorted = starts.clone();
    sorted.sort_by(f64::total_cmp);
    println!(
        "cold start → search box usable ({STARTS} launches): {}; median {:.0} ms",
        starts
            .iter()
            .map(|ms| format!("{ms:.0} ms"))
            .collect::<Vec<_>>()
            .join(", "),
        percentile(&sorted, 50.0)
    );
}
