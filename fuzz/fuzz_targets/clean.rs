#![no_main]
//! Fuzz target `clean`: see chorus_fuzz::clean for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| chorus_fuzz::clean(data));
