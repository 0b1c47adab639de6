//! Pagination: the items of every page of a listing, as one [`Stream`].
//!
//! A generated `stream()` method hands [`Paginated::new`] a function that reads one page for a
//! cursor (by calling the one-page method, so each page gets the client's retries and
//! timeout); this follows the cursor until a page has none, and yields the items one by one.
//! For a listing paged by its `Link` header, the "cursor" is the next page's URL, which
//! [`next_link`] reads.

use super::Error;
use futures_core::Stream;
use std::collections::HashSet;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// One page of a listing: its items and the cursor of the page after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items of the page, in the order the server gave them.
    pub items: Vec<T>,
    /// The cursor of the next page; `None` (or an empty text) on the last page.
    pub next_cursor: Option<String>,
}

/// The URL a response's `Link` header gives for `rel="next"` (RFC 8288), as GitHub and many
/// other APIs page: `<https://api.example.com/items?page=2>; rel="next", <...>; rel="last"`.
/// Several `Link` headers count as one list; a `rel` may name several relations.
pub fn next_link(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get_all(reqwest::header::LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(link_values)
        .find(|(_, rels)| {
            rels.split_ascii_whitespace()
                .any(|rel| rel.eq_ignore_ascii_case("next"))
        })
        .map(|(target, _)| target.to_owned())
}

/// The `(target, rel)` of each link-value of one `Link` header: `<target>; rel="..."`.
fn link_values(header: &str) -> Vec<(&str, &str)> {
    let mut links = Vec::new();
    let mut rest = header;
    while let Some(start) = rest.find('<') {
        let Some(end) = rest[start..].find('>') else {
            break;
        };
        let target = &rest[start + 1..start + end];
        rest = &rest[start + end + 1..];
        // The parameters run to the next link-value, a `,` outside quotes.
        let mut quoted = false;
        let cut = rest
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == ',' && !quoted
            })
            .map_or(rest.len(), |(i, _)| i);
        let params = &rest[..cut];
        rest = &rest[cut..];
        let rel = params
            .split(';')
            .filter_map(|param| param.split_once('='))
            .find(|(name, _)| name.trim().eq_ignore_ascii_case("rel"))
            .map(|(_, value)| value.trim().trim_matches('"'))
            .unwrap_or_default();
        links.push((target, rel));
    }
    links
}

/// The read of one page, as [`Paginated`] keeps it while it is under way.
pub type PageFuture<'a, T, B> =
    Pin<Box<dyn Future<Output = Result<Page<T>, Error<B>>> + Send + 'a>>;

/// The function that reads the page at a cursor (`None` for the first page).
type Fetch<'a, T, B> = Box<dyn FnMut(Option<String>) -> PageFuture<'a, T, B> + Send + 'a>;

/// What comes after the items at hand.
enum Next {
    /// The first page, not read yet.
    First,
    /// The page at this cursor.
    Cursor(String),
    /// An error to yield, then the end: a cursor the server had given before.
    Repeated(String),
    /// Nothing: the last page was read, or a read failed.
    End,
}

/// The items of every page of a listing, in order, as a [`Stream`] of results.
///
/// Pages are read one at a time, when the items of the previous one are used up, with the
/// same arguments (filters, page size) for each. A failed read is yielded as an error and ends
/// the stream. A server that hands back a cursor it gave before would make the listing loop
/// forever; the stream ends there with [`Error::RepeatedCursor`].
///
/// It is a [`Stream`]; without a stream library, [`next`](Self::next) and
/// [`try_collect`](Self::try_collect) read it.
pub struct Paginated<'a, T, B> {
    operation: &'static str,
    fetch: Fetch<'a, T, B>,
    pending: Option<PageFuture<'a, T, B>>,
    items: std::vec::IntoIter<T>,
    next: Next,
    seen: HashSet<String>,
    pages: u64,
}

impl<T, B> fmt::Debug for Paginated<'_, T, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginated")
            .field("operation", &self.operation)
            .field("pages_read", &self.pages)
            .field("items_at_hand", &self.items.len())
            .finish_non_exhaustive()
    }
}

impl<'a, T: Unpin, B> Paginated<'a, T, B> {
    /// A listing of operation `operation` whose pages `fetch` reads.
    pub fn new(
        operation: &'static str,
        fetch: impl FnMut(Option<String>) -> PageFuture<'a, T, B> + Send + 'a,
    ) -> Self {
        Self {
            operation,
            fetch: Box::new(fetch),
            pending: None,
            items: Vec::new().into_iter(),
            next: Next::First,
            seen: HashSet::new(),
            pages: 0,
        }
    }

    /// How many pages have been read so far.
    pub fn pages_read(&self) -> u64 {
        self.pages
    }

    /// The next item, or the error that ended the listing; `None` after the last item.
    pub async fn next(&mut self) -> Option<Result<T, Error<B>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Every item of every page, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<T>, Error<B>> {
        let mut all = Vec::new();
        while let Some(item) = self.next().await {
            all.push(item?);
        }
        Ok(all)
    }

    /// Takes in a page that was read: its items, and what comes after them.
    fn accept(&mut self, page: Page<T>) {
        self.pages += 1;
        self.items = page.items.into_iter();
        self.next = match page.next_cursor.filter(|cursor| !cursor.is_empty()) {
            None => Next::End,
            Some(cursor) if self.seen.insert(cursor.clone()) => Next::Cursor(cursor),
            Some(cursor) => Next::Repeated(cursor),
        };
    }
}

impl<T: Unpin, B> Stream for Paginated<'_, T, B> {
    type Item = Result<T, Error<B>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.items.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            let pending = match this.pending.as_mut() {
                Some(pending) => pending,
                None => {
                    let cursor = match std::mem::replace(&mut this.next, Next::End) {
                        Next::End => return Poll::Ready(None),
                        Next::Repeated(cursor) => {
                            return Poll::Ready(Some(Err(Error::RepeatedCursor {
                                operation: this.operation,
                                cursor,
                            })))
                        }
                        Next::First => None,
                        Next::Cursor(cursor) => Some(cursor),
                    };
                    this.pending.insert((this.fetch)(cursor))
                }
            };
            match pending.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(result) => {
                    this.pending = None;
                    match result {
                        Ok(page) => this.accept(page),
                        Err(error) => return Poll::Ready(Some(Err(error))),
                    }
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let at_hand = self.items.len();
        match self.next {
            Next::End => (at_hand, Some(at_hand)),
            _ => (at_hand, None),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_next_link_is_read_from_any_link_header_and_relation_list() {
        use reqwest::header::{HeaderMap, HeaderValue, LINK};
        let mut headers = HeaderMap::new();
        headers.append(
            LINK,
            HeaderValue::from_static(r#"<https://api.example.com/r?page=1>; rel="prev first""#),
        );
        headers.append(
            LINK,
            HeaderValue::from_static(
                r#"<https://api.example.com/r?page=3&q=a,b>; title="x, y"; rel="next", <https://api.example.com/r?page=9>; rel=last"#,
            ),
        );
        assert_eq!(
            super::next_link(&headers).as_deref(),
            Some("https://api.example.com/r?page=3&q=a,b")
        );
        headers.remove(LINK);
        headers.insert(
            LINK,
            HeaderValue::from_static(r#"<https://x/r?page=9>; rel="last""#),
        );
        assert_eq!(super::next_link(&headers), None);
        assert_eq!(super::next_link(&HeaderMap::new()), None);
    }

    use super::*;
    use std::sync::{Arc, Mutex};

    /// A listing over fixed pages, by cursor; records the cursors it was asked for.
    fn listing(
        pages: Vec<(Option<&'static str>, Vec<u32>, Option<&'static str>)>,
        asked: Arc<Mutex<Vec<Option<String>>>>,
    ) -> Paginated<'static, u32, ()> {
        Paginated::new("listThings", move |cursor: Option<String>| {
            asked.lock().unwrap().push(cursor.clone());
            let page = pages
                .iter()
                .find(|(at, _, _)| at.map(str::to_owned) == cursor)
                .map(|(_, items, next)| Page {
                    items: items.clone(),
                    next_cursor: next.map(str::to_owned),
                });
            Box::pin(async move {
                page.ok_or(Error::InvalidRequest {
                    operation: "listThings",
                    message: "no such page".into(),
                })
            })
        })
    }

    fn run<F: Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future)
    }

    #[test]
    fn follows_the_cursor_to_the_last_page() {
        let asked = Arc::new(Mutex::new(Vec::new()));
        let pages = vec![
            (None, vec![1, 2], Some("b")),
            (Some("b"), vec![], Some("c")),
            (Some("c"), vec![3], None),
        ];
        let mut stream = listing(pages, Arc::clone(&asked));
        let items = run(async {
            let mut items = Vec::new();
            while let Some(item) = stream.next().await {
                items.push(item.unwrap());
            }
            items
        });
        assert_eq!(items, [1, 2, 3]);
        assert_eq!(stream.pages_read(), 3);
        let asked = asked.lock().unwrap().clone();
        assert_eq!(asked, [None, Some("b".into()), Some("c".into())]);
    }

    #[test]
    fn an_empty_cursor_ends_the_listing() {
        let asked = Arc::new(Mutex::new(Vec::new()));
        let stream = listing(vec![(None, vec![7], Some(""))], Arc::clone(&asked));
        assert_eq!(run(stream.try_collect()).unwrap(), [7]);
        assert_eq!(asked.lock().unwrap().len(), 1);
    }

    #[test]
    fn a_failed_page_is_yielded_and_ends_the_stream() {
        let asked = Arc::new(Mutex::new(Vec::new()));
        let mut stream = listing(vec![(None, vec![1], Some("gone"))], Arc::clone(&asked));
        run(async {
            assert_eq!(stream.next().await.unwrap().unwrap(), 1);
            let error = stream.next().await.unwrap().unwrap_err();
            assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
            assert!(stream.next().await.is_none());
        });
        assert_eq!(asked.lock().unwrap().len(), 2);
    }

    #[test]
    fn a_cursor_given_twice_ends_the_stream_after_the_page_it_came_with() {
        let pages = vec![(None, vec![1], Some("a")), (Some("a"), vec![2], Some("a"))];
        let mut stream = listing(pages, Arc::default());
        run(async {
            assert_eq!(stream.next().await.unwrap().unwrap(), 1);
            assert_eq!(stream.next().await.unwrap().unwrap(), 2);
            let error = stream.next().await.unwrap().unwrap_err();
            assert!(
                matches!(&error, Error::RepeatedCursor { operation: "listThings", cursor } if cursor == "a"),
                "{error:?}"
            );
            assert!(stream.next().await.is_none());
        });
    }
}
