//! Card-name normalisation: the key under which a name is looked up.
//!
//! Players type names without accents, capitals or punctuation (`lim-dul's vault`,
//! `jotun grunt`, `aether vial`); the key folds all of those away so they meet the printed
//! name (`Lim-Dûl's Vault`, `Jötun Grunt`, `Æther Vial`).

/// The lookup key of a name: transliterated to ASCII (`Æ` → `ae`, `û` → `u`), lower case,
/// letters and digits only.
pub fn name_key(name: &str) -> String {
    deunicode::deunicode(name)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::name_key;

    #[test]
    fn accents_case_and_punctuation_fold_away() {
        assert_eq!(name_key("Lim-Dûl's Vault"), name_key("lim-dul's vault"));
        assert_eq!(name_key("Lim-Dûl's Vault"), "limdulsvault");
        assert_eq!(name_key("Jötun Grunt"), name_key("jotun grunt"));
        assert_eq!(name_key("Æther Vial"), name_key("aether vial"));
        assert_eq!(name_key("Fire // Ice"), name_key("fire ice"));
    }
}
