-- wrk script of the benchmark (bench/run.py): one page, or a list of paths in turn.
--
-- Environment (read by every wrk thread):
--   BENCH_PATHS   file with one path per line (default: the URL's path)
--   BENCH_METHOD  GET (default) or POST
--   BENCH_BODY    request body of a POST (form-encoded)
--   BENCH_COOKIE  Cookie header (a signed-in session, a CSRF cookie)
-- Each request carries its own X-Forwarded-For address, as visitors behind the
-- TLS proxy do (the server runs with OCOP_TRUSTED_PROXY_COUNT=1), so per-address
-- rate limits apply per visitor and not to the whole benchmark.
-- At the end it prints one line, "BENCH_RESULT {json}", that bench/wrk.py parses.

local threads = {}
local counter = 0
local base = 0
local paths = {}
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
local cookie = os.getenv("BENCH_COOKIE")

function setup(thread)
   thread:set("thread_id", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   -- A random start per thread and run, so runs in a row use other addresses.
   math.randomseed(os.time() * 100 + (thread_id or 0))
   base = math.random(0, 16777215)
   local file = os.getenv("BENCH_PATHS")
   if file and file ~= "" then
      for line in io.lines(file) do
         if line ~= "" then table.insert(paths, line) end
      end
   end
   if #paths == 0 then table.insert(paths, wrk.path) end
end

function request()
   counter = counter + 1
   local headers = {}
   local n = (base + counter) % 16777216
   headers["X-Forwarded-For"] = string.format(
      "10.%d.%d.%d", math.floor(n / 65536), math.floor(n / 256) % 256, n % 256)
   if cookie and cookie ~= "" then headers["Cookie"] = cookie end
   if body and body ~= "" then
      headers["Content-Type"] = "application/x-www-form-urlencoded"
   end
   return wrk.format(method, paths[(counter % #paths) + 1], headers, body)
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      'BENCH_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
      '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, ' ..
      '"errors_connect": %d, "errors_read": %d, "errors_write": %d, ' ..
      '"errors_status": %d, "errors_timeout": %d}\n',
      summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
      e.connect, e.read, e.write, e.status, e.timeout))
end
