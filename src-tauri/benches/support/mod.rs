//! What the benchmarks share: whether this is a full run (`cargo bench`,
//! `make bench`) or the quick run `make test` makes of every benchmark so
//! that one that no longer runs fails CI, and how many calls each takes.

/// Whether the benchmark was started by `cargo bench`, which passes
/// `--bench` to a benchmark without the standard harness. Started any
/// other way (`cargo test` runs it as a test), it runs once at a tiny
/// scale: the figures then mean nothing, but every step still runs.
pub fn full_run() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

/// `full` calls in a full run, one otherwise.
pub fn calls(full: usize) -> usize {
    if full_run() {
        full
    } else {
        1
    }
}

/// Prints the kind of run, so a figure from a tiny run is never mistaken
/// for a measurement.
pub fn announce(name: &str) {
    if full_run() {
        println!("# {name}: full run");
    } else {
        println!("# {name}: tiny run (proves the benchmark still works; figures mean nothing)");
    }
}
