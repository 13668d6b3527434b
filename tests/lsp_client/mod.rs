//! A minimal editor: starts `reqc lsp` as a child process and speaks Content-Length framed
//! JSON-RPC to it over its standard streams. Shared by `tests/lsp.rs` and `benches/lsp.rs`;
//! it frames messages itself rather than through reqc's transport, so the server's framing
//! is tested against an independent implementation.

// Each user includes this module and uses only part of it.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// How long a test waits for any one message before it fails instead of hanging.
pub const PATIENCE: Duration = Duration::from_secs(60);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Messages that arrived while the client waited for something else.
    stash: VecDeque<Value>,
    next_id: i64,
}

impl Client {
    /// Starts `binary lsp ARGUMENTS...`; the server's standard error is passed through.
    pub fn start(binary: &str, arguments: &[&str]) -> Client {
        let mut child = Command::new(binary)
            .arg("lsp")
            .args(arguments)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start reqc lsp");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(body) = read_body(&mut reader) {
                let value: Value = serde_json::from_slice(&body).expect("the server sends JSON");
                if sender.send(value).is_err() {
                    return;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            incoming,
            stash: VecDeque::new(),
            next_id: 1,
        }
    }

    /// Sends bytes as they are, framing included.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to the server");
        stdin.flush().expect("flush");
    }

    /// Sends a body with a correct header.
    pub fn send_body(&mut self, body: &[u8]) {
        let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        framed.extend_from_slice(body);
        self.send_raw(&framed);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        let message = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_body(&serde_json::to_vec(&message).unwrap());
    }

    /// Sends a request and returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> Value {
        let id = json!(self.next_id);
        self.next_id += 1;
        let message = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_body(&serde_json::to_vec(&message).unwrap());
        id
    }

    /// Sends a request and waits for its response (the whole message).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(&id)
    }

    /// Waits for the response with this id.
    pub fn response(&mut self, id: &Value) -> Value {
        self.wait_for(|message| message.get("method").is_none() && &message["id"] == id)
    }

    /// Waits for `publishDiagnostics` about a URI that satisfies a condition.
    pub fn diagnostics(&mut self, uri: &str, condition: impl Fn(&Value) -> bool) -> Value {
        self.wait_for(|message| {
            message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
                && condition(&message["params"])
        })["params"]
            .clone()
    }

    /// The first message (stashed or new) that satisfies a condition; others are kept.
    pub fn wait_for(&mut self, condition: impl Fn(&Value) -> bool) -> Value {
        if let Some(position) = self.stash.iter().position(&condition) {
            return self.stash.remove(position).unwrap();
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .incoming
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no awaited message; had {:?}", self.stash));
            if condition(&message) {
                return message;
            }
            self.stash.push_back(message);
        }
    }

    /// Every message received so far that nobody waited for, and any that arrive within `wait`.
    pub fn drain(&mut self, wait: Duration) -> Vec<Value> {
        let deadline = Instant::now() + wait;
        while let Ok(message) = self
            .incoming
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            self.stash.push_back(message);
        }
        self.stash.drain(..).collect()
    }

    /// `initialize` and `initialized`; returns the server's capabilities.
    pub fn initialize(&mut self) -> Value {
        let response = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        self.notify("initialized", json!({}));
        response["result"]["capabilities"].clone()
    }

    pub fn open(&mut self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "req", "version": version, "text": text}}),
        );
    }

    /// Closes the server's input and waits for it to exit.
    pub fn finish(mut self) -> ExitStatus {
        drop(self.stdin.take());
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for the server") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed test must not leave a server running.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads one framed body; `None` at the end of the stream.
fn read_body(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = Some(value.parse::<usize>().expect("a numeric length"));
        }
    }
    let mut body = vec![0; length.expect("the server sends Content-Length")];
    reader.read_exact(&mut body).ok()?;
    Some(body)
}

/// A range as the protocol writes it.
pub fn range(start_line: u32, start: u32, end_line: u32, end: u32) -> Value {
    json!({"start": {"line": start_line, "character": start}, "end": {"line": end_line, "character": end}})
}

/// A file URI for a path.
pub fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

/// The size of [`generate`]'s file.
pub const REQUIREMENTS: usize = 1000;
pub const COLUMNS: usize = 200;
pub const NAMED: usize = 50;

/// A valid file: 50 named variables with domains, 200 columns, 1,000 named requirements.
pub fn generate() -> String {
    generate_with(REQUIREMENTS)
}

/// [`generate`]'s file with `requirements` named requirements (80,000 make about 5.5 MB).
pub fn generate_with(requirements: usize) -> String {
    let variable = |column: usize| {
        if column < NAMED {
            format!("v{column}")
        } else {
            format!("y_{column}")
        }
    };
    let mut text = String::new();
    for column in 0..NAMED {
        text.push_str(&format!("var v{column} = y_{column} in [0, 100]\n"));
    }
    let ordering: Vec<String> = (0..COLUMNS).map(variable).collect();
    text.push_str(&format!("ordering {}\n", ordering.join(" ")));
    for index in 0..requirements {
        let first = index % COLUMNS;
        let mut second = (index * 7 + 3) % COLUMNS;
        if second == first {
            second = (second + 1) % COLUMNS;
        }
        let third = (first + 1) % COLUMNS;
        text.push_str(&format!(
            "requirement r{index}: 2 * {} - {} + 0.5 >= -{index} or {} <= {}\n",
            variable(first),
            variable(second),
            variable(third),
            index + 10
        ));
    }
    text
}
