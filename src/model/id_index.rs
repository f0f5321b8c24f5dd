//! Finding an item by its id without a second copy of every id.

use std::hash::BuildHasher;

use hashbrown::HashTable;

/// Positions of items, keyed by the ids the items hold themselves. A map from owned ids kept a
/// second copy of every id: at a million events, a million allocations and about 50 MB, for
/// lookups that only follow links and jumps.
#[derive(Clone, Default)]
pub(crate) struct IdIndex {
    table: HashTable<u32>,
    /// Seeded per run: with a known seed a crafted file could give a million ids one hash and
    /// make building quadratic (validation's maps are seeded per run too).
    hasher: foldhash::fast::RandomState,
}

impl IdIndex {
    /// Indexes items `0..len`, whose ids `id_of` gives; ids are unique (validation saw to it).
    pub(crate) fn new<'a>(len: usize, id_of: impl Fn(usize) -> &'a str) -> IdIndex {
        let hasher = foldhash::fast::RandomState::default();
        let mut table = HashTable::with_capacity(len);
        let hash = |ix: u32| hasher.hash_one(id_of(ix as usize));
        for ix in 0..len {
            let ix = u32::try_from(ix).expect("fewer than 2^32 items: files are at most 1 GiB");
            table.insert_unique(hash(ix), ix, |&other| hash(other));
        }
        IdIndex { table, hasher }
    }

    /// The position of the item with `id`; `id_of` must be the one the index was built with.
    pub(crate) fn get<'a>(&self, id: &str, id_of: impl Fn(usize) -> &'a str) -> Option<usize> {
        self.table
            .find(self.hasher.hash_one(id), |&ix| id_of(ix as usize) == id)
            .map(|&ix| ix as usize)
    }
}

impl std::fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "IdIndex({} ids)", self.table.len())
    }
}

#[cfg(test)]
mod tests {
    use super::IdIndex;

    #[test]
    fn finds_each_id_and_nothing_else() {
        let ids = ["self-coup", "cholera-outbreak", "", "inauguration"];
        let index = IdIndex::new(ids.len(), |ix| ids[ix]);
        for (ix, id) in ids.iter().enumerate() {
            assert_eq!(index.get(id, |ix| ids[ix]), Some(ix));
        }
        assert_eq!(index.get("self-coup ", |ix| ids[ix]), None);
        assert_eq!(IdIndex::default().get("x", |ix| ids[ix]), None);
    }
}
