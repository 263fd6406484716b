-- derivetex: Lua's file and process functions, fenced before the document is read.
-- lualatex --safer would do this, but luaotfload (every OpenType font) refuses to run under
-- it. Reading is allowed in the working folder and under the TeX trees, font folders and
-- caches kpathsea names; writing in the working folder and the caches; nothing else.
-- Processes: os.execute, io.popen and friends are already off with -no-shell-escape; here
-- they are removed outright, with the ways back to the originals (debug upvalues, loadlib).

local sep = package.config:sub(1, 1)
local function folders(expression)
  local found = {}
  for _, var in ipairs(expression) do
    local value = kpse.expand_path(var) or ""
    for path in value:gmatch("[^:;]+") do
      path = path:gsub("^!!", ""):gsub("/+$", "")
      if path:sub(1, 1) == sep then found[#found + 1] = path end
    end
  end
  return found
end

local readable = folders({"$TEXMF", "$TEXMFCACHE", "$TEXMFVAR", "$TEXMFSYSVAR", "$OSFONTDIR",
                          "$TEXMFCNF", "$TEXFONTMAPS"})
for _, path in ipairs({"/usr/share/fonts", "/usr/local/share/fonts", "/etc/fonts",
                       "/usr/share/texlive", "/usr/share/texmf", "/var/lib/texmf",
                       "/var/cache/fontconfig"}) do
  readable[#readable + 1] = path
end
local writable = folders({"$TEXMFCACHE", "$TEXMFVAR"})

local function inside(name, roots)
  for _, root in ipairs(roots) do
    if name == root or name:sub(1, #root + 1) == root .. sep then return true end
  end
  return false
end

local function allowed(name, writing)
  if type(name) ~= "string" then return false end
  if name:find("%.%.") then return false end
  if name:sub(1, 1) ~= sep then return true end  -- relative: the throw-away folder
  return inside(name, writing and writable or readable)
end

local open, lines, input, output = io.open, io.lines, io.input, io.output
local remove, rename = os.remove, os.rename
local mkdir, touch, rmdir = lfs.mkdir, lfs.touch, lfs.rmdir

local function refused(name)
  return nil, tostring(name) .. ": refused by derivetex (outside the build folder)"
end

io.open = function(name, mode)
  local writing = mode ~= nil and mode:find("[wa+]") ~= nil
  if not allowed(name, writing) then return refused(name) end
  return open(name, mode)
end
io.lines = function(name, ...)
  if name ~= nil and not allowed(name, false) then error(select(2, refused(name))) end
  return lines(name, ...)
end
io.input = function(file)
  if type(file) == "string" and not allowed(file, false) then error(select(2, refused(file))) end
  return input(file)
end
io.output = function(file)
  if type(file) == "string" and not allowed(file, true) then error(select(2, refused(file))) end
  return output(file)
end
os.remove = function(name)
  if not allowed(name, true) then return refused(name) end
  return remove(name)
end
os.rename = function(old, new)
  if not (allowed(old, true) and allowed(new, true)) then return refused(new) end
  return rename(old, new)
end
lfs.mkdir = function(name, ...)
  if not allowed(name, true) then return refused(name) end
  return mkdir(name, ...)
end
lfs.touch = function(name, ...)
  if not allowed(name, true) then return refused(name) end
  return touch(name, ...)
end
lfs.rmdir = function(name)
  if not allowed(name, true) then return refused(name) end
  return rmdir(name)
end

os.execute, os.exec, os.spawn, io.popen = nil, nil, nil, nil
os.setenv, os.tmpdir = nil, nil
package.loadlib = nil
if debug then
  debug.getupvalue, debug.setupvalue, debug.upvaluejoin, debug.upvalueid = nil, nil, nil, nil
  debug.getlocal, debug.setlocal, debug.getregistry, debug.sethook = nil, nil, nil, nil
  debug.setmetatable = nil
end
