//! A progress bar on stderr for work that turns out to be long: a large
//! load, the evaluation of many rules. It is drawn only on a terminal, and
//! only once the work has taken a second, so that short runs, pipes and
//! logs stay as they are.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long work runs before its bar is drawn.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// What a bar counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Bytes,
    /// Items named by the given plural noun ("periods").
    Items(&'static str),
}

/// Progress of one piece of work; cheap to clone and to advance from any
/// thread. A hidden one (on no terminal) does nothing.
#[derive(Debug, Clone)]
pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: std::sync::Arc<AtomicBool>,
}

impl Progress {
    /// A bar that is never drawn.
    pub fn hidden() -> Self {
        Progress {
            bar: None,
            started: Instant::now(),
            shown: Default::default(),
        }
    }

    /// A bar for `total` units of work, drawn on stderr if `on_terminal`
    /// (and stderr is one) once the work has taken a second.
    pub fn new(message: &str, total: u64, unit: Unit, on_terminal: bool) -> Self {
        use std::io::IsTerminal;
        if !on_terminal || !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let template = match unit {
            Unit::Bytes => {
                "{msg} [{bar:30}] {binary_bytes}/{binary_total_bytes}, {eta} left".to_owned()
            }
            Unit::Items(noun) => {
                format!("{{msg}} [{{bar:30}}] {{pos}}/{{len}} {noun}, {{eta}} left")
            }
        };
        let style = ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden())
            .with_style(style)
            .with_message(message.to_owned());
        Progress {
            bar: Some(bar),
            started: Instant::now(),
            shown: Default::default(),
        }
    }

    /// Records `amount` more units done.
    pub fn advance(&self, amount: u64) {
        let Some(bar) = &self.bar else { return };
        bar.inc(amount);
        if self.started.elapsed() >= SHOW_AFTER && !self.shown.swap(true, Ordering::Relaxed) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Removes the bar: the work is done.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
