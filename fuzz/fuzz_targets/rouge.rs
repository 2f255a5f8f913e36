#![no_main]
//! Fuzz target `rouge`: see chorus_fuzz::rouge for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| chorus_fuzz::rouge(data));
