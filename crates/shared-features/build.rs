//! Empty on purpose: cargo considers `[build-dependencies]` only for a package with a build
//! script, and this package exists for its dependencies' features (see Cargo.toml).
fn main() {}
