-- Scenario F, a mixed read/write workload, per request: 60 % anonymous article page, 15 % anonymous thread
-- page (500 comments), 10 % signed-in thread page (500 comments), 12 % vote on a random comment, 3 % reaction change.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require "common"
common.install{ count_refusals = true }

local kinds = { "like", "dislike", "love", "funny", "angry", "sad", "wow" }
local slug = common.env("BENCH_SLUG")
local article = "/articles/" .. slug
local thread = common.env("BENCH_THREAD_PATH")
local cmin = tonumber(common.env("BENCH_COMMENT_MIN", "1"))
local cmax = tonumber(common.env("BENCH_COMMENT_MAX", "1"))
local tokens, next_member

function init(args)
  tokens = common.lines(common.env("BENCH_TOKENS"))
  next_member = common.rotation(#tokens)
  math.randomseed(os.time() + id * 104729)
end

function request()
  local r = math.random(100)
  if r <= 60 then
    return wrk.format("GET", article, { ["Accept"] = "text/html" })
  elseif r <= 75 then
    return wrk.format("GET", thread, { ["Accept"] = "text/html" })
  end
  local i, lap = next_member()
  local auth = "Bearer " .. tokens[i]
  if r <= 85 then
    return wrk.format("GET", thread, { ["Authorization"] = auth, ["Accept"] = "text/html" })
  elseif r <= 97 then
    return wrk.format("PUT", "/api/comments/" .. math.random(cmin, cmax) .. "/vote",
      { ["Authorization"] = auth, ["Content-Type"] = "application/json" },
      '{"value":' .. ((math.random() < 0.75) and 1 or -1) .. '}')
  end
  return wrk.format("PUT", "/api/articles/" .. slug .. "/reaction",
    { ["Authorization"] = auth, ["Content-Type"] = "application/json" },
    '{"kind":"' .. kinds[math.random(#kinds)] .. '"}')
end
