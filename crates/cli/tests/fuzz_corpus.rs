//! The fuzz targets' bodies (fuzz/src/lib.rs) and their corpus replay tests, compiled into
//! the workspace's test run: the committed seeds and deterministic mutations of them go
//! through every target on the workspace's own build, instead of a second build of every
//! crate in fuzz/target (minutes on 2 cores). `cargo test --manifest-path fuzz/Cargo.toml`
//! runs the same tests in the fuzz crate; libFuzzer runs are scripts/fuzz.sh.

#[allow(dead_code)]
#[path = "../../../fuzz/src/lib.rs"]
mod chorus_fuzz;
