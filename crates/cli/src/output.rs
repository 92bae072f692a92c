//! How results and errors look on a terminal, and the JSON printer.

use std::io::Write;

use codex::card::Card;

/// `println!` that returns the write's error instead of panicking, so a closed pipe
/// (`planeswalker search … | head`) ends the command quietly.
macro_rules! say {
    () => {
        std::io::Write::write_all(&mut std::io::stdout().lock(), b"\n")?
    };
    ($($arg:tt)*) => {
        std::io::Write::write_fmt(&mut std::io::stdout().lock(), format_args!("{}\n", format_args!($($arg)*)))?
    };
}
pub(crate) use say;

/// Whether `error` is stdout closing under us (a reader such as `head` exiting).
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Prints `value` as pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Prints an error and its causes on stderr.
pub fn print_error(error: &anyhow::Error) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "error: {error}");
    // Many errors quote their cause in their own message; print a cause only when it adds
    // something to what is already on screen.
    let mut shown = error.to_string();
    for cause in error.chain().skip(1) {
        let text = cause.to_string();
        if !shown.contains(&text) {
            let _ = writeln!(err, "  caused by: {text}");
        }
        shown.push_str(&text);
    }
}

/// A card as a player reads it.
pub fn card_text(card: &Card, detail: bool) -> String {
    let mut text = String::new();
    for (i, face) in card.faces.iter().enumerate() {
        if i > 0 {
            text.push_str("  //\n");
        }
        let cost = face.mana_cost.as_deref().unwrap_or("");
        text.push_str(format!("{}  {cost}", face.name).trim_end());
        text.push('\n');
        text.push_str(&format!("  {}\n", face.type_line));
        for line in face.oracle_text.lines().filter(|l| !l.is_empty()) {
            text.push_str(&format!("  {line}\n"));
        }
        let stats = match (&face.power, &face.toughness, &face.loyalty, &face.defense) {
            (Some(p), Some(t), _, _) => Some(format!("{p}/{t}")),
            (_, _, Some(l), _) => Some(format!("Loyalty {l}")),
            (_, _, _, Some(d)) => Some(format!("Defense {d}")),
            _ => None,
        };
        if let Some(stats) = stats {
            text.push_str(&format!("  {stats}\n"));
        }
    }
    if !detail {
        return text;
    }
    let legal: Vec<&str> = card
        .legalities
        .iter()
        .filter(|(_, s)| *s == "legal")
        .map(|(f, _)| f.as_str())
        .collect();
    let banned: Vec<&str> = card
        .legalities
        .iter()
        .filter(|(_, s)| *s == "banned")
        .map(|(f, _)| f.as_str())
        .collect();
    let restricted: Vec<&str> = card
        .legalities
        .iter()
        .filter(|(_, s)| *s == "restricted")
        .map(|(f, _)| f.as_str())
        .collect();
    text.push('\n');
    if !legal.is_empty() {
        text.push_str(&format!("Legal: {}\n", legal.join(", ")));
    }
    if !banned.is_empty() {
        text.push_str(&format!("Banned: {}\n", banned.join(", ")));
    }
    if !restricted.is_empty() {
        text.push_str(&format!("Restricted: {}\n", restricted.join(", ")));
    }
    if let Some(printings) = &card.printings {
        let sets: Vec<&str> = printings
            .iter()
            .map(|p| p.set_code.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        text.push_str(&format!("Printings ({}): {}\n", sets.len(), sets.join(" ")));
    }
    if let Some(rulings) = card.rulings.as_ref().filter(|r| !r.is_empty()) {
        text.push_str("Rulings:\n");
        for ruling in rulings {
            text.push_str(&format!("  {}  {}\n", ruling.published, ruling.text));
        }
    }
    text
}

/// One line per card for result lists.
pub fn card_line(card: &Card) -> String {
    let cost = card.mana_cost.as_deref().unwrap_or("");
    format!("{:<40} {:<18} {}", card.name, cost, card.type_line)
}
