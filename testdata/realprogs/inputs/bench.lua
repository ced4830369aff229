-- Loop-heavy Lua workload for lua.wasm (deterministic output).
--   lua.wasm /inputs/bench.lua [SCALE]   SCALE (default 1) multiplies every loop count.
local scale = tonumber(arg and arg[1]) or 1

local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("fib", fib(24 + (scale > 1 and 2 or 0)))

-- Sieve of Eratosthenes.
local limit = 200000 * scale
local sieve, primes = {}, 0
for i = 2, limit do
  if not sieve[i] then
    primes = primes + 1
    for j = i * i, limit, i do sieve[j] = true end
  end
end
print("primes below", limit, primes)

-- Tables, strings and sorting.
local words = {}
for i = 1, 20000 * scale do
  words[#words + 1] = string.format("w%05d-%s", (i * 7919) % 100003, string.rep("ab", i % 5))
end
table.sort(words, function(a, b) return a > b end)
local joined = table.concat(words, ",", 1, 5)
print("sorted", #words, joined)
local count = 0
for _ in string.gmatch(table.concat(words, " "), "ab") do count = count + 1 end
print("gmatch ab", count)

-- Closures and a string-keyed table.
local counters = {}
local function counter(name)
  return function(k) counters[name] = (counters[name] or 0) + k end
end
local add = {counter("a"), counter("b"), counter("c")}
for i = 1, 300000 * scale do add[i % 3 + 1](i % 7) end
print("counters", counters.a, counters.b, counters.c)

-- Errors caught by pcall (each one an unwind) and a coroutine generator.
local caught = 0
for i = 1, 5000 * scale do
  local ok, err = pcall(function() if i % 2 == 0 then error("even " .. i) end return i end)
  if not ok and err:find("even") then caught = caught + 1 end
end
print("pcall caught", caught)
local gen = coroutine.wrap(function()
  for i = 1, 10000 * scale do coroutine.yield(i * i % 1000) end
end)
local s = 0
for _ = 1, 10000 * scale do s = s + gen() end
print("coroutine sum", s)

-- Floating point and integer arithmetic.
local x, acc = 0.5, 0
for i = 1, 1000000 * scale do
  x = 3.7 * x * (1 - x)
  acc = (acc + i * i) % 1000000007
end
print("logistic", string.format("%.6f", x), "acc", acc)
