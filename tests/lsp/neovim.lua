-- A headless Neovim session for tests/lsp.rs: opens a .req file, attaches `reqc lsp`, waits
-- for its diagnostics, asks for a hover, and writes what it got to $REQC_RESULT.
-- Written for Neovim 0.7 (Debian's) and later: start_client and buf_attach_client.
local lines = {}

local function run()
  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.REQC_FILE))
  local buffer = vim.api.nvim_get_current_buf()
  vim.bo[buffer].filetype = "req"
  local client = vim.lsp.start_client({
    name = "reqc",
    cmd = { vim.env.REQC_BINARY, "lsp", "--no-solver" },
    root_dir = vim.fn.fnamemodify(vim.env.REQC_FILE, ":p:h"),
  })
  if not client then
    table.insert(lines, "error: the client did not start")
    return
  end
  vim.lsp.buf_attach_client(buffer, client)
  local arrived = vim.wait(20000, function()
    return #vim.diagnostic.get(buffer) > 0
  end, 20)
  if not arrived then
    table.insert(lines, "error: no diagnostics arrived")
  end
  for _, diagnostic in ipairs(vim.diagnostic.get(buffer)) do
    local code = diagnostic.code
    if code == nil and diagnostic.user_data and diagnostic.user_data.lsp then
      code = diagnostic.user_data.lsp.code
    end
    table.insert(lines, string.format("diagnostic %d:%d-%d:%d %s %s", diagnostic.lnum, diagnostic.col,
      diagnostic.end_lnum, diagnostic.end_col, tostring(code), diagnostic.message))
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buffer) },
    position = { line = 0, character = 6 },
  }
  local responses = vim.lsp.buf_request_sync(buffer, "textDocument/hover", params, 10000) or {}
  for _, response in pairs(responses) do
    if response.result and response.result.contents then
      local first = vim.split(response.result.contents.value, "\n")[1]
      table.insert(lines, "hover " .. first)
    end
  end
  vim.lsp.stop_client(client)
end

local ok, problem = pcall(run)
if not ok then
  table.insert(lines, "error: " .. tostring(problem))
end
local result = io.open(vim.env.REQC_RESULT, "w")
result:write(table.concat(lines, "\n") .. "\n")
result:close()
vim.cmd("qall!")
