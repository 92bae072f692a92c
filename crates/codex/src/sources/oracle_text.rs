//! Facts derived from oracle text that some sources do not state outright.

use std::sync::LazyLock;

use regex::Regex;

/// Oracle text without reminder text: the parenthesised explanations Scryfall's `o:` skips
/// (`fo:` searches the full text).
pub fn without_reminder_text(text: &str) -> String {
    static REMINDER: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r" ?\([^()]*\)").ok());
    match REMINDER.as_ref() {
        Some(re) => re.replace_all(text, "").into_owned(),
        None => text.to_string(),
    }
}

/// The mana symbols a face's abilities can add, for sources (MTGJSON) that do not list them
/// as Scryfall's `produced_mana` does: every `{W}`…`{C}` in an "Add" instruction, all five
/// colours for "mana of any color", and colourless too for "mana of any type".
pub fn produced_mana(text: &str) -> Vec<String> {
    const ORDER: [&str; 6] = ["W", "U", "B", "R", "G", "C"];
    let mut found = [false; 6];
    for sentence in text.split(['.', '\n']) {
        // "Add {G}", and "adds an additional {G}" (Utopia Sprawl), "adds one mana".
        static ADD: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(?i)\badds?\b").ok());
        let Some(start) = ADD
            .as_ref()
            .and_then(|re| re.find(sentence))
            .map(|m| m.start())
        else {
            continue;
        };
        let clause = &sentence[start..];
        let lower = clause.to_ascii_lowercase();
        if lower.contains("any color")
            || lower.contains("any one color")
            || lower.contains("any combination of colors")
        {
            found[..5].iter_mut().for_each(|f| *f = true);
        }
        if lower.contains("any type") {
            found.iter_mut().for_each(|f| *f = true);
        }
        for (i, symbol) in ORDER.iter().enumerate() {
            if clause.contains(&format!("{{{symbol}}}")) {
                found[i] = true;
            }
        }
    }
    ORDER
        .iter()
        .zip(found)
        .filter(|(_, f)| *f)
        .map(|(s, _)| s.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminder_text_is_removed() {
        assert_eq!(
            without_reminder_text(
                "Flying\nTrample (This creature can deal excess combat damage to the player or planeswalker it's attacking.)"
            ),
            "Flying\nTrample"
        );
    }

    #[test]
    fn produced_mana_reads_add_instructions() {
        assert_eq!(produced_mana("{T}: Add {C}{C}."), vec!["C"]);
        assert_eq!(
            produced_mana("{T}: Add one mana of any color."),
            vec!["W", "U", "B", "R", "G"]
        );
        assert_eq!(produced_mana("({T}: Add {R} or {G}.)"), vec!["R", "G"]);
        assert!(produced_mana("Lightning Bolt deals 3 damage to any target.").is_empty());
        assert_eq!(
            produced_mana(
                "Whenever enchanted Forest is tapped for mana, its controller adds an additional {G}."
            ),
            vec!["G"]
        );
        assert!(produced_mana("Put an additional +1/+1 counter on it.").is_empty());
    }
}
