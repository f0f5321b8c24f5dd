//! Finding an item by its id without a second copy of every id.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

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
    /// Indexes items `0..len`, whose ids `id_of` gives; ids are unique.
    #[cfg(test)]
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

    /// An empty index with room for `len` items, filled by [`IdIndex::insert`]: validation builds
    /// it while looking for duplicate ids, and the chronology keeps it, so a million ids are
    /// hashed once per load rather than twice, and no map of borrowed ids (48 MB) is made beside it.
    pub(crate) fn with_capacity(len: usize) -> IdIndex {
        IdIndex {
            table: HashTable::with_capacity(len),
            hasher: foldhash::fast::RandomState::default(),
        }
    }

    /// Adds item `ix`, whose id is `id_of(ix)`, unless an item with the same id is there already:
    /// then that item's position.
    pub(crate) fn insert<'a>(
        &mut self,
        ix: usize,
        id_of: impl Fn(usize) -> &'a str,
    ) -> Result<(), usize> {
        let id = id_of(ix);
        let ix = u32::try_from(ix).expect("fewer than 2^32 items: files are at most 1 GiB");
        let hasher = &self.hasher;
        match self.table.entry(
            hasher.hash_one(id),
            |&other| id_of(other as usize) == id,
            |&other| hasher.hash_one(id_of(other as usize)),
        ) {
            Entry::Occupied(first) => Err(*first.get() as usize),
            Entry::Vacant(slot) => {
                slot.insert(ix);
                Ok(())
            }
        }
    }

    /// Moves every item to `to(position)`: the ids stay where they were, so no id is hashed again.
    pub(crate) fn renumber(&mut self, to: impl Fn(u32) -> u32) {
        self.table.iter_mut().for_each(|ix| *ix = to(*ix));
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

    #[test]
    fn insert_refuses_a_second_item_with_an_id_and_renumber_moves_them() {
        let ids = ["b", "a", "b", "c"];
        let mut index = IdIndex::with_capacity(2);
        let inserted: Vec<Result<(), usize>> = (0..ids.len())
            .map(|ix| index.insert(ix, |ix| ids[ix]))
            .collect();
        assert_eq!(inserted, [Ok(()), Ok(()), Err(0), Ok(())]);
        // Reversed: "c" is now at 0, "a" at 2, the first "b" at 3.
        index.renumber(|ix| 3 - ix);
        let reversed = ["c", "b", "a", "b"];
        assert_eq!(index.get("c", |ix| reversed[ix]), Some(0));
        assert_eq!(index.get("a", |ix| reversed[ix]), Some(2));
        assert_eq!(index.get("b", |ix| reversed[ix]), Some(3));
    }
}
