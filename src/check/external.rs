//! Fetching external links, politely: `careers check --external`.
//!
//! Each URL is asked for once with HEAD, falling back to GET when a server
//! does not answer HEAD properly, with a timeout, at most a few requests in
//! flight overall and fewer per host, and a retry with back-off for failures
//! that may pass (timeouts, refused connections, 429 and 5xx). Nothing here
//! runs unless the user asks for it. Which URLs to fetch is decided elsewhere.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use serde::Serialize;

/// Limits for one run.
#[derive(Debug, Clone)]
pub struct Limits {
    pub timeout: Duration,
    pub concurrency: usize,
    pub per_host: usize,
    pub retries: u32,
    pub backoff: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(10),
            concurrency: 8,
            per_host: 2,
            retries: 2,
            backoff: Duration::from_millis(500),
        }
    }
}

/// What became of one URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// The final status after redirects (2xx or 3xx).
    Ok { status: u16 },
    /// The server answered with an error status.
    Broken { status: u16 },
    /// No answer: time-out, refused connection, unknown host.
    Unreachable { reason: String },
}

/// Fetches every URL and returns the outcome of each, in the given order.
pub fn check_all(urls: &[String], limits: &Limits) -> Vec<Outcome> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .http_status_as_error(false)
        .max_redirects(10)
        .user_agent(concat!("careers-link-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let queue = Queue::new(urls, limits.per_host);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; urls.len()]);
    std::thread::scope(|scope| {
        for _ in 0..limits.concurrency.max(1).min(urls.len().max(1)) {
            scope.spawn(|| {
                while let Some((index, host)) = queue.next() {
                    let Some(url) = urls.get(index) else { continue };
                    let outcome = check_one(&agent, url, limits);
                    if let Some(slot) = lock(&results).get_mut(index) {
                        *slot = Some(outcome);
                    }
                    queue.done(&host);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|o| {
            o.unwrap_or(Outcome::Unreachable {
                reason: "not checked".into(),
            })
        })
        .collect()
}

fn check_one(agent: &ureq::Agent, url: &str, limits: &Limits) -> Outcome {
    let mut attempt = 0;
    loop {
        let outcome = request(agent, url);
        let transient = match &outcome {
            Outcome::Unreachable { .. } => true,
            Outcome::Broken { status } => *status == 429 || *status >= 500,
            Outcome::Ok { .. } => false,
        };
        if !transient || attempt >= limits.retries {
            return outcome;
        }
        attempt += 1;
        std::thread::sleep(limits.backoff * attempt);
    }
}

/// HEAD, then GET when HEAD is refused or fails: some servers answer HEAD
/// with 403, 404, 405 or 501, or not at all, while GET works.
fn request(agent: &ureq::Agent, url: &str) -> Outcome {
    let head = agent.head(url).call();
    match head {
        Ok(response) if response.status().is_success() || response.status().is_redirection() => {
            return Outcome::Ok {
                status: response.status().as_u16(),
            };
        }
        _ => {}
    }
    match agent.get(url).call() {
        Ok(response) => {
            let status = response.status().as_u16();
            if response.status().is_success() || response.status().is_redirection() {
                Outcome::Ok { status }
            } else {
                Outcome::Broken { status }
            }
        }
        Err(err) => Outcome::Unreachable {
            reason: err.to_string(),
        },
    }
}

/// Hands out URLs so that no host has more than `per_host` in flight.
struct Queue {
    state: Mutex<QueueState>,
    ready: Condvar,
    per_host: usize,
}

struct QueueState {
    waiting: VecDeque<(usize, String)>,
    in_flight: HashMap<String, usize>,
}

impl Queue {
    fn new(urls: &[String], per_host: usize) -> Self {
        let waiting = urls
            .iter()
            .enumerate()
            .map(|(i, u)| (i, host_of(u)))
            .collect();
        Queue {
            state: Mutex::new(QueueState {
                waiting,
                in_flight: HashMap::new(),
            }),
            ready: Condvar::new(),
            per_host: per_host.max(1),
        }
    }

    /// The next URL whose host has room, waiting if every host is busy;
    /// `None` when all are handed out.
    fn next(&self) -> Option<(usize, String)> {
        let mut state = lock(&self.state);
        loop {
            if state.waiting.is_empty() {
                return None;
            }
            let per_host = self.per_host;
            let eligible = {
                let in_flight = &state.in_flight;
                state
                    .waiting
                    .iter()
                    .position(|(_, host)| in_flight.get(host).copied().unwrap_or(0) < per_host)
            };
            if let Some(pos) = eligible {
                let (index, host) = state.waiting.remove(pos)?;
                *state.in_flight.entry(host.clone()).or_insert(0) += 1;
                return Some((index, host));
            }
            state = self.ready.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn done(&self, host: &str) {
        let mut state = lock(&self.state);
        if let Some(n) = state.in_flight.get_mut(host) {
            *n = n.saturating_sub(1);
        }
        self.ready.notify_all();
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// `https://Example.org:8080/a` → `example.org:8080`.
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.trim_start_matches('/');
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://Example.org:8080/a?b"), "example.org:8080");
        assert_eq!(host_of("http://x.org"), "x.org");
    }

    #[test]
    fn the_queue_limits_each_host() {
        let urls: Vec<String> = ["http://a/1", "http://a/2", "http://b/1"]
            .map(String::from)
            .to_vec();
        let queue = Queue::new(&urls, 1);
        assert_eq!(queue.next().map(|(i, _)| i), Some(0));
        // a is busy: b comes next, ahead of a's second URL.
        assert_eq!(queue.next().map(|(i, _)| i), Some(2));
        queue.done("a");
        assert_eq!(queue.next().map(|(i, _)| i), Some(1));
        assert_eq!(queue.next(), None);
    }
}
