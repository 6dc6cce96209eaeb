-- wrk script for GETs: an optional If-None-Match and Accept-Encoding, and one "RESULT {...}"
-- line at the end.
--   wrk ... -s get.lua URL -- [ETAG] [ACCEPT-ENCODING]
function init(args)
  if args[1] and args[1] ~= "" then
    wrk.headers["If-None-Match"] = args[1]
  end
  if args[2] and args[2] ~= "" then
    wrk.headers["Accept-Encoding"] = args[2]
  end
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
