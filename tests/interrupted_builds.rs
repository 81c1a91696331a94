//! Interrupted builds: `careers build` is killed at random moments (SIGINT
//! and SIGKILL, alternating) while it rebuilds a generated site, and after
//! every kill `output/` must be exactly the previous complete output or the
//! new complete one (compared by a hash of every file), never a mix or
//! missing, and at most one staging folder may be left (removed by the next
//! run; none after a SIGINT).
//!
//! `cargo test` runs `KILL_ROUNDS` rounds (30 by default) on `KILL_PROFILES`
//! generated profiles (40); `scripts/kill-test.sh ROUNDS` runs more, on 300
//! profiles, with the release binary (`CAREERS_BIN`).

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn binary() -> PathBuf {
    std::env::var_os("CAREERS_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_careers")))
}

/// Writes a generated site of `count` profiles.
fn generate(site: &Path, count: u64) {
    let options = careers_corpus::Options {
        count: count as usize,
        seed: careers_corpus::DEFAULT_SEED,
        flavor: careers_corpus::Flavor::Careers,
        shape: careers_corpus::Shape::Uniform,
        translations: Vec::new(),
    };
    careers_corpus::write_site(site, &options).expect("the generator writes the site");
}

/// Changes every profile's body so the two versions differ in every page.
fn set_version(site: &Path, version: u32) {
    let entries = std::fs::read_dir(site.join("content")).unwrap();
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let body = text.split("\nVersion marker ").next().unwrap_or(&text);
        let text = format!("{}\nVersion marker {version}.\n", body.trim_end());
        std::fs::write(entry.path(), text).unwrap();
    }
}

/// A hash of every file's path and bytes under `dir`; `None` if missing.
fn manifest(dir: &Path) -> Option<u64> {
    if !dir.is_dir() {
        return None;
    }
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.ok()?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).ok()?.to_path_buf();
            files.insert(rel, std::fs::read(entry.path()).ok()?);
        }
    }
    let mut hasher = DefaultHasher::new();
    files.hash(&mut hasher);
    Some(hasher.finish())
}

fn start_build(site: &Path) -> Child {
    Command::new(binary())
        .args(["build", "--quiet", "--root"])
        .arg(site)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("careers runs")
}

fn build(site: &Path) -> Duration {
    let started = Instant::now();
    let status = start_build(site).wait().unwrap();
    assert!(status.success(), "the build fails");
    started.elapsed()
}

fn send(child: &Child, signal: &str) {
    let _ = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status();
}

/// Staging and retired folders beside `output/`.
fn leftovers(site: &Path) -> usize {
    std::fs::read_dir(site)
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("output.careers-")
        })
        .count()
}

/// A small xorshift generator: reproducible rounds without a dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[cfg(unix)]
#[test]
fn killed_builds_leave_the_previous_or_the_new_output() {
    let rounds = env_number("KILL_ROUNDS", 30);
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    generate(&site, env_number("KILL_PROFILES", 40));
    let mut known = [0u64; 2];
    let mut took = Duration::ZERO;
    for version in [1, 0] {
        set_version(&site, version);
        took = took.max(build(&site));
        known[version as usize] = manifest(&site.join("output")).unwrap();
    }
    assert_ne!(known[0], known[1]);
    let mut rng = Rng(env_number("KILL_SEED", 0x9e37_79b9_7f4a_7c15));
    let mut current = known[0];
    let (mut completed, mut interrupted, mut left_before) = (0, 0, 0);
    for round in 0..rounds {
        let target = (round as usize + 1) % 2;
        set_version(&site, target as u32);
        let mut child = start_build(&site);
        let delay = rng.below(took.as_millis() as u64 * 6 / 5 + 1);
        std::thread::sleep(Duration::from_millis(delay));
        let signal = if round % 2 == 0 { "-INT" } else { "-KILL" };
        send(&child, signal);
        child.wait().unwrap();
        let now = manifest(&site.join("output"));
        assert!(
            now == Some(current) || now == Some(known[target]),
            "round {round} ({signal} after {delay} ms): output/ is a mix or missing"
        );
        let left = leftovers(&site);
        assert!(left <= 1, "round {round}: {left} staging folders piled up");
        if signal == "-INT" {
            // Stopped before it cleaned up, it leaves what was there.
            assert!(
                left <= left_before,
                "round {round}: a Ctrl-C'd build left its staging folder"
            );
        }
        left_before = left;
        if now == Some(known[target]) && now != Some(current) {
            completed += 1;
        } else {
            interrupted += 1;
        }
        current = now.unwrap();
    }
    build(&site);
    assert_eq!(leftovers(&site), 0, "the next build cleans up");
    eprintln!(
        "kills survived: {rounds} ({interrupted} left the previous output, {completed} the new one)"
    );
}
