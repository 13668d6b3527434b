//! The language server's loop: reads framed JSON-RPC messages, keeps the open documents,
//! answers requests, publishes diagnostics, and runs the solver checks on a worker thread.
//!
//! The reader thread owns the input, the loop owns the output, and the solver worker
//! sends its results to the loop as events, so one writer keeps every message whole and
//! typing never waits for Z3.

use super::analysis::{Analysis, Entity, TOKEN_MODIFIERS, TOKEN_TYPES};
use super::incremental::IncrementalFrontEnd;
use super::text::{apply_change, LineIndex};
use super::transport::{read_frame, write_frame, Frame};
use crate::diagnostics::Diagnostic;
use crate::smt::SolverOptions;
use crate::span::Span;
use crate::world::{DiskWorld, OverlayWorld, World};
use lsp_server::{ErrorCode, Message, Notification, Request, Response, ResponseError};
use lsp_types::notification::{self as notifications, Notification as _};
use lsp_types::request::{self as requests, Request as _};
use lsp_types::{self as types, Url};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{BufReader, Read, Write};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How the server runs the solver checks.
#[derive(Clone, Debug)]
pub struct ServerOptions {
    /// Whether to run the solver checks at all.
    pub run_solver: bool,
    /// How long a document must stay unchanged before its solver checks start.
    pub solver_delay: Duration,
    /// The time limit of each solver query.
    pub solver: SolverOptions,
}

impl Default for ServerOptions {
    fn default() -> ServerOptions {
        ServerOptions {
            run_solver: true,
            solver_delay: Duration::from_millis(300),
            solver: SolverOptions::default(),
        }
    }
}

/// Something the loop must react to.
pub enum Event {
    /// A frame from the client.
    Frame(Frame),
    /// A reading error that ends the session.
    ReadFailed(String),
    /// The solver's diagnostics for one version of a document.
    Solved {
        uri: Url,
        version: Option<i32>,
        diagnostics: Vec<Diagnostic>,
    },
}

/// A solver run the worker is asked for.
struct SolverJob {
    uri: Url,
    version: Option<i32>,
    text: String,
    base: PathBuf,
    /// The files as the editor has them when the job starts.
    world: OverlayWorld,
    /// Set when the document changes while the job runs: the checks stop at their next query.
    cancelled: Arc<AtomicBool>,
}

/// Work for the analyst thread, which makes the [`Analysis`] that requests read.
enum AnalystJob {
    /// Analyse a text (unless a newer text of the same document is already waiting).
    Analyse {
        uri: Url,
        text: String,
        base: PathBuf,
        world: OverlayWorld,
        file_problem: Option<Box<Diagnostic>>,
        reply: Sender<Analysis>,
    },
    /// Free an analysis off the loop: the tree of a large file takes a while to free.
    Discard(Box<Analysis>),
}

/// An open document (or one read from disk because a request named it).
struct Document {
    /// The client's version; `None` for a file read from disk.
    version: Option<i32>,
    /// The current text; newer than the diagnostics while `stale`.
    text: String,
    /// What `reqc check --no-solver` reports for the text: the file's own problem alone when
    /// it has one, the front end's diagnostics otherwise.
    diagnostics: Vec<Diagnostic>,
    /// The problem with the text's bytes, if any (a NUL, a size over the limit).
    file_problem: Option<Diagnostic>,
    /// The lines of the text, for the positions of published diagnostics.
    index: LineIndex,
    /// What requests read (names, occurrences, symbols, tokens). Diagnostics do not need it,
    /// so after a change it is made on the analyst thread (`pending`) and waited for by the
    /// first request that needs it; until then it describes an older text.
    analysis: Box<Analysis>,
    /// Whether `analysis` describes an older text, and where the current one will come from.
    analysis_outdated: bool,
    pending: Option<Receiver<Analysis>>,
    /// Whether edits arrived since the diagnostics. Edits are applied as they come and
    /// checked once no more are waiting, so a burst of typing costs one check.
    stale: bool,
    /// The parses of the text's chunks and the checks of its requirements, reused for what
    /// an edit leaves alone.
    front_end: IncrementalFrontEnd,
    /// The solver's diagnostics for this version, once they have arrived.
    solver: Vec<Diagnostic>,
}

/// What the loop should do after a message.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// The client sent `exit`; the status is 0 after a `shutdown`, 1 otherwise.
    Exit(u8),
}

/// The server's state. `output` receives every message the server sends; `log` receives
/// lines about problems that have no place in the protocol.
pub struct Server<W: Write, L: Write> {
    output: W,
    log: L,
    options: ServerOptions,
    documents: BTreeMap<Url, Document>,
    initialized: bool,
    shut_down: bool,
    /// Documents whose solver checks are due, with the version and the moment.
    pending: BTreeMap<Url, (Option<i32>, Instant)>,
    /// Where solver jobs go; `None` when the solver is off.
    jobs: Option<Sender<SolverJob>>,
    /// Whether the worker is running a job; one runs at a time.
    worker_busy: bool,
    /// The document of the running solver job, and the flag that cancels it.
    running: Option<(Url, Arc<AtomicBool>)>,
    /// Where analyses are asked for.
    analyst: Sender<AnalystJob>,
    /// The files the documents name: the buffers the editor has open (unsaved text
    /// included), then the disk.
    world: OverlayWorld,
}

/// Serves one client over a pair of streams until `exit` or the end of the input.
/// Returns the exit status the protocol prescribes.
pub fn serve<W: Write, L: Write>(
    input: impl Read + Send + 'static,
    output: W,
    log: L,
    options: ServerOptions,
) -> u8 {
    let (events, receiver) = mpsc::channel();
    let reader_events = events.clone();
    std::thread::spawn(move || {
        let mut input = BufReader::new(input);
        loop {
            match read_frame(&mut input) {
                Ok(Frame::End) => {
                    let _ = reader_events.send(Event::Frame(Frame::End));
                    return;
                }
                Ok(frame) => {
                    if reader_events.send(Event::Frame(frame)).is_err() {
                        return;
                    }
                }
                Err(error) => {
                    let _ = reader_events.send(Event::ReadFailed(error.to_string()));
                    return;
                }
            }
        }
    });
    let jobs = options
        .run_solver
        .then(|| spawn_worker(events, options.solver.clone()));
    let mut server = Server::new(output, log, options, jobs);
    server.run(&receiver)
}

/// Starts the solver worker: it runs one job at a time and reports to the loop.
fn spawn_worker(events: Sender<Event>, options: SolverOptions) -> Sender<SolverJob> {
    let (jobs, receiver) = mpsc::channel::<SolverJob>();
    std::thread::spawn(move || {
        yield_to_the_loop();
        while let Ok(job) = receiver.recv() {
            let options = SolverOptions {
                cancelled: Some(job.cancelled.clone()),
                ..options.clone()
            };
            // A failure inside the solver checks leaves the diagnostics without them.
            let diagnostics = std::panic::catch_unwind(AssertUnwindSafe(|| {
                if crate::propositional::detect(&job.text) {
                    #[cfg(feature = "solver")]
                    if let Some(specification) =
                        crate::propositional::front_end(&job.text).specification
                    {
                        return crate::smt::propositional::check(&specification, &options);
                    }
                    return Vec::new();
                }
                let front_end = crate::front_end(&job.text, &job.base, &job.world);
                crate::solver_diagnostics(&front_end, &options)
            }))
            .unwrap_or_default();
            let event = Event::Solved {
                uri: job.uri,
                version: job.version,
                diagnostics,
            };
            if events.send(event).is_err() {
                return;
            }
        }
    });
    jobs
}

/// Starts the analyst thread. Jobs that wait behind a newer text of the same document are
/// skipped, so a burst of typing costs one analysis.
fn spawn_analyst() -> Sender<AnalystJob> {
    let (jobs, receiver) = mpsc::channel::<AnalystJob>();
    std::thread::spawn(move || {
        yield_to_the_loop();
        while let Ok(first) = receiver.recv() {
            let mut waiting = vec![first];
            waiting.extend(receiver.try_iter());
            let mut newest: BTreeMap<Url, usize> = BTreeMap::new();
            for (index, job) in waiting.iter().enumerate() {
                if let AnalystJob::Analyse { uri, .. } = job {
                    newest.insert(uri.clone(), index);
                }
            }
            for (index, job) in waiting.into_iter().enumerate() {
                match job {
                    AnalystJob::Discard(analysis) => drop(analysis),
                    AnalystJob::Analyse { uri, .. } if newest.get(&uri) != Some(&index) => {}
                    AnalystJob::Analyse {
                        text,
                        base,
                        world,
                        file_problem,
                        reply,
                        ..
                    } => {
                        // A failure leaves the loop to analyse the text itself.
                        let analysis = std::panic::catch_unwind(AssertUnwindSafe(|| {
                            analyse(text, &base, &world, file_problem.map(|problem| *problem))
                        }));
                        if let Ok(analysis) = analysis {
                            let _ = reply.send(analysis);
                        }
                    }
                }
            }
        }
    });
    jobs
}

/// Lowers the calling thread's scheduling priority (Linux's per-thread nice value), so that
/// the background threads (analyst, solver) take only the time the loop leaves: on a
/// machine with fewer cores than busy threads, a republish would otherwise wait for them.
fn yield_to_the_loop() {
    #[cfg(target_os = "linux")]
    // Safety: `gettid` and `setpriority` only read their integer arguments; a failure (no
    // permission) leaves the priority as it was, which is harmless.
    unsafe {
        let thread = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, thread as libc::id_t, 19);
    }
}

/// The analysis of a text with the problem its bytes have, if any.
fn analyse(
    text: String,
    base: &Path,
    world: &dyn World,
    file_problem: Option<Diagnostic>,
) -> Analysis {
    let mut analysis = Analysis::new(text, base, world);
    analysis.file_problem = file_problem;
    analysis
}

impl<W: Write, L: Write> Server<W, L> {
    fn new(output: W, log: L, options: ServerOptions, jobs: Option<Sender<SolverJob>>) -> Self {
        Server {
            output,
            log,
            options,
            documents: BTreeMap::new(),
            initialized: false,
            shut_down: false,
            pending: BTreeMap::new(),
            jobs,
            worker_busy: false,
            running: None,
            analyst: spawn_analyst(),
            world: OverlayWorld::new(Arc::new(DiskWorld)),
        }
    }

    fn run(&mut self, events: &Receiver<Event>) -> u8 {
        loop {
            let event = match self.next_deadline() {
                None => match events.recv() {
                    Ok(event) => event,
                    Err(_) => return 1,
                },
                Some(deadline) => {
                    let wait = deadline.saturating_duration_since(Instant::now());
                    match events.recv_timeout(wait) {
                        Ok(event) => event,
                        Err(RecvTimeoutError::Timeout) => {
                            self.start_due_job();
                            continue;
                        }
                        Err(RecvTimeoutError::Disconnected) => return 1,
                    }
                }
            };
            // Handle everything already waiting before analysing, so a burst of edits is
            // analysed once.
            let mut next = Some(event);
            while let Some(event) = next {
                if let Flow::Exit(status) = self.handle(event) {
                    return status;
                }
                next = events.try_recv().ok();
            }
            self.flush();
            self.start_due_job();
        }
    }

    /// When the loop must wake up to start a solver job, if the worker is free.
    fn next_deadline(&self) -> Option<Instant> {
        if self.worker_busy {
            return None;
        }
        self.pending.values().map(|(_, due)| *due).min()
    }

    fn start_due_job(&mut self) {
        if self.worker_busy {
            return;
        }
        let now = Instant::now();
        let Some(uri) = self
            .pending
            .iter()
            .find(|(_, (_, due))| *due <= now)
            .map(|(uri, _)| uri.clone())
        else {
            return;
        };
        let (version, _) = self.pending.remove(&uri).expect("found above");
        let (Some(jobs), Some(document)) = (&self.jobs, self.documents.get(&uri)) else {
            return;
        };
        if document.version != version || document.stale {
            return;
        }
        let cancelled = Arc::new(AtomicBool::new(false));
        let job = SolverJob {
            uri: uri.clone(),
            version,
            text: document.text.clone(),
            base: base_directory(&uri),
            world: self.world.clone(),
            cancelled: cancelled.clone(),
        };
        if jobs.send(job).is_ok() {
            self.worker_busy = true;
            self.running = Some((uri, cancelled));
        }
    }

    /// Reacts to one event.
    pub fn handle(&mut self, event: Event) -> Flow {
        match event {
            Event::Frame(Frame::End) => Flow::Exit(if self.shut_down { 0 } else { 1 }),
            Event::ReadFailed(error) => {
                self.note(&format!("reading the input failed: {error}"));
                Flow::Exit(1)
            }
            Event::Frame(Frame::Malformed(problem)) => {
                self.note(&format!("skipped a malformed frame: {problem}"));
                self.send_error(Value::Null, ErrorCode::ParseError, problem);
                Flow::Continue
            }
            Event::Frame(Frame::Body(body)) => self.message(&body),
            Event::Solved {
                uri,
                version,
                diagnostics,
            } => {
                self.worker_busy = false;
                self.running = None;
                self.solved(uri, version, diagnostics);
                Flow::Continue
            }
        }
    }

    fn message(&mut self, body: &[u8]) -> Flow {
        let value: Value = match serde_json::from_slice(body) {
            Ok(value) => value,
            Err(error) => {
                self.send_error(
                    Value::Null,
                    ErrorCode::ParseError,
                    format!("the message is not JSON: {error}"),
                );
                return Flow::Continue;
            }
        };
        let id = value.get("id").cloned().unwrap_or(Value::Null);
        let valid_id = matches!(id, Value::Null | Value::Number(_) | Value::String(_));
        let is_call = value.get("method").is_some_and(Value::is_string);
        let is_reply = value.get("result").is_some() || value.get("error").is_some();
        if !value.is_object() || !valid_id || !(is_call || is_reply) {
            let id = if valid_id { id } else { Value::Null };
            self.send_error(
                id,
                ErrorCode::InvalidRequest,
                "not a JSON-RPC request, notification or response".into(),
            );
            return Flow::Continue;
        }
        match serde_json::from_value::<Message>(value) {
            Ok(Message::Request(request)) => {
                self.request(request);
                Flow::Continue
            }
            Ok(Message::Notification(notification)) => self.notification(notification),
            // The server sends no requests, so a response answers nothing.
            Ok(Message::Response(_)) => Flow::Continue,
            Err(error) => {
                self.send_error(
                    id,
                    ErrorCode::InvalidRequest,
                    format!("a malformed message: {error}"),
                );
                Flow::Continue
            }
        }
    }

    fn request(&mut self, request: Request) {
        if self.shut_down {
            self.reply(Response::new_err(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".into(),
            ));
            return;
        }
        if self.initialized && request.method == requests::Initialize::METHOD {
            self.reply(Response::new_err(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the server is already initialized".into(),
            ));
            return;
        }
        if !self.initialized && request.method != requests::Initialize::METHOD {
            self.reply(Response::new_err(
                request.id,
                ErrorCode::ServerNotInitialized as i32,
                "the first request must be `initialize`".into(),
            ));
            return;
        }
        let id = request.id.clone();
        // A bug in one handler must cost one answer, not the session.
        let dispatched = std::panic::catch_unwind(AssertUnwindSafe(|| self.dispatch(request)));
        let response = dispatched.unwrap_or_else(|_| {
            Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "reqc failed on this request; please report it".into(),
            )
        });
        self.reply(response);
    }

    fn dispatch(&mut self, request: Request) -> Response {
        match request.method.as_str() {
            requests::Initialize::METHOD => {
                self.answer::<requests::Initialize>(request, |server, _| server.initialize())
            }
            requests::Shutdown::METHOD => {
                self.answer::<requests::Shutdown>(request, |server, _| {
                    server.shut_down = true;
                    Ok(())
                })
            }
            requests::HoverRequest::METHOD => {
                self.answer::<requests::HoverRequest>(request, Server::hover)
            }
            requests::GotoDefinition::METHOD => {
                self.answer::<requests::GotoDefinition>(request, Server::definition)
            }
            requests::References::METHOD => {
                self.answer::<requests::References>(request, Server::references)
            }
            requests::PrepareRenameRequest::METHOD => {
                self.answer::<requests::PrepareRenameRequest>(request, Server::prepare_rename)
            }
            requests::Rename::METHOD => self.answer::<requests::Rename>(request, Server::rename),
            requests::DocumentSymbolRequest::METHOD => {
                self.answer::<requests::DocumentSymbolRequest>(request, Server::document_symbols)
            }
            requests::Formatting::METHOD => {
                self.answer::<requests::Formatting>(request, Server::formatting)
            }
            requests::SemanticTokensFullRequest::METHOD => {
                self.answer::<requests::SemanticTokensFullRequest>(request, Server::semantic_tokens)
            }
            method => Response::new_err(
                request.id,
                ErrorCode::MethodNotFound as i32,
                format!("reqc does not handle `{method}`"),
            ),
        }
    }

    /// Decodes a request's parameters, runs its handler and builds the response.
    fn answer<R: requests::Request>(
        &mut self,
        request: Request,
        handler: impl FnOnce(&mut Self, R::Params) -> Result<R::Result, ResponseError>,
    ) -> Response {
        match serde_json::from_value::<R::Params>(request.params) {
            Err(error) => Response::new_err(
                request.id,
                ErrorCode::InvalidParams as i32,
                format!("invalid parameters for `{}`: {error}", R::METHOD),
            ),
            Ok(params) => match handler(self, params) {
                Ok(result) => Response::new_ok(request.id, result),
                Err(error) => Response {
                    id: request.id,
                    response_result: Err(error),
                },
            },
        }
    }

    fn notification(&mut self, notification: Notification) -> Flow {
        // Before `initialize`, the protocol says to drop every notification but `exit`.
        if !self.initialized && notification.method != notifications::Exit::METHOD {
            return Flow::Continue;
        }
        match notification.method.as_str() {
            notifications::Exit::METHOD => return Flow::Exit(if self.shut_down { 0 } else { 1 }),
            notifications::DidOpenTextDocument::METHOD => {
                if let Some(params) =
                    self.parameters::<notifications::DidOpenTextDocument>(notification.params)
                {
                    let document = params.text_document;
                    self.update(document.uri, Some(document.version), document.text);
                }
            }
            notifications::DidChangeTextDocument::METHOD => {
                if let Some(params) =
                    self.parameters::<notifications::DidChangeTextDocument>(notification.params)
                {
                    self.change(params);
                }
            }
            notifications::DidCloseTextDocument::METHOD => {
                if let Some(params) =
                    self.parameters::<notifications::DidCloseTextDocument>(notification.params)
                {
                    let uri = params.text_document.uri;
                    if let Ok(path) = uri.to_file_path() {
                        self.world.remove(&path);
                    }
                    self.documents.remove(&uri);
                    self.pending.remove(&uri);
                    self.publish_list(uri, None, Vec::new());
                }
            }
            // `initialized`, `$/cancelRequest` (requests are answered at once), saves and
            // anything unknown need nothing; the protocol says to ignore notifications
            // a server does not handle.
            _ => {}
        }
        Flow::Continue
    }

    fn parameters<N: notifications::Notification>(&mut self, params: Value) -> Option<N::Params> {
        match serde_json::from_value(params) {
            Ok(params) => Some(params),
            Err(error) => {
                self.note(&format!(
                    "ignored `{}` with bad parameters: {error}",
                    N::METHOD
                ));
                None
            }
        }
    }

    fn initialize(&mut self) -> Result<types::InitializeResult, ResponseError> {
        self.initialized = true;
        let capabilities = types::ServerCapabilities {
            text_document_sync: Some(types::TextDocumentSyncCapability::Options(
                types::TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(types::TextDocumentSyncKind::INCREMENTAL),
                    ..Default::default()
                },
            )),
            hover_provider: Some(types::HoverProviderCapability::Simple(true)),
            definition_provider: Some(types::OneOf::Left(true)),
            references_provider: Some(types::OneOf::Left(true)),
            rename_provider: Some(types::OneOf::Right(types::RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: Default::default(),
            })),
            document_symbol_provider: Some(types::OneOf::Left(true)),
            document_formatting_provider: Some(types::OneOf::Left(true)),
            semantic_tokens_provider: Some(
                types::SemanticTokensServerCapabilities::SemanticTokensOptions(
                    types::SemanticTokensOptions {
                        legend: types::SemanticTokensLegend {
                            token_types: TOKEN_TYPES.to_vec(),
                            token_modifiers: TOKEN_MODIFIERS.to_vec(),
                        },
                        full: Some(types::SemanticTokensFullOptions::Bool(true)),
                        range: None,
                        work_done_progress_options: Default::default(),
                    },
                ),
            ),
            ..Default::default()
        };
        Ok(types::InitializeResult {
            capabilities,
            server_info: Some(types::ServerInfo {
                name: "reqc".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    // ---- Documents and diagnostics. ----

    fn change(&mut self, params: types::DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(document) = self.documents.get_mut(&uri) else {
            self.note(&format!("ignored a change to `{uri}`, which is not open"));
            return;
        };
        for change in &params.content_changes {
            apply_change(&mut document.text, change);
        }
        document.version = Some(params.text_document.version);
        document.stale = true;
        document.solver.clear();
        if let Ok(path) = uri.to_file_path() {
            self.world.insert(path, document.text.as_bytes());
        }
        self.pending.remove(&uri);
        self.cancel_solver(&uri);
    }

    /// Stops the solver job of a document that changed: its answers could only be dropped.
    fn cancel_solver(&mut self, uri: &Url) {
        if let Some((running, cancelled)) = &self.running {
            if running == uri {
                cancelled.store(true, Ordering::Relaxed);
            }
        }
    }

    /// Takes a new text of a document, to be analysed when no more messages are waiting.
    fn update(&mut self, uri: Url, version: Option<i32>, text: String) {
        if let Ok(path) = uri.to_file_path() {
            self.world.insert(path, text.as_bytes());
        }
        let front_end = self
            .documents
            .remove(&uri)
            .map(|document| document.front_end)
            .unwrap_or_default();
        let document = Document {
            version,
            diagnostics: Vec::new(),
            file_problem: None,
            index: LineIndex::new(""),
            analysis: Box::new(Analysis::new(String::new(), Path::new("."), &self.world)),
            analysis_outdated: true,
            pending: None,
            text,
            stale: true,
            front_end,
            solver: Vec::new(),
        };
        self.documents.insert(uri.clone(), document);
        self.pending.remove(&uri);
        self.cancel_solver(&uri);
    }

    /// Analyses every document with new edits and publishes its diagnostics.
    pub fn flush(&mut self) {
        let stale: Vec<Url> = self
            .documents
            .iter()
            .filter(|(_, document)| document.stale)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in stale {
            self.refresh(&uri);
        }
    }

    /// Checks a document if edits arrived since its last check: its front-end diagnostics
    /// are published at once, its analysis is asked of the analyst thread, and its solver
    /// checks are scheduled for when typing pauses.
    fn refresh(&mut self, uri: &Url) {
        let Some(document) = self.documents.get_mut(uri) else {
            return;
        };
        if !document.stale {
            return;
        }
        let base = base_directory(uri);
        let size = document.text.len() as u64;
        if size > crate::MAXIMUM_SOURCE_BYTES {
            // `reqc check` refuses such a file unread; so does the server.
            let problem = crate::file_too_large(size);
            document.diagnostics = vec![problem.clone()];
            document.file_problem = Some(problem.clone());
            let analysis = Analysis::rejected(String::new(), problem, &base, &self.world);
            let previous = std::mem::replace(&mut document.analysis, Box::new(analysis));
            document.pending = None;
            document.analysis_outdated = false;
            let _ = self.analyst.send(AnalystJob::Discard(previous));
        } else {
            // A NUL gets the same E0002 as `reqc check`; the text itself stays as the editor
            // has it, so positions keep matching.
            document.file_problem = if document.text.contains('\0') {
                crate::decode(document.text.clone().into_bytes())
                    .err()
                    .map(|rejected| {
                        // `decode` marks the three bytes of the character a NUL becomes in
                        // its lossy copy; in the editor's text the NUL is one byte.
                        let mut problem = rejected.1;
                        for label in &mut problem.labels {
                            label.span = Span::new(label.span.start, label.span.start + 1);
                        }
                        problem
                    })
            } else {
                None
            };
            document.diagnostics = match &document.file_problem {
                Some(problem) => vec![problem.clone()],
                None => document
                    .front_end
                    .diagnostics(&document.text, &base, &self.world),
            };
            let (reply, receiver) = mpsc::channel();
            let job = AnalystJob::Analyse {
                uri: uri.clone(),
                text: document.text.clone(),
                base,
                world: self.world.clone(),
                file_problem: document.file_problem.clone().map(Box::new),
                reply,
            };
            document.pending = self.analyst.send(job).is_ok().then_some(receiver);
            document.analysis_outdated = true;
        }
        document.index = LineIndex::new(&document.text);
        document.stale = false;
        document.solver.clear();
        let wants_solver = !document.diagnostics.iter().any(Diagnostic::is_error);
        let version = document.version;
        self.schedule(uri, version, wants_solver);
        self.publish(uri);
    }

    /// Makes a document's analysis current, waiting for the analyst thread if it is at work
    /// on it (or analysing here if it could not).
    fn settle(&mut self, uri: &Url) {
        let Some(document) = self.documents.get_mut(uri) else {
            return;
        };
        if !document.analysis_outdated {
            return;
        }
        document.analysis_outdated = false;
        let analysis = document
            .pending
            .take()
            .and_then(|pending| pending.recv().ok())
            .unwrap_or_else(|| {
                analyse(
                    document.text.clone(),
                    &base_directory(uri),
                    &self.world,
                    document.file_problem.clone(),
                )
            });
        let previous = std::mem::replace(&mut document.analysis, Box::new(analysis));
        let _ = self.analyst.send(AnalystJob::Discard(previous));
    }

    fn schedule(&mut self, uri: &Url, version: Option<i32>, wants_solver: bool) {
        if wants_solver && self.jobs.is_some() {
            self.pending.insert(
                uri.clone(),
                (version, Instant::now() + self.options.solver_delay),
            );
        } else {
            self.pending.remove(uri);
        }
    }

    /// Installs a document read from disk, already analysed.
    fn install(&mut self, uri: Url, analysis: Analysis) {
        let diagnostics = analysis.diagnostics();
        let wants_solver = !diagnostics.iter().any(Diagnostic::is_error);
        let document = Document {
            version: None,
            text: analysis.text.clone(),
            diagnostics,
            file_problem: analysis.file_problem.clone(),
            index: analysis.index.clone(),
            analysis: Box::new(analysis),
            analysis_outdated: false,
            pending: None,
            stale: false,
            front_end: IncrementalFrontEnd::default(),
            solver: Vec::new(),
        };
        self.documents.insert(uri.clone(), document);
        self.schedule(&uri, None, wants_solver);
        self.publish(&uri);
    }

    /// Takes the solver's answer, unless the document changed since the job started.
    fn solved(&mut self, uri: Url, version: Option<i32>, diagnostics: Vec<Diagnostic>) {
        let Some(document) = self.documents.get_mut(&uri) else {
            return;
        };
        if document.version != version || document.stale {
            return;
        }
        document.solver = diagnostics;
        self.publish(&uri);
    }

    fn publish(&mut self, uri: &Url) {
        let Some(document) = self.documents.get(uri) else {
            return;
        };
        let mut diagnostics = document.diagnostics.clone();
        diagnostics.extend(document.solver.iter().cloned());
        // The same order as `reqc check`, whose solver diagnostics are sorted in with the rest.
        crate::diagnostics::sort(&mut diagnostics);
        let converted = super::analysis::to_lsp(&document.text, &document.index, uri, &diagnostics);
        let version = document.version;
        self.publish_list(uri.clone(), version, converted);
    }

    fn publish_list(
        &mut self,
        uri: Url,
        version: Option<i32>,
        diagnostics: Vec<types::Diagnostic>,
    ) {
        let params = types::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        let notification =
            Notification::new(notifications::PublishDiagnostics::METHOD.into(), params);
        self.send(Message::Notification(notification));
    }

    /// The document a request is about: an open one, or else the file on disk, read once
    /// (and its diagnostics published, so a file that is not UTF-8 is reported, not fatal).
    fn document(&mut self, uri: &Url) -> Result<&Document, ResponseError> {
        self.refresh(uri);
        if !self.documents.contains_key(uri) {
            let analysis = read_from_disk(uri, &self.world).map_err(|message| ResponseError {
                code: ErrorCode::RequestFailed as i32,
                message,
                data: None,
            })?;
            self.install(uri.clone(), analysis);
        }
        self.settle(uri);
        Ok(&self.documents[uri])
    }

    // ---- Requests about a document. ----

    fn locate(
        &mut self,
        position: &types::TextDocumentPositionParams,
    ) -> Result<(&Analysis, usize), ResponseError> {
        let document = self.document(&position.text_document.uri)?;
        let analysis = &document.analysis;
        let offset = analysis.index.offset(&analysis.text, position.position);
        Ok((analysis, offset))
    }

    fn hover(&mut self, params: types::HoverParams) -> Result<Option<types::Hover>, ResponseError> {
        let uri = params
            .text_document_position_params
            .text_document
            .uri
            .clone();
        let (analysis, offset) = self.locate(&params.text_document_position_params)?;
        let mut hover = analysis.hover(offset);
        // Under a diagnostic, its code's explanation follows, as `reqc explain` prints it.
        let document = &self.documents[&uri];
        let mut diagnostics = document.diagnostics.clone();
        diagnostics.extend(document.solver.iter().cloned());
        let mut explained = Vec::new();
        for diagnostic in &diagnostics {
            let Some(span) = diagnostic.primary_span() else {
                continue;
            };
            if !(span.start <= offset && offset <= span.end) || explained.contains(&diagnostic.code)
            {
                continue;
            }
            explained.push(diagnostic.code);
            let explanation =
                crate::diagnostics::explanation(diagnostic.code).unwrap_or_else(|| {
                    format!(
                        "{}: {}",
                        diagnostic.code.as_str(),
                        diagnostic.code.summary()
                    )
                });
            let explanation = explanation.trim_start_matches('#').trim_start().to_string();
            hover = Some(match hover {
                Some((text, hovered)) => (format!("{text}\n\n---\n\n{explanation}"), hovered),
                None => (explanation, span),
            });
        }
        let analysis = &document.analysis;
        Ok(hover.map(|(text, span)| types::Hover {
            contents: types::HoverContents::Markup(types::MarkupContent {
                kind: types::MarkupKind::Markdown,
                value: text,
            }),
            range: Some(analysis.index.range(&analysis.text, span)),
        }))
    }

    fn definition(
        &mut self,
        params: types::GotoDefinitionParams,
    ) -> Result<Option<types::GotoDefinitionResponse>, ResponseError> {
        let uri = params
            .text_document_position_params
            .text_document
            .uri
            .clone();
        let (analysis, offset) = self.locate(&params.text_document_position_params)?;
        let span = analysis
            .entity_at(offset)
            .and_then(|entity| analysis.definition(entity));
        Ok(span.map(|span| {
            types::GotoDefinitionResponse::Scalar(types::Location::new(
                uri,
                analysis.index.range(&analysis.text, span),
            ))
        }))
    }

    fn references(
        &mut self,
        params: types::ReferenceParams,
    ) -> Result<Option<Vec<types::Location>>, ResponseError> {
        let uri = params.text_document_position.text_document.uri.clone();
        let include_declaration = params.context.include_declaration;
        let (analysis, offset) = self.locate(&params.text_document_position)?;
        let Some(entity) = analysis.entity_at(offset) else {
            return Ok(None);
        };
        let declaration = analysis.definition(entity);
        Ok(Some(
            analysis
                .occurrences_of(entity, false)
                .into_iter()
                .filter(|span| include_declaration || Some(*span) != declaration)
                .map(|span| {
                    types::Location::new(uri.clone(), analysis.index.range(&analysis.text, span))
                })
                .collect(),
        ))
    }

    fn prepare_rename(
        &mut self,
        params: types::TextDocumentPositionParams,
    ) -> Result<Option<types::PrepareRenameResponse>, ResponseError> {
        let (analysis, offset) = self.locate(&params)?;
        let Some(entity) = analysis.entity_at(offset) else {
            return Ok(None);
        };
        let Entity::Declared(_) = entity else {
            return Err(failed(
                "a column without a name cannot be renamed; declare a name with `var`",
            ));
        };
        let span = analysis
            .occurrences_of(entity, true)
            .into_iter()
            .find(|span| span.start <= offset && offset <= span.end)
            .unwrap_or(Span::new(offset, offset));
        Ok(Some(types::PrepareRenameResponse::Range(
            analysis.index.range(&analysis.text, span),
        )))
    }

    fn rename(
        &mut self,
        params: types::RenameParams,
    ) -> Result<Option<types::WorkspaceEdit>, ResponseError> {
        let uri = params.text_document_position.text_document.uri.clone();
        let (analysis, offset) = self.locate(&params.text_document_position)?;
        let Some(entity) = analysis.entity_at(offset) else {
            return Ok(None);
        };
        let spans = analysis
            .rename_edits(entity, &params.new_name)
            .map_err(|message| failed(&message))?;
        let edits = spans
            .into_iter()
            .map(|span| types::TextEdit {
                range: analysis.index.range(&analysis.text, span),
                new_text: params.new_name.clone(),
            })
            .collect();
        let changes = std::collections::HashMap::from([(uri, edits)]);
        Ok(Some(types::WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }))
    }

    fn document_symbols(
        &mut self,
        params: types::DocumentSymbolParams,
    ) -> Result<Option<types::DocumentSymbolResponse>, ResponseError> {
        let document = self.document(&params.text_document.uri)?;
        Ok(Some(types::DocumentSymbolResponse::Nested(
            document.analysis.document_symbols(),
        )))
    }

    fn formatting(
        &mut self,
        params: types::DocumentFormattingParams,
    ) -> Result<Option<Vec<types::TextEdit>>, ResponseError> {
        let document = self.document(&params.text_document.uri)?;
        document
            .analysis
            .formatting()
            .map(Some)
            .map_err(|message| failed(&message))
    }

    fn semantic_tokens(
        &mut self,
        params: types::SemanticTokensParams,
    ) -> Result<Option<types::SemanticTokensResult>, ResponseError> {
        let document = self.document(&params.text_document.uri)?;
        Ok(Some(types::SemanticTokensResult::Tokens(
            types::SemanticTokens {
                result_id: None,
                data: document.analysis.semantic_tokens(),
            },
        )))
    }

    // ---- Output. ----

    fn reply(&mut self, response: Response) {
        self.send(Message::Response(response));
    }

    fn send(&mut self, message: Message) {
        let mut value = serde_json::to_value(&message).expect("messages serialise");
        if let Value::Object(object) = &mut value {
            object.insert("jsonrpc".into(), json!("2.0"));
        }
        if let Err(error) = write_frame(&mut self.output, &value) {
            self.note(&format!("writing to the client failed: {error}"));
        }
    }

    /// An error response with the id the message had (null when it had none, as JSON-RPC says).
    fn send_error(&mut self, id: Value, code: ErrorCode, message: String) {
        let value = json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": { "code": code as i32, "message": message },
        });
        if let Err(error) = write_frame(&mut self.output, &value) {
            self.note(&format!("writing to the client failed: {error}"));
        }
    }

    fn note(&mut self, line: &str) {
        let _ = writeln!(self.log, "reqc lsp: {line}");
    }
}

fn failed(message: &str) -> ResponseError {
    ResponseError {
        code: ErrorCode::RequestFailed as i32,
        message: message.to_string(),
        data: None,
    }
}

/// The directory relative paths in a document resolve against: its folder for a file,
/// the working directory otherwise (an unsaved buffer).
fn base_directory(uri: &Url) -> PathBuf {
    uri.to_file_path()
        .ok()
        .and_then(|path| path.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Reads a document the client did not open; bad bytes become the file's diagnostic.
fn read_from_disk(uri: &Url, world: &dyn World) -> Result<Analysis, String> {
    let path = uri
        .to_file_path()
        .map_err(|_| format!("`{uri}` is neither open nor a file"))?;
    let base = base_directory(uri);
    let bytes = match world.read(&path, crate::MAXIMUM_SOURCE_BYTES) {
        Ok(bytes) => bytes,
        Err(crate::world::WorldError::TooLarge { size, .. }) => {
            return Ok(Analysis::rejected(
                String::new(),
                crate::file_too_large(size),
                &base,
                world,
            ))
        }
        Err(error) => return Err(format!("cannot read `{}`: {error}", path.display())),
    };
    Ok(match crate::decode(bytes) {
        Ok(text) => Analysis::new(text, &base, world),
        Err(rejected) => {
            let (text, problem) = *rejected;
            Analysis::rejected(text, problem, &base, world)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server() -> Server<Vec<u8>, Vec<u8>> {
        let (jobs, _receiver) = mpsc::channel();
        // The receiver is dropped: jobs are never run, which these tests do not need.
        let mut server = Server::new(Vec::new(), Vec::new(), ServerOptions::default(), Some(jobs));
        server.initialized = true;
        server
    }

    fn sent(server: &mut Server<Vec<u8>, Vec<u8>>) -> Vec<Value> {
        let mut input: &[u8] = &server.output;
        let mut messages = Vec::new();
        while let Frame::Body(body) = read_frame(&mut input).unwrap() {
            messages.push(serde_json::from_slice(&body).unwrap());
        }
        server.output.clear();
        messages
    }

    fn open(server: &mut Server<Vec<u8>, Vec<u8>>, uri: &Url, version: i32, text: &str) {
        let params = json!({"textDocument": {"uri": uri, "languageId": "req", "version": version, "text": text}});
        let body = json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": params});
        server.handle(Event::Frame(Frame::Body(
            serde_json::to_vec(&body).unwrap(),
        )));
        server.flush();
    }

    #[test]
    fn solver_results_for_a_stale_version_are_dropped() {
        let mut server = server();
        let uri = Url::parse("file:///tmp/stale.req").unwrap();
        open(&mut server, &uri, 1, "ordering y_0\ny_0 >= 3\ny_0 >= 2\n");
        open(&mut server, &uri, 2, "ordering y_0\ny_0 >= 3\ny_0 >= 1\n");
        sent(&mut server);
        assert_eq!(server.pending[&uri].0, Some(2));
        let implied = Diagnostic::new(crate::diagnostics::Code::Implied, "implied")
            .primary(Span::new(22, 30), "");
        server.handle(Event::Solved {
            uri: uri.clone(),
            version: Some(1),
            diagnostics: vec![implied.clone()],
        });
        assert!(sent(&mut server).is_empty(), "a stale result was published");
        server.handle(Event::Solved {
            uri: uri.clone(),
            version: Some(2),
            diagnostics: vec![implied],
        });
        let published = sent(&mut server);
        assert_eq!(published.len(), 1);
        assert_eq!(published[0]["params"]["version"], 2);
        assert_eq!(published[0]["params"]["diagnostics"][0]["code"], "W0602");
    }

    #[test]
    fn a_change_cancels_the_running_solver_job_of_its_document_only() {
        let mut server = server();
        let (jobs, receiver) = mpsc::channel();
        server.jobs = Some(jobs);
        server.options.solver_delay = Duration::ZERO;
        let uri = Url::parse("file:///tmp/running.req").unwrap();
        let other = Url::parse("file:///tmp/other.req").unwrap();
        open(&mut server, &uri, 1, "ordering y_0\ny_0 >= 3\n");
        server.start_due_job();
        let job: SolverJob = receiver.try_recv().expect("a job started");
        assert_eq!(job.version, Some(1));
        open(&mut server, &other, 1, "ordering y_0\ny_0 >= 1\n");
        assert!(
            !job.cancelled.load(Ordering::Relaxed),
            "another document's change"
        );
        let change = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": "ordering y_0\ny_0 >= 4\n"}]}});
        server.handle(Event::Frame(Frame::Body(
            serde_json::to_vec(&change).unwrap(),
        )));
        assert!(
            job.cancelled.load(Ordering::Relaxed),
            "the job's own document changed"
        );
    }

    #[test]
    fn requests_wait_for_the_analysis_of_the_text_they_are_about() {
        let mut server = server();
        let uri = Url::parse("file:///tmp/analysed.req").unwrap();
        open(
            &mut server,
            &uri,
            1,
            "var limit = y_0\nordering limit\nlimit >= 1\n",
        );
        let text = "var bound = y_0\nordering bound\nbound >= 1\n";
        open(&mut server, &uri, 2, text);
        // The diagnostics are published before the analysis exists; a request gets the
        // analysis of the text it is about.
        assert!(server.documents[&uri].analysis_outdated);
        let document = server.document(&uri).expect("open");
        assert!(!document.analysis_outdated && document.pending.is_none());
        assert_eq!(document.analysis.text, text);
        assert_eq!(document.analysis.declarations[0].name, "bound");
    }

    #[test]
    fn a_file_with_errors_schedules_no_solver_job() {
        let mut server = server();
        let uri = Url::parse("file:///tmp/broken.req").unwrap();
        open(&mut server, &uri, 1, "y_0 >= 1\n");
        assert!(server.pending.is_empty());
        let published = sent(&mut server);
        assert_eq!(published[0]["params"]["diagnostics"][0]["code"], "E0201");
    }
}
