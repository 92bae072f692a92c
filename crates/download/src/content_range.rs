//! `Content-Range` (RFC 9110 14.4): which bytes of which total a `206` or `416` answer is about.

use reqwest::header::{self, HeaderMap};

/// A parsed `Content-Range: bytes <first>-<last>/<total>` (or `bytes */<total>` on a 416).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ContentRange {
    /// The first and last byte sent, inclusive; `None` for `*`.
    pub bytes: Option<(u64, u64)>,
    /// The whole file's size; `None` for `*`.
    pub total: Option<u64>,
}

/// The `Content-Range` of a response, if it has a readable one.
pub(crate) fn content_range(headers: &HeaderMap) -> Option<ContentRange> {
    parse_content_range(headers.get(header::CONTENT_RANGE)?.to_str().ok()?)
}

fn parse_content_range(value: &str) -> Option<ContentRange> {
    let rest = value.trim().strip_prefix("bytes")?.trim_start();
    let (range, total) = rest.split_once('/')?;
    let total = match total.trim() {
        "*" => None,
        n => Some(n.parse().ok()?),
    };
    let bytes = match range.trim() {
        "*" => None,
        r => {
            let (first, last) = r.split_once('-')?;
            Some((first.trim().parse().ok()?, last.trim().parse().ok()?))
        }
    };
    Some(ContentRange { bytes, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_forms_of_rfc_9110() {
        assert_eq!(
            parse_content_range("bytes 21010-47021/47022"),
            Some(ContentRange {
                bytes: Some((21010, 47021)),
                total: Some(47022)
            })
        );
        assert_eq!(
            parse_content_range("bytes 0-499/*"),
            Some(ContentRange {
                bytes: Some((0, 499)),
                total: None
            })
        );
        assert_eq!(
            parse_content_range("bytes */954522"),
            Some(ContentRange {
                bytes: None,
                total: Some(954_522)
            })
        );
        assert_eq!(parse_content_range("items 0-1/2"), None);
        assert_eq!(parse_content_range("bytes 5-x/9"), None);
    }
}
