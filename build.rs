//! Links the `parallax` binary as a position-dependent executable on GNU/Linux. Its
//! dependencies hold large tables of string references (HTML entity and atom tables, language
//! profiles): in a position-independent executable each of their ~29,000 pointers is relocated
//! at every start, touching some 150 pages before `main` runs. Linked at a fixed address they
//! are resolved once, by the linker, and start-up takes half the time (docs/performance.md).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = std::env::var("TARGET").unwrap_or_default();
    if target.ends_with("-linux-gnu") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
