#![no_main]
//! Fuzz target `split`: see chorus_fuzz::split for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| chorus_fuzz::split(data));
