//! No code on purpose. This package only pins dependency features shared by the workspace and
//! the Python bindings, so that both builds reuse one compiled copy of each dependency (see
//! its Cargo.toml).
