-- PUT /api/comments/{id}/vote as real members (bearer tokens from BENCH_TOKENS, each member in turn).
-- BENCH_HOT_COMMENT set: every member votes on that one comment, alternating up and down on each lap over the
-- members, so every request changes the vote (scenario D). Otherwise: a random comment id between
-- BENCH_COMMENT_MIN and BENCH_COMMENT_MAX and a random direction (scenario C).
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require "common"
common.install{ count_refusals = true }

local tokens, next_member
local hot = tonumber(common.env("BENCH_HOT_COMMENT", "0"))
local cmin = tonumber(common.env("BENCH_COMMENT_MIN", "1"))
local cmax = tonumber(common.env("BENCH_COMMENT_MAX", "1"))
local lap0 = tonumber(common.env("BENCH_LAP", "0"))

function init(args)
  tokens = common.lines(common.env("BENCH_TOKENS"))
  next_member = common.rotation(#tokens)
  math.randomseed(os.time() + id * 7919)
end

function request()
  local i, lap = next_member()
  local comment, value
  if hot > 0 then
    comment = hot
    value = ((lap + lap0) % 2 == 0) and 1 or -1
  else
    comment = math.random(cmin, cmax)
    value = (math.random() < 0.75) and 1 or -1
  end
  return wrk.format("PUT", "/api/comments/" .. comment .. "/vote",
    { ["Authorization"] = "Bearer " .. tokens[i], ["Content-Type"] = "application/json" },
    '{"value":' .. value .. '}')
end
