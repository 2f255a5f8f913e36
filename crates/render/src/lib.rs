//! Summary rendering. PLACEHOLDER
