//! Scryfall's regular-expression dialect (`o:/.../`, `t:/.../`, `name:/.../`) translated
//! into the `regex` crate's syntax, which the parser checks and the `regexp` SQL function runs.

/// A Scryfall regular expression in the `regex` crate's syntax. Scryfall lets mana symbols
/// stand as written (`o:/^{T}:/`, `o:/{2}{U}/`), so braces are literal unless they hold a
/// repetition count (`{2}`, `{2,}`, `{2,5}`) right after a group, class, `.` or escape
/// (`(ab){2}`, `\\d{2}`): in card text, `{2}` is far more often a mana symbol.
pub(crate) fn rust_regex(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut literal_braces = 0usize;
    // Whether the item just written can take a `{n}` count.
    let mut countable = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                out.push(c);
                if let Some(next) = chars.get(i + 1) {
                    out.push(*next);
                }
                i += 2;
                countable = true;
                continue;
            }
            '{' => {
                let rest: String = chars[i + 1..].iter().take(24).collect();
                let is_count = rest.find('}').is_some_and(|end| {
                    let mut parts = rest[..end].splitn(2, ',');
                    let low = parts.next().unwrap_or("");
                    let high = parts.next();
                    !low.is_empty()
                        && low.chars().all(|d| d.is_ascii_digit())
                        && high.is_none_or(|h| h.chars().all(|d| d.is_ascii_digit()))
                });
                if is_count && countable {
                    out.push('{');
                } else {
                    out.push_str("\\{");
                    literal_braces += 1;
                }
                countable = false;
            }
            '}' if literal_braces > 0 => {
                out.push_str("\\}");
                literal_braces -= 1;
                countable = false;
            }
            _ => {
                out.push(c);
                countable = matches!(c, ')' | ']' | '.');
            }
        }
        i += 1;
    }
    out
}
