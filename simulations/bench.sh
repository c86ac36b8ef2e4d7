#!/usr/bin/env bash
# The benchmark report in one command: builds if needed, starts the engine on a fresh
# embedded database and measures, one after another in the same run,
#   1. durable ingest over HTTP (projection lag at the end) and via the replay provider, with
#      uniform and skewed (weight 1/rank) tick files, and GETs of the hottest symbols meanwhile;
#      1d. overload: 3x the capacity just measured offered open loop, the acknowledged rate and
#      the refusals, then the client's tally checked against the journal and the history,
#   2. the single-write baseline (one JDBC transaction per tick) against the same PostgreSQL,
#      and the database floor (its CPU for the rows of one durable tick, engine excluded),
#   3. quote reads: engine, constant-route ceiling and SQL baseline, closed and open model,
#   4. fan-out: tick-to-client latency and loss over WebSockets,
#   5. footprint: heap per active entity and per idle WebSocket, recovery after a restart;
# then writes simulations/target/bench/report.md and report.json (every figure, the machine, the
# load average at start and end, the commit, the parameters). docs/benchmarks.md says how each
# figure is measured.
#
# Usage: simulations/bench.sh [--quick|--help]  (--quick: every section, small parameters, ~3 min)
# Environment: see simulations/bench-lib.sh. Exit status 1 when a section failed (the report
# still lists the others).
set -euo pipefail
# shellcheck source=simulations/bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

mode=full
case "${1:-}" in
  "") ;;
  --quick) mode=quick ;;
  -h | --help) bench_usage; exit 0 ;;
  *) echo "usage: simulations/bench.sh [--quick|--help]" >&2; exit 2 ;;
esac

if [[ $mode == full ]]; then
  ingest_args=(--symbols=1000 --concurrency=32 --ticksPerRequest=100 --warmup=5 --duration=60)
  overload_args=(--symbols=1000 --ticksPerRequest=100 --factor=3 --seconds=60 --retrySeconds=120)
  baseline_args=(--symbols=1000 --concurrency=32 --warmup=5 --duration=60)
  floor_args=(--ticks=200000 --batch=1000 --symbols=1000)
  read_args=(--symbols=1000 --connections=64 --rate=10000 --warmup=5 --duration=20)
  fanout_args=(--clients=1000 --symbols=1000 --symbolsPerClient=10 --rate=5000 --warmup=10
    --duration=30)
  footprint_count=10000
  replay_ticks=500000
else
  ingest_args=(--symbols=1000 --concurrency=32 --ticksPerRequest=100 --warmup=2 --duration=10)
  overload_args=(--symbols=1000 --ticksPerRequest=100 --factor=3 --seconds=10 --retrySeconds=60)
  baseline_args=(--symbols=1000 --concurrency=32 --warmup=2 --duration=10)
  floor_args=(--ticks=20000 --batch=1000 --symbols=1000)
  read_args=(--symbols=1000 --connections=64 --rate=1000 --warmup=2 --duration=5)
  fanout_args=(--clients=100 --symbols=1000 --symbolsPerClient=10 --rate=500 --warmup=3
    --duration=5)
  footprint_count=1000
  replay_ticks=20000
fi

# 10,000 idle WebSockets need as many descriptors in the engine and in the harness.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if (($(ulimit -n) < footprint_count + 2000)); then
  echo "ulimit -n is $(ulimit -n): too low for $footprint_count WebSockets;" \
    "measuring $(($(ulimit -n) - 2000)) instead" >&2
  footprint_count=$(($(ulimit -n) - 2000))
fi
# the engine's own cap (http.conf) is below what the footprint run opens
engine_java_opts="-Dakka.http.server.max-connections=$((footprint_count + 1000)) ${BENCH_ENGINE_JAVA_OPTS:-}"

load_at_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
git diff --quiet HEAD 2>/dev/null || commit="$commit (with uncommitted changes)"

bench_build_if_needed
rm -f "$bench_dir"/{ingest,overload,replay,replay-skewed,hot-reads-during,hot-reads-idle,baseline-write,database-floor,reads,fanout,footprint-entities,footprint-connections,recovery}.json \
  "$bench_dir"/report.{md,json}

failed=()
# run_section NAME COMMAND...: runs one measurement; a failure is recorded and the run goes on.
run_section() {
  local name=$1
  shift
  echo "=== $name ($(date -u +%H:%M:%S), load $(cut -d' ' -f1 /proc/loadavg 2>/dev/null))" >&2
  "$@" || { echo "=== $name FAILED" >&2; failed+=("$name"); }
}

# Sections 1-5b share one engine; 5c restarts it on the same data; 1b uses an engine of its own.
# An engine that does not start fails its sections only: the report is written all the same.
start_main_engine() {
  bench_new_data_dir bench
  engine_data=$bench_data_dir
  BENCH_ENGINE_JAVA_OPTS="$engine_java_opts" BENCH_ROUTES=1 bench_start_engine "$engine_data" \
    "$bench_dir/bench-engine.log"
  bench_await_engine ready
}

main_engine_sections() {
  local jdbc_url="jdbc:postgresql://127.0.0.1:$engine_db_port/price_engine"
  run_section "1. durable ingest over HTTP" \
    bench_run_java IngestBenchmark --baseUrl="$engine_base_url" "${ingest_args[@]}"
  # the capacity it offers a multiple of is section 1's (a probe of its own if 1 failed)
  run_section "1d. overload" \
    bench_run_java OverloadBenchmark --baseUrl="$engine_base_url" --jdbcUrl="$jdbc_url" \
    --capacityFrom="$bench_dir/ingest.json" "${overload_args[@]}"
  run_section "2. single-write baseline" \
    bench_run_java SingleWriteBaseline --jdbcUrl="$jdbc_url" "${baseline_args[@]}"
  run_section "2b. database floor" \
    bench_run_java DatabaseFloor --jdbcUrl="$jdbc_url" "${floor_args[@]}"
  run_section "3. quote reads" \
    bench_run_java QuoteReadBenchmark --baseUrl="$engine_base_url" --jdbcUrl="$jdbc_url" \
    "${read_args[@]}"
  run_section "4. fan-out" \
    bench_run_java FanoutBenchmark --baseUrl="$engine_base_url" "${fanout_args[@]}"
  run_section "5a. heap per active entity" \
    bench_run_java Footprint --mode=entities --baseUrl="$engine_base_url" \
    --enginePid="$engine_pid" --count="$footprint_count"
  run_section "5b. heap per idle WebSocket" \
    bench_run_java Footprint --mode=connections --baseUrl="$engine_base_url" \
    --enginePid="$engine_pid" --count="$footprint_count"
}

recovery_section() {
  bench_stop_engine
  local launched_at_millis
  launched_at_millis="$(date +%s%3N)"
  BENCH_ENGINE_JAVA_OPTS="$engine_java_opts" bench_start_engine "$engine_data" \
    "$bench_dir/bench-engine-restart.log"
  bench_run_java Recovery --baseUrl="$engine_base_url" --symbols="$footprint_count" \
    --launchedAtMillis="$launched_at_millis" --deadline="$bench_ready_deadline_seconds"
  local status=$?
  bench_stop_engine
  return "$status"
}

# replay_section uniform|skewed: the replay provider at speed max on an engine of its own; the
# skewed file also has GETs of its hottest and some cold symbols measured during and after it.
replay_section() {
  local shape=$1 name=replay
  [[ $shape == skewed ]] && name=replay-skewed
  local tick_file="$bench_dir/$name-ticks.csv"
  bench_run_java ReplayBenchmark generate --file="$tick_file" --ticks="$replay_ticks" \
    --symbols=1000 --shape="$shape" || return 1
  bench_new_data_dir "$name"
  bench_start_engine "$bench_data_dir" "$bench_dir/$name-engine.log" \
    PRICE_ENGINE_PROVIDERS=replay PRICE_ENGINE_REPLAY_FILE="$bench_repo/$tick_file" \
    PRICE_ENGINE_REPLAY_SPEED=max
  # live, not ready: a node saturated by the replay answers readiness (asks) only late
  local status=0 reads_pid=
  if bench_await_engine live; then
    if [[ $shape == skewed ]]; then
      bench_run_java HotReadBenchmark --phase=during --baseUrl="$engine_base_url" \
        --afterTicks=$((replay_ticks / 10)) --output="$bench_dir/hot-reads-during.json" &
      reads_pid=$!
    fi
    bench_run_java ReplayBenchmark measure --baseUrl="$engine_base_url" \
      --ticks="$replay_ticks" --enginePid="$engine_pid" --adminToken="$bench_admin_token" \
      --output="$bench_dir/$name.json" || status=$?
    if [[ -n $reads_pid ]]; then
      wait "$reads_pid" || status=1
      bench_run_java HotReadBenchmark --phase=idle --baseUrl="$engine_base_url" \
        --output="$bench_dir/hot-reads-idle.json" || status=1
    fi
  else
    status=1
  fi
  bench_stop_engine
  return "$status"
}

if start_main_engine; then
  main_engine_sections
  run_section "5c. recovery after restart" recovery_section
else
  failed+=("engine start (sections 1-5)")
  bench_stop_engine
fi
run_section "1b. durable ingest via replay" replay_section uniform
run_section "1c. skewed replay, hot reads" replay_section skewed

bench_run_java BenchReport --dir="$bench_dir" --commit="$commit" --mode="$mode" \
  --loadAverageAtStart="$load_at_start" --engineJavaOptions="$engine_java_opts"
if ((${#failed[@]} > 0)); then
  echo "failed sections: ${failed[*]}" >&2
  exit 1
fi
