-- What lua.wasm can and cannot do on WASI (deterministic output). Needs a preopened, empty,
-- writable directory at /sandbox, left empty.
--   lua.wasm /inputs/features.lua
print(_VERSION, math.type(1), math.type(1.0), 7 // 2, 7 % -3, 1 << 62)

-- Errors and coroutines (compat/lua_wasi.h: unwinding through Asyncify).
print("pcall", pcall(error, "boom"))
print("pcall table", select(2, pcall(error, {code = 7})).code)
print("xpcall", xpcall(function() local t; return t.x end, function(m) return "handled: " .. m end))
local function depth(n) if n == 0 then error("bottom", 0) end return pcall(depth, n - 1) end
print("nested pcall", depth(50))
-- C-level recursion (gsub calling back into Lua) until Lua's limit of 200 nested C calls: needs
-- a shadow stack well above wasm-ld's default 64 KiB (build.sh links with 8 MiB).
local function nest(n)
  if n == 0 then error("bottom", 0) end
  return (string.gsub("a", "a", function() return nest(n - 1) end))
end
print("nest 150", pcall(nest, 150))
print("nest 300", pcall(nest, 300))
local gen = coroutine.wrap(function(a)
  while true do a = coroutine.yield(a * 2) end
end)
print("coroutine", gen(1), gen(2), gen(3))
local co = coroutine.create(function() error("in coroutine", 0) end)
print("coroutine error", coroutine.resume(co))
print("status", coroutine.status(co))

-- Files in /sandbox.
local path = "/sandbox/lua-features.txt"
local f = assert(io.open(path, "w"))
for i = 1, 5 do f:write(string.format("line %d %s\n", i, string.rep("*", i))) end
f:close()
local n, bytes = 0, 0
for line in io.lines(path) do n = n + 1; bytes = bytes + #line + 1 end
print("io.lines", n, bytes)
f = assert(io.open(path, "r"))
f:seek("set", 5)
print("seek/read", f:read(1), f:seek("end"))
f:close()
print("rename", os.rename(path, path .. ".2"))
print("open old name", io.open(path))
print("remove", os.remove(path .. ".2"))
print("remove again", os.remove(path .. ".2"))

-- No processes, no temporary files.
print("io.popen", pcall(io.popen, "ls"))
print("io.tmpfile", io.tmpfile())
print("os.tmpname", pcall(os.tmpname))
print("os.execute()", os.execute())
print("os.execute(cmd)", os.execute("true"))

-- Clocks and environment.
print("os.time", os.time({year = 2024, month = 2, day = 29, hour = 12}))
print("os.date", os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365))
print("os.clock >= 0", os.clock() >= 0, "os.time > 0", os.time() > 0)
print("os.getenv HOME", os.getenv("HOME"))
print("done")
