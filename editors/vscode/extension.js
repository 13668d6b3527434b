// The VS Code client of reqc's language server: starts `reqc lsp` over stdio for .req files.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

/** The command line of the server, from the extension's settings. */
function serverArguments(settings) {
  const args = ["lsp"];
  if (!settings.get("solver", true)) {
    args.push("--no-solver");
  }
  args.push("--solver-timeout", String(settings.get("solverTimeout", 2)));
  args.push("--solver-delay", String(settings.get("solverDelay", 300)));
  return args;
}

function createClient() {
  const settings = vscode.workspace.getConfiguration("reqc");
  const serverOptions = {
    command: settings.get("path", "reqc"),
    args: serverArguments(settings),
  };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "req" },
      { scheme: "untitled", language: "req" },
    ],
  };
  return new LanguageClient("reqc", "reqc", serverOptions, clientOptions);
}

async function activate(context) {
  client = createClient();
  context.subscriptions.push(
    vscode.commands.registerCommand("reqc.restartServer", async () => {
      if (client) {
        await client.stop();
      }
      client = createClient();
      await client.start();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("reqc")) {
        vscode.commands.executeCommand("reqc.restartServer");
      }
    })
  );
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, serverArguments };
