#![no_main]
//! Fuzz target `serve_rouge`: see chorus_fuzz::serve_rouge for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| chorus_fuzz::serve_rouge(data));
