//! "Did you mean" for names that do not exist, the way rustc and clap suggest.

/// The candidate closest to `name`, when one is close enough to be what was meant: the same
/// name in another case, else the one at the least edit distance within a third of the name's
/// length (at least one edit). Ties go to the first candidate in order, so that a suggestion is
/// the same on every run when the caller's order is.
pub fn did_you_mean<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = name.to_lowercase();
    let limit = (name.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let cand_lower = candidate.to_lowercase();
        let distance = if cand_lower == lower {
            0
        } else {
            strsim::damerau_levenshtein(&lower, &cand_lower)
        };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The candidate that `name` is a typo of: at most two edits away in any case, but not the
/// same name in another case, and not a longer name that extends the candidate
/// (`Microsoft.KeyVault/vaults/secrets` is a child of `Microsoft.KeyVault/vaults`, no typo).
/// For names that are either right or mistyped, such as resource types, where a third of the
/// length (as [`did_you_mean`] allows) would match other real names.
pub fn typo_of<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = name.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let cand_lower = candidate.to_lowercase();
        if cand_lower == lower || lower.starts_with(&format!("{cand_lower}/")) {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&lower, &cand_lower);
        if distance <= 2 && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::{did_you_mean, typo_of};

    #[test]
    fn typos_are_a_couple_of_edits_and_children_are_not_typos() {
        let known = ["Microsoft.KeyVault/vaults"];
        assert_eq!(typo_of("Microsoft.KeyVault/vault", known), Some(known[0]));
        assert_eq!(typo_of("Microsoft.KeyVaults/vaults", known), Some(known[0]));
        assert_eq!(typo_of("Microsoft.KeyVualt/vaults", known), Some(known[0]));
        assert_eq!(typo_of("microsoft.keyvault/VAULTS", known), None);
        assert_eq!(typo_of("Microsoft.KeyVault/vaults/keys", known), None);
        assert_eq!(typo_of("Microsoft.KeyVault/vaults/secrets", known), None);
        assert_eq!(typo_of("Microsoft.KeyVault/managedHSMs", known), None);
        assert_eq!(typo_of("Microsoft.Storage/storageAccounts", known), None);
    }

    #[test]
    fn close_names_are_suggested_and_far_ones_are_not() {
        let names = ["bypass", "location", "tenant_id"];
        assert_eq!(did_you_mean("bypas", names), Some("bypass"));
        assert_eq!(did_you_mean("bpyass", names), Some("bypass"));
        assert_eq!(did_you_mean("Location", names), Some("location"));
        assert_eq!(did_you_mean("sku", names), None);
        assert_eq!(did_you_mean("bypass", names), None);
        assert_eq!(
            did_you_mean("azurerm_key_vualt", ["azurerm_key_vault"]),
            Some("azurerm_key_vault")
        );
        assert_eq!(
            did_you_mean(
                "Microsoft.KeyVault/vault",
                [
                    "Microsoft.KeyVault/vaults",
                    "Microsoft.Storage/storageAccounts"
                ]
            ),
            Some("Microsoft.KeyVault/vaults")
        );
    }

    #[test]
    fn a_case_only_difference_beats_a_nearer_spelling() {
        assert_eq!(did_you_mean("ab", ["ac", "AB"]), Some("AB"));
    }
}
