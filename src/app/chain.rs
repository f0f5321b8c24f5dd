//! The chain view: every event downstream of the selected one (its consequences, theirs, ...) and
//! upstream (its causes, theirs, ...), as a foldable tree built once when the view opens.

use std::collections::HashSet;

use super::cursor::ListCursor;
use crate::model::{Basis, Chronology, EventIx};

/// Which way a branch of the tree runs from the root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Downstream,
    Upstream,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Root,
    /// The "Consequences" or "Causes" heading under the root.
    Section(Direction),
    Event {
        direction: Direction,
        /// Already shown earlier in this branch (several paths lead to it): drawn once, its
        /// subtree not repeated.
        repeat: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainNode {
    pub event: EventIx,
    pub depth: usize,
    pub kind: NodeKind,
    /// The basis of the link this node was reached by, so the view can mark inferred steps;
    /// `Stated` for the root and the section headings, which no link leads to.
    pub basis: Basis,
}

/// A tree wider than this is cut, so a huge file cannot freeze the screen on `c`.
pub const NODE_LIMIT: usize = 5000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainView {
    /// Preorder: a node's subtree is the run of nodes after it that are deeper.
    pub nodes: Vec<ChainNode>,
    pub collapsed: Vec<bool>,
    /// Indexes into `nodes` that are not folded away, in drawing order.
    pub rows: Vec<usize>,
    pub cursor: ListCursor,
    pub truncated: bool,
}

impl ChainView {
    pub fn new(chronology: &Chronology, root: EventIx) -> ChainView {
        let mut nodes = vec![ChainNode {
            event: root,
            depth: 0,
            kind: NodeKind::Root,
            basis: Basis::Stated,
        }];
        let mut truncated = false;
        for direction in [Direction::Downstream, Direction::Upstream] {
            let links = |ix: EventIx| {
                let event = &chronology.events[ix];
                match direction {
                    Direction::Downstream => &event.consequences,
                    Direction::Upstream => &event.causes,
                }
            };
            if links(root).is_empty() {
                continue;
            }
            nodes.push(ChainNode {
                event: root,
                depth: 1,
                kind: NodeKind::Section(direction),
                basis: Basis::Stated,
            });
            // Iterative depth-first walk: a long chain cannot overflow the stack, and the visited
            // set stops any cycle a hand-built chronology might still contain.
            let mut visited = HashSet::from([root]);
            let mut stack: Vec<(EventIx, usize, Basis)> = links(root)
                .iter()
                .rev()
                .map(|l| (l.event, 2, l.basis))
                .collect();
            while let Some((event, depth, basis)) = stack.pop() {
                if nodes.len() >= NODE_LIMIT {
                    truncated = true;
                    break;
                }
                let repeat = !visited.insert(event);
                nodes.push(ChainNode {
                    event,
                    depth,
                    kind: NodeKind::Event { direction, repeat },
                    basis,
                });
                if !repeat {
                    stack.extend(
                        links(event)
                            .iter()
                            .rev()
                            .map(|l| (l.event, depth + 1, l.basis)),
                    );
                }
            }
        }
        let collapsed = vec![false; nodes.len()];
        let mut view = ChainView {
            nodes,
            collapsed,
            rows: Vec::new(),
            cursor: ListCursor::default(),
            truncated,
        };
        view.refresh_rows();
        view
    }

    pub fn has_children(&self, node: usize) -> bool {
        match (self.nodes.get(node), self.nodes.get(node + 1)) {
            (Some(this), Some(next)) => next.depth > this.depth,
            _ => false,
        }
    }

    fn refresh_rows(&mut self) {
        self.rows.clear();
        let mut i = 0;
        while i < self.nodes.len() {
            self.rows.push(i);
            let depth = self.nodes[i].depth;
            i += 1;
            if self.collapsed[i - 1] {
                while i < self.nodes.len() && self.nodes[i].depth > depth {
                    i += 1;
                }
            }
        }
    }

    /// Events linked to the root, each counted once however many paths reach it (a repeated
    /// row is the same event again).
    pub fn linked_events(&self) -> usize {
        let distinct: HashSet<EventIx> = self
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::Event { .. }))
            .map(|n| n.event)
            .collect();
        distinct.len()
    }

    /// `h` as in a file tree: an open branch folds; a folded branch or a leaf hands the cursor
    /// to its parent.
    pub fn collapse_or_parent(&mut self, height: usize) {
        let Some(&node) = self.rows.get(self.cursor.selected) else {
            return;
        };
        if self.has_children(node) && !self.collapsed[node] {
            self.set_collapsed(Some(true), height);
            return;
        }
        let depth = self.nodes[node].depth;
        let parent = self.rows[..self.cursor.selected]
            .iter()
            .rposition(|&n| self.nodes[n].depth < depth);
        if let Some(at) = parent {
            self.cursor.set(at, self.rows.len(), height);
        }
    }

    pub fn selected_node(&self) -> Option<&ChainNode> {
        self.rows
            .get(self.cursor.selected)
            .and_then(|&n| self.nodes.get(n))
    }

    /// Folds (`Some(true)`), unfolds (`Some(false)`) or toggles (`None`) the node under the
    /// cursor; the cursor stays on it.
    pub fn set_collapsed(&mut self, fold: Option<bool>, height: usize) {
        let Some(&node) = self.rows.get(self.cursor.selected) else {
            return;
        };
        if !self.has_children(node) {
            return;
        }
        self.collapsed[node] = fold.unwrap_or(!self.collapsed[node]);
        self.refresh_rows();
        let at = self.rows.iter().position(|&n| n == node).unwrap_or(0);
        self.cursor.set(at, self.rows.len(), height);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, EventDate, Link};

    fn event(id: &str, consequences: &[EventIx], causes: &[EventIx]) -> Event {
        let link = |&event: &EventIx| Link {
            event,
            basis: Basis::Stated,
            note: None,
        };
        Event {
            id: id.into(),
            date: EventDate::parse("2000").unwrap(),
            display_date: None,
            title: id.to_owned(),
            aliases: Box::default(),
            summary: String::new(),
            basis: Basis::Stated,
            actors: Box::default(),
            consequences: consequences.iter().map(link).collect(),
            causes: causes.iter().map(link).collect(),
            tags: Box::default(),
            sources: Box::default(),
        }
    }

    /// The loader refuses cycles, but a chronology built by hand might not: the walk must still end.
    #[test]
    fn a_cycle_is_walked_once() {
        let chronology = Chronology {
            events: vec![event("a", &[1], &[1]), event("b", &[0], &[0])],
            ..Chronology::default()
        };
        let view = ChainView::new(&chronology, 0);
        let kinds: Vec<NodeKind> = view.nodes.iter().map(|n| n.kind).collect();
        assert_eq!(view.nodes.len(), 7, "{kinds:?}");
        assert!(matches!(
            kinds[3],
            NodeKind::Event {
                direction: Direction::Downstream,
                repeat: true
            }
        ));
        assert!(!view.truncated);
    }

    #[test]
    fn folding_hides_the_subtree_and_keeps_the_cursor() {
        let chronology = Chronology {
            events: vec![
                event("a", &[1, 2], &[]),
                event("b", &[2], &[0]),
                event("c", &[], &[0, 1]),
            ],
            ..Chronology::default()
        };
        let mut view = ChainView::new(&chronology, 0);
        // root, section, b, c (under b), c
        assert_eq!(view.rows.len(), 5);
        view.cursor.set(2, view.rows.len(), 10);
        view.set_collapsed(Some(true), 10);
        assert_eq!(view.rows.len(), 4);
        assert_eq!(view.selected_node().map(|n| n.event), Some(1));
        view.set_collapsed(None, 10);
        assert_eq!(view.rows.len(), 5);
    }
}
