//! A request body sent from memory and from files on disk, each file read as the body is
//! sent, a block at a time. Each attempt of a call opens the files again, so that a retry
//! sends the whole body; the length is known before the first byte, so the request carries a
//! `Content-Length` (servers and proxies refuse uploads without one more often than with).

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use tokio::io::{AsyncRead, ReadBuf};

/// How much of a file is read at a time.
const BLOCK: usize = 64 * 1024;

/// One piece of a body.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub enum Chunk {
    /// Bytes in memory, shared by every attempt.
    Bytes(Bytes),
    /// The whole of a file on disk.
    Path(PathBuf),
}

/// A file that could not be opened or measured.
#[derive(Debug)]
pub struct FileError {
    pub path: PathBuf,
    pub source: io::Error,
}

/// A body being sent: what is left of it, in order.
pub struct Streamed {
    pieces: VecDeque<Piece>,
    /// Bytes not sent yet.
    left: u64,
}

enum Piece {
    Bytes(Bytes),
    File {
        file: tokio::fs::File,
        path: PathBuf,
        /// Bytes of the file not sent yet: its length when it was opened, less what was read.
        left: u64,
    },
}

impl Streamed {
    /// Opens the files of `chunks`, for one attempt.
    pub async fn open(chunks: &[Chunk]) -> Result<Self, FileError> {
        let mut pieces = VecDeque::with_capacity(chunks.len());
        let mut left = 0u64;
        for chunk in chunks {
            let piece = match chunk {
                Chunk::Bytes(bytes) => Piece::Bytes(bytes.clone()),
                Chunk::Path(path) => {
                    let failed = |source| FileError {
                        path: path.clone(),
                        source,
                    };
                    let file = tokio::fs::File::open(path).await.map_err(failed)?;
                    let metadata = file.metadata().await.map_err(failed)?;
                    if !metadata.is_file() {
                        return Err(failed(io::Error::new(
                            io::ErrorKind::InvalidInput,
                            "not a regular file",
                        )));
                    }
                    Piece::File {
                        file,
                        path: path.clone(),
                        left: metadata.len(),
                    }
                }
            };
            left += match &piece {
                Piece::Bytes(bytes) => bytes.len() as u64,
                Piece::File { left, .. } => *left,
            };
            pieces.push_back(piece);
        }
        Ok(Self { pieces, left })
    }

    /// The number of bytes the body sends.
    pub fn len(&self) -> u64 {
        self.left
    }
}

impl Body for Streamed {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        let this = self.get_mut();
        loop {
            let data = match this.pieces.front_mut() {
                None => return Poll::Ready(None),
                Some(Piece::Bytes(bytes)) => std::mem::take(bytes),
                Some(Piece::File { file, path, left }) if *left > 0 => {
                    let size = usize::try_from(*left).map_or(BLOCK, |left| left.min(BLOCK));
                    let mut block = vec![0u8; size];
                    let mut buffer = ReadBuf::new(&mut block);
                    ready!(Pin::new(file).poll_read(cx, &mut buffer))?;
                    let read = buffer.filled().len();
                    if read == 0 {
                        return Poll::Ready(Some(Err(io::Error::new(
                            io::ErrorKind::UnexpectedEof,
                            format!(
                                "{} became shorter while it was sent ({left} bytes missing)",
                                path.display()
                            ),
                        ))));
                    }
                    *left -= read as u64;
                    block.truncate(read);
                    Bytes::from(block)
                }
                Some(Piece::File { .. }) => Bytes::new(),
            };
            let done = match this.pieces.front() {
                Some(Piece::Bytes(_)) => true,
                Some(Piece::File { left, .. }) => *left == 0,
                None => false,
            };
            if done {
                this.pieces.pop_front();
            }
            if !data.is_empty() {
                this.left -= data.len() as u64;
                return Poll::Ready(Some(Ok(Frame::data(data))));
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.left == 0
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything the body sends, frame by frame.
    async fn drain(mut body: Streamed) -> io::Result<Vec<u8>> {
        let mut sent = Vec::new();
        while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await
        {
            let data = frame?.into_data().expect("data frames only");
            assert!(!data.is_empty(), "no empty frames");
            sent.extend_from_slice(&data);
            assert_eq!(body.size_hint().exact(), Some(body.len()));
        }
        assert!(body.is_end_stream());
        Ok(sent)
    }

    fn temp_file(name: &str, content: &[u8]) -> PathBuf {
        let path = std::env::temp_dir().join(format!("{}-{name}", std::process::id()));
        std::fs::write(&path, content).unwrap();
        path
    }

    #[tokio::test]
    async fn memory_and_files_are_sent_in_order_with_their_length() {
        let big: Vec<u8> = (0..=255u8).cycle().take(3 * BLOCK + 17).collect();
        let path = temp_file("streamed-big", &big);
        let empty = temp_file("streamed-empty", b"");
        let chunks = [
            Chunk::Bytes(Bytes::from_static(b"head")),
            Chunk::Path(path.clone()),
            Chunk::Bytes(Bytes::new()),
            Chunk::Path(empty.clone()),
            Chunk::Bytes(Bytes::from_static(b"tail")),
        ];
        let body = Streamed::open(&chunks).await.unwrap();
        assert_eq!(body.len(), (big.len() + 8) as u64);
        assert_eq!(body.size_hint().exact(), Some(body.len()));
        let sent = drain(body).await.unwrap();
        assert_eq!(&sent[..4], b"head");
        assert_eq!(&sent[4..4 + big.len()], &big[..]);
        assert_eq!(&sent[4 + big.len()..], b"tail");
        // A second attempt sends it all again.
        let again = drain(Streamed::open(&chunks).await.unwrap()).await.unwrap();
        assert_eq!(again, sent);
        std::fs::remove_file(path).unwrap();
        std::fs::remove_file(empty).unwrap();
    }

    #[tokio::test]
    async fn a_missing_file_or_a_folder_is_named() {
        let missing = std::env::temp_dir().join("extend-no-such-file.pdf");
        let Err(error) = Streamed::open(&[Chunk::Path(missing.clone())]).await else {
            panic!("opened a missing file")
        };
        assert_eq!(error.path, missing);
        assert_eq!(error.source.kind(), io::ErrorKind::NotFound);
        let folder = std::env::temp_dir();
        let Err(error) = Streamed::open(&[Chunk::Path(folder.clone())]).await else {
            panic!("opened a folder as a file")
        };
        assert_eq!(error.path, folder);
    }

    #[tokio::test]
    async fn a_file_that_shrinks_while_sent_fails_the_body() {
        let path = temp_file("streamed-shrinks", &[1u8; 1000]);
        let body = Streamed::open(&[Chunk::Path(path.clone())]).await.unwrap();
        std::fs::write(&path, [1u8; 10]).unwrap();
        let error = drain(body).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
        assert!(error.to_string().contains("became shorter"), "{error}");
        std::fs::remove_file(path).unwrap();
    }
}
