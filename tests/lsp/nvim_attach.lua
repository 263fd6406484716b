-- Attach `derivetex lsp` to the current buffer with Neovim's built-in client (0.7 and later:
-- vim.lsp.start_client), wait for its diagnostics, write them as JSON to $DERIVETEX_NVIM_OUT.
local out = vim.env.DERIVETEX_NVIM_OUT
local id = vim.lsp.start_client({
  name = "derivetex",
  cmd = { vim.env.DERIVETEX_PYTHON, "-m", "derivetex", "lsp" },
  root_dir = vim.fn.getcwd(),
})
vim.lsp.buf_attach_client(0, id)
local ok = vim.wait(120000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(found, { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity,
                        message = d.message, source = d.source })
end
vim.fn.writefile({ vim.fn.json_encode({ waited = ok, diagnostics = found }) }, out)
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
vim.cmd("qa!")
