//! The protocol's framing: `Content-Length` headers, a blank line, and a JSON body.
//!
//! Reading never gives up on a bad frame: a header block without a length, or a body
//! that is not JSON, is reported to the caller and reading goes on with the next frame,
//! so a client's mistake costs one message, not the session.

use serde_json::Value;
use std::io::{self, BufRead, Read, Write};

/// The largest message body read; a longer one is skipped. Documents are at most
/// 64 MiB, and JSON escaping can double them.
pub const MAXIMUM_BODY_BYTES: usize = 160 * 1024 * 1024;

/// What one read from the stream produced.
#[derive(Debug, PartialEq)]
pub enum Frame {
    /// A body, not yet parsed.
    Body(Vec<u8>),
    /// A frame that could not be read, and why; the stream is positioned after it.
    Malformed(String),
    /// The stream ended.
    End,
}

/// Reads one frame.
pub fn read_frame(input: &mut impl BufRead) -> io::Result<Frame> {
    let mut length: Option<usize> = None;
    let mut problem: Option<String> = None;
    let mut seen_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(Frame::End);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if seen_header {
                break;
            }
            // Blank lines between frames are tolerated.
            continue;
        }
        seen_header = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(parsed) => length = Some(parsed),
                    Err(_) => problem = Some(format!("bad Content-Length header `{text}`")),
                }
            }
            Some(_) => {}
            None => problem = Some(format!("malformed header line `{text}`")),
        }
    }
    if let Some(problem) = problem {
        return Ok(Frame::Malformed(problem));
    }
    let Some(length) = length else {
        return Ok(Frame::Malformed(
            "a header block without Content-Length".into(),
        ));
    };
    if length > MAXIMUM_BODY_BYTES {
        // Skip the body so the next frame is read from its start.
        let skipped = io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        if skipped < length as u64 {
            return Ok(Frame::End);
        }
        return Ok(Frame::Malformed(format!(
            "a message of {length} bytes, more than the {MAXIMUM_BODY_BYTES} read"
        )));
    }
    let mut body = vec![0; length];
    match input.read_exact(&mut body) {
        Ok(()) => Ok(Frame::Body(body)),
        Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => Ok(Frame::End),
        Err(error) => Err(error),
    }
}

/// Writes one message with its header.
pub fn write_frame(output: &mut impl Write, message: &Value) -> io::Result<()> {
    let body = serde_json::to_vec(message).map_err(io::Error::other)?;
    write!(output, "Content-Length: {}\r\n\r\n", body.len())?;
    output.write_all(&body)?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(mut input: &[u8]) -> Vec<Frame> {
        let mut found = Vec::new();
        loop {
            let frame = read_frame(&mut input).unwrap();
            if frame == Frame::End {
                return found;
            }
            found.push(frame);
        }
    }

    #[test]
    fn frames_are_read_and_bad_ones_skipped() {
        let input = b"Content-Length: 2\r\n\r\n{}\
content-length:3\nContent-Type: x\n\n[1]\
garbage\r\n\r\n\
Content-Type: y\r\n\r\n\
Content-Length: 1\r\n\r\n7";
        assert_eq!(
            frames(input),
            vec![
                Frame::Body(b"{}".to_vec()),
                Frame::Body(b"[1]".to_vec()),
                Frame::Malformed("malformed header line `garbage`".into()),
                Frame::Malformed("a header block without Content-Length".into()),
                Frame::Body(b"7".to_vec()),
            ]
        );
    }

    #[test]
    fn a_truncated_body_ends_the_stream() {
        assert_eq!(frames(b"Content-Length: 10\r\n\r\n{}"), vec![]);
    }

    #[test]
    fn written_frames_read_back() {
        let mut buffer = Vec::new();
        write_frame(&mut buffer, &serde_json::json!({"a": "é"})).unwrap();
        assert_eq!(
            frames(&buffer),
            vec![Frame::Body("{\"a\":\"é\"}".as_bytes().to_vec())]
        );
    }
}
