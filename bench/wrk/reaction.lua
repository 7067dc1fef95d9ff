-- PUT /api/articles/{slug}/reaction: each member in turn changes their reaction to the next kind (scenario E).
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require "common"
common.install{ count_refusals = true }

local kinds = { "like", "dislike", "love", "funny", "angry", "sad", "wow" }
local slug = common.env("BENCH_SLUG")
local tokens, next_member

function init(args)
  tokens = common.lines(common.env("BENCH_TOKENS"))
  next_member = common.rotation(#tokens)
end

function request()
  local i, lap = next_member()
  local kind = kinds[((i + lap + tonumber(common.env("BENCH_LAP", "0"))) % #kinds) + 1]
  return wrk.format("PUT", "/api/articles/" .. slug .. "/reaction",
    { ["Authorization"] = "Bearer " .. tokens[i], ["Content-Type"] = "application/json" },
    '{"kind":"' .. kind .. '"}')
end
