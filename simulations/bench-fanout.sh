#!/usr/bin/env bash
# Measures live-quote fan-out: starts the engine jar on a fresh embedded database with push ingest
# only, waits until it is ready, runs FanoutBenchmark against it (1,000 WebSocket clients x 10 of
# 1,000 symbols, 5,000 ticks/s pushed over HTTP by default), then stops the engine and deletes its
# data. Builds first when the jar or the benchmark classes are missing or stale.
#
# Usage: simulations/bench-fanout.sh [--clients=1000] [--rate=5000] [--duration=30] ...
#        (all options: simulations/bench-fanout.sh --help)
# Environment: see simulations/bench-lib.sh.
# Report: printed, and written to simulations/target/bench/fanout.json; engine log beside it.
set -euo pipefail
# shellcheck source=simulations/bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

if bench_help_requested "$@"; then
  bench_usage FanoutBenchmark
  exit 0
fi

bench_build_if_needed
bench_new_data_dir fanout
bench_start_engine "$bench_data_dir" "$bench_dir/fanout-engine.log"
bench_await_engine ready
bench_run_java FanoutBenchmark --baseUrl="$engine_base_url" "$@"
