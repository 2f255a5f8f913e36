//! Telling what a byte string is, from its content: binary or text, which encoding, and
//! which of the formats chorus reads (JSONL, DUC/TREC SGML, HTML, Multi-News, plain text).
//!
//! File extensions are not trusted (a scraped `.txt` is often HTML, a download has no
//! extension at all); the one exception is `.jsonl`/`.ndjson`, which is checked before
//! reading so that a large batch file gets the batch size limit.

use std::borrow::Cow;
use std::path::Path;

use crate::error::IngestError;

/// What a decoded text holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One JSON object per line: a batch of clusters.
    Jsonl,
    /// DUC/TREC SGML: `<DOC>` elements, each one document.
    Sgml,
    /// An HTML page: the article body is extracted.
    Html,
    /// Multi-News: articles separated by `|||||`, or one article with `NEWLINE_CHAR` tokens.
    MultiNews,
    /// One plain-text article.
    Text,
}

/// The separator between articles in Multi-News.
pub const MULTI_NEWS_SEPARATOR: &str = "|||||";

/// How much of the text is inspected for control characters.
const SAMPLE_CHARS: usize = 64 * 1024;

/// Above this share of control characters (tab, newlines and form feed excepted), the
/// input is binary. Text, even badly converted text, stays far below it.
const MAX_CONTROL_SHARE: f64 = 0.10;

/// Text decoded from bytes, and whether the decoding had to replace invalid sequences.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text (a leading byte order mark removed).
    pub text: Cow<'a, str>,
    /// True when invalid UTF-8 (or UTF-16) was replaced by U+FFFD.
    pub lossy: bool,
}

/// Decodes bytes as text, or says why they are not text.
///
/// UTF-8 is assumed; a UTF-16 byte order mark switches to UTF-16, and an HTML page that is
/// not valid UTF-8 but declares a charset in a `<meta>` tag is decoded with that charset
/// (encoding_rs, the WHATWG Encoding Standard). Otherwise invalid sequences are
/// replaced by U+FFFD (`lossy` is then set and callers warn). NUL bytes, or more than
/// [`MAX_CONTROL_SHARE`] control characters, mean binary data.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, IngestError> {
    if let Some(decoded) = decode_utf16(bytes) {
        check_controls(&decoded.text)?;
        return Ok(decoded);
    }
    // Searched with memchr: every document of a batch comes through here, and a byte-by-byte
    // search was most of decoding's time.
    if let Some(at) = memchr::memchr(0, bytes) {
        if let Some(decoded) = decode_html_with_nuls(bytes) {
            return Ok(decoded);
        }
        let hint = if looks_like_utf16_without_bom(bytes) {
            "; UTF-16 without a byte order mark? Save it as UTF-8"
        } else {
            ""
        };
        return Err(IngestError::Binary(format!(
            "NUL byte at offset {at}{hint}"
        )));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Valid UTF-8 is borrowed as it is (validated once: every document of a batch comes
    // through here).
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            if let Some(decoded) = decode_declared_html(bytes) {
                check_controls(&decoded.text)?;
                return Ok(decoded);
            }
            String::from_utf8_lossy(bytes)
        }
    };
    let lossy = matches!(text, Cow::Owned(_));
    check_controls(&text)?;
    Ok(Decoded { text, lossy })
}

/// [`decode`]'s verdict on text that is already a `str` (a JSON string of a batch line),
/// without decoding it again: such text never opens with a UTF-16 byte order mark and is
/// valid UTF-8, so only the NUL and control character checks are left. Text holding a
/// NUL takes [`decode`]'s whole path, whose answer it keeps.
pub(crate) fn check_text(text: &str) -> Result<(), IngestError> {
    if memchr::memchr(0, text.as_bytes()).is_some() {
        return decode(text.as_bytes()).map(drop);
    }
    check_controls(text.strip_prefix('\u{FEFF}').unwrap_or(text))
}

/// Decodes an HTML page with a few stray NUL bytes (a broken CMS export, a truncated
/// upload) as browsers read it: the NULs dropped, the rest decoded as usual. `None` when
/// the bytes do not open as an HTML page or NULs are more than one byte in a hundred
/// (then they are binary data, or UTF-16 without a byte order mark).
fn decode_html_with_nuls(bytes: &[u8]) -> Option<Decoded<'static>> {
    let head = String::from_utf8_lossy(bytes.get(..1024).unwrap_or(bytes)).to_ascii_lowercase();
    if !looks_like_html(head.trim_start_matches('\0')) {
        return None;
    }
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    if nuls.saturating_mul(100) > bytes.len() {
        return None;
    }
    let kept: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
    let decoded = decode(&kept).ok()?;
    Some(Decoded {
        text: Cow::Owned(decoded.text.into_owned()),
        lossy: decoded.lossy,
    })
}

/// Decodes an HTML page that is not UTF-8 but declares its charset in a `<meta>` tag of
/// its head (`<meta charset="windows-1252">` or the `http-equiv` form), as older news
/// sites do. `None` when the bytes are not such a page or the label is unknown.
///
/// The WHATWG prescan stops after 1,024 bytes, but pages put scripts and styles first and
/// the declaration later, and browsers then still honour it (the tokenizer's
/// "change the encoding"); so the whole head is looked at (up to `</head>` or
/// [`HEAD_SCAN_BYTES`]), and only `charset` inside a `<meta` tag counts.
fn decode_declared_html(bytes: &[u8]) -> Option<Decoded<'static>> {
    let prefix = bytes.get(..HEAD_SCAN_BYTES).unwrap_or(bytes);
    let mut head = String::from_utf8_lossy(prefix).to_ascii_lowercase();
    if !looks_like_html(&head) {
        return None;
    }
    if let Some(end) = head.find("</head") {
        head.truncate(end);
    }
    // The bytes are not UTF-8, so a declaration of UTF-8 (or of UTF-16, which a `<meta>`
    // cannot truly declare) is wrong: pages that declare two charsets are usually right in
    // the other one.
    let encoding = head.match_indices("charset").find_map(|(at, _)| {
        let tag = head[..at].rfind('<')?;
        let in_meta = head[tag..].starts_with("<meta") && !head[tag..at].contains('>');
        let label = in_meta
            .then(|| charset_value(&head[at + "charset".len()..]))
            .flatten()?;
        encoding_rs::Encoding::for_label(label.as_bytes()).filter(|e| {
            *e != encoding_rs::UTF_8 && *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE
        })
    })?;
    let (text, _, had_errors) = encoding.decode(bytes);
    Some(Decoded {
        text: Cow::Owned(text.into_owned()),
        lossy: had_errors,
    })
}

/// How much of a page's start is searched for its charset declaration.
const HEAD_SCAN_BYTES: usize = 64 * 1024;

/// The value after `charset`: `="x"`, `='x'` or `=x`, ending at a quote, `;`, `>` or space.
fn charset_value(rest: &str) -> Option<&str> {
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| matches!(c, '"' | '\'' | ';' | '>' | '/') || c.is_ascii_whitespace())
        .unwrap_or(rest.len());
    let value = &rest[..end];
    (!value.is_empty()).then_some(value)
}

/// ASCII text in UTF-16: in the first 64 bytes, every other byte is NUL and the others are not.
fn looks_like_utf16_without_bom(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64) & !1];
    if head.len() < 8 {
        return false;
    }
    let (even_nul, odd_nul) = head.chunks(2).fold((0, 0), |(e, o), pair| match pair {
        [a, b] => (e + usize::from(*a == 0), o + usize::from(*b == 0)),
        _ => (e, o),
    });
    let pairs = head.len() / 2;
    (even_nul == pairs && odd_nul == 0) || (odd_nul == pairs && even_nul == 0)
}

/// True when `bytes` open with a UTF-16 byte order mark.
pub fn has_utf16_bom(bytes: &[u8]) -> bool {
    matches!(bytes, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..])
}

/// True when the first non-blank line of `bytes` is a complete JSON object
/// ([`looks_like_jsonl`]), judged without decoding the rest: a later binary line must not
/// hide that the input is a batch.
pub fn starts_like_jsonl(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Some(first) = bytes
        .split(|&b| b == b'\n')
        .find(|l| !l.iter().all(u8::is_ascii_whitespace))
    else {
        return false;
    };
    std::str::from_utf8(first).is_ok_and(looks_like_jsonl)
}

/// Decodes UTF-16 text that starts with a byte order mark.
fn decode_utf16(bytes: &[u8]) -> Option<Decoded<'static>> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let body = bytes.get(2..)?;
    let units = body.chunks(2).map(|pair| match (pair, little) {
        ([a, b], true) => u16::from_le_bytes([*a, *b]),
        ([a, b], false) => u16::from_be_bytes([*a, *b]),
        // An odd trailing byte cannot be a code unit: make it a replacement character.
        _ => 0xFFFD,
    });
    let mut lossy = body.len() % 2 == 1;
    let text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                lossy = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    Some(Decoded {
        text: Cow::Owned(text),
        lossy,
    })
}

/// Fails when the start of `text` is mostly control characters.
fn check_controls(text: &str) -> Result<(), IngestError> {
    // memchr's vectorized search: `str::find` searched a word at a time.
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        return Err(IngestError::Binary(format!("NUL character at byte {at}")));
    }
    let (total, control) = control_counts(text);
    if control > 0 && control as f64 > MAX_CONTROL_SHARE * total as f64 {
        return Err(IngestError::Binary(format!(
            "{control} of the first {total} characters are control characters"
        )));
    }
    Ok(())
}

/// Characters, and control characters (tab, newlines and form feed excepted), among the
/// first [`SAMPLE_CHARS`] characters of `text` (`(0, 0)` when there is no control
/// character). Counted on bytes, in passes the compiler vectorizes: every input document
/// goes through this, and decoding characters one by one cost 2% of summarizing a batch.
fn control_counts(text: &str) -> (usize, usize) {
    let sample = if text.len() <= SAMPLE_CHARS {
        text
    } else {
        let end = text
            .char_indices()
            .nth(SAMPLE_CHARS)
            .map_or(text.len(), |(at, _)| at);
        &text[..end]
    };
    let bytes = sample.as_bytes();
    // C0 controls and DEL are single bytes; C1 controls (U+0080..U+009F) are C2 80..C2 9F.
    let c0 = count_bytes(bytes, |b| {
        (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)) || b == 0x7F
    });
    // Most text has no C2 byte at all: a memchr-backed test spares the pairwise pass.
    let c1 = if bytes.contains(&0xC2) {
        bytes
            .windows(2)
            .filter(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]))
            .count()
    } else {
        0
    };
    let control = c0 + c1;
    // A text without a control character (nearly every one) passes whatever its length:
    // its characters are counted only when there is a share to compute.
    if control == 0 {
        return (0, 0);
    }
    // A character starts at every byte that is not a UTF-8 continuation byte (10xxxxxx).
    let total = count_bytes(bytes, |b| b & 0xC0 != 0x80);
    (total, control)
}

/// How many of `bytes` satisfy `hit`, counted in byte-wide lanes over runs of 255 bytes
/// (no run can overflow a byte): the compiler vectorizes this sixteen or more bytes at a
/// time, where word-wide sums took two and cost 2% of summarizing a batch.
fn count_bytes(bytes: &[u8], hit: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|run| usize::from(run.iter().fold(0u8, |n, &b| n + u8::from(hit(b)))))
        .sum()
}

/// True when the name says JSON Lines (`.jsonl`, `.ndjson`), whatever the case.
pub fn has_jsonl_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// Which format `text` is in. `jsonl_name` is true when the file name says JSONL.
pub fn kind(text: &str, jsonl_name: bool) -> Kind {
    if jsonl_name || looks_like_jsonl(text) {
        Kind::Jsonl
    } else if looks_like_sgml(text) {
        Kind::Sgml
    } else if looks_like_html(text) {
        Kind::Html
    } else if text.contains(MULTI_NEWS_SEPARATOR)
        || text.contains(&format!(" {} ", crate::multinews::NEWLINE_TOKEN))
    {
        Kind::MultiNews
    } else {
        Kind::Text
    }
}

/// The first non-blank line is a complete JSON object (prose never is).
pub fn looks_like_jsonl(text: &str) -> bool {
    let Some(first) = text.lines().map(str::trim).find(|l| !l.is_empty()) else {
        return false;
    };
    first.starts_with('{')
        && first.ends_with('}')
        && serde_json::from_str::<serde::de::IgnoredAny>(first).is_ok()
}

/// Starts with a TREC/DUC `<DOC>` element (`<DOC>` or `<DOC id="...">`, any case).
pub fn looks_like_sgml(text: &str) -> bool {
    let t = text.trim_start();
    starts_with_tag(t, "<doc")
}

/// True when `t` starts with `<name` followed by `>`, whitespace or (for `/>`) a slash.
fn starts_with_tag(t: &str, open: &str) -> bool {
    let Some(head) = t.get(..open.len()) else {
        return false;
    };
    head.eq_ignore_ascii_case(open)
        && t[open.len()..]
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
}

/// Whether `text` is an HTML page, after the WHATWG MIME sniffing rule for HTML: after
/// leading whitespace, the text opens with one of a fixed set of tags (`<!DOCTYPE HTML`,
/// `<HTML`, `<HEAD`, `<BODY`, `<P`, `<DIV`, ..., or a comment) followed by a space or `>`
/// (<https://mimesniff.spec.whatwg.org/#rules-for-identifying-an-unknown-mime-type>,
/// "identifying a resource with an unknown MIME type", the HTML rows). Also accepted: an
/// XML declaration followed, early on, by an `<html` element (XHTML).
pub fn looks_like_html(text: &str) -> bool {
    const OPENERS: [&str; 17] = [
        "<!doctype html",
        "<html",
        "<head",
        "<script",
        "<iframe",
        "<h1",
        "<div",
        "<font",
        "<table",
        "<a",
        "<style",
        "<title",
        "<b",
        "<body",
        "<br",
        "<p",
        "<!--",
    ];
    let t = text.trim_start();
    if OPENERS.iter().any(|o| {
        t.get(..o.len()).is_some_and(|h| h.eq_ignore_ascii_case(o))
            && t[o.len()..]
                .bytes()
                .next()
                .is_some_and(|b| b == b'>' || b == b' ' || b == b'\t' || b == b'\n')
    }) {
        return true;
    }
    if t.get(..5).is_some_and(|h| h.eq_ignore_ascii_case("<?xml")) {
        let head = floor_prefix(t, 4096).to_ascii_lowercase();
        return head.contains("<html");
    }
    false
}

/// The longest prefix of `t` of at most `max` bytes that ends on a character boundary.
fn floor_prefix(t: &str, max: usize) -> &str {
    let mut end = max.min(t.len());
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    &t[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed_and_not_lossy() {
        let d = decode("Zoë reported.".as_bytes()).unwrap();
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert!(!d.lossy);
    }

    #[test]
    fn checking_a_str_agrees_with_decoding_its_bytes() {
        let controls = "\u{1}\u{2}\u{7}".repeat(20);
        let long_clean = format!("{}\u{1}", "word ".repeat(20_000));
        let texts = [
            "Plain news text.\n\nA second paragraph.\tTabbed.",
            "\u{FEFF}Opens with a byte order mark.",
            "\u{FEFF}\u{1}\u{1}\u{1}",
            "Zo\u{eb} and caf\u{e9}, \u{201C}quoted\u{201D} \u{80}\u{9f} C1 controls",
            "A NUL\0 inside plain text",
            "<html><body>A page with a stray\0 NUL</body></html>",
            "\u{7f}\u{7f}\u{7f} mostly DEL",
            controls.as_str(),
            long_clean.as_str(),
            "",
        ];
        for text in texts {
            assert_eq!(
                check_text(text).map_err(|e| e.to_string()),
                decode(text.as_bytes()).map(drop).map_err(|e| e.to_string()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn byte_order_mark_is_removed() {
        let d = decode(b"\xEF\xBB\xBFHello").unwrap();
        assert_eq!(d.text, "Hello");
    }

    #[test]
    fn invalid_utf8_is_replaced_and_flagged() {
        let d = decode(b"caf\xE9 au lait").unwrap();
        assert_eq!(d.text, "caf\u{FFFD} au lait");
        assert!(d.lossy);
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Héllo\nworld".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Héllo\nworld");
        assert!(!d.lossy);
        let mut be = vec![0xFE, 0xFF];
        for u in "Hi".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().text, "Hi");
    }

    #[test]
    fn html_in_a_declared_legacy_charset_is_decoded_with_it() {
        let page = b"<!DOCTYPE html><html><head><meta charset=\"windows-1252\"><title>Caf\xE9</title></head><body><p>\x93Quoted\x94 na\xEFve caf\xE9.</p></body></html>";
        let d = decode(page).unwrap();
        assert!(!d.lossy);
        assert!(
            d.text
                .contains("\u{201C}Quoted\u{201D} na\u{EF}ve caf\u{E9}."),
            "{}",
            d.text
        );
        let equiv = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body>d\xE9j\xE0</body></html>";
        assert!(decode(equiv).unwrap().text.contains("d\u{E9}j\u{E0}"));
        // Valid UTF-8 wins over a wrong declaration; an unknown label falls back to lossy UTF-8.
        let utf8 = "<html><meta charset=\"latin1\"><p>café</p></html>";
        assert!(decode(utf8.as_bytes()).unwrap().text.contains("café"));
        let unknown = b"<html><meta charset=\"klingon\"><p>caf\xE9</p></html>";
        assert!(decode(unknown).unwrap().lossy);
        // Plain text is never reinterpreted, whatever it says.
        let plain = b"The charset=latin1 line is not markup: caf\xE9";
        assert!(decode(plain).unwrap().lossy);
    }

    #[test]
    fn issue13_a_charset_declared_after_the_first_1024_bytes_of_the_head_is_honoured() {
        let mut page =
            b"<!DOCTYPE html><html><head><script>var x = 'charset=koi8-r';</script>".to_vec();
        page.extend(
            b"<style>"
                .iter()
                .chain([b' '; 3000].iter())
                .chain(b"</style>"),
        );
        page.extend(
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">",
        );
        page.extend(b"</head><body><p>Caf\xE9 owners \x93agreed\x94.</p></body></html>");
        let d = decode(&page).expect("decodes");
        assert!(!d.lossy);
        assert!(
            d.text.contains("Caf\u{e9} owners \u{201C}agreed\u{201D}."),
            "{}",
            d.text
        );
    }

    #[test]
    fn issue13_a_wrong_utf8_declaration_yields_to_the_page_s_other_charset() {
        let page = b"<html><head><meta charset=\"utf-8\"><title>March\xE9</title>\
            <meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\
            </head><body><p>Apr\xE8s les travaux, 310 \x80.</p></body></html>";
        let d = decode(page).expect("decodes");
        assert!(!d.lossy);
        assert!(
            d.text.contains("Apr\u{e8}s les travaux, 310 \u{20AC}."),
            "{}",
            d.text
        );
        // With only the wrong declaration there is nothing better: lossy UTF-8, as before.
        let only = b"<html><head><meta charset=\"utf-8\"></head><body>caf\xE9</body></html>";
        assert!(decode(only).unwrap().lossy);
    }

    #[test]
    fn charset_values() {
        assert_eq!(charset_value("=\"utf-8\">"), Some("utf-8"));
        assert_eq!(charset_value(" = 'koi8-r' />"), Some("koi8-r"));
        assert_eq!(charset_value("=windows-1252;x"), Some("windows-1252"));
        assert_eq!(charset_value("=\"\""), None);
        assert_eq!(charset_value(" set"), None);
    }

    #[test]
    fn issue13_a_few_nul_bytes_inside_an_html_page_are_dropped_not_fatal() {
        let mut page = b"<!DOCTYPE html><html><body><p>Flood waters receded.</p>".to_vec();
        page.extend(std::iter::repeat_n(b' ', 30_000));
        page.extend(b"<p>Roads re\0opened.\0</p></body></html>");
        let d = decode(&page).expect("a page with two NULs decodes");
        assert!(
            d.text.contains("Roads reopened."),
            "{}",
            &d.text[d.text.len() - 40..]
        );
        assert!(!d.text.contains('\0'));
        // A short page with a few: still under one byte in a hundred.
        let mut short = b"<html><body><p>Three stray NULs\0 in\0 a short\0 page.</p>".to_vec();
        short.extend(std::iter::repeat_n(b' ', 300));
        assert!(decode(&short)
            .expect("decodes")
            .text
            .contains("NULs in a short page."));
        // Many NULs, or NULs in what is not a page, are still binary.
        assert!(decode(b"<html><body>a\0b\0c\0</body></html>").is_err());
        assert!(decode(b"plain\0text with one NUL and some more words around it").is_err());
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let e = decode(b"PK\x03\x04\x00\x00rest").unwrap_err();
        assert!(e.to_string().contains("NUL byte at offset 4"), "{e}");
        assert!(!e.to_string().contains("UTF-16"), "{e}");
        let le: Vec<u8> = "Storm news today"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let e = decode(&le).unwrap_err();
        assert!(
            e.to_string()
                .contains("NUL byte at offset 1; UTF-16 without a byte order mark?"),
            "{e}"
        );
        let be: Vec<u8> = "Storm news today"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert!(decode(&be).unwrap_err().to_string().contains("UTF-16"));
    }

    #[test]
    fn control_counts_match_counting_characters() {
        let naive = |text: &str| {
            let (mut total, mut control) = (0, 0);
            for c in text.chars().take(SAMPLE_CHARS) {
                total += 1;
                if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C') {
                    control += 1;
                }
            }
            // Characters are counted only beside a control character.
            if control == 0 {
                (0, 0)
            } else {
                (total, control)
            }
        };
        let long_mixed = "é\u{85}\x01a".repeat(SAMPLE_CHARS / 2);
        let long_ascii = "\x02".repeat(SAMPLE_CHARS + 7);
        for text in [
            "",
            "plain text\r\n\twith a form feed\x0C",
            "bell\x07 del\x7F nul-free \x1B[0m",
            "C1: \u{80}\u{9F}\u{85} not C1: \u{A0}\u{100}\u{2028} é ü 中文 😀",
            "\u{C2}\u{80}",
            long_mixed.as_str(),
            long_ascii.as_str(),
        ] {
            let head: String = text.chars().take(20).collect();
            assert_eq!(control_counts(text), naive(text), "{head:?}");
        }
    }

    #[test]
    fn mostly_control_characters_mean_binary() {
        let bytes: Vec<u8> = (0..200u8)
            .map(|i| if i % 3 == 0 { 1 } else { b'a' })
            .collect();
        let e = decode(&bytes).unwrap_err();
        assert!(e.to_string().contains("control characters"), "{e}");
        // A few stray control characters in real text are fine.
        let mut text = "word ".repeat(100).into_bytes();
        text.push(0x1B);
        assert!(decode(&text).is_ok());
        assert!(decode(b"a\tb\r\nc\x0Cd").is_ok());
    }

    #[test]
    fn kinds_are_told_by_content() {
        assert_eq!(kind("{\"documents\": []}\n", false), Kind::Jsonl);
        assert_eq!(kind("anything", true), Kind::Jsonl);
        assert_eq!(
            kind("\n<DOC>\n<DOCNO> X1 </DOCNO>\n</DOC>", false),
            Kind::Sgml
        );
        assert_eq!(kind("<doc id=\"a\">text</doc>", false), Kind::Sgml);
        assert_eq!(kind("  <!DOCTYPE html>\n<html></html>", false), Kind::Html);
        assert_eq!(kind("<p>One paragraph.</p>", false), Kind::Html);
        assert_eq!(
            kind("<?xml version=\"1.0\"?>\n<html xmlns=\"x\"></html>", false),
            Kind::Html
        );
        assert_eq!(
            kind("First story. ||||| Second story.", false),
            Kind::MultiNews
        );
        assert_eq!(
            kind("One story. NEWLINE_CHAR Its end.", false),
            Kind::MultiNews
        );
        assert_eq!(kind("Plain words about a storm.", false), Kind::Text);
        assert_eq!(
            kind("A variable named NEWLINE_CHARS is prose.", false),
            Kind::Text
        );
    }

    #[test]
    fn prose_that_only_resembles_the_formats_is_text() {
        for t in [
            "{braces} open this story but it is prose.",
            "<Docket> numbers were read out in court.",
            "<pre-release> copies went out early.",
            "<a-team> is not a tag either.",
            "<?xml but no html element follows",
            "",
        ] {
            assert_eq!(kind(t, false), Kind::Text, "{t:?}");
        }
    }

    #[test]
    fn floor_prefix_respects_char_boundaries() {
        assert_eq!(floor_prefix("héllo", 2), "h");
        assert_eq!(floor_prefix("héllo", 3), "hé");
        assert_eq!(floor_prefix("ab", 10), "ab");
    }
}
