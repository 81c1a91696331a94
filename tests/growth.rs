//! Linear time where a page can be made large: four times the input must
//! take less than eight times as long (a quadratic step takes sixteen).
//! The only timed assertions of the suite, as issue 13 asks; each size is
//! timed several times and the best run counts, so that a busy machine
//! slows a run down without failing it. Figures are printed with
//! `--nocapture` and recorded in docs/reliability.md.

mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use careers::markdown;

/// Runs `work` on an input of each size and returns the best time of
/// `runs` tries for each.
fn best_times(sizes: [usize; 2], runs: usize, work: impl Fn(usize)) -> [Duration; 2] {
    sizes.map(|n| {
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                work(n);
                start.elapsed()
            })
            .min()
            .unwrap_or_default()
    })
}

/// Asserts that four times the input takes less than eight times as long.
fn assert_linear(what: &str, small: usize, work: impl Fn(usize)) {
    let [t1, t4] = best_times([small, small * 4], 3, work);
    let ratio = t4.as_secs_f64() / t1.as_secs_f64().max(1e-9);
    println!(
        "{what}: {small} → {:.1} ms, {} → {:.1} ms, ratio {ratio:.2}",
        t1.as_secs_f64() * 1e3,
        small * 4,
        t4.as_secs_f64() * 1e3
    );
    assert!(
        ratio < 8.0,
        "{what}: 4× the input took {ratio:.1}× the time ({t1:?} → {t4:?})"
    );
}

fn no_links(_: &str) -> Result<String, Option<String>> {
    Err(None)
}

/// 40,000 `## a` headings took minutes: each heading counted its id up
/// from `a-2` past every id taken before it.
#[test]
fn equal_headings_get_their_ids_in_linear_time() {
    let body = |n: usize| "## a\n\nText.\n\n".repeat(n);
    let bodies: Vec<(usize, String)> = [10_000, 40_000].map(|n| (n, body(n))).into();
    assert_linear("10,000 vs 40,000 `## a` headings", 10_000, |n| {
        let body = &bodies.iter().find(|(size, _)| *size == n).unwrap().1;
        let out = markdown::render(
            body,
            1,
            "a.md",
            true,
            &no_links,
            &HashSet::new(),
            &mut Vec::new(),
        );
        assert_eq!(out.anchors.len(), n);
        assert_eq!(
            out.anchors.last().map(String::as_str),
            Some(format!("a-{n}").as_str())
        );
    });
}

/// Editor notes are found per line with one parse: many notes in many
/// containers stay linear too.
#[test]
fn many_notes_are_found_in_linear_time() {
    let body = |n: usize| "> #quoted note\n\n- item\n  #note in item\n\ntext\n#note\n\n".repeat(n);
    let bodies: Vec<(usize, String)> = [5_000, 20_000].map(|n| (n, body(n))).into();
    assert_linear("5,000 vs 20,000 blocks of notes", 5_000, |n| {
        let body = &bodies.iter().find(|(size, _)| *size == n).unwrap().1;
        assert_eq!(markdown::editor_notes(body, 1).len(), 3 * n);
    });
}
