-- wrk script for a mix of GETs: requests go round the paths, and one "RESULT {...}" line at the
-- end, as get.lua writes it.
--   wrk ... -s reads.lua URL -- PATH[,PATH...]
-- A path written gz:/calendar.ics is fetched taking gzip, as calendar clients fetch calendars.

local paths = {}
local sent = 0

function init(args)
  for p in string.gmatch(args[1], "[^,]+") do
    local plain = p:match("^gz:(.*)$")
    if plain then
      table.insert(paths, wrk.format("GET", plain, { ["Accept-Encoding"] = "gzip, deflate" }))
    else
      table.insert(paths, wrk.format("GET", p))
    end
  end
end

function request()
  sent = sent + 1
  return paths[(sent % #paths) + 1]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.3f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,' ..
    '"bad_status":%d,"socket_errors":%d,"timeouts":%d,"bytes":%d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
    e.status, e.connect + e.read + e.write, e.timeout, summary.bytes))
end
