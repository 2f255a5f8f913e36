#![no_main]
//! Fuzz target `serve_summarize`: see chorus_fuzz::serve_summarize for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| chorus_fuzz::serve_summarize(data));
