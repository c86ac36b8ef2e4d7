#!/usr/bin/env bash
# Measures ingest past capacity (bench.sh section 1d) on an engine of its own: starts the engine
# jar on a fresh embedded database with push ingest only, waits until it is ready, runs
# OverloadBenchmark against it (open loop at --factor x the capacity for --seconds, retries of the
# ticks of unknown fate, then the tally checked against the journal and the history), then stops
# the engine and deletes its data. Without --capacity (ticks/s) or --capacityFrom (an ingest.json
# of bench-ingest.sh or bench.sh) the capacity is probed first, closed loop, on the same engine.
# Builds first when the jar or the benchmark classes are missing or stale.
#
# Usage: simulations/bench-overload.sh [--capacity=9000] [--factor=3] [--seconds=60] ...
#        (all OverloadBenchmark options: simulations/bench-overload.sh --help)
# Environment: see simulations/bench-lib.sh; BENCH_ENGINE_ENV passes the engine's settings, e.g.
#   BENCH_ENGINE_ENV=PRICE_ENGINE_INGEST_MAX_IN_FLIGHT=20000 simulations/bench-overload.sh
# Report: printed, and written to simulations/target/bench/overload.json; engine log beside it.
set -euo pipefail
# shellcheck source=simulations/bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

if bench_help_requested "$@"; then
  bench_usage OverloadBenchmark
  exit 0
fi

bench_build_if_needed
bench_new_data_dir overload
bench_start_engine "$bench_data_dir" "$bench_dir/overload-engine.log"
bench_await_engine ready
bench_run_java OverloadBenchmark --baseUrl="$engine_base_url" \
  --jdbcUrl="jdbc:postgresql://127.0.0.1:$engine_db_port/price_engine" "$@"
