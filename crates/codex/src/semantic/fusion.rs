//! Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): each list gives an
//! item `1 / (K + rank)`, and items are ordered by the sum. It needs no score calibration
//! between BM25 and cosine similarity, whose scales have nothing in common, which is why it
//! is the usual way to merge a lexical and a vector ranking.

use std::collections::HashMap;
use std::hash::Hash;

/// The constant of the original paper; larger values flatten the weight of the top ranks.
pub(crate) const RRF_K: f64 = 60.0;

/// The items of `rankings` (each best first) ordered by fused score, best first, with their
/// scores. Ties keep the order in which items were first seen, earlier lists first.
pub(crate) fn reciprocal_rank_fusion<K: Eq + Hash + Clone>(rankings: &[Vec<K>]) -> Vec<(K, f64)> {
    let mut scores: HashMap<K, (f64, usize)> = HashMap::new();
    let mut seen = 0usize;
    for ranking in rankings {
        for (rank, item) in ranking.iter().enumerate() {
            let entry = scores.entry(item.clone()).or_insert_with(|| {
                seen += 1;
                (0.0, seen)
            });
            entry.0 += 1.0 / (RRF_K + rank as f64 + 1.0);
        }
    }
    let mut fused: Vec<(K, f64, usize)> = scores
        .into_iter()
        .map(|(item, (score, first))| (item, score, first))
        .collect();
    fused.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)));
    fused
        .into_iter()
        .map(|(item, score, _)| (item, score))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_high_in_both_lists_beats_one_first_in_a_single_list() {
        let lexical = vec!["bolt", "shock", "strike"];
        let semantic = vec!["chain", "bolt", "strike"];
        let fused: Vec<&str> = reciprocal_rank_fusion(&[lexical, semantic])
            .into_iter()
            .map(|(item, _)| item)
            .collect();
        assert_eq!(fused, ["bolt", "strike", "chain", "shock"]);
    }

    #[test]
    fn scores_are_the_sum_of_reciprocal_ranks() {
        let fused = reciprocal_rank_fusion(&[vec![1, 2], vec![2]]);
        assert_eq!(fused[0].0, 2);
        assert!((fused[0].1 - (1.0 / 62.0 + 1.0 / 61.0)).abs() < 1e-12);
        assert!((fused[1].1 - 1.0 / 61.0).abs() < 1e-12);
    }

    #[test]
    fn ties_keep_first_seen_order_and_empty_lists_fuse_to_nothing() {
        let fused = reciprocal_rank_fusion(&[vec!["a"], vec!["b"]]);
        assert_eq!(fused[0].0, "a");
        assert_eq!(fused[1].0, "b");
        assert!(reciprocal_rank_fusion::<u8>(&[vec![], vec![]]).is_empty());
    }
}
