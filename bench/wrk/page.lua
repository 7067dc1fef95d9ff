-- GET BENCH_PATH; signed in with a bearer token per request (rotating over BENCH_TOKENS) when that file is set.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require "common"
common.install{ count_refusals = false }

local path = common.env("BENCH_PATH", "/")
local tokens, next_member

function init(args)
  local file = common.env("BENCH_TOKENS", nil)
  if file then
    tokens = common.lines(file)
    next_member = common.rotation(#tokens)
  end
end

function request()
  if tokens then
    local i = next_member()
    return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. tokens[i], ["Accept"] = "text/html" })
  end
  return wrk.format("GET", path, { ["Accept"] = "text/html" })
end
