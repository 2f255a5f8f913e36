"""chorus: multi-document news summaries with attribution, and ROUGE scoring.

A thin Python shell over the chorus Rust library: the same code as the ``chorus`` command
line, so a summary dict here is exactly the JSON object ``chorus summarize --format json``
prints. See ``help(chorus.summarize)`` and the README in bindings/python.
"""

from chorus._chorus import (
    DEFAULT_METHOD,
    DEFAULT_WORDS,
    METHODS,
    __version__,
    extract,
    evaluate,
    render,
    rouge,
    rouge_batch,
    stories,
    summarize,
    summarize_batch,
    summarize_jsonl,
)

__all__ = [
    "DEFAULT_METHOD",
    "DEFAULT_WORDS",
    "METHODS",
    "__version__",
    "extract",
    "evaluate",
    "render",
    "rouge",
    "rouge_batch",
    "stories",
    "summarize",
    "summarize_batch",
    "summarize_jsonl",
]
