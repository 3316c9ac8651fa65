//! The emulator's own listener: each connection carries a [`ConnHandle`] that a request handler
//! can use to break the connection the way a failing network or proxy does — close it before any
//! reply (`drop`), or let the head and part of the body out and then close it (`cut`).
//!
//! hyper owns the socket, so a handler cannot close it itself. Instead the handler sets the
//! handle's [`Wire`] and returns an ordinary response; the connection's writer then lets through
//! only what the wire allows and fails the rest, and hyper closes the socket on that failure.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// What may still go out on a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wire {
    /// Everything: the normal case.
    Whole,
    /// Nothing more: the next write fails and the connection is closed without a reply.
    Sever,
    /// The reply's head (up to the blank line) and then `body_bytes` bytes of its body; then the
    /// connection is closed.
    Cut {
        /// How many body bytes go out before the close.
        body_bytes: usize,
    },
}

#[derive(Debug)]
struct WireState {
    wire: Wire,
    /// How much of `\r\n\r\n` the bytes written since a cut was asked end with.
    head_end_matched: usize,
    /// Whether the head has been written in full (cut only).
    head_done: bool,
    /// Body bytes written since the head (cut only).
    body_written: usize,
}

/// A handle on one connection, given to handlers as `ConnectInfo<ConnHandle>`.
#[derive(Debug, Clone)]
pub struct ConnHandle(Arc<Mutex<WireState>>);

impl ConnHandle {
    fn new() -> ConnHandle {
        ConnHandle(Arc::new(Mutex::new(WireState {
            wire: Wire::Whole,
            head_end_matched: 0,
            head_done: false,
            body_written: 0,
        })))
    }

    /// Sets what the rest of this connection's life may send. Browsers send one request at a
    /// time on an HTTP/1.1 connection, so the next bytes written are the reply to the request
    /// being handled.
    pub fn set(&self, wire: Wire) {
        let mut state = self.lock();
        state.wire = wire;
        state.head_end_matched = 0;
        state.head_done = false;
        state.body_written = 0;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, WireState> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// How many of `buf`'s bytes may be written now; `None` once nothing more may go out.
    fn allowance(&self, buf: &[u8]) -> Option<usize> {
        let state = self.lock();
        match state.wire {
            Wire::Whole => Some(buf.len()),
            Wire::Sever => None,
            Wire::Cut { body_bytes } => {
                if state.head_done {
                    let left = body_bytes.saturating_sub(state.body_written);
                    (left > 0).then(|| left.min(buf.len()))
                } else {
                    // Up to and including the end of the head, byte by byte matched.
                    let mut matched = state.head_end_matched;
                    for (i, &b) in buf.iter().enumerate() {
                        matched = next_match(matched, b);
                        if matched == HEAD_END.len() {
                            return Some(i + 1);
                        }
                    }
                    Some(buf.len())
                }
            }
        }
    }

    /// Notes that `written` bytes of `buf` went out.
    fn wrote(&self, buf: &[u8], written: usize) {
        let mut state = self.lock();
        if let Wire::Cut { .. } = state.wire {
            if state.head_done {
                state.body_written += written;
            } else {
                for &b in &buf[..written] {
                    state.head_end_matched = next_match(state.head_end_matched, b);
                    if state.head_end_matched == HEAD_END.len() {
                        state.head_done = true;
                    }
                }
            }
        }
    }
}

const HEAD_END: &[u8] = b"\r\n\r\n";

/// The KMP step for `\r\n\r\n`: how much of it is matched after `b`, given `matched` before.
fn next_match(matched: usize, b: u8) -> usize {
    if b == HEAD_END[matched] {
        matched + 1
    } else if b == b'\r' {
        1
    } else {
        0
    }
}

fn closed() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionAborted,
        "css-emulator: connection broken on purpose (fault injection)",
    )
}

/// A TCP connection whose writes obey its [`ConnHandle`].
#[derive(Debug)]
pub struct Conn {
    stream: TcpStream,
    handle: ConnHandle,
}

impl AsyncRead for Conn {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Conn {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        if buf.is_empty() {
            return Poll::Ready(Ok(0));
        }
        let Some(allowed) = self.handle.allowance(buf) else {
            return Poll::Ready(Err(closed()));
        };
        let result = Pin::new(&mut self.stream).poll_write(cx, &buf[..allowed]);
        if let Poll::Ready(Ok(n)) = &result {
            self.handle.wrote(buf, *n);
        }
        result
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// A TCP listener whose connections are [`Conn`]s.
#[derive(Debug)]
pub struct FaultListener(pub TcpListener);

impl Listener for FaultListener {
    type Io = Conn;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Conn, SocketAddr) {
        let (stream, addr) = Listener::accept(&mut self.0).await;
        // Replies are small and written at once; do not hold their last segment back.
        let _ = stream.set_nodelay(true);
        (Conn { stream, handle: ConnHandle::new() }, addr)
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.0.local_addr()
    }
}

impl Connected<IncomingStream<'_, FaultListener>> for ConnHandle {
    fn connect_info(stream: IncomingStream<'_, FaultListener>) -> Self {
        stream.io().handle.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_lets_the_head_and_some_body_out_across_writes() {
        let h = ConnHandle::new();
        h.set(Wire::Cut { body_bytes: 3 });
        let head = b"HTTP/1.1 201 Created\r\ncontent-length: 10\r";
        assert_eq!(h.allowance(head), Some(head.len()));
        h.wrote(head, head.len());
        // The blank line is split across two writes.
        let rest = b"\n\r\n{\"backup\"";
        assert_eq!(h.allowance(rest), Some(3));
        h.wrote(rest, 3);
        assert_eq!(h.allowance(b"{\"backup\""), Some(3));
        h.wrote(b"{\"backup\"", 2);
        assert_eq!(h.allowance(b"backup\""), Some(1));
        h.wrote(b"b", 1);
        assert_eq!(h.allowance(b"ackup"), None);
    }

    #[test]
    fn a_sever_allows_nothing_and_whole_everything() {
        let h = ConnHandle::new();
        assert_eq!(h.allowance(b"abc"), Some(3));
        h.set(Wire::Sever);
        assert_eq!(h.allowance(b"abc"), None);
    }

    #[test]
    fn the_head_end_matcher_restarts_on_a_carriage_return() {
        let mut m = 0;
        for &b in b"a\r\r\n\r\n" {
            m = next_match(m, b);
        }
        assert_eq!(m, 4);
    }
}
