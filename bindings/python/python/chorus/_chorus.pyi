"""Type stubs for chorus's native module (re-exported by the ``chorus`` package)."""

import os
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Sequence, Tuple, TypedDict, Union

__version__: str
#: Names accepted by ``method=``, in the order the docs list them.
METHODS: Tuple[str, ...]
#: The method used when ``method`` is not given (``"ilp"``).
DEFAULT_METHOD: str
#: The word budget when neither ``words`` nor ``sentences`` is given (100).
DEFAULT_WORDS: int

class _DocumentRequired(TypedDict):
    text: Union[str, bytes]

class DocumentDict(_DocumentRequired, total=False):
    """One article. ``id`` defaults to ``doc-N`` (its 1-based position); bytes ``text`` is
    read like a file (HTML detected and its article extracted)."""

    id: Optional[str]
    headline: Optional[str]
    date: Optional[str]

#: One article: its text, a file's bytes, or a dict.
Document = Union[str, bytes, DocumentDict, Mapping[str, object]]

class _ClusterRequired(TypedDict):
    documents: Sequence[Document]

class ClusterDict(_ClusterRequired, total=False):
    """A cluster as in a JSONL batch line; other keys (``references``, ``title``) are ignored."""

    id: Optional[str]
    query: Optional[str]

class _SentenceRequired(TypedDict):
    text: str
    doc: str
    start: int
    end: int
    spans: List[List[int]]
    sources: List[str]
    #: The paragraph the sentence is shown in, counted from 0.
    paragraph: int

class SentenceJson(_SentenceRequired, total=False):
    """One summary sentence: its text as shown, the id of its document, byte offsets into
    that document's original (UTF-8) text, the spans shown, and the ids of the other
    documents that say the same. ``author`` is set for a share-widget quotation."""

    author: str
    #: The disputed values this sentence carries, with the other sources' values.
    disputed: List[Dict[str, Any]]

class _SummaryRequired(TypedDict):
    id: str
    method: str
    words: int
    #: The summary as prose: paragraphs separated by a blank line.
    text: str
    sentences: List[SentenceJson]

class SummaryJson(_SummaryRequired, total=False):
    """The CLI's JSON object (``chorus summarize --format json``). ``documents``: the text
    spans index into, for inputs whose text is not their bytes (HTML, SGML, Multi-News).
    ``disagreements``: figures and quotes the sources differ on (``conflict`` or
    ``update``), each value with its documents and spans; ``agreements``: how many figures
    and quotes independent sources agree on."""

    documents: List[Dict[str, Any]]
    disagreements: List[Dict[str, Any]]
    agreements: Dict[str, int]

class Score(TypedDict):
    """Recall, precision and F-measure of one ROUGE metric."""

    r: float
    p: float
    f: float

def summarize(
    documents: Union[Sequence[Document], Iterable[Document], ClusterDict],
    words: Optional[int] = None,
    sentences: Optional[int] = None,
    method: Optional[str] = None,
    query: Optional[str] = None,
    compress: bool = True,
    *,
    id: Optional[str] = None,
    ignore_query: bool = False,
    similarity: Optional[float] = None,
    min_words: Optional[int] = None,
    clean: bool = True,
    stemmer: Optional[Literal["snowball", "none"]] = None,
    keep_stopwords: bool = False,
) -> SummaryJson:
    """Summarizes one cluster of news articles; returns the CLI's JSON object as a dict.

    ``documents``: a list of str (texts), bytes (file contents; HTML pages are detected and
    their article extracted) or dicts ``{"id", "text", "headline"?, "date"?}``; or a cluster
    dict ``{"id"?, "query"?, "documents": [...]}``.
    ``words``: word budget (default 100); ``sentences``: sentence budget instead (not both).
    ``method``: one of ``METHODS`` (default ``"ilp"``). ``query``: focus question
    (overrides a cluster dict's ``query``; ``ignore_query=True`` drops both).
    ``compress``: shorten sentences (attributions, asides) to fit more content.
    ``id``: the cluster id in the result (default the cluster dict's, else ``"cluster"``).
    ``similarity`` (0..1, default 0.4): two sentences this similar say the same thing.
    ``min_words`` (default 6): shorter sentences are never chosen. ``clean=False`` keeps
    news boilerplate. ``stemmer``, ``keep_stopwords``: how sentences are compared.

    Raises ``TypeError`` for values of the wrong type and ``ValueError`` for bad values
    (empty documents, ``words=0``, an unknown method, nothing usable to summarize, ...).
    Runs without the GIL.
    """

def summarize_batch(
    clusters: Iterable[Union[Sequence[Document], ClusterDict]],
    words: Optional[int] = None,
    sentences: Optional[int] = None,
    method: Optional[str] = None,
    query: Optional[str] = None,
    compress: bool = True,
    *,
    ignore_query: bool = False,
    similarity: Optional[float] = None,
    min_words: Optional[int] = None,
    clean: bool = True,
    stemmer: Optional[Literal["snowball", "none"]] = None,
    keep_stopwords: bool = False,
    return_exceptions: bool = False,
) -> List[Union[SummaryJson, Exception]]:
    """Summarizes many clusters in parallel, without the GIL; one dict per cluster, in input
    order. A cluster is a list of documents (id ``cluster-N``) or a cluster dict. A failing
    cluster raises, unless ``return_exceptions=True``: then its slot holds the exception."""

def summarize_jsonl(
    lines: Iterable[Union[str, Tuple[int, str]]],
    words: Optional[int] = None,
    sentences: Optional[int] = None,
    method: Optional[str] = None,
    query: Optional[str] = None,
    compress: bool = True,
    *,
    ignore_query: bool = False,
    similarity: Optional[float] = None,
    min_words: Optional[int] = None,
    clean: bool = True,
    stemmer: Optional[Literal["snowball", "none"]] = None,
    keep_stopwords: bool = False,
    first_line: int = 1,
    return_exceptions: bool = False,
    source: Optional[str] = None,
) -> List[Union[SummaryJson, None, Exception]]:
    """Summarizes JSONL lines exactly as ``chorus summarize FILE.jsonl`` does (the CLI's own
    reader: both line shapes, ``line-N`` ids, unusable documents skipped with a warning).
    ``lines`` holds str (numbered from ``first_line``) or ``(line_number, str)`` pairs. The
    result is aligned with ``lines``: a dict, ``None`` for a blank line, or for a bad line
    the exception (``return_exceptions=True``; otherwise it is raised), which carries
    ``line``, ``id`` (when the line named its cluster) and ``file``. With ``source`` (the
    file the lines come from) its message starts ``source:line:`` as the CLI's does."""

def stories(
    articles: Iterable[Mapping[str, Any]],
    *,
    min_sources: int = 2,
    window: float = 3.0,
    threshold: Optional[float] = None,
    name_weight: Optional[float] = None,
    number_weight: Optional[float] = None,
    lead_words: Optional[int] = None,
    words: int = 100,
    method: Optional[str] = None,
    summary: bool = True,
    claims: bool = True,
) -> Dict[str, Any]:
    """Turns a stream of articles (dicts with the keys of a ``chorus stories`` JSONL feed:
    ``id``, ``url``, ``source``, ``date``, ``title``, ``text`` or ``html``) into ranked
    stories, exactly the JSON object ``chorus stories --format json`` prints: copies folded
    into origins, stories with at least ``min_sources`` independent origins, each summarized
    with its claims report. An unusable article is a ``UserWarning``; none usable, or a bad
    option, is ``ValueError``."""

# The stories recipe's steps (chorus.spark.run_stories); not part of the public API.
def stories_keys(
    lines: Sequence[Tuple[int, str]], *, source: str = "articles"
) -> List[Tuple[Optional[int], Optional[str], Optional[str]]]:
    """Per numbered JSONL feed line: ``(time, id, None)``, ``(None, None, error)``, or
    ``(None, None, None)`` for a blank line (the CLI's reader)."""

def stories_vocabulary(
    lines: Sequence[Tuple[int, str]],
    *,
    source: str = "articles",
    min_sources: int = 2,
    window: float = 3.0,
    threshold: Optional[float] = None,
    name_weight: Optional[float] = None,
    number_weight: Optional[float] = None,
    lead_words: Optional[int] = None,
    words: int = 100,
    method: Optional[str] = None,
    summary: bool = True,
    claims: bool = True,
) -> str:
    """The vocabulary one time-window part leaves when read alone (JSON)."""

def stories_prefixes(parts: Sequence[str], at: Sequence[int]) -> List[str]:
    """The vocabulary before each part numbered in ``at`` (ascending), given each part's own
    in stream order (JSON)."""

def stories_part(
    lines: Sequence[Tuple[int, str]],
    before: str,
    *,
    source: str = "articles",
    min_sources: int = 2,
    window: float = 3.0,
    threshold: Optional[float] = None,
    name_weight: Optional[float] = None,
    number_weight: Optional[float] = None,
    lead_words: Optional[int] = None,
    words: int = 100,
    method: Optional[str] = None,
    summary: bool = True,
    claims: bool = True,
) -> Tuple[List[Tuple[Tuple[int, int, int, str], str]], str]:
    """One part's stories after the vocabulary ``before`` as ``(rank, jsonl_line)``, and the
    vocabulary after the part (the next part's ``before``)."""

def render(summary: SummaryJson, format: Literal["text", "md", "markdown", "json"] = "text") -> str:
    """Renders a summary dict as the CLI prints it: ``"text"`` (a sentence a line), ``"md"``
    (``[n]`` citations and a source list) or ``"json"`` (one line, no newline)."""

def extract(page: Union[str, bytes], format: Literal["text", "md", "markdown"] = "text") -> Mapping[str, Optional[str]]:
    """The article text and metadata of an HTML page, as ``chorus extract --format json``
    prints them: ``{"title", "byline", "date", "site", "lang", "url", "text"}`` (absent
    values ``None``). Raises ``ValueError`` for a page with no article text."""

def evaluate(
    data: Union[str, "os.PathLike[str]"],
    methods: Optional[Sequence[str]] = None,
    words: int = 250,
    *,
    no_query: bool = False,
    compress: bool = True,
    similarity: float = 0.4,
    peers: Optional[Union[str, "os.PathLike[str]"]] = None,
    peer_rows: Optional[Sequence[str]] = None,
    resamples: int = 1000,
    seed: int = 1,
    wide: bool = False,
    markdown: bool = False,
) -> Dict[str, Any]:
    """``chorus eval`` as a function: summarizes every cluster of ``data`` (JSONL file or
    folder, with references) with each method, scores as NIST scored DUC (jackknifed) and
    returns ``{"report", "rows", "errors"}``; ``report`` is the table ``chorus eval`` prints."""

def rouge(
    prediction: str,
    references: Union[str, Sequence[str]],
    metrics: Optional[Sequence[str]] = None,
    *,
    compat: Literal["default", "rouge155", "rouge-score"] = "default",
    stem: Optional[bool] = None,
    remove_stopwords: bool = False,
    limit_words: Optional[int] = None,
    limit_bytes: Optional[int] = None,
    multi_ref: Optional[Literal["average", "best", "A", "B"]] = None,
    alpha: Optional[float] = None,
    jackknife: bool = False,
    rouge155_args: Optional[str] = None,
) -> dict[str, Score]:
    """ROUGE of ``prediction`` against one or more references (one sentence per line).

    Returns ``{"rouge-1": {"r", "p", "f"}, ...}`` in the order of ``metrics`` (names such as
    ``rouge-2``, ``rouge-l``, ``rouge-lsum``, ``rouge-w-1.2``, ``rouge-su4``, or
    rouge-score's ``rouge1``, ``rougeL``). Defaults are NIST's DUC settings: ROUGE-1..4, L,
    W-1.2 and SU4 with stemming, references averaged (``multi_ref="average"``), alpha 0.5.
    ``compat="rouge155"`` reproduces ROUGE-1.5.5.pl number for number (ASCII tokens, five
    decimals); ``"default"`` is the same but keeps letters of any script;
    ``"rouge-score"`` reproduces Google's rouge-score (default metrics rouge1, rouge2,
    rougeL, rougeLsum; ``stem`` default False; best reference).
    ``rouge155_args`` takes ROUGE-1.5.5 flags instead (``"-n 4 -w 1.2 -m -2 4 -u"``).
    ``jackknife=True`` averages the scores against each leave-one-out set of references
    (DUC's way with several references)."""

def rouge_batch(
    predictions: Sequence[str],
    references: Sequence[Union[str, Sequence[str]]],
    metrics: Optional[Sequence[str]] = None,
    *,
    compat: Literal["default", "rouge155", "rouge-score"] = "default",
    stem: Optional[bool] = None,
    remove_stopwords: bool = False,
    limit_words: Optional[int] = None,
    limit_bytes: Optional[int] = None,
    multi_ref: Optional[Literal["average", "best", "A", "B"]] = None,
    alpha: Optional[float] = None,
    jackknife: bool = False,
    rouge155_args: Optional[str] = None,
) -> List[dict[str, Score]]:
    """``rouge`` for many predictions, each with its own references, in parallel without the
    GIL; one dict per prediction, in order."""

class RougeScoreScorer:
    """Native half of ``chorus.rouge_scorer.RougeScorer`` (use that class instead)."""

    def __init__(self, rouge_types: Sequence[str], use_stemmer: bool = False) -> None: ...
    @property
    def rouge_types(self) -> Tuple[str, ...]: ...
    def score_multi(
        self, targets: Union[str, Sequence[str]], prediction: str
    ) -> List[Tuple[str, Tuple[float, float, float]]]: ...
