//! Reading Wizards' Comprehensive Rules text file into [`ComprehensiveRules`].
//!
//! The file's layout: a title, the effective date, an introduction, a table of contents
//! (`Contents` … `Credits`, repeating every section and chapter heading: skipped), the rules
//! (`1. Game Concepts`, `100. General`, `100.1. …`, `100.1a …`, `Example: …`), `Glossary`
//! (a term on one line, its definition on the following lines, a blank line between
//! entries) and `Credits` (ignored). Lines end with CR, some with CRLF; LF is accepted too.
//!
//! The line scanner is hand-written rather than a set of regexes: the shapes are few and
//! fixed, and a scanner cannot fail to build at run time.

use std::collections::{HashMap, HashSet};

use super::number::{RuleLevel, RuleNumber};
use super::{ComprehensiveRules, GlossaryEntry, RuleEntry};
use crate::{Error, Result};

/// Name used in [`Error::Format`] when the caller gave text rather than a file.
const SOURCE_NAME: &str = "Comprehensive Rules";

/// Parses the text of the Comprehensive Rules (with or without its byte-order mark).
///
/// Fails with [`Error::Format`] (naming the line) when the text is empty, is not the
/// Comprehensive Rules (no effective date, no rules, no glossary), or breaks the outline (a
/// rule whose parent never appeared, a number given twice).
pub fn parse(text: &str) -> Result<ComprehensiveRules> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(format_error("the text is empty"));
    }
    let mut parser = Parser::default();
    for (index, line) in lines(text).enumerate() {
        parser.line(index + 1, line)?;
        if parser.part == Part::Done {
            break;
        }
    }
    parser.finish()
}

/// Which part of the document the parser is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Part {
    /// Title, effective date, introduction.
    #[default]
    Preamble,
    /// The table of contents: headings only, not rules.
    Contents,
    /// Sections, chapters, rules, examples.
    Rules,
    /// Term and definition blocks.
    Glossary,
    /// Credits reached: nothing more is read.
    Done,
}

#[derive(Debug, Default)]
struct Parser {
    part: Part,
    effective_date: Option<String>,
    rules: Vec<RuleEntry>,
    /// Index into `rules` of every number seen, to check parents and duplicates.
    index_of: HashMap<String, usize>,
    /// Section numbers listed in the table of contents: one seen again means the rules
    /// themselves have begun (in case a file's contents do not end with `Credits`).
    contents_sections: HashSet<u8>,
    /// Whether the last line written to was an example (continuation lines follow it).
    last_was_example: bool,
    /// The glossary block being read: its first line number and its lines.
    block: Vec<(usize, String)>,
    glossary: Vec<GlossaryEntry>,
}

impl Parser {
    fn line(&mut self, number: usize, line: &str) -> Result<()> {
        let line = line.trim_end();
        match self.part {
            Part::Preamble | Part::Contents => self.front_matter(number, line),
            Part::Rules => self.rules_line(number, line),
            Part::Glossary => {
                self.glossary_line(number, line);
                Ok(())
            }
            Part::Done => Ok(()),
        }
    }

    fn front_matter(&mut self, number: usize, line: &str) -> Result<()> {
        if self.effective_date.is_none()
            && let Some(date) = effective_date(line)
        {
            self.effective_date = Some(date);
            return Ok(());
        }
        let trimmed = line.trim();
        match self.part {
            Part::Preamble if trimmed == "Contents" => self.part = Part::Contents,
            Part::Preamble => {
                // A file without a table of contents starts its rules at the first section.
                if let Some((rule_number, _)) = numbered(trimmed)
                    && rule_number.level() == RuleLevel::Section
                {
                    self.part = Part::Rules;
                    return self.rules_line(number, line);
                }
            }
            Part::Contents if trimmed == "Credits" => self.part = Part::Rules,
            Part::Contents => {
                if let Some((rule_number, _)) = numbered(trimmed)
                    && rule_number.level() == RuleLevel::Section
                    && !self.contents_sections.insert(rule_number.section)
                {
                    self.part = Part::Rules;
                    return self.rules_line(number, line);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn rules_line(&mut self, line_number: usize, line: &str) -> Result<()> {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return Ok(());
        }
        if trimmed == "Glossary" {
            self.part = Part::Glossary;
            return Ok(());
        }
        if let Some(example) = trimmed.strip_prefix("Example:") {
            let Some(entry) = self.rules.last_mut() else {
                return Err(line_error(line_number, "an example before any rule"));
            };
            entry.examples.push(example.trim().to_owned());
            self.last_was_example = true;
            return Ok(());
        }
        if let Some((rule_number, text)) = numbered(trimmed) {
            return self.push_rule(line_number, rule_number, text);
        }
        // Anything else continues what came before it (Wizards indent such lines).
        let Some(entry) = self.rules.last_mut() else {
            return Err(line_error(
                line_number,
                format!("text before the first section: {trimmed:?}"),
            ));
        };
        let target = match entry.examples.last_mut() {
            Some(example) if self.last_was_example => example,
            _ => &mut entry.text,
        };
        target.push('\n');
        target.push_str(trimmed);
        Ok(())
    }

    fn push_rule(&mut self, line_number: usize, rule_number: RuleNumber, text: &str) -> Result<()> {
        let number = rule_number.to_string();
        if self.index_of.contains_key(&number) {
            return Err(line_error(
                line_number,
                format!("rule {number} appears twice"),
            ));
        }
        let parent = rule_number.parent().map(|p| p.to_string());
        if let Some(parent) = &parent
            && !self.index_of.contains_key(parent)
        {
            return Err(line_error(
                line_number,
                format!("rule {number} comes before its parent {parent}"),
            ));
        }
        self.index_of.insert(number.clone(), self.rules.len());
        self.rules.push(RuleEntry {
            number,
            level: rule_number.level(),
            parent,
            text: text.to_owned(),
            examples: Vec::new(),
        });
        self.last_was_example = false;
        Ok(())
    }

    fn glossary_line(&mut self, line_number: usize, line: &str) {
        if line.trim().is_empty() {
            self.block_end();
        } else if self.block.is_empty() && line.trim() == "Credits" {
            self.part = Part::Done;
        } else {
            self.block.push((line_number, line.to_owned()));
        }
    }

    /// Ends the glossary block being read, keeping it if it holds a term and a definition.
    fn block_end(&mut self) {
        let block = std::mem::take(&mut self.block);
        let mut lines = block.into_iter().map(|(_, line)| line);
        let Some(term) = lines.next() else {
            return;
        };
        let definition = lines.collect::<Vec<_>>().join("\n");
        self.glossary.push(GlossaryEntry {
            term: term.trim().to_owned(),
            definition,
            cited_rules: Vec::new(),
        });
    }

    fn finish(mut self) -> Result<ComprehensiveRules> {
        if let Some((line_number, term)) = self.block.first().cloned()
            && self.block.len() == 1
        {
            return Err(line_error(
                line_number,
                format!("glossary term {:?} has no definition", term.trim()),
            ));
        }
        self.block_end();
        let Some(effective_date) = self.effective_date else {
            return Err(format_error(
                "not the Comprehensive Rules: no line \"These rules are effective as of …\"",
            ));
        };
        match self.part {
            Part::Preamble | Part::Contents => {
                return Err(format_error(
                    "not the Comprehensive Rules: no numbered rules found",
                ));
            }
            Part::Rules => {
                return Err(format_error(
                    "no Glossary after the rules: the text looks cut short",
                ));
            }
            Part::Glossary | Part::Done => {}
        }
        if !self
            .rules
            .iter()
            .any(|r| matches!(r.level, RuleLevel::Rule | RuleLevel::Subrule))
        {
            return Err(format_error(
                "not the Comprehensive Rules: no numbered rules found",
            ));
        }
        if let Some(empty) = self
            .glossary
            .iter()
            .find(|g| g.definition.trim().is_empty())
        {
            return Err(format_error(format!(
                "glossary term {:?} has no definition",
                empty.term
            )));
        }
        let known: HashSet<&str> = self.rules.iter().map(|r| r.number.as_str()).collect();
        for entry in &mut self.glossary {
            entry.cited_rules = cited_rules(&entry.definition, &known);
        }
        Ok(ComprehensiveRules {
            effective_date,
            rules: self.rules,
            glossary: self.glossary,
        })
    }
}

fn format_error(message: impl Into<String>) -> Error {
    Error::format(SOURCE_NAME, message)
}

fn line_error(line: usize, message: impl AsRef<str>) -> Error {
    format_error(format!("line {line}: {}", message.as_ref()))
}

/// The lines of `text`, whether they end with CR, CRLF or LF.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.find(['\r', '\n']) {
            Some(end) => {
                let skip = if current[end..].starts_with("\r\n") {
                    2
                } else {
                    1
                };
                rest = Some(&current[end + skip..]);
                Some(&current[..end])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// A numbered line (`7. Additional Rules`, `702. Keyword Abilities`, `702.19. Trample`,
/// `702.19b The controller …`): its number and the text after it. The file is not perfectly
/// regular (`119.1d.` has a period after the letter, `606.5` has none after the number), so
/// the period before the text is optional after a rule number.
fn numbered(line: &str) -> Option<(RuleNumber, &str)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let after_head = line[digits..].strip_prefix('.')?;
    let (number, text) = match digits {
        1 | 3 if after_head.starts_with(char::is_whitespace) => (&line[..digits], after_head),
        3 => {
            let rule_digits = after_head.bytes().take_while(u8::is_ascii_digit).count();
            let letters = after_head[rule_digits..]
                .bytes()
                .take_while(u8::is_ascii_lowercase)
                .count();
            let number_end = digits + 1 + rule_digits + letters;
            let rest = &line[number_end..];
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            if rule_digits == 0 || !rest.starts_with(char::is_whitespace) {
                return None;
            }
            (&line[..number_end], rest)
        }
        _ => return None,
    };
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some((RuleNumber::parse(number)?, text))
}

/// `These rules are effective as of January 16, 2026.` → `2026-01-16`.
fn effective_date(line: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let (_, date) = line.split_once("effective as of ")?;
    let date = date.trim().trim_end_matches('.');
    let (month, rest) = date.split_once(' ')?;
    let (day, year) = rest.split_once(',')?;
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? + 1;
    let day: u32 = day.trim().parse().ok().filter(|d| (1..=31).contains(d))?;
    let year: u32 = year
        .trim()
        .parse()
        .ok()
        .filter(|y| (1993..=9999).contains(y))?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// The rule and section numbers a glossary definition cites, in order of first mention,
/// keeping only those in `known`. Every three-digit number in the glossary is a rule
/// reference ("See rule 702.19", "See 701.66", "rules 509.1b–c"); a one-digit number is one
/// only after "section".
fn cited_rules(definition: &str, known: &HashSet<&str>) -> Vec<String> {
    let bytes = definition.as_bytes();
    let mut found: Vec<String> = Vec::new();
    let mut push = |number: String| {
        if known.contains(number.as_str()) && !found.contains(&number) {
            found.push(number);
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let at_word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if !(bytes[i].is_ascii_digit() && at_word_start) {
            i += 1;
            continue;
        }
        let start = i;
        let digits_end = start
            + bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
        let mut cursor = digits_end;
        match digits_end - start {
            3 => {
                let chapter = &definition[start..digits_end];
                let rule_digits = bytes[cursor..]
                    .get(1..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                if bytes.get(cursor) == Some(&b'.') && rule_digits > 0 {
                    let rule_end = cursor + 1 + rule_digits;
                    let rule = &definition[start..rule_end];
                    cursor = rule_end;
                    let letters = bytes[cursor..]
                        .iter()
                        .take_while(|b| b.is_ascii_lowercase())
                        .count();
                    let ends_word =
                        |at: usize| bytes.get(at).is_none_or(|b| !b.is_ascii_alphanumeric());
                    if letters == 1 && ends_word(cursor + 1) {
                        let first = bytes[cursor];
                        cursor += 1;
                        let last = letter_range_end(&definition[cursor..]).unwrap_or(first);
                        if last != first {
                            cursor += definition[cursor..]
                                .char_indices()
                                .nth(2)
                                .map_or(definition.len() - cursor, |(at, _)| at);
                        }
                        for letter in first..=last.max(first) {
                            push(format!("{rule}{}", char::from(letter)));
                        }
                    } else {
                        push(rule.to_owned());
                    }
                } else if bytes.get(cursor).is_none_or(|b| !b.is_ascii_alphanumeric()) {
                    push(chapter.to_owned());
                }
            }
            1 => {
                let before = &definition[..start];
                let after_section = before
                    .get(before.len().saturating_sub("section ".len())..)
                    .is_some_and(|word| word.eq_ignore_ascii_case("section "));
                if after_section
                    && bytes
                        .get(digits_end)
                        .is_none_or(|b| !b.is_ascii_alphanumeric())
                {
                    push(definition[start..digits_end].to_owned());
                }
            }
            _ => {}
        }
        i = cursor.max(digits_end);
    }
    found
}

/// The last letter of a range written after a sub-rule (`–c` in `509.1b–c`, `-d` in
/// `510.1c-d`), if `rest` starts with one.
fn letter_range_end(rest: &str) -> Option<u8> {
    let mut chars = rest.chars();
    let dash = chars.next()?;
    if !matches!(dash, '-' | '–') {
        return None;
    }
    let letter = chars.next().filter(char::is_ascii_lowercase)?;
    if chars.next().is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    u8::try_from(letter).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The opening of the real file, bytes as Wizards publish them (BOM, CR, one CRLF),
    /// cut after rule 100.1b with the glossary's first entry and the credits heading.
    const OPENING: &str = "\u{feff}Magic: The Gathering Comprehensive Rules\r\rThese rules are effective as of January 16, 2026.\r\rIntroduction\r\r\
Contents\r\r1. Game Concepts\r100. General\r101. The Magic Golden Rules\r\rGlossary\r\rCredits\r\r\n\
1. Game Concepts\r\r100. General\r\r\
100.1. These Magic rules apply to any Magic game with two or more players, including two-player games and multiplayer games.\r\r\
100.1a A two-player game is a game that begins with only two players.\r\r\
100.1b A multiplayer game is a game that begins with more than two players. See section 8, \u{201c}Multiplayer Rules.\u{201d}\r\r\
Glossary\r\r\
Abandon\rTo turn a face-up ongoing scheme card face down and put it on the bottom of its owner\u{2019}s scheme deck. See rule 701.33, \u{201c}Abandon.\u{201d}\r\r\r\n\
Credits\r\rMagic: The Gathering Original Game Design: Richard Garfield\r";

    #[test]
    fn cr_crlf_and_lf_all_end_lines() {
        let split: Vec<&str> = lines("a\rb\r\nc\nd\r\re").collect();
        assert_eq!(split, ["a", "b", "c", "d", "", "e"]);
        assert_eq!(lines("a\r").collect::<Vec<_>>(), ["a", ""]);
    }

    #[test]
    fn the_contents_are_not_taken_for_rules() {
        let rules = parse(OPENING).unwrap();
        let numbers: Vec<&str> = rules.rules.iter().map(|r| r.number.as_str()).collect();
        assert_eq!(numbers, ["1", "100", "100.1", "100.1a", "100.1b"]);
        assert_eq!(rules.effective_date, "2026-01-16");
        assert_eq!(rules.rules[1].text, "General");
        assert_eq!(rules.rules[4].parent.as_deref(), Some("100.1"));
        assert_eq!(rules.glossary.len(), 1);
        assert_eq!(rules.glossary[0].term, "Abandon");
    }

    #[test]
    fn the_same_text_with_lf_or_crlf_parses_the_same() {
        let cr = parse(OPENING).unwrap();
        for ending in ["\n", "\r\n"] {
            let text = OPENING.replace("\r\n", "\r").replace('\r', ending);
            let other = parse(&text).unwrap();
            assert_eq!(other.counts(), cr.counts(), "{ending:?}");
            assert_eq!(other.rules[2].text, cr.rules[2].text);
        }
    }

    #[test]
    fn numbered_lines_read_every_shape_in_the_file() {
        let cases = [
            ("7. Additional Rules", "7", "Additional Rules"),
            ("702. Keyword Abilities", "702", "Keyword Abilities"),
            ("702.19. Trample", "702.19", "Trample"),
            ("702.19b The controller", "702.19b", "The controller"),
            // Irregular lines of the 2026-01-16 file.
            (
                "119.1d. In a two-player Brawl game",
                "119.1d",
                "In a two-player Brawl game",
            ),
            ("606.5 If the total cost", "606.5", "If the total cost"),
        ];
        for (line, number, text) in cases {
            let (n, t) = numbered(line).unwrap();
            assert_eq!((n.to_string().as_str(), t), (number, text), "{line}");
        }
        for not_numbered in [
            "Example: 1. Game",
            "702.19",
            "2026. Fine",
            "     Cards printed",
        ] {
            assert!(numbered(not_numbered).is_none(), "{not_numbered}");
        }
    }

    #[test]
    fn effective_date_is_read_as_iso() {
        assert_eq!(
            effective_date("These rules are effective as of January 16, 2026.").as_deref(),
            Some("2026-01-16")
        );
        assert_eq!(
            effective_date("These rules are effective as of November 8, 2024.").as_deref(),
            Some("2024-11-08")
        );
        assert_eq!(
            effective_date("These rules are effective as of someday."),
            None
        );
    }

    #[test]
    fn citations_are_found_with_ranges_expanded() {
        let known: HashSet<&str> = [
            "8", "509.1b", "509.1c", "510.1c", "510.1d", "701.66", "702.19", "107.4c",
        ]
        .into_iter()
        .collect();
        // Definitions from the real glossary.
        assert_eq!(
            cited_rules("See rules 509.1b\u{2013}c.", &known),
            ["509.1b", "509.1c"]
        );
        assert_eq!(
            cited_rules("See rules 510.1c-d.", &known),
            ["510.1c", "510.1d"]
        );
        assert_eq!(
            cited_rules(
                "A keyword ability that modifies how a creature assigns combat damage. See rule 702.19, \u{201c}Trample.\u{201d}",
                &known
            ),
            ["702.19"]
        );
        assert_eq!(
            cited_rules(
                "A type of mana. See rule 106, \u{201c}Mana,\u{201d} and rule 107.4c.",
                &known
            ),
            ["107.4c"]
        );
        assert_eq!(
            cited_rules(
                "See section 8, \u{201c}Multiplayer Rules.\u{201d} See 701.66",
                &known
            ),
            ["8", "701.66"]
        );
        // Life totals and card counts are not rules.
        assert!(cited_rules("starting life total is 20, 2 players", &known).is_empty());
    }

    #[test]
    fn empty_text_is_an_error_not_a_panic() {
        for empty in ["", "\u{feff}", " \r\r\n\n "] {
            let err = parse(empty).unwrap_err();
            assert!(err.to_string().contains("empty"), "{err}");
        }
    }

    #[test]
    fn text_that_is_not_the_rules_is_refused() {
        let err = parse("{\"meta\": {\"date\": \"2022-04-25\"}}").unwrap_err();
        assert!(
            err.to_string().contains("not the Comprehensive Rules"),
            "{err}"
        );
        let err = parse("These rules are effective as of January 16, 2026.\r\rIntroduction\r")
            .unwrap_err();
        assert!(err.to_string().contains("no numbered rules"), "{err}");
    }

    #[test]
    fn a_file_cut_short_is_refused() {
        let cut = &OPENING[..OPENING.find("Glossary\r\rAbandon").unwrap()];
        let err = parse(cut).unwrap_err();
        assert!(err.to_string().contains("no Glossary"), "{err}");
    }

    #[test]
    fn a_rule_without_its_parent_names_the_line() {
        let broken = OPENING.replace("100.1. These Magic rules", "100.7. These Magic rules");
        let err = parse(&broken).unwrap_err();
        assert!(
            err.to_string()
                .contains("rule 100.1a comes before its parent 100.1"),
            "{err}"
        );
        assert!(err.to_string().contains("line "), "{err}");
    }

    fn rules_like_line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            "[0-9]{1,4}(\\.[0-9]{0,3}[a-z]{0,2}\\.?)? ?[A-Za-z –-]{0,10}",
            "Example:[ a-z]{0,8}",
            "See rules? [0-9]{1,3}(\\.[0-9]{1,2}[a-z]?)?[–-]?[a-z]?",
            Just(String::new()),
            Just("Contents".to_owned()),
            Just("Glossary".to_owned()),
            Just("Credits".to_owned()),
            Just("These rules are effective as of January 16, 2026.".to_owned()),
            "\\PC{0,12}",
        ]
    }

    proptest::proptest! {
        #[test]
        fn no_text_makes_the_parser_panic(
            lines in proptest::collection::vec(rules_like_line(), 0..40),
            ending in proptest::sample::select(vec!["\r", "\n", "\r\n"]),
        ) {
            let _ = parse(&lines.join(ending));
        }
    }

    #[test]
    fn the_real_file_parses() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/rules/MagicCompRules-20260116.txt");
        let rules = super::super::read(&path).unwrap();
        let counts = rules.counts();
        assert_eq!(counts.numbered_rules, 3114);
        assert_eq!(counts.glossary_terms, 725);
        // The indented line under 205.4c continues that rule.
        let basic = rules.rules.iter().find(|r| r.number == "205.4c").unwrap();
        assert!(
            basic
                .text
                .ends_with("nonbasic land, even if it has a basic land type.\nCards printed in sets prior to the Eighth Edition core set didn\u{2019}t use the word \u{201c}basic\u{201d} to indicate a basic land. Cards from those sets with the following names are basic lands and have received errata in the Oracle card reference accordingly: Forest, Island, Mountain, Plains, Swamp, Snow-Covered Forest, Snow-Covered Island, Snow-Covered Mountain, Snow-Covered Plains, and Snow-Covered Swamp."),
            "{}",
            basic.text
        );
    }
}
