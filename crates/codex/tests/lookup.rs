//! Card lookup by the names players type, on the real card set.

mod common;

use codex::Error;

#[test]
fn exact_case_accent_and_punctuation_insensitive_names_are_found() {
    let codex = common::reference();
    for (typed, expected) in [
        ("Lightning Bolt", "Lightning Bolt"),
        ("LIGHTNING BOLT", "Lightning Bolt"),
        ("lim-dul's vault", "Lim-Dûl's Vault"),
        ("Lim-Dûl's Vault", "Lim-Dûl's Vault"),
        ("limduls vault", "Lim-Dûl's Vault"),
        ("jotun grunt", "Jötun Grunt"),
        ("aether vial", "Aether Vial"),
        ("Æther Vial", "Aether Vial"),
        ("thassas oracle", "Thassa's Oracle"),
        ("atraxa praetors voice", "Atraxa, Praetors' Voice"),
    ] {
        assert_eq!(codex.card(typed).unwrap().name, expected, "typed {typed:?}");
    }
}

#[test]
fn either_face_or_the_full_name_finds_a_multi_faced_card() {
    let codex = common::reference();
    for (typed, expected) in [
        (
            "Delver of Secrets",
            "Delver of Secrets // Insectile Aberration",
        ),
        (
            "insectile aberration",
            "Delver of Secrets // Insectile Aberration",
        ),
        (
            "Delver of Secrets // Insectile Aberration",
            "Delver of Secrets // Insectile Aberration",
        ),
        ("Fire // Ice", "Fire // Ice"),
        ("fire ice", "Fire // Ice"),
        ("ice", "Fire // Ice"),
        ("stomp", "Bonecrusher Giant // Stomp"),
        (
            "Emeria, Shattered Skyclave",
            "Emeria's Call // Emeria, Shattered Skyclave",
        ),
    ] {
        assert_eq!(codex.card(typed).unwrap().name, expected, "typed {typed:?}");
    }
}

#[test]
fn a_misspelt_name_gets_ranked_suggestions() {
    let codex = common::reference();
    for (typed, first) in [
        ("lightening bolt", "Lightning Bolt"),
        ("counterspel", "Counterspell"),
        ("birds of paradice", "Birds of Paradise"),
        ("swords to plowshare", "Swords to Plowshares"),
        // A word of the name: the most played card holding it comes first.
        ("bolt", "Lightning Bolt"),
    ] {
        match codex.card(typed) {
            Err(Error::CardNotFound { suggestions, .. }) => {
                assert_eq!(
                    suggestions.first().map(String::as_str),
                    Some(first),
                    "typed {typed:?}: {suggestions:?}"
                )
            }
            other => panic!("typed {typed:?}: expected CardNotFound, got {other:?}"),
        }
    }
}

#[test]
fn a_name_that_is_nothing_like_a_card_is_not_found_without_noise() {
    let codex = common::reference();
    match codex.card("zzzzqqqq xxxyyy") {
        Err(Error::CardNotFound { suggestions, .. }) => {
            assert!(suggestions.is_empty(), "{suggestions:?}")
        }
        other => panic!("expected CardNotFound, got {other:?}"),
    }
    assert!(matches!(codex.card("%"), Err(Error::CardNotFound { .. })));
}
