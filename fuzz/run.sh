#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 300 s each):
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# cargo-fuzz needs nightly features; the stable toolchain is allowed to use them here.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-300}
shift || true
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo fuzz list)
for target in "${targets[@]}"; do
  echo "== $target: ${seconds}s"
  cargo fuzz run "$target" -- -max_total_time="$seconds" -rss_limit_mb=4096 2>&1 | tail -n 3
done
