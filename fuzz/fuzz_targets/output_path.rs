//! Fuzz target `output_path`: see `fuzz_output_path` in tests/invariants/mod.rs for what it checks.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = invariants::fuzz_output_path(data) {
        panic!("{e}");
    }
});
