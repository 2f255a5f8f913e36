"""chorus.extract: an HTML page's article text and metadata, as `chorus extract` gives them."""

from __future__ import annotations

import pytest

import chorus

PAGE = (
    '<!DOCTYPE html><html lang="en"><head><title>Ferry Service Resumes | Harbor Post</title>'
    '<link rel="canonical" href="https://harbor.example/ferry">'
    '<meta property="og:site_name" content="Harbor Post">'
    '<meta property="og:title" content="Ferry Service Resumes">'
    '<meta name="author" content="Lee Chen">'
    '<meta property="article:published_time" content="2025-09-14T07:30:00Z">'
    "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
    "<p>The island ferry carried its first passengers in three weeks on Sunday, after the "
    "harbor authority finished repairs to the landing damaged in the August storm.</p>"
    "<p>Crews rebuilt the ramp and replaced two pilings, the authority said, and the "
    "timetable returns to hourly sailings from Monday morning.</p>"
    "<p>Shop owners on the island said the weeks without the ferry had cost them most of "
    "the late-summer trade, and welcomed the first boat with a small crowd.</p>"
    "</article><footer>Copyright Harbor Post. All rights reserved.</footer></body></html>"
)


def test_extract_returns_text_and_metadata():
    page = chorus.extract(PAGE)
    assert list(page) == ["title", "byline", "date", "site", "lang", "url", "text"]
    assert page["title"] == "Ferry Service Resumes"
    assert page["byline"] == "Lee Chen"
    assert page["date"] == "2025-09-14T07:30:00Z"
    assert page["site"] == "Harbor Post"
    assert page["lang"] == "en"
    assert page["url"] == "https://harbor.example/ferry"
    assert "The island ferry carried its first passengers" in page["text"]
    assert "All rights reserved" not in page["text"]


def test_extract_takes_bytes_and_markdown():
    as_bytes = chorus.extract(PAGE.encode("utf-8"))
    assert as_bytes == chorus.extract(PAGE)
    md = chorus.extract(PAGE, format="md")
    assert "The island ferry" in md["text"]


def test_extract_errors_are_value_and_type_errors():
    with pytest.raises(ValueError, match="empty"):
        chorus.extract("   ")
    with pytest.raises(ValueError, match="unknown format"):
        chorus.extract(PAGE, format="pdf")
    with pytest.raises(TypeError, match="str or bytes"):
        chorus.extract(42)
