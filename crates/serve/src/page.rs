//! The web page at `/`: one HTML file, one script, one style sheet, all compiled into the
//! binary. It loads nothing from elsewhere (no CDN, no web fonts), and its Content Security
//! Policy forbids it to, so it works offline and cannot leak the articles pasted into it.

use axum::http::header;
use axum::response::IntoResponse;

use crate::api::static_header;

/// The page.
pub(crate) const INDEX_HTML: &str = include_str!("page/index.html");
/// Its script.
pub(crate) const APP_JS: &str = include_str!("page/app.js");
/// Its style sheet.
pub(crate) const APP_CSS: &str = include_str!("page/app.css");

/// Only this origin, no inline code, no framing.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                   img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// `GET /`.
pub(crate) async fn index() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                static_header("text/html; charset=utf-8"),
            ),
            (header::CONTENT_SECURITY_POLICY, static_header(CSP)),
            (header::X_CONTENT_TYPE_OPTIONS, static_header("nosniff")),
            (header::CACHE_CONTROL, static_header("no-cache")),
        ],
        INDEX_HTML,
    )
}

/// `GET /assets/app.js`.
pub(crate) async fn script() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                static_header("text/javascript; charset=utf-8"),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, static_header("nosniff")),
            (header::CACHE_CONTROL, static_header("no-cache")),
        ],
        APP_JS,
    )
}

/// `GET /assets/app.css`.
pub(crate) async fn style() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                static_header("text/css; charset=utf-8"),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, static_header("nosniff")),
            (header::CACHE_CONTROL, static_header("no-cache")),
        ],
        APP_CSS,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_offers_every_method() {
        for m in chorus_select::Method::ALL {
            let option = format!("<option value=\"{}\"", m.name());
            assert!(INDEX_HTML.contains(&option), "page lacks {option}");
        }
    }

    #[test]
    fn page_loads_nothing_from_elsewhere() {
        for (name, text) in [
            ("index.html", INDEX_HTML),
            ("app.js", APP_JS),
            ("app.css", APP_CSS),
        ] {
            for needle in ["http://", "https://", "//cdn", "@import", "url(http"] {
                assert!(!text.contains(needle), "{name} contains {needle}");
            }
        }
        assert!(INDEX_HTML.contains("src=\"/assets/app.js\""));
        assert!(INDEX_HTML.contains("href=\"/assets/app.css\""));
    }
}
