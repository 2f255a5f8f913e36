//! Sentence selection. PLACEHOLDER
