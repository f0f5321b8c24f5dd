//! The background search: answers arrive tagged, and only the newest request is ever delivered.

use std::sync::Arc;
use std::time::Duration;

use quipu::model::Chronology;
use quipu::search::{Query, SearchIndex, SearchWorker};

const WAIT: Duration = Duration::from_secs(20);

fn worker() -> (Chronology, Arc<SearchIndex>, SearchWorker) {
    let chronology = Chronology::shipped();
    let index = Arc::new(SearchIndex::build(&chronology));
    let worker = SearchWorker::spawn(Arc::clone(&index));
    (chronology, index, worker)
}

#[test]
fn answers_a_request_with_its_generation() {
    let (_, index, worker) = worker();
    let generation = worker.request(Query::parse("fuj"), 5);
    let results = worker.recv_timeout(WAIT).expect("the worker answers");
    assert_eq!(results.generation, generation);
    assert_eq!(results.query, Query::parse("fuj"));
    assert_eq!(results.hits, index.search(&Query::parse("fuj"), 5));
}

#[test]
fn only_the_newest_of_a_burst_is_delivered() {
    let (_, index, worker) = worker();
    let typed = "mercado comun";
    let mut last = 0;
    for end in 1..=typed.len() {
        last = worker.request(Query::parse(&typed[..end]), 5);
    }
    assert_eq!(worker.latest(), last);
    let results = worker
        .recv_timeout(WAIT)
        .expect("the newest request is answered");
    assert_eq!(results.generation, last);
    assert_eq!(results.hits, index.search(&Query::parse(typed), 5));
    // Whatever older answers were still in flight are dropped, never handed out.
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(worker.try_recv(), None);
}

#[test]
fn try_recv_never_returns_a_stale_generation() {
    let (_, _, worker) = worker();
    let first = worker.request(Query::parse("pe"), 5);
    // Let the first answer arrive, then supersede it before reading.
    std::thread::sleep(Duration::from_millis(200));
    let second = worker.request(Query::parse("per"), 5);
    assert!(second > first);
    let mut seen = None;
    for _ in 0..200 {
        if let Some(results) = worker.try_recv() {
            seen = Some(results);
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(seen.map(|r| r.generation), Some(second));
}

#[test]
fn dropping_the_worker_stops_its_thread() {
    let (_, _, worker) = worker();
    worker.request(Query::parse("a"), 5);
    drop(worker); // joins: the test would hang if the thread did not end
}
