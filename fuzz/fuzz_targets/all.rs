#![no_main]
//! Every fuzz target in one binary, the one scripts/fuzz.sh builds: `CHORUS_FUZZ_TARGET`
//! names the target (see chorus_fuzz::TARGETS). One binary links the instrumented crates
//! once instead of seven times, which is most of what a short CI fuzz run costs.
//!
//!   CHORUS_FUZZ_TARGET=rouge fuzz/target/x86_64-unknown-linux-gnu/fuzz/all fuzz/corpus/rouge

use std::sync::OnceLock;

/// The target this run fuzzes, chosen once before the first input.
static TARGET: OnceLock<chorus_fuzz::Target> = OnceLock::new();

libfuzzer_sys::fuzz_target!(
    init: {
        let name = std::env::var("CHORUS_FUZZ_TARGET").unwrap_or_default();
        match chorus_fuzz::target(&name) {
            Some(target) => {
                let _ = TARGET.set(target);
            }
            None => {
                let names: Vec<&str> = chorus_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
                eprintln!(
                    "fuzz: set CHORUS_FUZZ_TARGET to one of {} (it is {name:?})",
                    names.join(", ")
                );
                std::process::exit(2);
            }
        }
    },
    |data: &[u8]| {
        if let Some(target) = TARGET.get() {
            target(data);
        }
    }
);
