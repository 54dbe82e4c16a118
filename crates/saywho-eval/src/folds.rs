//! k-fold cross-validation splits of a data set's documents, the same on every machine and in
//! every language: anything tuned on GGT dev (a learned ranker, thresholds) is trained on the
//! other folds and measured on the one held out.
//!
//! The rule: each document id is hashed with 64-bit FNV-1a over its UTF-8 bytes; documents are
//! sorted by (hash, id); the document at position `r` of that order is in fold `r mod k`. Folds
//! are therefore as equal in size as they can be, independent of the file's order, and a script
//! in another language can recompute them (or ask `saywho eval --folds K --fold F --list-ids`).
//!
//! ```
//! use saywho_eval::folds::fold_of;
//! let ids = ["a", "b", "c", "d", "e"];
//! let folds = fold_of(&ids, 2);
//! assert_eq!(folds.iter().filter(|&&f| f == 0).count(), 3);
//! assert_eq!(folds, fold_of(&["a", "b", "c", "d", "e"], 2)); // deterministic
//! ```

/// 64-bit FNV-1a of `bytes`: tiny, fixed and documented, unlike the standard library's hasher,
/// whose output may change between Rust versions.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The fold (in `0..folds`) of each id, in the order given. `folds` of 0 is read as 1.
pub fn fold_of<S: AsRef<str>>(ids: &[S], folds: usize) -> Vec<usize> {
    let folds = folds.max(1);
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (ids[a].as_ref(), ids[b].as_ref());
        (fnv1a(a.as_bytes()), a).cmp(&(fnv1a(b.as_bytes()), b))
    });
    let mut fold = vec![0; ids.len()];
    for (rank, &i) in order.iter().enumerate() {
        fold[i] = rank % folds;
    }
    fold
}

/// Which documents of a split to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoldChoice {
    /// How many folds (k).
    pub folds: usize,
    /// The fold, in `0..folds`.
    pub fold: usize,
    /// Keep every other fold instead (the training part).
    pub complement: bool,
}

impl FoldChoice {
    /// Checks the numbers: at least two folds, and `fold` among them.
    pub fn new(folds: usize, fold: usize, complement: bool) -> Result<FoldChoice, String> {
        if folds < 2 {
            return Err(format!("--folds {folds}: at least 2 folds are needed"));
        }
        if fold >= folds {
            return Err(format!("--fold {fold}: folds are numbered 0 to {}", folds - 1));
        }
        Ok(FoldChoice {
            folds,
            fold,
            complement,
        })
    }

    /// The items whose id is in the chosen fold (or outside it, with `complement`), in their
    /// original order.
    ///
    /// ```
    /// use saywho_eval::folds::FoldChoice;
    /// let ids: Vec<String> = (0..10).map(|i| format!("doc-{i}")).collect();
    /// let test = FoldChoice::new(5, 0, false).unwrap().select(ids.clone(), |s| s.as_str());
    /// let train = FoldChoice::new(5, 0, true).unwrap().select(ids.clone(), |s| s.as_str());
    /// assert_eq!(test.len(), 2);
    /// assert_eq!(train.len(), 8);
    /// assert!(test.iter().all(|id| !train.contains(id)));
    /// ```
    pub fn select<T>(&self, items: Vec<T>, id: impl Fn(&T) -> &str) -> Vec<T> {
        let ids: Vec<&str> = items.iter().map(&id).collect();
        let folds = fold_of(&ids, self.folds);
        items
            .into_iter()
            .zip(folds)
            .filter(|(_, f)| (*f == self.fold) != self.complement)
            .map(|(item, _)| item)
            .collect()
    }

    /// Words for a report's notes: "fold 2 of 5 (10 of 48 documents)".
    pub fn describe(&self, kept: usize, total: usize) -> String {
        let part = if self.complement { "all but fold" } else { "fold" };
        format!("{part} {} of {} ({kept} of {total} documents)", self.fold, self.folds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn folds_partition_the_ids_evenly_whatever_their_order() {
        let ids: Vec<String> = (0..48).map(|i| format!("article-{i}")).collect();
        let folds = fold_of(&ids, 5);
        for f in 0..5 {
            let n = folds.iter().filter(|&&x| x == f).count();
            assert!(n == 9 || n == 10, "fold {f}: {n}");
        }
        let mut reversed = ids.clone();
        reversed.reverse();
        let again = fold_of(&reversed, 5);
        for (i, id) in ids.iter().enumerate() {
            let j = reversed.iter().position(|r| r == id).unwrap();
            assert_eq!(folds[i], again[j]);
        }
    }

    #[test]
    fn bad_choices_are_refused() {
        assert!(FoldChoice::new(1, 0, false).is_err());
        assert!(FoldChoice::new(5, 5, false).is_err());
        assert!(FoldChoice::new(5, 4, true).is_ok());
    }
}
