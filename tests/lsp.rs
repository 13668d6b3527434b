//! `reqc lsp` end to end: the real binary as a child process, spoken to over stdio as an
//! editor does, with exact expected ranges; malformed traffic; a headless Neovim session
//! when Neovim is installed; and the VS Code extension's files.

mod common;
mod lsp_client;

use lsp_client::{file_uri, range, Client};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const REQC: &str = env!("CARGO_BIN_EXE_reqc");

/// A directory under the system's temporary directory, removed when dropped.
struct Scratch {
    path: PathBuf,
}

impl Scratch {
    fn new(label: &str) -> Scratch {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "reqc-lsp-{label}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let path = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&path).expect("create a scratch directory");
        Scratch { path }
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path.join(name);
        std::fs::write(&path, bytes).expect("write a scratch file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A file with three errors; the last line's `𝑥` is two UTF-16 code units.
const BROKEN: &str = "\
ordering y_0 limit
var limit = y_3 in [0, 1e6]
requirement covers: limit >= balanse
y_0 => 1 # 𝑥
y_0 >= 𝑥 3
";

fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| diagnostic["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_editor_session_from_initialize_to_exit() {
    let scratch = Scratch::new("session");
    let path = scratch.write("limits.req", BROKEN);
    let uri = file_uri(&path);
    let mut client = Client::start(REQC, &["--solver-delay", "20"]);

    let capabilities = client.initialize();
    assert_eq!(capabilities["hoverProvider"], true);
    assert_eq!(capabilities["definitionProvider"], true);
    assert_eq!(capabilities["referencesProvider"], true);
    assert_eq!(capabilities["renameProvider"]["prepareProvider"], true);
    assert_eq!(capabilities["documentSymbolProvider"], true);
    assert_eq!(capabilities["documentFormattingProvider"], true);
    assert_eq!(capabilities["textDocumentSync"]["change"], 2);
    assert!(capabilities["semanticTokensProvider"]["legend"]["tokenTypes"].is_array());

    // Opening: the front end's errors, with exact UTF-16 ranges.
    client.open(&uri, 1, BROKEN);
    let published = client.diagnostics(&uri, |_| true);
    assert_eq!(published["version"], 1);
    assert_eq!(codes(&published), ["E0206", "E0101", "E0101"]);
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics[0]["range"], range(2, 29, 2, 36));
    assert_eq!(diagnostics[0]["severity"], 1);
    assert_eq!(diagnostics[0]["source"], "reqc");
    assert_eq!(diagnostics[0]["message"], "cannot find variable `balanse`");
    assert_eq!(diagnostics[1]["range"], range(3, 4, 3, 5));
    assert_eq!(diagnostics[2]["range"], range(4, 7, 4, 9));
    let help = &diagnostics[0]["relatedInformation"][1]["message"];
    assert!(
        help.as_str().unwrap().starts_with("help: declare it"),
        "{help}"
    );

    // Hover on a diagnostic explains its code, as `reqc explain` does.
    let explained = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 31}}),
    );
    let text = explained["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with("E0206: a name is used but never declared"),
        "{text}"
    );
    assert_eq!(explained["result"]["range"], range(2, 29, 2, 36));

    // The same codes, messages and places as `reqc check`.
    let output = Command::new(REQC)
        .args(["check", "--message-format", "json"])
        .arg(&path)
        .output()
        .expect("run reqc check");
    let checked: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(checked.len(), diagnostics.len());
    for (lsp, cli) in diagnostics.iter().zip(&checked) {
        assert_eq!(lsp["code"], cli["code"]);
        assert_eq!(lsp["message"], cli["message"]);
        assert_eq!(
            lsp["range"]["start"]["line"].as_u64().unwrap() + 1,
            cli["line_start"].as_u64().unwrap()
        );
    }

    // Incremental edits that fix all three, applied in order.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [
                {"range": range(4, 7, 4, 10), "text": ""},
                {"range": range(3, 4, 3, 6), "text": ">="},
                {"range": range(2, 29, 2, 36), "text": "y_0"},
            ],
        }),
    );
    let fixed = client.diagnostics(&uri, |params| params["version"] == 2);
    assert_eq!(codes(&fixed), Vec::<String>::new());
    // After the pause, the solver's warning arrives for the same version.
    let solved = client.diagnostics(&uri, |params| {
        params["version"] == 2 && !params["diagnostics"].as_array().unwrap().is_empty()
    });
    assert_eq!(codes(&solved), ["W0602"]);
    // reqc's span of a requirement runs to the end of its line's comment; `𝑥` is two units.
    assert_eq!(solved["diagnostics"][0]["range"], range(3, 0, 3, 13));

    let position = |line: u32, character: u32| json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});

    // Hover on a variable: its column, bounds and users.
    let hover = client.request("textDocument/hover", position(2, 22));
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("**limit**: output variable, column `y_3`"),
        "{text}"
    );
    assert!(text.contains("declared bounds: `[0, 1e6]`"), "{text}");
    assert!(text.contains("used by 1 requirement"), "{text}");
    assert_eq!(hover["result"]["range"], range(2, 20, 2, 25));
    // Hover on a requirement: its normal form.
    let hover = client.request("textDocument/hover", position(2, 14));
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.contains("-y_0 + limit >= 0"), "{text}");

    // Definition and references.
    let definition = client.request("textDocument/definition", position(2, 22));
    assert_eq!(definition["result"]["uri"], uri.as_str());
    assert_eq!(definition["result"]["range"], range(1, 4, 1, 9));
    let mut with_context = position(2, 22);
    with_context["context"] = json!({"includeDeclaration": true});
    let references = client.request("textDocument/references", with_context);
    let ranges: Vec<&Value> = references["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|location| &location["range"])
        .collect();
    assert_eq!(
        ranges,
        [
            &range(0, 13, 0, 18),
            &range(1, 4, 1, 9),
            &range(1, 12, 1, 15),
            &range(2, 20, 2, 25)
        ]
    );

    // Rename: the name everywhere, the column `y_3` untouched.
    let prepared = client.request("textDocument/prepareRename", position(1, 6));
    assert_eq!(prepared["result"], range(1, 4, 1, 9));
    let mut rename = position(2, 22);
    rename["newName"] = json!("cap");
    let renamed = client.request("textDocument/rename", rename);
    let edits = &renamed["result"]["changes"][uri.as_str()];
    assert_eq!(
        edits,
        &json!([
            {"range": range(0, 13, 0, 18), "newText": "cap"},
            {"range": range(1, 4, 1, 9), "newText": "cap"},
            {"range": range(2, 20, 2, 25), "newText": "cap"},
        ])
    );
    let mut clash = position(2, 22);
    clash["newName"] = json!("covers");
    let refused = client.request("textDocument/rename", clash);
    assert_eq!(refused["error"]["code"], -32803);
    let column = client.request("textDocument/prepareRename", position(0, 10));
    assert_eq!(column["error"]["code"], -32803);

    // Outline.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let names: Vec<&str> = symbols["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|symbol| symbol["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["ordering", "limit", "covers", "y_0 >= 1", "y_0 >= 3"]
    );

    // Highlighting: the first token is the keyword `ordering`.
    let tokens = client.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": uri}}),
    );
    let data = tokens["result"]["data"].as_array().unwrap();
    assert_eq!(data.len() % 5, 0);
    assert_eq!(
        data[..5],
        [json!(0), json!(0), json!(8), json!(0), json!(0)]
    );

    // Formatting: `reqc fmt`'s layout as one edit, and nothing for a broken file.
    let messy = "file:///untitled/messy.req";
    client.open(messy, 1, "ordering   y_0\ny_0>=1\n");
    let formatted = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": messy}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert_eq!(
        formatted["result"],
        json!([{"range": range(0, 0, 2, 0), "newText": "ordering y_0\ny_0 >= 1\n"}])
    );
    client.open(messy, 2, "ordering y_0\ny_0 => 1\n");
    let refused = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": messy}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert_eq!(refused["error"]["code"], -32803);

    // Closing clears the document's diagnostics.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let cleared = client.diagnostics(&uri, |params| params["version"].is_null());
    assert_eq!(codes(&cleared), Vec::<String>::new());

    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    assert!(shutdown.get("error").is_none());
    let late = client.request("textDocument/hover", position(0, 0));
    assert_eq!(late["error"]["code"], -32600);
    client.notify("exit", Value::Null);
    let status = client.finish();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn malformed_traffic_is_answered_by_the_protocol_and_survived() {
    let scratch = Scratch::new("malformed");
    let mut client = Client::start(REQC, &["--no-solver"]);

    // Before `initialize`, requests are refused.
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    // ... and notifications dropped: this would publish diagnostics, which the drain below
    // would find.
    client.open("file:///early.req", 1, "y_0 >= 1\n");
    client.initialize();
    let again = client.request("initialize", json!({"capabilities": {}}));
    assert_eq!(again["error"]["code"], -32600);

    // A body that is not JSON: a parse error with a null id.
    client.send_body(b"{\"jsonrpc\": \"2.0\", \"id\": 3, \"method\": ");
    let error = client.wait_for(|message| message.get("error").is_some());
    assert_eq!(error["error"]["code"], -32700);
    assert_eq!(error["id"], Value::Null);

    // A body with bytes that are not UTF-8 inside a string: a parse error too.
    client.send_body(b"{\"jsonrpc\": \"2.0\", \"id\": 4, \"method\": \"\xff\xfe\"}");
    let error = client.wait_for(|message| message.get("error").is_some());
    assert_eq!(error["error"]["code"], -32700);

    // A header block without a length: reported, and the next frame is read normally.
    client.send_raw(b"Content-Type: application/json\r\n\r\n");
    let error = client.wait_for(|message| message.get("error").is_some());
    assert_eq!(error["error"]["code"], -32700);

    // JSON that is not a message: an invalid request, with its id.
    client.send_body(b"{\"jsonrpc\": \"2.0\", \"id\": 7}");
    let error = client.wait_for(|message| message.get("error").is_some());
    assert_eq!(error["error"]["code"], -32600);
    assert_eq!(error["id"], 7);
    client.send_body(b"[1, 2]");
    let error = client.wait_for(|message| message.get("error").is_some());
    assert_eq!(error["error"]["code"], -32600);

    // An unknown request: method not found. An unknown notification: ignored.
    let unknown = client.request("reqc/frobnicate", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    client.notify("reqc/somethingHappened", json!({"a": 1}));
    // Bad parameters: invalid params.
    let bad = client.request("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(bad["error"]["code"], -32602);
    // Bad parameters of a notification are ignored without an answer.
    client.notify("textDocument/didOpen", json!({"nonsense": true}));
    assert_eq!(
        client.drain(Duration::from_millis(200)),
        Vec::<Value>::new()
    );

    // A file on disk that is not UTF-8, asked about without being opened: a diagnostic.
    let path = scratch.write("latin1.req", b"ordering y_0\ny_0 >= 1 # caf\xe9\n");
    let uri = file_uri(&path);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    assert!(hover.get("error").is_none(), "{hover}");
    let published = client.diagnostics(&uri, |_| true);
    assert_eq!(codes(&published), ["E0001"]);
    assert_eq!(published["diagnostics"][0]["range"], range(1, 14, 1, 15));
    // An opened text with a NUL byte: E0002 at the byte, as `reqc check` reports it.
    client.open(
        "file:///untitled/nul.req",
        1,
        "ordering y_0\ny_0 >= \u{0}1\n",
    );
    let published = client.diagnostics("file:///untitled/nul.req", |_| true);
    assert_eq!(codes(&published), ["E0002"]);
    assert_eq!(published["diagnostics"][0]["range"], range(1, 7, 1, 8));
    // A file that does not exist: the request fails, the server goes on.
    let missing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": file_uri(&scratch.path.join("missing.req"))}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(missing["error"]["code"], -32803);

    // Still serving after all of that.
    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.finish().code(), Some(0));
}

#[test]
fn the_end_of_input_without_shutdown_exits_with_status_one() {
    let mut client = Client::start(REQC, &["--no-solver"]);
    client.initialize();
    assert_eq!(client.finish().code(), Some(1));
}

/// The words of `keyword_*` rules in grammar/req.pest: every keyword of the language.
fn grammar_keywords() -> Vec<String> {
    let grammar = std::fs::read_to_string(common::root().join("grammar/req.pest")).unwrap();
    let mut keywords = Vec::new();
    for line in grammar.lines() {
        if !line.starts_with("keyword_") {
            continue;
        }
        let Some((_, rule)) = line.split_once('=') else {
            continue;
        };
        keywords.extend(rule.split('"').skip(1).step_by(2).map(str::to_string));
    }
    keywords.sort();
    keywords
}

/// Every `match` regex of a TextMate grammar with the scope it gives (captures included).
fn textmate_rules(value: &Value, found: &mut Vec<(String, String)>) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(regex)) = object.get("match") {
                let mut scopes: Vec<String> = object
                    .get("name")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .into_iter()
                    .collect();
                if let Some(Value::Object(captures)) = object.get("captures") {
                    scopes.extend(
                        captures
                            .values()
                            .filter_map(|capture| capture["name"].as_str())
                            .map(str::to_string),
                    );
                }
                for scope in scopes {
                    found.push((regex.clone(), scope));
                }
            }
            for child in object.values() {
                textmate_rules(child, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| textmate_rules(item, found)),
        _ => {}
    }
}

#[test]
fn the_vscode_extension_is_well_formed_and_highlights_every_keyword() {
    let directory = common::root().join("editors/vscode");
    let read = |name: &str| -> Value {
        let text = std::fs::read_to_string(directory.join(name))
            .unwrap_or_else(|error| panic!("read {name}: {error}"));
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{name} is not JSON: {error}"))
    };
    let package = read("package.json");
    let language = &package["contributes"]["languages"][0];
    assert_eq!(language["id"], "req");
    assert_eq!(language["extensions"], json!([".req"]));
    let grammar_path = package["contributes"]["grammars"][0]["path"]
        .as_str()
        .unwrap();
    let configuration_path = language["configuration"].as_str().unwrap();
    assert!(directory.join(package["main"].as_str().unwrap()).is_file());
    assert!(package["dependencies"]["vscode-languageclient"].is_string());
    let configuration = read(configuration_path);
    assert_eq!(configuration["comments"]["lineComment"], "#");
    let grammar = read(grammar_path);
    assert_eq!(grammar["scopeName"], "source.req");
    assert_eq!(
        package["contributes"]["grammars"][0]["scopeName"],
        grammar["scopeName"]
    );
    // Every `#name` the grammar includes exists in its repository.
    let repository = grammar["repository"].as_object().unwrap();
    for pattern in grammar["patterns"].as_array().unwrap() {
        let include = pattern["include"].as_str().unwrap();
        assert!(repository.contains_key(&include[1..]), "missing {include}");
    }

    let mut rules = Vec::new();
    textmate_rules(&grammar, &mut rules);
    let keywords = grammar_keywords();
    assert_eq!(keywords.len(), 13, "the keywords of req.pest: {keywords:?}");
    for keyword in &keywords {
        // The keyword must be a whole alternative of some keyword-like rule's regex.
        let covered = rules.iter().any(|(regex, scope)| {
            let keyword_scope = scope.starts_with("keyword")
                || scope.starts_with("constant.language")
                || scope.starts_with("invalid");
            let alternatives = regex
                .split(|character: char| !(character.is_ascii_alphanumeric() || character == '_'))
                .collect::<Vec<_>>();
            keyword_scope && alternatives.contains(&keyword.as_str())
        });
        assert!(
            covered,
            "the TextMate grammar does not highlight `{keyword}`"
        );
    }
    // The server's own keyword list agrees with the grammar.
    let mut server_keywords: Vec<String> = reqc_keywords();
    server_keywords.sort();
    assert_eq!(server_keywords, keywords);
}

fn reqc_keywords() -> Vec<String> {
    reqc::lsp::analysis::KEYWORDS
        .iter()
        .map(|keyword| keyword.to_string())
        .collect()
}

#[test]
fn a_headless_neovim_reads_the_diagnostics() {
    let available = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !available {
        println!("skipped: Neovim (`nvim`) is not installed; scripts/setup.sh installs it");
        return;
    }
    let scratch = Scratch::new("neovim");
    let file = scratch.write(
        "budget.req",
        "var limit = y_3\nordering limit\nlimit >= balance\n",
    );
    let result = scratch.path.join("result.txt");
    let script = common::root().join("tests/lsp/neovim.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("REQC_FILE", &file)
        .env("REQC_BINARY", REQC)
        .env("REQC_RESULT", &result)
        .env("HOME", &scratch.path)
        .env("XDG_STATE_HOME", &scratch.path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start nvim");
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("Neovim did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let written = std::fs::read_to_string(&result).expect("Neovim wrote its result");
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(
        lines,
        [
            "diagnostic 2:9-2:16 E0206 cannot find variable `balance`",
            "hover **limit**: output variable, column `y_3`",
        ],
        "{written}"
    );
}

/// The UTF-16 offset of a one-based character column in a line.
fn utf16_column(line: &str, column: u64) -> u64 {
    line.chars()
        .take(column as usize - 1)
        .map(|character| character.len_utf16() as u64)
        .sum()
}

#[test]
fn published_diagnostics_match_reqc_checks_json_on_every_ui_and_shared_file() {
    let mut files = common::files_with_extension(&common::root().join("tests/ui"), "req");
    files.extend(common::files_with_extension(&common::shared(), "req"));
    assert!(files.len() > 20, "too few files: {}", files.len());
    let uri = lsp_types::Url::parse("file:///compare.req").unwrap();
    let mut compared = 0;
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // Files that are not UTF-8 are tested through the server above.
        };
        let base = path.parent().unwrap();
        let analysis =
            reqc::lsp::analysis::Analysis::new(text.clone(), base, &reqc::world::DiskWorld);
        let published = analysis.to_lsp(&uri, &analysis.diagnostics());
        let mut sources = reqc::report::SourceMap::new();
        let file = sources.add(path.display().to_string(), text.clone());
        let lines: Vec<&str> = text.split('\n').collect();
        assert_eq!(published.len(), analysis.front_end.diagnostics.len());
        for (lsp, diagnostic) in published.iter().zip(&analysis.front_end.diagnostics) {
            let json =
                serde_json::to_value(reqc::report::to_json(&sources, file, diagnostic)).unwrap();
            let place = format!("{}: {}", path.display(), diagnostic.message);
            assert_eq!(json!(lsp.code), json!(json["code"]), "{place}");
            assert_eq!(json!(lsp.message), json["message"], "{place}");
            let start_line = json["line_start"].as_u64().unwrap() - 1;
            let end_line = json["line_end"].as_u64().unwrap() - 1;
            assert_eq!(u64::from(lsp.range.start.line), start_line, "{place}");
            assert_eq!(u64::from(lsp.range.end.line), end_line, "{place}");
            let start = utf16_column(
                lines[start_line as usize],
                json["column_start"].as_u64().unwrap(),
            );
            let end = utf16_column(
                lines[end_line as usize],
                json["column_end"].as_u64().unwrap(),
            );
            assert_eq!(u64::from(lsp.range.start.character), start, "{place}");
            assert_eq!(u64::from(lsp.range.end.character), end, "{place}");
            compared += 1;
        }
    }
    assert!(compared > 50, "only {compared} diagnostics compared");
}

/// The diagnostics the server published before it kept anything between edits.
fn full_diagnostics(text: &str, base: &std::path::Path) -> Vec<reqc::diagnostics::Diagnostic> {
    reqc::lsp::analysis::Analysis::new(text.to_string(), base, &reqc::world::DiskWorld)
        .diagnostics()
}

#[test]
fn reparsing_and_rechecking_only_what_changed_equals_a_full_check_after_random_edits() {
    let mut files = common::files_with_extension(&common::root().join("tests/ui"), "req");
    files.extend(common::files_with_extension(&common::shared(), "req"));
    files.extend(common::files_with_extension(
        &common::root().join("examples"),
        "req",
    ));
    // reqc's seeded generator: every run makes the same edits.
    let mut generator = reqc::random::Random::new(0x9E37_79B9_7F4A_7C15);
    let mut random = move |bound: usize| generator.index(bound.max(1));
    let pieces = [
        "\n",
        "y_0 >= 1\n",
        "{",
        "}",
        "#",
        "x",
        " or ",
        "var a = y_9\n",
        "\"",
        "=>",
        "y_1 - y_1 + a >= 0\n",
        "input b = y_2\n",
        "columns 3\n",
        "1",
        "0.1",
        "",
    ];
    let (mut parses, mut checks) = (0, 0);
    for path in files {
        let Ok(mut text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let base = path.parent().unwrap();
        let mut cache = reqc::lsp::incremental::ChunkCache::default();
        let mut front_end = reqc::lsp::incremental::IncrementalFrontEnd::default();
        for _ in 0..8 {
            let incremental = cache.parse(&text);
            let full = reqc::syntax::parse(&text);
            assert_eq!(incremental.file, full.file, "{}", path.display());
            assert_eq!(
                incremental.diagnostics,
                full.diagnostics,
                "{}",
                path.display()
            );
            assert_eq!(incremental.rejected_keywords, full.rejected_keywords);
            cache.restore(incremental.file);
            parses += 1;
            assert_eq!(
                front_end.diagnostics(&text, base, &reqc::world::DiskWorld),
                full_diagnostics(&text, base),
                "{}:\n{text}",
                path.display()
            );
            checks += 1;
            // Replace a random stretch (on character boundaries) with a random piece.
            let mut start = random(text.len() + 1);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + random(12)).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.replace_range(start..end, pieces[random(pieces.len())]);
        }
    }
    assert!(parses > 100, "only {parses} parses compared");
    assert!(checks > 100, "only {checks} checks compared");
}

/// Edits far from a requirement that change what its names mean: a kept check must not be
/// reused then, and one that is still right must be.
#[test]
fn a_kept_requirement_check_is_redone_when_its_names_change_meaning() {
    let base = std::path::Path::new(".");
    let versions = [
        "var limit = y_3\nordering y_0 limit\nlimit >= y_0\nlimit - limit + y_0 >= 1\n",
        // `limit` moves to a column outside the ordering: E0206-free, but now an input.
        "var limit = y_4\nordering y_0 y_3\nlimit >= y_0\nlimit - limit + y_0 >= 1\n",
        // The name disappears, then names a requirement, then comes back.
        "ordering y_0 y_3\nlimit >= y_0\nlimit - limit + y_0 >= 1\n",
        "ordering y_0 y_3\nlimit: y_0 >= 2\nlimit >= y_0\nlimit - limit + y_0 >= 1\n",
        "var limit = y_3\nordering y_0 limit\nlimit >= y_0\nlimit - limit + y_0 >= 1\n",
        // Everything moves down; the same requirements repeat.
        "# moved\n\nvar limit = y_3\nordering y_0 limit\nlimit >= y_0\nlimit >= y_0\n",
        "# moved\n\nvar limit = y_3\nordering y_0 limit\nlimit >= y_0\n2 * limit >= 2 * y_0\n",
    ];
    let mut front_end = reqc::lsp::incremental::IncrementalFrontEnd::default();
    let mut codes_seen = std::collections::BTreeSet::new();
    for text in versions {
        let incremental = front_end.diagnostics(text, base, &reqc::world::DiskWorld);
        assert_eq!(incremental, full_diagnostics(text, base), "{text}");
        codes_seen.extend(
            incremental
                .iter()
                .map(|diagnostic| diagnostic.code.as_str()),
        );
    }
    // The sequence reaches the findings that depend on other lines.
    for code in ["E0206", "W0204", "W0306", "W0310"] {
        assert!(
            codes_seen.contains(code),
            "{code} not reached: {codes_seen:?}"
        );
    }
    let (chunks, requirements) = front_end.kept();
    assert_eq!(
        (chunks, requirements),
        (4, 2),
        "the last text's chunks and requirements"
    );
}

#[test]
fn typing_goes_on_while_the_solver_runs_and_its_stale_results_are_dropped() {
    // The generated file's solver checks take seconds (tens in a debug build); its front
    // end takes milliseconds.
    let text = lsp_client::generate();
    let uri = "file:///untitled/large.req";
    let mut client = Client::start(REQC, &["--solver-delay", "0"]);
    client.initialize();
    client.open(uri, 1, &text);
    let opened = client.diagnostics(uri, |_| true);
    assert_eq!(
        (opened["version"].clone(), codes(&opened).len()),
        (json!(1), 0)
    );
    // Let the solver job for version 1 start.
    std::thread::sleep(Duration::from_millis(300));
    // Break a name on requirement 600 (`v0`), then fix it: each edit is published while
    // the solver is still busy with version 1.
    let line = (lsp_client::NAMED + 1 + 600) as u32;
    let column = text
        .lines()
        .nth(line as usize)
        .unwrap()
        .find(": 2 * ")
        .unwrap() as u32
        + 6;
    for (version, replacement, expected) in [(2, "w", vec!["E0206"]), (3, "v", vec![])] {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": range(line, column, line, column + 1), "text": replacement}],
            }),
        );
        let published = client.diagnostics(uri, |_| true);
        assert_eq!(published["version"], version, "{published}");
        assert_eq!(codes(&published), expected);
    }
    // The server answers and exits without waiting for the solver's run on version 1.
    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    client.notify("exit", Value::Null);
    let leftover = client.drain(Duration::from_millis(100));
    assert!(
        leftover
            .iter()
            .all(|message| message["params"]["version"] != 1),
        "a result for version 1 was published after it was outdated: {leftover:?}"
    );
    assert_eq!(client.finish().code(), Some(0));
}

#[test]
fn files_open_in_the_editor_are_served_from_their_buffers() {
    let scratch = Scratch::new("overlay");
    let requirements = "ordering y_0 y_1\n\
        y_1 >= 0\n\
        calibration drawn {\n\
        \x20   predictions = \"predictions.csv\"\n\
        \x20   labels = \"labels.csv\"\n\
        \x20   rule = detect\n\
        }\n";
    let path = scratch.write("calibration.req", requirements);
    let uri = file_uri(&path);
    // Neither data file exists on disk: only the editor has them.
    let predictions = file_uri(&scratch.path.join("predictions.csv"));
    let labels = file_uri(&scratch.path.join("labels.csv"));
    let mut client = Client::start(REQC, &["--no-solver"]);
    client.initialize();
    client.open(&uri, 1, requirements);
    let published = client.diagnostics(&uri, |published| published["version"] == 1);
    assert_eq!(codes(&published), ["E0505", "E0505"]);

    client.open(&predictions, 1, "0.25,0.75\n0.5,0.5\n");
    client.open(&labels, 1, "1\n0\n");
    let edited = format!("{requirements}# edited\n");
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": edited}],
        }),
    );
    let published = client.diagnostics(&uri, |published| published["version"] == 2);
    assert_eq!(codes(&published), Vec::<String>::new());

    // Closing a buffer leaves the disk, which has no such file.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": labels}}),
    );
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [{"text": requirements}],
        }),
    );
    let published = client.diagnostics(&uri, |published| published["version"] == 3);
    assert_eq!(codes(&published), ["E0505"]);
    assert_eq!(published["diagnostics"][0]["range"], range(4, 13, 4, 25));
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.finish().success());
}

#[test]
fn a_request_about_an_unopened_fifo_is_answered_and_the_server_goes_on() {
    let scratch = Scratch::new("fifo");
    let fifo = scratch.path.join("pipe.req");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let mut client = Client::start(REQC, &["--no-solver"]);
    client.initialize();
    // Opening a FIFO for reading would block until a writer came: the server must refuse
    // it at once, and keep answering.
    let started = std::time::Instant::now();
    let response = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": file_uri(&fifo) } }),
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    let message = response["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("not a regular file"), "{response}");
    // A regular unopened file is still read, and shutdown is answered.
    let regular = scratch.write("plain.req", "ordering y_0\ny_0 >= 0\n");
    let response = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": file_uri(&regular) } }),
    );
    assert!(response["result"].is_array(), "{response}");
    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.finish().code(), Some(0));
}

#[test]
fn propositional_documents_get_the_propositional_front_end() {
    let analyse = |text: &str| {
        reqc::lsp::analysis::Analysis::new(
            text.to_string(),
            &common::root(),
            &reqc::world::DiskWorld,
        )
    };
    let broken = analyse("label red = y_0\nrequirement r: red or blue\ny_1 and y_2\n");
    let codes: Vec<&str> = broken
        .diagnostics()
        .iter()
        .map(|diagnostic| diagnostic.code.as_str())
        .collect();
    assert_eq!(codes, ["E0206", "E0101"]);
    assert!(!broken.has_specification());
    let valid = analyse("label  red=y_0\nrequirement r:   not red or y_1\n");
    assert!(valid.diagnostics().is_empty());
    assert!(valid.has_specification());
    let edits = valid.formatting().expect("formattable");
    assert_eq!(
        edits[0].new_text,
        "label red = y_0\nrequirement r: not red or y_1\n"
    );
}
