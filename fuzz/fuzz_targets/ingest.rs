#![no_main]
//! Fuzz target `ingest`: see chorus_fuzz::ingest for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| chorus_fuzz::ingest(data));
