"""A drop-in for rouge-score's ``rouge_scorer`` module, computed by chorus.

Existing evaluation code switches with one import::

    # from rouge_score import rouge_scorer
    from chorus import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"],
                                      use_stemmer=True)
    scores = scorer.score(target, prediction)
    scores["rougeL"].fmeasure

The numbers are rouge-score 0.1.2's (its tokenizer, NLTK's Porter stemmer, ``rougeLsum``
over newline-separated sentences, the best target in ``score_multi``); the scoring itself
runs in Rust (``chorus-rouge``), without the GIL.
"""

from __future__ import annotations

import collections
from typing import Dict, Iterable, Optional, Sequence

from chorus._chorus import RougeScoreScorer as _Native

#: One rouge type's result, field for field rouge-score's ``scoring.Score``.
Score = collections.namedtuple("Score", ["precision", "recall", "fmeasure"])


class RougeScorer:
    """Computes ROUGE between a target and a prediction, as rouge-score's ``RougeScorer``.

    ``rouge_types`` are rouge-score's names: ``rouge1`` ... ``rouge9``, ``rougeL``,
    ``rougeLsum``. ``use_stemmer`` applies NLTK's Porter stemmer to tokens longer than 3
    characters. rouge-score's ``split_summaries=True`` (NLTK sentence splitting for
    ``rougeLsum``) and custom ``tokenizer`` objects are not supported and raise
    ``ValueError``: put one sentence per line instead.
    """

    def __init__(
        self,
        rouge_types: Sequence[str],
        use_stemmer: bool = False,
        split_summaries: bool = False,
        tokenizer: Optional[object] = None,
    ) -> None:
        if split_summaries:
            raise ValueError(
                "chorus.rouge_scorer does not split summaries into sentences "
                "(split_summaries=True): give rougeLsum one sentence per line"
            )
        if tokenizer is not None:
            raise ValueError("chorus.rouge_scorer does not take a custom tokenizer")
        if isinstance(rouge_types, str):
            raise TypeError("rouge_types must be a list of names such as ['rouge1', 'rougeL']")
        self.rouge_types = list(rouge_types)
        self._native = _Native(self.rouge_types, use_stemmer)

    def score(self, target: str, prediction: str) -> Dict[str, Score]:
        """Scores ``prediction`` against ``target``; returns ``{rouge_type: Score}``."""
        return self._wrap(self._native.score_multi([target], prediction))

    def score_multi(self, targets: Iterable[str], prediction: str) -> Dict[str, Score]:
        """Scores ``prediction`` against each target and keeps, per rouge type, the
        target with the highest F-measure (rouge-score's ``score_multi``)."""
        if isinstance(targets, str):
            raise TypeError("targets must be a list of str; use score() for one target")
        return self._wrap(self._native.score_multi(list(targets), prediction))

    @staticmethod
    def _wrap(pairs) -> Dict[str, Score]:
        return {name: Score(*prf) for name, prf in pairs}
