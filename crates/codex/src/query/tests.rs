//! Parser and compiler tests: the tree each syntax element becomes, the errors (with
//! positions) for what is refused, and the SQL and parameters the compiler writes.

use proptest::prelude::*;
use rusqlite::types::Value;

use super::ast::*;
use super::*;
use crate::Colors;

/// One query per syntax element, for checks that every compiled form is valid SQL.
pub(crate) const EVERY_ELEMENT: &[&str] = &[
    "goblin guide",
    "\"goblin guide\"",
    "!\"Goblin Guide\"",
    "!fire",
    "!'",
    "name:/^goblin/",
    "o:haste",
    "oracle:\"draw a card\"",
    "o:\"~ deals 3 damage\"",
    "o:/^{T}:/",
    "fo:\"(This creature can't block.)\"",
    "t:goblin",
    "type:/legend.* goblin/",
    "c:r",
    "c=rg",
    "c>=uw",
    "c>uw",
    "c<=esper",
    "c<esper",
    "c!=w",
    "c:m",
    "c!=m",
    "c:c",
    "c=2",
    "color>1",
    "id:esper",
    "identity=golgari",
    "id>=temur",
    "id<2",
    "produces:g",
    "produces=wu",
    "produces:c",
    "produces>g",
    "produces<wubrg",
    "produces!=g",
    "produces<=g",
    "m:{G}{G}",
    "m:2WW",
    "mana:{G/U}",
    "m:{G/P}",
    "m=2WW",
    "m>3WU",
    "m<=2WW",
    "m<2WW",
    "m!=2WW",
    "mv=3",
    "cmc>=5",
    "mv:even",
    "mv:odd",
    "pow>=8",
    "tou<2",
    "pow>tou",
    "pt=4",
    "loy=3",
    "def>3",
    "pow>mv",
    "r:mythic",
    "r>=rare",
    "r<uncommon",
    "r:special",
    "r!=common",
    "s:lea",
    "e:m21",
    "set:lea r:rare",
    "-s:lea",
    "year<=1994",
    "year=2020",
    "year!=2020",
    "year>2020",
    "date>=2015-08-18",
    "date>lea",
    "f:commander",
    "format:vintage",
    "legal:edh",
    "banned:legacy",
    "restricted:vintage",
    "kw:flying",
    "keyword:\"first strike\"",
    "is:commander",
    "is:brawler",
    "is:companion",
    "is:permanent",
    "is:spell",
    "is:historic",
    "is:vanilla",
    "is:party",
    "is:bear",
    "is:split",
    "is:flip",
    "is:transform",
    "is:mdfc",
    "is:dfc",
    "is:meld",
    "is:leveler",
    "is:adventure",
    "is:reserved",
    "is:funny",
    "is:hybrid",
    "is:phyrexian",
    "is:unique",
    "is:reprint",
    "not:reprint",
    "has:indicator",
    "game:arena",
    "include:extras t:token",
    "t:fish or t:bird",
    "t:goblin (c:r or c:b) -t:creature",
    "order:name",
    "order:cmc dir:desc",
    "order:color",
    "order:rarity",
    "order:edhrec",
    "order:released",
    "order:power",
    "order:toughness t:creature",
];

fn parsed(query: &str) -> Query {
    parse(query).unwrap_or_else(|e| panic!("{query}: {}", e.render(query)))
}

/// The predicate of a one-term query.
fn term(query: &str) -> Predicate {
    match parsed(query).filter {
        Some(Expr::Predicate { predicate, .. }) => predicate,
        other => panic!("{query}: {other:?}"),
    }
}

/// The error of a refused query, as (message, start, end).
fn refused(query: &str) -> (String, usize, usize) {
    let err = parse(query).expect_err(query);
    (err.message, err.start, err.end)
}

/// `name` with spans dropped, for comparing tree shapes.
fn shape(expr: &Expr) -> String {
    match expr {
        Expr::And(operands) => format!(
            "and({})",
            operands.iter().map(shape).collect::<Vec<_>>().join(", ")
        ),
        Expr::Or(operands) => format!(
            "or({})",
            operands.iter().map(shape).collect::<Vec<_>>().join(", ")
        ),
        Expr::Not(inner) => format!("not({})", shape(inner)),
        Expr::Predicate { predicate, .. } => match predicate {
            Predicate::NameContains(text) => text.clone(),
            other => format!("{other:?}"),
        },
    }
}

fn colors(letters: &str) -> Colors {
    Colors::from_letters(letters).unwrap()
}

// ---- parser: one element at a time ----

#[test]
fn bare_words_and_phrases_search_names() {
    assert_eq!(term("bolt"), Predicate::NameContains("bolt".into()));
    assert_eq!(
        term("\"sift through\""),
        Predicate::NameContains("sift through".into())
    );
    assert_eq!(
        shape(&parsed("lightning bolt").filter.unwrap()),
        "and(lightning, bolt)"
    );
}

#[test]
fn exact_names() {
    assert_eq!(term("!fire"), Predicate::ExactName("fire".into()));
    assert_eq!(
        term("!\"Sift Through Sands\""),
        Predicate::ExactName("Sift Through Sands".into())
    );
}

#[test]
fn oracle_text_terms() {
    assert_eq!(
        term("o:draw"),
        Predicate::Oracle {
            text: TextMatch::Contains("draw".into()),
            full: false
        }
    );
    assert_eq!(
        term("oracle:\"~ enters the battlefield tapped\""),
        Predicate::Oracle {
            text: TextMatch::Contains("~ enters the battlefield tapped".into()),
            full: false
        }
    );
    assert_eq!(
        term("o:/^{T}:/"),
        Predicate::Oracle {
            text: TextMatch::Regex("^{T}:".into()),
            full: false
        }
    );
    assert_eq!(
        term("fo:\"can't block\""),
        Predicate::Oracle {
            text: TextMatch::Contains("can't block".into()),
            full: true
        }
    );
}

#[test]
fn type_and_name_terms() {
    assert_eq!(
        term("t:legend"),
        Predicate::TypeLine(TextMatch::Contains("legend".into()))
    );
    assert_eq!(
        term("type:/^legendary/"),
        Predicate::TypeLine(TextMatch::Regex("^legendary".into()))
    );
    assert_eq!(
        term("name:/\\bizzet\\b/"),
        Predicate::NameRegex("\\bizzet\\b".into())
    );
    assert_eq!(term("name:bolt"), Predicate::NameContains("bolt".into()));
}

#[test]
fn color_colon_means_at_least_and_identity_colon_means_within() {
    assert_eq!(
        term("c:rg"),
        Predicate::Colors {
            field: ColorField::Colors,
            op: Comparison::Ge,
            value: ColorValue::Set(colors("RG"))
        }
    );
    assert_eq!(
        term("id:esper"),
        Predicate::Colors {
            field: ColorField::Identity,
            op: Comparison::Le,
            value: ColorValue::Set(colors("WUB"))
        }
    );
    assert_eq!(
        term("color=golgari"),
        Predicate::Colors {
            field: ColorField::Colors,
            op: Comparison::Eq,
            value: ColorValue::Set(colors("BG"))
        }
    );
    for (query, op) in [
        ("c>=uw", Comparison::Ge),
        ("c>uw", Comparison::Gt),
        ("c<=uw", Comparison::Le),
        ("c<uw", Comparison::Lt),
        ("c!=uw", Comparison::Ne),
    ] {
        assert_eq!(
            term(query),
            Predicate::Colors {
                field: ColorField::Colors,
                op,
                value: ColorValue::Set(colors("WU"))
            },
            "{query}"
        );
    }
}

#[test]
fn colorless_multicolor_and_color_counts() {
    assert_eq!(
        term("c:c"),
        Predicate::Colors {
            field: ColorField::Colors,
            op: Comparison::Eq,
            value: ColorValue::Set(Colors::COLORLESS)
        }
    );
    assert_eq!(
        term("c:colorless"),
        Predicate::Colors {
            field: ColorField::Colors,
            op: Comparison::Eq,
            value: ColorValue::Set(Colors::COLORLESS)
        }
    );
    assert_eq!(
        term("c:m"),
        Predicate::Colors {
            field: ColorField::Colors,
            op: Comparison::Eq,
            value: ColorValue::Multicolor
        }
    );
    assert_eq!(
        term("id>1"),
        Predicate::Colors {
            field: ColorField::Identity,
            op: Comparison::Gt,
            value: ColorValue::Count(1)
        }
    );
    assert_eq!(
        term("c=2"),
        Predicate::Colors {
            field: ColorField::Colors,
            op: Comparison::Eq,
            value: ColorValue::Count(2)
        }
    );
}

#[test]
fn produces_terms() {
    assert_eq!(
        term("produces:wu"),
        Predicate::Produces {
            op: Comparison::Ge,
            mana: ProducedMana {
                colors: colors("WU"),
                colorless: false
            }
        }
    );
    assert_eq!(
        term("produces=c"),
        Predicate::Produces {
            op: Comparison::Eq,
            mana: ProducedMana {
                colors: Colors::COLORLESS,
                colorless: true
            }
        }
    );
    assert_eq!(
        term("produces:gruul"),
        Predicate::Produces {
            op: Comparison::Ge,
            mana: ProducedMana {
                colors: colors("RG"),
                colorless: false
            }
        }
    );
}

#[test]
fn mana_cost_terms() {
    let Predicate::ManaCost { op, cost } = term("m:2WW") else {
        panic!()
    };
    assert_eq!(op, Comparison::Ge);
    assert_eq!(cost.generic, Some(2));
    assert_eq!(cost.symbols.get("{W}"), Some(&2));
    let Predicate::ManaCost { op, cost } = term("mana>{G/U}{R/P}") else {
        panic!()
    };
    assert_eq!(op, Comparison::Gt);
    assert_eq!(cost.generic, None);
    assert_eq!(cost.symbols.get("{G/U}"), Some(&1));
    assert_eq!(cost.symbols.get("{R/P}"), Some(&1));
}

#[test]
fn numeric_terms() {
    assert_eq!(
        term("mv=3"),
        Predicate::Numeric {
            field: NumericField::ManaValue,
            op: Comparison::Eq,
            value: NumericOperand::Number(3.0)
        }
    );
    assert_eq!(
        term("cmc:3"),
        Predicate::Numeric {
            field: NumericField::ManaValue,
            op: Comparison::Eq,
            value: NumericOperand::Number(3.0)
        }
    );
    assert_eq!(
        term("pow>=8"),
        Predicate::Numeric {
            field: NumericField::Power,
            op: Comparison::Ge,
            value: NumericOperand::Number(8.0)
        }
    );
    assert_eq!(
        term("pow>tou"),
        Predicate::Numeric {
            field: NumericField::Power,
            op: Comparison::Gt,
            value: NumericOperand::Field(NumericField::Toughness)
        }
    );
    assert_eq!(
        term("tou<-1"),
        Predicate::Numeric {
            field: NumericField::Toughness,
            op: Comparison::Lt,
            value: NumericOperand::Number(-1.0)
        }
    );
    assert_eq!(
        term("loyalty!=3"),
        Predicate::Numeric {
            field: NumericField::Loyalty,
            op: Comparison::Ne,
            value: NumericOperand::Number(3.0)
        }
    );
    assert_eq!(
        term("pt<=2.5"),
        Predicate::Numeric {
            field: NumericField::PowerToughness,
            op: Comparison::Le,
            value: NumericOperand::Number(2.5)
        }
    );
    assert_eq!(
        term("def>4"),
        Predicate::Numeric {
            field: NumericField::Defense,
            op: Comparison::Gt,
            value: NumericOperand::Number(4.0)
        }
    );
    assert_eq!(term("mv:even"), Predicate::ManaValueParity(Parity::Even));
    assert_eq!(
        term("manavalue=odd"),
        Predicate::ManaValueParity(Parity::Odd)
    );
}

#[test]
fn printing_terms() {
    assert_eq!(
        term("r:mythic"),
        Predicate::Rarity {
            op: Comparison::Eq,
            rarity: Rarity::Mythic
        }
    );
    assert_eq!(
        term("r>=r"),
        Predicate::Rarity {
            op: Comparison::Ge,
            rarity: Rarity::Rare
        }
    );
    assert_eq!(term("s:LEA"), Predicate::Set("lea".into()));
    assert_eq!(term("e:m21"), Predicate::Set("m21".into()));
    assert_eq!(term("edition:10e"), Predicate::Set("10e".into()));
    assert_eq!(
        term("year<=1994"),
        Predicate::Released {
            op: Comparison::Le,
            value: ReleaseValue::Year(1994)
        }
    );
    assert_eq!(
        term("date>=2015-08-18"),
        Predicate::Released {
            op: Comparison::Ge,
            value: ReleaseValue::Date("2015-08-18".into())
        }
    );
    assert_eq!(
        term("date>ori"),
        Predicate::Released {
            op: Comparison::Gt,
            value: ReleaseValue::SetReleased("ori".into())
        }
    );
}

#[test]
fn format_keyword_and_flag_terms() {
    assert_eq!(
        term("f:edh"),
        Predicate::Legality {
            status: LegalityFilter::Legal,
            format: "commander".into()
        }
    );
    assert_eq!(
        term("banned:legacy"),
        Predicate::Legality {
            status: LegalityFilter::Banned,
            format: "legacy".into()
        }
    );
    assert_eq!(
        term("restricted:vintage"),
        Predicate::Legality {
            status: LegalityFilter::Restricted,
            format: "vintage".into()
        }
    );
    assert_eq!(
        term("kw:\"first strike\""),
        Predicate::Keyword("first strike".into())
    );
    assert_eq!(term("is:commander"), Predicate::Is(IsFlag::Commander));
    assert_eq!(term("is:MDFC"), Predicate::Is(IsFlag::ModalDfc));
    assert_eq!(term("has:indicator"), Predicate::HasColorIndicator);
    assert_eq!(term("game:arena"), Predicate::Game(Game::Arena));
    assert_eq!(
        shape(&parsed("not:reprint").filter.unwrap()),
        "not(Is(Reprint))"
    );
}

#[test]
fn options_are_not_filters() {
    let query = parsed("t:goblin order:cmc dir:desc include:extras");
    assert_eq!(query.order, Some(SortKey::ManaValue));
    assert_eq!(query.direction, Some(Direction::Desc));
    assert!(query.include_extras);
    assert_eq!(
        query.filter.map(|f| shape(&f)),
        Some("TypeLine(Contains(\"goblin\"))".into())
    );
    let only_options = parsed("order:edhrec");
    assert_eq!(only_options.filter, None);
    assert_eq!(only_options.order, Some(SortKey::Edhrec));
}

// ---- parser: structure ----

#[test]
fn and_binds_tighter_than_or() {
    assert_eq!(
        shape(&parsed("a b or c").filter.unwrap()),
        "or(and(a, b), c)"
    );
    assert_eq!(shape(&parsed("a OR b or c").filter.unwrap()), "or(a, b, c)");
    assert_eq!(
        shape(&parsed("a and b Or c").filter.unwrap()),
        "or(and(a, b), c)"
    );
}

#[test]
fn parentheses_and_negation() {
    assert_eq!(
        shape(&parsed("a (b or c)").filter.unwrap()),
        "and(a, or(b, c))"
    );
    assert_eq!(
        shape(&parsed("-a -(b or -c)").filter.unwrap()),
        "and(not(a), not(or(b, not(c))))"
    );
    assert_eq!(shape(&parsed("((a))").filter.unwrap()), "a");
}

#[test]
fn spans_point_at_terms() {
    let Some(Expr::And(operands)) = parsed("fire  t:goblin").filter else {
        panic!()
    };
    let spans: Vec<Span> = operands
        .iter()
        .map(|e| match e {
            Expr::Predicate { span, .. } => *span,
            _ => panic!(),
        })
        .collect();
    assert_eq!(spans, vec![Span::new(0, 4), Span::new(6, 14)]);
}

#[test]
fn blank_query_has_no_filter() {
    assert_eq!(parsed("   "), Query::default());
}

#[test]
fn bare_words_are_recognised_only_in_plain_queries() {
    assert_eq!(
        parsed("destroy \"target artifact\"").bare_words(),
        Some(vec!["destroy", "target artifact"])
    );
    assert_eq!(parsed("bolt").bare_words(), Some(vec!["bolt"]));
    for query in [
        "bolt t:instant",
        "-bolt",
        "bolt or shock",
        "!bolt",
        "bolt order:cmc",
        "",
    ] {
        assert_eq!(parsed(query).bare_words(), None, "{query}");
    }
}

// ---- parser: refusals, with positions ----

#[test]
fn unknown_keyword_is_named_at_its_position() {
    let (message, start, end) = refused("fire frobnicate:3");
    assert!(message.contains("frobnicate"), "{message}");
    assert_eq!((start, end), (5, 15));
}

#[test]
fn scryfall_keywords_without_offline_data_say_why() {
    let (message, start, end) = refused("t:elf usd<1");
    assert!(message.contains("prices"), "{message}");
    assert_eq!((start, end), (6, 9));
    let (message, ..) = refused("a:proce");
    assert!(message.contains("artists"), "{message}");
}

#[test]
fn bad_values_are_named_at_their_position() {
    let cases = [
        ("t:goblin c:purple", "purple", 11, 17),
        ("mv>abc", "abc", 3, 6),
        ("r:ultra", "ultra", 2, 7),
        ("pow>=x", "x", 5, 6),
        ("c=7", "7", 2, 3),
        ("m:2K", "K", 2, 4),
        ("f:modernish", "modernish", 2, 11),
        ("is:shiny", "shiny", 3, 8),
        ("game:xbox", "xbox", 5, 9),
        ("order:price", "price", 6, 11),
        ("dir:up", "up", 4, 6),
        ("include:tokens", "tokens", 8, 14),
        ("year=99", "99", 5, 7),
        ("date>2020-13-01", "2020-13-01", 5, 15),
        ("s:l*a", "l*a", 2, 5),
        ("has:watermark", "watermark", 4, 13),
        ("o:/(unclosed/", "regular expression", 2, 13),
        ("c:/red/", "regular expression", 2, 7),
    ];
    for (query, named, start, end) in cases {
        let (message, s, e) = refused(query);
        assert!(message.contains(named), "{query}: {message}");
        assert_eq!((s, e), (start, end), "{query}: {message}");
    }
}

#[test]
fn operators_a_keyword_does_not_take_are_refused() {
    for (query, start, end) in [
        ("t>goblin", 1, 2),
        ("s>=lea", 1, 3),
        ("r>special", 1, 2),
        ("c>m", 1, 2),
        ("is!=commander", 2, 4),
    ] {
        let (message, s, e) = refused(query);
        assert_eq!((s, e), (start, end), "{query}: {message}");
    }
}

#[test]
fn broken_structure_is_refused_where_it_breaks() {
    let cases = [
        ("(t:goblin", "unclosed", 0, 1),
        ("t:goblin)", "unmatched", 8, 9),
        ("or t:goblin", "or", 0, 2),
        ("t:goblin or", "or", 9, 11),
        ("a or or b", "or", 2, 4),
        ("and a", "and", 0, 3),
        ("a ()", "empty", 2, 4),
        ("a - b", "negate", 2, 3),
        ("-or a", "negate", 0, 1),
        ("order:cmc order:name", "twice", 10, 20),
        ("-order:cmc", "negated", 1, 10),
        ("(order:cmc a)", "whole query", 1, 10),
        ("order:cmc or a", "or", 10, 12),
        ("\"open", "quote", 0, 5),
    ];
    for (query, named, start, end) in cases {
        let (message, s, e) = refused(query);
        assert!(message.contains(named), "{query}: {message}");
        assert_eq!((s, e), (start, end), "{query}: {message}");
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(refused(&deep).0.contains("deeply"));
    let negations = format!("{}a", "-".repeat(10_000));
    assert!(refused(&negations).0.contains("deeply"));
}

#[test]
fn errors_render_a_caret_under_the_bad_text() {
    let query = "t:goblin c:purple";
    let err = parse(query).unwrap_err();
    let rendered = err.render(query);
    let mut lines = rendered.lines();
    assert_eq!(lines.next(), Some(query));
    let caret_line = lines.next().unwrap();
    assert!(
        caret_line.starts_with("           ^^^^^^ unknown colour purple"),
        "{caret_line}"
    );
    assert_eq!(
        err.to_string().split(" (at").next(),
        Some(err.message.as_str())
    );
    assert!(err.to_string().ends_with("(at column 12)"));
}

#[test]
fn every_element_parses() {
    for query in EVERY_ELEMENT {
        parsed(query);
    }
}

// ---- compiler ----

fn compiled(query: &str) -> CompiledQuery {
    compile(&parsed(query))
}

fn text(value: &str) -> Value {
    Value::Text(value.to_string())
}

#[test]
fn type_and_colour_compile_to_like_and_bit_tests() {
    let sql = compiled("t:goblin c:r");
    assert_eq!(
        sql.where_clause,
        "c.extra = 0 AND (c.type_line LIKE ? ESCAPE '\\' AND ((c.colors & ?) = ?))"
    );
    assert_eq!(
        sql.params,
        vec![text("%goblin%"), Value::Integer(8), Value::Integer(8)]
    );
    assert_eq!(sql.order_by, "c.name ASC, c.id");
}

#[test]
fn identity_within_compiles_to_a_subset_test() {
    let sql = compiled("id<=esper");
    assert_eq!(
        sql.where_clause,
        "c.extra = 0 AND ((c.color_identity | ?) = ?)"
    );
    assert_eq!(sql.params, vec![Value::Integer(7), Value::Integer(7)]);
}

#[test]
fn colour_counts_compile_to_the_masks_with_that_many_colours() {
    let sql = compiled("c=5");
    assert_eq!(sql.where_clause, "c.extra = 0 AND c.colors IN (?)");
    assert_eq!(sql.params, vec![Value::Integer(31)]);
    let multicolor = compiled("c:m");
    assert_eq!(multicolor.params.len(), 26);
}

#[test]
fn like_patterns_escape_wildcards() {
    let sql = compiled("o:\"100%_\\\"");
    assert_eq!(
        sql.where_clause,
        "c.extra = 0 AND c.oracle_plain LIKE ? ESCAPE '\\'"
    );
    assert_eq!(sql.params, vec![text("%100\\%\\_\\\\%")]);
}

#[test]
fn names_compile_to_folded_name_and_name_key_lookups() {
    let sql = compiled("Lim-Dûl's");
    assert_eq!(
        sql.where_clause,
        "c.extra = 0 AND c.name_words LIKE ? ESCAPE '\\'"
    );
    assert_eq!(sql.params, vec![text("%limduls%")]);
    let exact = compiled("!\"Lim-Dûl's Vault\"");
    assert_eq!(exact.params, vec![text("limdulsvault")]);
}

#[test]
fn tilde_stands_for_the_face_name() {
    let sql = compiled("o:\"~ deals\"");
    assert!(
        sql.where_clause
            .contains("f.oracle_plain LIKE replace(?, '~', "),
        "{}",
        sql.where_clause
    );
    assert_eq!(sql.params, vec![text("%deals%"), text("%~ deals%")]);
}

#[test]
fn regexes_are_multi_line_parameters() {
    let sql = compiled("o:/^{T}:/");
    assert_eq!(sql.where_clause, "c.extra = 0 AND c.oracle_plain REGEXP ?");
    assert_eq!(sql.params, vec![text("(?m)^\\{T\\}:")]);
    assert_eq!(
        super::scryfall_regex::rust_regex("(a){2,3}\\d{1}.{2,}"),
        "(a){2,3}\\d{1}.{2,}"
    );
    assert_eq!(
        super::scryfall_regex::rust_regex("costs {2} more"),
        "costs \\{2\\} more"
    );
    assert_eq!(
        super::scryfall_regex::rust_regex("{2}{U}"),
        "\\{2\\}\\{U\\}"
    );
    assert_eq!(super::scryfall_regex::rust_regex("\\{x}"), "\\{x}");
}

#[test]
fn printing_terms_under_one_and_share_a_printing() {
    let sql = compiled("s:lea r>=rare t:artifact");
    assert_eq!(
        sql.where_clause,
        "c.extra = 0 AND (c.type_line LIKE ? ESCAPE '\\' AND (c.id IN (SELECT p.card_id FROM printings p WHERE p.set_code = ? AND p.rarity IN (?, ?)) OR (c.printings = '[]' AND EXISTS (SELECT 1 FROM json_each(c.printings) j WHERE j.value = ? COLLATE NOCASE) AND c.rarity IN (?, ?))))"
    );
    assert_eq!(
        sql.params,
        vec![
            text("%artifact%"),
            text("lea"),
            text("rare"),
            text("mythic"),
            text("lea"),
            text("rare"),
            text("mythic"),
        ]
    );
}

#[test]
fn years_compile_to_date_ranges() {
    let sql = compiled("year=2020");
    assert!(
        sql.where_clause
            .contains("(p.released_at >= ? AND p.released_at < ?)")
    );
    assert_eq!(
        sql.params,
        vec![
            text("2020-01-01"),
            text("2021-01-01"),
            text("2020-01-01"),
            text("2021-01-01")
        ]
    );
}

#[test]
fn negation_treats_unknown_as_not_matching() {
    let sql = compiled("-r:common");
    assert!(
        sql.where_clause
            .starts_with("c.extra = 0 AND NOT coalesce(("),
        "{}",
        sql.where_clause
    );
}

#[test]
fn mana_cost_at_least_counts_each_symbol_in_a_face() {
    let sql = compiled("m:2WW");
    assert_eq!(
        sql.where_clause,
        "c.extra = 0 AND (instr(coalesce(c.mana_cost, ''), ?) > 0 AND EXISTS (SELECT 1 FROM card_faces f WHERE f.card_id = c.id AND coalesce(f.mana_cost, '') <> '' AND (1 AND instr(coalesce(f.mana_cost, ''), ?) > 0 AND (length(coalesce(f.mana_cost, '')) - length(replace(coalesce(f.mana_cost, ''), ?, ''))) >= ? AND coalesce(f.mana_cost, '') REGEXP ?)))"
    );
    assert_eq!(
        sql.params,
        vec![
            text("{W}"),
            text("{W}"),
            text("{W}"),
            Value::Integer(6),
            text("\\{(?:[1-9]\\d{1,}|2|[3-9]\\d{0})\\}")
        ]
    );
}

#[test]
fn generic_patterns_match_exactly_the_amounts_at_least_n() {
    for n in [0u32, 1, 2, 9, 10, 15, 99, 100, 1_000_000] {
        let pattern = regex::Regex::new(&format!(
            "^(?:{})$",
            super::compile::generic_at_least_pattern(n)
        ))
        .unwrap();
        for amount in 0u32..=120 {
            assert_eq!(
                pattern.is_match(&format!("{{{amount}}}")),
                amount >= n,
                "{n} vs {amount}"
            );
        }
        assert!(pattern.is_match("{1000000}"));
    }
}

#[test]
fn include_extras_drops_the_default_filter_and_options_pick_the_order() {
    let sql = compiled("include:extras order:cmc dir:desc");
    assert_eq!(sql.where_clause, "1");
    assert!(sql.params.is_empty());
    assert_eq!(sql.order_by, "c.mana_value DESC, c.name, c.id");
    assert_eq!(
        compiled("order:edhrec").order_by,
        "c.edhrec_rank ASC NULLS LAST, c.name, c.id"
    );
}

#[test]
fn placeholders_match_parameters_for_every_element() {
    for query in EVERY_ELEMENT {
        let sql = compiled(query);
        assert_eq!(
            sql.where_clause.matches('?').count(),
            sql.params.len(),
            "{query}: {}",
            sql.where_clause
        );
    }
}

// ---- the parser never panics ----

proptest! {
    #[test]
    fn parser_never_panics_on_any_text(text in "\\PC{0,80}") {
        if let Ok(query) = parse(&text) {
            compile(&query);
        }
    }

    #[test]
    fn parser_never_panics_on_query_like_text(
        text in "([-!()\"/{}<>=: ]|[a-z]{1,6}|or|and|t:|c[:<>=]|m:|mv>|pow>=|o:/|s:|r<|order:|[0-9]{1,3}){0,24}"
    ) {
        if let Ok(query) = parse(&text) {
            let sql = compile(&query);
            prop_assert_eq!(sql.where_clause.matches('?').count(), sql.params.len());
        } else if let Err(err) = parse(&text) {
            prop_assert!(err.start <= err.end);
            prop_assert!(err.end <= text.chars().count());
        }
    }
}
