//! Mana-cost values for `m:`: `{G}{G}`, the `2WW` shorthand, hybrid `{G/U}`, Phyrexian
//! `{G/P}`, two-generic hybrid `{2/W}`, and their canonical spelling as stored in
//! `card_faces.mana_cost`.

use super::ast::ManaCost;

/// Hybrid pairs in the order printed costs spell them (CR 107.4e).
const HYBRID_PAIRS: [&str; 10] = [
    "W/U", "U/B", "B/R", "R/G", "G/W", "W/B", "U/R", "B/G", "R/W", "G/U",
];

/// Letters that stand alone as a symbol, braced or not.
const SINGLE_SYMBOLS: &str = "WUBRGCXYZS";

fn is_color(part: &str) -> bool {
    matches!(part, "W" | "U" | "B" | "R" | "G")
}

/// `A/B` in printed order, whichever order the player wrote.
fn hybrid_pair(a: &str, b: &str) -> Option<&'static str> {
    let forward = format!("{a}/{b}");
    let backward = format!("{b}/{a}");
    HYBRID_PAIRS
        .iter()
        .find(|pair| **pair == forward || **pair == backward)
        .copied()
}

/// The canonical spelling of the symbol inside `{...}` (already upper case), or `None`.
fn braced_symbol(inner: &str) -> Option<String> {
    if inner.len() == 1 && SINGLE_SYMBOLS.contains(inner) {
        return Some(format!("{{{inner}}}"));
    }
    // Half mana from Un-sets: {HW}, {HR}, ...
    if let Some(color) = inner.strip_prefix('H')
        && is_color(color)
    {
        return Some(format!("{{H{color}}}"));
    }
    let parts: Vec<&str> = inner.split('/').collect();
    match parts.as_slice() {
        [a, "P"] | ["P", a] if is_color(a) => Some(format!("{{{a}/P}}")),
        ["2", a] | [a, "2"] if is_color(a) => Some(format!("{{2/{a}}}")),
        ["C", a] | [a, "C"] if is_color(a) => Some(format!("{{C/{a}}}")),
        [a, b] if is_color(a) && is_color(b) => hybrid_pair(a, b).map(|p| format!("{{{p}}}")),
        [a, b, "P"] if is_color(a) && is_color(b) => {
            hybrid_pair(a, b).map(|p| format!("{{{p}/P}}"))
        }
        _ => None,
    }
}

fn add_generic(cost: &mut ManaCost, digits: &str) -> Result<(), String> {
    let amount: u32 = digits
        .parse()
        .map_err(|_| format!("{digits} is too much generic mana"))?;
    let total = cost
        .generic
        .unwrap_or(0)
        .checked_add(amount)
        .ok_or_else(|| format!("{digits} is too much generic mana"))?;
    cost.generic = Some(total);
    Ok(())
}

/// Parses a mana cost as Scryfall accepts it: braced symbols in any order and case,
/// unbraced single symbols (`2WW`), several generic amounts added up (`2{g}2` is `{4}{G}`).
/// The error names the symbol that is not understood.
pub(crate) fn parse_cost(text: &str) -> Result<ManaCost, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut cost = ManaCost::default();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            let Some(close) = chars[i..].iter().position(|&ch| ch == '}') else {
                return Err("unclosed { in mana cost".into());
            };
            let inner: String = chars[i + 1..i + close]
                .iter()
                .collect::<String>()
                .to_ascii_uppercase();
            if !inner.is_empty() && inner.chars().all(|ch| ch.is_ascii_digit()) {
                add_generic(&mut cost, &inner)?;
            } else {
                let symbol = braced_symbol(&inner)
                    .ok_or_else(|| format!("{{{inner}}} is not a mana symbol"))?;
                *cost.symbols.entry(symbol).or_insert(0) += 1;
            }
            i += close + 1;
        } else if c.is_ascii_digit() {
            let digits: String = chars[i..]
                .iter()
                .take_while(|ch| ch.is_ascii_digit())
                .collect();
            i += digits.len();
            add_generic(&mut cost, &digits)?;
        } else if SINGLE_SYMBOLS.contains(c.to_ascii_uppercase()) {
            *cost
                .symbols
                .entry(format!("{{{}}}", c.to_ascii_uppercase()))
                .or_insert(0) += 1;
            i += 1;
        } else {
            return Err(format!(
                "{c} is not a mana symbol (wrap hybrid and Phyrexian symbols in braces, like {{G/U}})"
            ));
        }
    }
    Ok(cost)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbols(cost: &ManaCost) -> Vec<(String, u32)> {
        cost.symbols.iter().map(|(s, n)| (s.clone(), *n)).collect()
    }

    #[test]
    fn shorthand_and_braces_mean_the_same_cost() {
        let short = parse_cost("2WW").unwrap();
        let braced = parse_cost("{2}{w}{W}").unwrap();
        assert_eq!(short, braced);
        assert_eq!(short.generic, Some(2));
        assert_eq!(symbols(&short), vec![("{W}".to_string(), 2)]);
    }

    #[test]
    fn generic_amounts_add_up() {
        let cost = parse_cost("2{g}2").unwrap();
        assert_eq!(cost.generic, Some(4));
        assert_eq!(symbols(&cost), vec![("{G}".to_string(), 1)]);
    }

    #[test]
    fn hybrid_and_phyrexian_symbols_are_spelled_as_printed() {
        let cost = parse_cost("{u/w}{P/g}{w/2}{g/u/p}{x}").unwrap();
        assert_eq!(cost.generic, None);
        assert_eq!(
            symbols(&cost),
            vec![
                ("{2/W}".to_string(), 1),
                ("{G/P}".to_string(), 1),
                ("{G/U/P}".to_string(), 1),
                ("{W/U}".to_string(), 1),
                ("{X}".to_string(), 1),
            ]
        );
    }

    #[test]
    fn unknown_symbols_are_named() {
        assert!(parse_cost("{Q}").unwrap_err().contains("{Q}"));
        assert!(parse_cost("2K").unwrap_err().contains('K'));
        assert!(parse_cost("{G/G}").is_err());
        assert!(parse_cost("{2").is_err());
        assert!(parse_cost("99999999999").is_err());
    }
}
