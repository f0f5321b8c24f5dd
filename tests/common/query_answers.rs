//! Strategies for the query answers (`Action::Filtered` and friends) that `ui_props` feeds to
//! `update` among all the others: stale, out-of-range and failing answers must leave the state
//! coherent as much as good ones.

use std::sync::Arc;

use proptest::prelude::*;
use quipu::app::Action;
use quipu::app::action::ActionKind;
use quipu::app::effect::FacetsFor;
use quipu::query::QueryError;
use quipu::query::facets::Facets;

pub fn answer(kind: ActionKind) -> Option<BoxedStrategy<Action>> {
    let text = prop::sample::select(vec!["actor:fujimori", "zz", "", "tag:\"human rights\" x"]);
    Some(match kind {
        ActionKind::Filtered => (
            0u64..4,
            text,
            any::<bool>(),
            prop::collection::vec(0usize..400, 0..30),
        )
            .prop_map(|(generation, query, ok, events)| Action::Filtered {
                generation,
                query: query.to_owned(),
                outcome: if ok {
                    Ok(Arc::from(events))
                } else {
                    Err(QueryError {
                        column: events.len(),
                        term: query.to_owned(),
                        message: "no actor is called `zz`".to_owned(),
                        help: "did you mean `usa`?".to_owned(),
                    })
                },
            })
            .boxed(),
        ActionKind::FacetsCounted => (0u64..4, any::<bool>())
            .prop_map(|(generation, overlay)| Action::FacetsCounted {
                purpose: if overlay {
                    FacetsFor::Overlay { generation }
                } else {
                    FacetsFor::Completion
                },
                facets: Arc::new(Facets::default()),
            })
            .boxed(),
        ActionKind::QueryHistoryLoaded => (prop::collection::vec(text, 0..5), any::<bool>())
            .prop_map(|(entries, problem)| Action::QueryHistoryLoaded {
                entries: entries.into_iter().map(str::to_owned).collect(),
                problem: problem.then(|| "cannot read".to_owned()),
            })
            .boxed(),
        ActionKind::QueryHistoryProblem => Just(Action::QueryHistoryProblem(
            "query history not kept".to_owned(),
        ))
        .boxed(),
        _ => return None,
    })
}
