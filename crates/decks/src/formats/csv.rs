//! Comma-separated deck lists with a header row. Planeswalker writes
//! `Quantity,Name,Section,Set,Collector Number,Finish`; it reads the columns other sites use
//! too, by their header: quantity as `Quantity`/`Count`/`Qty`, the set as `Set`/`Edition`/
//! `Set Code`, the collector number as `Collector Number`/`Number`/`CN`, the finish as
//! `Finish`/`Foil`, the section as `Section`/`Board`, or Archidekt's `Categories`.

use super::{LineProblem, ReadDeck, ReadLine};
use crate::deck::{CardRef, Deck, DeckCard, Finish, PrintingRef, Section};

/// The columns this reader knows, by the header names that mean them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Quantity,
    Name,
    Section,
    Categories,
    Set,
    CollectorNumber,
    Finish,
}

fn column(header: &str) -> Option<Column> {
    let header = header.trim().to_lowercase().replace(['_', '-'], " ");
    Some(match header.as_str() {
        "quantity" | "count" | "qty" | "amount" => Column::Quantity,
        "name" | "card" | "card name" => Column::Name,
        "section" | "board" => Column::Section,
        "categories" | "category" => Column::Categories,
        "set" | "set code" | "edition" | "edition code" => Column::Set,
        "collector number" | "number" | "cn" | "card number" => Column::CollectorNumber,
        "finish" | "foil" => Column::Finish,
        _ => return None,
    })
}

/// Whether `line` is a CSV header row naming at least a card name column and one other.
pub(super) fn is_header(line: &str) -> bool {
    let columns: Vec<Option<Column>> = line
        .split(',')
        .map(|h| column(h.trim_matches('"')))
        .collect();
    columns.len() > 1 && columns.contains(&Some(Column::Name))
}

fn section_named(value: &str) -> Option<Section> {
    match value.trim().to_lowercase().as_str() {
        "" | "main" | "mainboard" | "deck" | "main deck" => Some(Section::Main),
        "commander" | "commanders" => Some(Section::Commander),
        "companion" => Some(Section::Companion),
        "sideboard" | "side" => Some(Section::Sideboard),
        "maybeboard" | "maybe" | "considering" => Some(Section::Maybeboard),
        _ => None,
    }
}

fn finish_named(value: &str) -> Result<Option<Finish>, String> {
    match value.trim().to_lowercase().as_str() {
        "" | "nonfoil" | "normal" | "no" | "false" => Ok(None),
        "foil" | "yes" | "true" => Ok(Some(Finish::Foil)),
        "etched" | "foil etched" => Ok(Some(Finish::Etched)),
        other => Err(format!("unknown finish {other:?} (foil, etched or empty)")),
    }
}

/// Reads a CSV deck list. Rows that cannot be read are reported by line; a file without a name
/// column is one problem.
pub fn read(text: &str) -> ReadDeck {
    let mut read = ReadDeck::default();
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let columns: Vec<Option<Column>> = match reader.headers() {
        Ok(headers) => headers.iter().map(column).collect(),
        Err(error) => {
            read.problems.push(LineProblem {
                line: 1,
                text: text.lines().next().unwrap_or_default().to_owned(),
                reason: format!("not readable as CSV: {error}"),
            });
            return read;
        }
    };
    if !columns.contains(&Some(Column::Name)) {
        read.problems.push(LineProblem {
            line: 1,
            text: text.lines().next().unwrap_or_default().to_owned(),
            reason: "the header row names no card name column (Name)".to_owned(),
        });
        return read;
    }
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line() as usize);
                read.problems.push(LineProblem {
                    line,
                    text: text
                        .lines()
                        .nth(line.saturating_sub(1))
                        .unwrap_or_default()
                        .to_owned(),
                    reason: format!("not readable as CSV: {error}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let field = |wanted: Column| {
            columns
                .iter()
                .position(|c| *c == Some(wanted))
                .and_then(|i| record.get(i))
                .filter(|value| !value.is_empty())
        };
        match card(&field) {
            Ok(card) => read.lines.push(ReadLine { line, card }),
            Err(reason) => read.problems.push(LineProblem {
                line,
                text: record.iter().collect::<Vec<_>>().join(","),
                reason,
            }),
        }
    }
    read
}

fn card<'a>(field: &dyn Fn(Column) -> Option<&'a str>) -> Result<DeckCard, String> {
    let name = field(Column::Name).ok_or("a row without a card name")?;
    let quantity = match field(Column::Quantity) {
        None => 1,
        Some(q) => q
            .parse::<u32>()
            .ok()
            .filter(|&q| q > 0)
            .ok_or_else(|| format!("{name}: the quantity must be a whole number from 1"))?,
    };
    let section = match (field(Column::Section), field(Column::Categories)) {
        (Some(section), _) => {
            section_named(section).ok_or_else(|| format!("{name}: unknown section {section:?}"))?
        }
        // Archidekt's categories: the one that names a section, else the main deck.
        (None, Some(categories)) => categories
            .split(',')
            .find_map(section_named)
            .unwrap_or(Section::Main),
        (None, None) => Section::Main,
    };
    let printing = match (field(Column::Set), field(Column::CollectorNumber)) {
        (Some(set), number) => Some(PrintingRef {
            set: set.to_owned(),
            collector_number: number.map(str::to_owned),
        }),
        (None, None) => None,
        (None, Some(_)) => return Err(format!("{name}: a collector number needs a set")),
    };
    let finish = finish_named(field(Column::Finish).unwrap_or_default())
        .map_err(|reason| format!("{name}: {reason}"))?;
    Ok(DeckCard {
        section,
        quantity,
        card: CardRef {
            name: name.to_owned(),
            printing,
            finish,
        },
    })
}

/// Writes `deck` as CSV, one row a line of the deck. The deck's name has no place in it.
pub fn write(deck: &Deck) -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let mut row = |fields: [&str; 6]| {
        // Into memory: nothing to fail but allocation.
        writer
            .write_record(fields)
            .unwrap_or_else(|error| unreachable!("writing CSV to memory: {error}"));
    };
    row([
        "Quantity",
        "Name",
        "Section",
        "Set",
        "Collector Number",
        "Finish",
    ]);
    for line in deck.cards() {
        let printing = line.card.printing.as_ref();
        row([
            &line.quantity.to_string(),
            &line.card.name,
            line.section.id(),
            printing.map_or("", |p| p.set.as_str()),
            printing
                .and_then(|p| p.collector_number.as_deref())
                .unwrap_or_default(),
            match line.card.finish {
                Some(Finish::Foil) => "foil",
                Some(Finish::Etched) => "etched",
                None => "",
            },
        ]);
    }
    let bytes = writer
        .into_inner()
        .unwrap_or_else(|error| unreachable!("writing CSV to memory: {error}"));
    String::from_utf8(bytes).unwrap_or_else(|error| unreachable!("CSV of strings: {error}"))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::formats::tests::{deck_strategy, sections_of};

    #[test]
    fn moxfield_and_archidekt_style_csv_reads_by_header() {
        let moxfield = "\"Count\",\"Tradelist Count\",\"Name\",\"Edition\",\"Condition\",\"Foil\",\"Collector Number\"
\"1\",\"0\",\"Sol Ring\",\"c21\",\"Near Mint\",\"foil\",\"263\"
\"2\",\"0\",\"Fire // Ice\",\"mh2\",\"Near Mint\",\"\",\"290\"
";
        let read = read(moxfield);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let deck = read.deck();
        assert_eq!(
            deck.section(Section::Main)[0].card.finish,
            Some(Finish::Foil)
        );
        assert_eq!(deck.count(Section::Main), 3);

        let archidekt = "Quantity,Name,Categories\n1,Krenko,\"Commander\"\n1,Opt,\"Draw,Sideboard\"\n4,Shock,Burn\nx,Bolt,\n";
        let read = super::read(archidekt);
        let deck = read.deck();
        assert_eq!(deck.count(Section::Commander), 1);
        assert_eq!(deck.count(Section::Sideboard), 1);
        assert_eq!(deck.count(Section::Main), 4);
        assert_eq!(read.problems.len(), 1);
        assert_eq!(read.problems[0].line, 5);
    }

    #[test]
    fn a_file_without_a_name_column_is_one_problem() {
        let read = read("Quantity,Card Title\n4,Bolt\n");
        assert_eq!(read.problems.len(), 1);
        assert!(read.lines.is_empty());
    }

    proptest! {
        #[test]
        fn csv_round_trips(deck in deck_strategy(sections_of(&Section::ALL), false, true, true)) {
            let read = read(&write(&deck));
            prop_assert!(read.problems.is_empty(), "{:?}", read.problems);
            prop_assert_eq!(read.deck(), deck);
        }
    }
}
