#!/usr/bin/env bash
# shellcheck disable=SC2317 # cleanup is called from the EXIT trap
# Measures the replay provider as a load source: writes a tick file (1,000,000 ticks over 1,000
# symbols by default) into simulations/target/bench/, starts the engine jar on a fresh embedded
# database with PRICE_ENGINE_PROVIDERS=replay at speed max (no HTTP on the ingest path), and
# reports ticks accepted (persisted) per second end to end, and the CPU the engine spent per tick.
# Builds first when artifacts are stale.
#
# Usage: simulations/bench-replay.sh [--ticks=1000000] [--symbols=1000] [--seed=42]
# Environment:
#   BENCH_PORT / BENCH_CLUSTER_PORT  first HTTP / cluster port to try (18180 / 25720)
#   BENCH_ENGINE_JAVA_OPTS           extra JVM options of the engine, e.g. -Xmx2g
#   BENCH_ENGINE_ENV                 extra engine settings, e.g. "PRICE_ENGINE_INGEST_PARALLELISM=512"
#   BENCH_REBUILD=1                  always build first
# Report: printed, and written to simulations/target/bench/replay.json; engine log beside it.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

engine_jar=http-api/target/price-engine.jar
classes=simulations/target/classes
bench=io.priceengine.simulations.bench.ReplayBenchmark
# DESIGN.md, measured facts: on 2 cores the common pool would start a thread per async stage.
fjp=-Djava.util.concurrent.ForkJoinPool.common.parallelism=4
bench_dir=simulations/target/bench
tick_file="$bench_dir/replay-ticks.csv"
engine_log="$bench_dir/replay-engine.log"

if [[ "${BENCH_REBUILD:-0}" == 1 || ! -f "$engine_jar" || ! -f "$classes/${bench//.//}.class" ]] ||
  [[ -n "$(find pom.xml ./*/pom.xml ./*/src -type f -newer "$engine_jar" -print -quit)" ]]; then
  echo "building: mvn -q -B -DskipTests package" >&2
  mvn -q -B -DskipTests package
fi

free_port_from() {
  local port=$1
  for _ in $(seq 0 49); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
    port=$((port + 1))
  done
  echo "no free port from $1" >&2
  return 1
}

cleanup() {
  if [[ -n "${engine_pid:-}" ]] && kill -0 "$engine_pid" 2>/dev/null; then
    kill -TERM "$engine_pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$engine_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$engine_pid" 2>/dev/null || true
    wait "$engine_pid" 2>/dev/null || true
  fi
  [[ -n "${data_dir:-}" ]] && rm -rf "$data_dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$bench_dir"
java -cp "$classes" "$bench" generate --file="$tick_file" "$@"
ticks="$(($(wc -l <"$tick_file") - 1))"

http_port="$(free_port_from "${BENCH_PORT:-18180}")"
cluster_port="$(free_port_from "${BENCH_CLUSTER_PORT:-25720}")"
data_dir="$(mktemp -d -t price-engine-replay-bench.XXXXXX)"
# A private copy: a build running meanwhile would replace the jar under the running engine.
cp "$engine_jar" "$data_dir/engine.jar"
echo "starting engine on http://127.0.0.1:$http_port, replaying $ticks ticks at speed max" >&2
# shellcheck disable=SC2086 # BENCH_ENGINE_JAVA_OPTS and BENCH_ENGINE_ENV are lists
env -u PRICE_ENGINE_DB_URL -u PRICE_ENGINE_SEED_NODES -u PRICE_ENGINE_READ_TOKEN \
  PRICE_ENGINE_PROVIDERS=replay \
  PRICE_ENGINE_REPLAY_FILE="$repo/$tick_file" \
  PRICE_ENGINE_REPLAY_SPEED=max \
  PRICE_ENGINE_INGEST_TOKEN=bench-token PRICE_ENGINE_ADMIN_TOKEN=bench-admin \
  PRICE_ENGINE_DATA_DIR="$data_dir" \
  PRICE_ENGINE_HTTP_HOST=127.0.0.1 PRICE_ENGINE_HTTP_PORT="$http_port" \
  PRICE_ENGINE_CLUSTER_HOST=127.0.0.1 PRICE_ENGINE_CLUSTER_PORT="$cluster_port" \
  ${BENCH_ENGINE_ENV:-} \
  java "$fjp" ${BENCH_ENGINE_JAVA_OPTS:-} -jar "$data_dir/engine.jar" >"$engine_log" 2>&1 &
engine_pid=$!

# Live, not ready: the replay starts with the providers, and a node saturated by it can answer
# readiness (asks through sharding) only late. The measurement starts at the first accepted tick.
started=$SECONDS
until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$http_port/health/live" || true)" == 200 ]]; do
  if ! kill -0 "$engine_pid" 2>/dev/null || ((SECONDS - started >= 90)); then
    echo "engine did not start; last lines of $engine_log:" >&2
    tail -n 40 "$engine_log" >&2
    exit 1
  fi
  sleep 0.2
done

java "$fjp" -cp "$classes" "$bench" measure --baseUrl="http://127.0.0.1:$http_port" \
  --ticks="$ticks" --enginePid="$engine_pid" --adminToken=bench-admin
