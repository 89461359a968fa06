-- Drives `pom lsp --stdio` from headless Neovim (0.7+), an LSP client independent of vscode-languageclient.
-- Reads POM_ROOT, POM_FILE, POM_NODE, POM_BIN, writes what it saw as JSON to POM_OUT, then quits.
local root, file, out = os.getenv('POM_ROOT'), os.getenv('POM_FILE'), os.getenv('POM_OUT')
local result = {}

local function find(buf, pattern)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local s = line:find(pattern)
    if s then return { line = i - 1, character = s - 1 } end
  end
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. file))
  local buf = vim.api.nvim_get_current_buf()
  local original = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  local id = vim.lsp.start_client({
    name = 'pom',
    cmd = { os.getenv('POM_NODE'), os.getenv('POM_BIN'), 'lsp', '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'workspace' } },
  })
  vim.lsp.buf_attach_client(buf, id)
  local client = vim.lsp.get_client_by_id(id)
  result.initialized = vim.wait(20000, function() return client.initialized == true end, 50)

  vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { line = d.lnum + 1, code = d.code, message = d.message })
  end

  local uri = vim.uri_from_bufnr(buf)
  local name = find(buf, '^bet ')
  local hover = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = { line = name.line, character = 5 } }, 10000, buf)
  result.hover = hover and hover.result and hover.result.contents.value or vim.inspect(hover)

  local link = find(buf, 'targets %-> ')
  local definition = client.request_sync('textDocument/definition', { textDocument = { uri = uri }, position = { line = link.line, character = link.character + 12 } }, 10000, buf)
  local target = definition and definition.result and definition.result[1]
  result.definition = target and (target.targetUri or target.uri) or vim.inspect(definition)

  -- Mess up the first body's indentation, let the server format the buffer, and compare with the file.
  local line = vim.api.nvim_buf_get_lines(buf, name.line + 1, name.line + 2, false)[1]
  vim.api.nvim_buf_set_lines(buf, name.line + 1, name.line + 2, false, { '        ' .. vim.trim(line) })
  result.messed = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') ~= original
  local formatting = client.request_sync('textDocument/formatting', { textDocument = { uri = uri }, options = { tabSize = 2, insertSpaces = true } }, 10000, buf)
  if formatting and formatting.result then vim.lsp.util.apply_text_edits(formatting.result, buf, 'utf-16') end
  result.formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') == original

  -- Complete `status: a` in the first bet: the server offers `active`.
  local status = find(buf, '^  status: ')
  local status_line = vim.api.nvim_buf_get_lines(buf, status.line, status.line + 1, false)[1]
  vim.api.nvim_buf_set_lines(buf, status.line, status.line + 1, false, { '  status: a' })
  vim.wait(500)
  local completion = client.request_sync('textDocument/completion', { textDocument = { uri = uri }, position = { line = status.line, character = 11 } }, 10000, buf)
  local items = completion and completion.result and (completion.result.items or completion.result) or {}
  result.completion = {}
  for _, item in ipairs(items) do table.insert(result.completion, item.label) end
  vim.api.nvim_buf_set_lines(buf, status.line, status.line + 1, false, { status_line })

  -- Go to the definition of `bet` as Neovim's own handler does: it lands in std.pom, which must have its text.
  local std = client.request_sync('textDocument/definition', { textDocument = { uri = uri }, position = { line = name.line, character = 1 } }, 10000, buf)
  local location = std and std.result and std.result[1]
  if location then
    vim.lsp.util.jump_to_location(location, 'utf-16')
    result.std_uri = location.targetUri or location.uri
    result.std_name = vim.api.nvim_buf_get_name(0)
    result.std_text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  else
    result.std_uri = vim.inspect(std)
  end

  client.stop()
end)
if not ok then result.error = tostring(err) end
vim.fn.writefile({ vim.fn.json_encode(result) }, out)
vim.cmd('qa!')
