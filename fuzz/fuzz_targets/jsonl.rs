#![no_main]
//! Fuzz target `jsonl`: see chorus_fuzz::jsonl for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| chorus_fuzz::jsonl(data));
