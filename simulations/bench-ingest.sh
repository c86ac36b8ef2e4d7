#!/usr/bin/env bash
# Measures durable HTTP ingest end to end: starts the engine jar on a fresh embedded database with
# push ingest only, waits until it is ready, runs IngestBenchmark against it (which also follows
# the projection lag through the admin metrics), then stops the engine and deletes its data.
# Builds first when the jar or the benchmark classes are missing or stale.
#
# Usage: simulations/bench-ingest.sh [--duration=30] [--concurrency=32] [--ticksPerRequest=100] ...
#        (all IngestBenchmark options: simulations/bench-ingest.sh --help)
# Environment: see simulations/bench-lib.sh.
# Report: printed, and written to simulations/target/bench/ingest.json; engine log beside it.
set -euo pipefail
# shellcheck source=simulations/bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

if bench_help_requested "$@"; then
  bench_usage IngestBenchmark
  exit 0
fi

bench_build_if_needed
bench_new_data_dir ingest
bench_start_engine "$bench_data_dir" "$bench_dir/engine.log"
bench_await_engine ready
bench_run_java IngestBenchmark --baseUrl="$engine_base_url" "$@"
