//! Values derived from the whole site that many outputs share: a ranking's
//! order, the profiles sorted by title. Each is made once per site version
//! and language, by the first output that asks, and the reads made while
//! making it are kept with it; every output that uses it notes those reads
//! as its own. So `serve` re-renders an output exactly when a full build
//! would make it differently, as if each output had made the value itself,
//! and the three hundred ranking pages of a 10,000-profile site sort their
//! lists once, not three hundred times.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, OnceLock};

use crate::site::{Input, Recorder, View};

/// The shared values of one site version: one memo per kind of value.
#[derive(Default)]
pub struct Derived {
    /// Each ranking, sorted and numbered.
    pub(crate) rankings: Memo<super::rankings::RankingKind, super::rankings::RankingContext>,
    /// The profiles in the order of the listings (by title).
    pub(crate) by_title: Memo<(), super::TitleOrder>,
    /// The full-text index's files.
    pub(crate) search: Memo<(), super::search::Index>,
    /// The profiles of each of compare's figure files.
    pub(crate) figure_groups: Memo<(), super::explore::FigureGroups>,
}

/// Values of type `T` by key and language, with the inputs read to make
/// each.
pub struct Memo<K, T> {
    cells: Mutex<HashMap<(K, usize), Cell<T>>>,
}

/// One value, made by the first output that asks while the others wait.
type Cell<T> = Arc<OnceLock<Made<T>>>;

struct Made<T> {
    value: Arc<T>,
    inputs: Vec<Input>,
}

impl<K, T> Default for Memo<K, T> {
    fn default() -> Self {
        Memo {
            cells: Mutex::default(),
        }
    }
}

impl<K: Hash + Eq + Clone, T> Memo<K, T> {
    /// The value for `key` in the view's language, made by `make` on first
    /// use; the reads made then are noted in `view` on every use. `make`
    /// must depend only on `key` and what it reads through the view it is
    /// given. It must not wait on rayon: other outputs wanting the same
    /// value wait while it runs, and a waiting rayon thread could be the
    /// one its tasks need.
    pub fn get(&self, view: &View, key: &K, make: impl FnOnce(&View) -> T) -> Arc<T> {
        let cell = {
            let mut cells = self.cells.lock().unwrap_or_else(|e| e.into_inner());
            cells.entry((key.clone(), view.lang())).or_default().clone()
        };
        let made = cell.get_or_init(|| {
            let recorder = Recorder::new();
            let value = Arc::new(make(&view.recording_into(&recorder)));
            Made {
                value,
                inputs: recorder.into_inputs(),
            }
        });
        view.replay(&made.inputs);
        made.value.clone()
    }
}
