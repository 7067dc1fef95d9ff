-- Shared by the scenario scripts: environment, token rotation and the JSON report written by done().
local M = {}

function M.env(name, default)
  local v = os.getenv(name)
  if v == nil or v == "" then return default end
  return v
end

function M.lines(path)
  local t = {}
  for l in io.lines(path) do
    if #l > 0 then t[#t + 1] = l end
  end
  return t
end

-- Each wrk thread walks the members in its own stride, so that every member is used equally often (the app's
-- per-person rate limits stay at their production defaults) and no two threads use one member at once.
local threads = {}
local counter = 0
function M.setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

-- The next member index (1-based) for this thread, and how many times the whole member list was walked.
function M.rotation(n)
  local state = { k = 0 }
  local nthreads = tonumber(M.env("BENCH_THREADS", "2"))
  local offset = tonumber(M.env("BENCH_OFFSET", "0"))
  return function()
    local i = offset + state.k * nthreads + id
    state.k = state.k + 1
    return (i % n) + 1, math.floor(i / n)
  end
end

-- Scripts that set response = common.count_refusals count refusals (429 over a per-person rate limit, 403 for a vote
-- on one's own comment) apart.
refused = 0
-- The first few other failures are printed (status and the start of the body) so that a run's errors can be told apart.
local reported = 0
function M.count_refusals(status, headers, body)
  if status == 429 or (status == 403 and (body or ""):find("own comment", 1, true)) then
    -- over a per-person rate limit, or a member voting on their own comment (scenario D's target has an author
    -- among the voters): answers the app must give, not failures
    refused = refused + 1
  elseif status >= 400 and reported < 3 then
    reported = reported + 1
    io.stderr:write(string.format("wrk: answer %d: %s\n", status, (body or ""):sub(1, 300):gsub("%s+", " ")))
  end
end

function M.done(summary, latency, requests)
  local e = summary.errors
  local total_refused = 0
  for _, t in ipairs(threads) do
    total_refused = total_refused + (tonumber(t:get("refused")) or 0)
  end
  local out = string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,' ..
    '"status_errors":%d,"refused_429":%d,"timeouts":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, total_refused, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean)
  local path = M.env("BENCH_WRK_JSON", nil)
  if path then
    local f = io.open(path, "w")
    f:write(out)
    f:close()
  end
  io.write(out .. "\n")
end

-- Installs wrk's callbacks in the calling script; with count_refusals, 429 answers are counted apart.
function M.install(opts)
  setup = M.setup
  done = M.done
  if opts and opts.count_refusals then response = M.count_refusals end
end

return M
