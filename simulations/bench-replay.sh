#!/usr/bin/env bash
# Measures the replay provider as a load source: writes a tick file (1,000,000 ticks over 1,000
# symbols by default) into simulations/target/bench/, starts the engine jar on a fresh embedded
# database with PRICE_ENGINE_PROVIDERS=replay at speed max (no HTTP on the ingest path), and
# reports ticks accepted (persisted) per second end to end, and the CPU the engine spent per tick.
# Builds first when artifacts are stale.
#
# Usage: simulations/bench-replay.sh [--ticks=1000000] [--symbols=1000] [--seed=42]
#        [--shape=uniform|skewed]
# Environment: see simulations/bench-lib.sh, and
#   BENCH_ENGINE_ENV  extra engine settings, e.g. "PRICE_ENGINE_INGEST_BATCHES_IN_FLIGHT=8"
#   --shape=skewed    ticks drawn with weight 1/rank; also measures GETs of the 10 hottest (and 10
#                     cold) symbols during the replay and once it is over (HotReadBenchmark)
# Report: printed, and written to simulations/target/bench/replay.json (and hot-reads-*.json);
# engine log beside it.
set -euo pipefail
# shellcheck source=simulations/bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

if bench_help_requested "$@"; then
  bench_usage ReplayBenchmark
  exit 0
fi

tick_file="$bench_dir/replay-ticks.csv"
bench_build_if_needed
bench_run_java ReplayBenchmark generate --file="$tick_file" "$@"
ticks="$(($(wc -l <"$tick_file") - 1))"

bench_new_data_dir replay
# shellcheck disable=SC2086 # BENCH_ENGINE_ENV is a list of settings
bench_start_engine "$bench_data_dir" "$bench_dir/replay-engine.log" \
  PRICE_ENGINE_PROVIDERS=replay PRICE_ENGINE_REPLAY_FILE="$bench_repo/$tick_file" \
  PRICE_ENGINE_REPLAY_SPEED=max ${BENCH_ENGINE_ENV:-}
# Live, not ready: the replay starts with the providers, and a node saturated by it can answer
# readiness (asks through sharding) only late. The measurement starts at the first accepted tick.
bench_await_engine live
if [[ " $* " == *" --shape=skewed "* ]]; then
  # Reads of the hottest symbols while the replay runs, then of the same symbols once idle.
  bench_run_java HotReadBenchmark --phase=during --baseUrl="$engine_base_url" &
  reads_pid=$!
fi
bench_run_java ReplayBenchmark measure --baseUrl="$engine_base_url" --ticks="$ticks" \
  --enginePid="$engine_pid" --adminToken="$bench_admin_token"
if [[ -n "${reads_pid:-}" ]]; then
  wait "$reads_pid"
  bench_run_java HotReadBenchmark --phase=idle --baseUrl="$engine_base_url"
fi
