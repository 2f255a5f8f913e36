//! What alignment finds: groups of claims with their values and the witnesses behind
//! each value (documents and spans), judged agree, update or conflict.

use chorus_model::Span;

/// A figure or a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ClaimKind {
    /// A number with what it counts.
    Figure,
    /// A direct quote with its speaker.
    Quote,
}

impl ClaimKind {
    /// The name used in output.
    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Figure => "figure",
            ClaimKind::Quote => "quote",
        }
    }
}

/// How the sources stand on one claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Same value (within rounding and ranges) or same words and speaker.
    Agree,
    /// Values differ, and the later-dated documents carry the larger value (a rising toll).
    Update,
    /// Different values at the same time, or a quote with other words or another speaker.
    Conflict,
}

impl Verdict {
    /// The name used in output.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Agree => "agree",
            Verdict::Update => "update",
            Verdict::Conflict => "conflict",
        }
    }
}

/// One place a value is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Witness {
    /// Index of the document within the cluster.
    pub doc: usize,
    /// The whole claim (figure with its noun, or the quoted words).
    pub span: Span,
    /// The value itself (the number, or the quoted words).
    pub value_span: Span,
    /// The sentence the claim stands in.
    pub sentence: Span,
}

/// One reading of a claim and who states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// The value as its first witness writes it ("129 people", the quoted words).
    pub text: String,
    /// For quotes: the speaker as its first witness names them.
    pub speaker: Option<String>,
    /// The documents and spans stating it, in document order.
    pub witnesses: Vec<Witness>,
    /// Independent origins among the witnesses: wire copies count once.
    pub origins: usize,
}

/// Claims about one thing, across documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Figure or quote.
    pub kind: ClaimKind,
    /// The judgement.
    pub verdict: Verdict,
    /// What the claims are about: "people killed", "quote by Obama".
    pub about: String,
    /// The distinct values, in order of first witness.
    pub values: Vec<Value>,
    /// Independent origins across all values.
    pub origins: usize,
}

impl Group {
    /// True when any witness of this group has its value inside `span` of document `doc`.
    pub fn witnessed_in(&self, doc: usize, span: Span) -> bool {
        self.values.iter().any(|v| {
            v.witnesses.iter().any(|w| {
                w.doc == doc && w.value_span.start >= span.start && w.value_span.end <= span.end
            })
        })
    }
}

/// Every group found in a cluster, figures first, in a fixed order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// The groups.
    pub groups: Vec<Group>,
}

impl Report {
    /// Groups judged `conflict` or `update`: where the sources differ.
    pub fn disagreements(&self) -> impl Iterator<Item = &Group> {
        self.groups.iter().filter(|g| g.verdict != Verdict::Agree)
    }

    /// Groups judged `agree` by at least two independent origins, per kind.
    pub fn agreements(&self, kind: ClaimKind) -> usize {
        self.groups
            .iter()
            .filter(|g| g.kind == kind && g.verdict == Verdict::Agree && g.origins >= 2)
            .count()
    }

    /// Number of groups judged `conflict`.
    pub fn conflicts(&self) -> usize {
        self.groups
            .iter()
            .filter(|g| g.verdict == Verdict::Conflict)
            .count()
    }
}
