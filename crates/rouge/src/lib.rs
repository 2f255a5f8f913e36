//! ROUGE scoring. PLACEHOLDER: filled in by the ROUGE work.
