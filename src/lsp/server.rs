//! The language server's loop: reads framed JSON-RPC messages, keeps the open documents,
//! answers requests, publishes diagnostics, and runs the solver checks on a worker thread.
//!
//! The reader thread owns the input, the loop owns the output, and the solver worker
//! sends its results to the loop as events, so one writer keeps every message whole and
//! typing never waits for Z3.

use super::analysis::{Analysis, Entity, TOKEN_MODIFIERS, TOKEN_TYPES};
use super::incremental::ChunkCache;
use super::text::apply_change;
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
}

/// An open document (or one read from disk because a request named it).
struct Document {
    /// The client's version; `None` for a file read from disk.
    version: Option<i32>,
    /// The current text; newer than `analysis` while `stale`.
    text: String,
    analysis: Analysis,
    /// Whether edits arrived since the analysis. Edits are applied as they come and
    /// analysed once no more are waiting, so a burst of typing costs one analysis.
    stale: bool,
    /// Parses of the text's chunks, reused for the chunks an edit leaves alone.
    chunks: ChunkCache,
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
        while let Ok(job) = receiver.recv() {
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
        let job = SolverJob {
            uri: uri.clone(),
            version,
            text: document.analysis.text.clone(),
            base: base_directory(&uri),
            world: self.world.clone(),
        };
        if jobs.send(job).is_ok() {
            self.worker_busy = true;
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
    }

    /// Takes a new text of a document, to be analysed when no more messages are waiting.
    fn update(&mut self, uri: Url, version: Option<i32>, text: String) {
        if let Ok(path) = uri.to_file_path() {
            self.world.insert(path, text.as_bytes());
        }
        let chunks = self
            .documents
            .remove(&uri)
            .map(|document| document.chunks)
            .unwrap_or_default();
        let document = Document {
            version,
            analysis: Analysis::new(String::new(), Path::new("."), &self.world),
            text,
            stale: true,
            chunks,
            solver: Vec::new(),
        };
        self.documents.insert(uri.clone(), document);
        self.pending.remove(&uri);
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

    /// Analyses a document if edits arrived since its analysis: its front-end diagnostics are
    /// published at once, and its solver checks are scheduled for when typing pauses.
    fn refresh(&mut self, uri: &Url) {
        let Some(document) = self.documents.get_mut(uri) else {
            return;
        };
        if !document.stale {
            return;
        }
        let base = base_directory(uri);
        let size = document.text.len() as u64;
        let analysis = if size > crate::MAXIMUM_SOURCE_BYTES {
            // `reqc check` refuses such a file unread; so does the server.
            Analysis::rejected(
                String::new(),
                crate::file_too_large(size),
                &base,
                &self.world,
            )
        } else {
            let parsed = document.chunks.parse(&document.text);
            let mut analysis =
                Analysis::from_parsed(document.text.clone(), parsed, &base, &self.world);
            if document.text.contains('\0') {
                // The same E0002 as `reqc check`; the text itself stays as the editor has it,
                // so positions keep matching.
                analysis.file_problem = crate::decode(document.text.clone().into_bytes())
                    .err()
                    .map(|rejected| {
                        // `decode` marks the three bytes of the character a NUL becomes in
                        // its lossy copy; in the editor's text the NUL is one byte.
                        let mut problem = rejected.1;
                        for label in &mut problem.labels {
                            label.span = Span::new(label.span.start, label.span.start + 1);
                        }
                        problem
                    });
            }
            analysis
        };
        let previous = std::mem::replace(&mut document.analysis, analysis);
        document.stale = false;
        document.solver.clear();
        let wants_solver =
            document.analysis.file_problem.is_none() && document.analysis.has_specification();
        let version = document.version;
        self.schedule(uri, version, wants_solver);
        self.publish(uri);
        // Freeing the previous syntax tree takes a while on a large file; the editor
        // has its diagnostics first.
        drop(previous);
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
        let wants_solver = analysis.file_problem.is_none() && analysis.has_specification();
        let document = Document {
            version: None,
            text: analysis.text.clone(),
            analysis,
            stale: false,
            chunks: ChunkCache::default(),
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
        let mut diagnostics = document.analysis.diagnostics();
        diagnostics.extend(document.solver.iter().cloned());
        // The same order as `reqc check`, whose solver diagnostics are sorted in with the rest.
        crate::diagnostics::sort(&mut diagnostics);
        let converted = document.analysis.to_lsp(uri, &diagnostics);
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
        let mut diagnostics = document.analysis.diagnostics();
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
    fn a_file_with_errors_schedules_no_solver_job() {
        let mut server = server();
        let uri = Url::parse("file:///tmp/broken.req").unwrap();
        open(&mut server, &uri, 1, "y_0 >= 1\n");
        assert!(server.pending.is_empty());
        let published = sent(&mut server);
        assert_eq!(published[0]["params"]["diagnostics"][0]["code"], "E0201");
    }
}
