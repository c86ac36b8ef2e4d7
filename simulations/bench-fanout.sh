#!/usr/bin/env bash
# shellcheck disable=SC2317 # cleanup is called from the EXIT trap
# Measures live-quote fan-out: starts the engine jar on a fresh embedded database with push ingest
# only, waits until it is ready, runs FanoutBenchmark against it (1,000 WebSocket clients x 10 of
# 1,000 symbols, 5,000 ticks/s pushed over HTTP by default), then stops the engine and deletes its
# data. Builds first when the jar or the benchmark classes are missing or stale.
#
# Usage: simulations/bench-fanout.sh [--clients=1000] [--rate=5000] [--duration=30] ...
#        (all options: java -cp simulations/target/classes
#         io.priceengine.simulations.bench.FanoutBenchmark --help)
# Environment:
#   BENCH_PORT / BENCH_CLUSTER_PORT  first HTTP / cluster port to try (18280 / 25820)
#   BENCH_ENGINE_JAVA_OPTS           extra JVM options of the engine, e.g. -Xmx2g
#   BENCH_REBUILD=1                  always build first
# Report: printed, and written to simulations/target/bench/fanout.json; engine log beside it.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

engine_jar=http-api/target/price-engine.jar
classes=simulations/target/classes
bench=io.priceengine.simulations.bench.FanoutBenchmark
token='bench-token'
# DESIGN.md, measured facts: on 2 cores the common pool would start a thread per async stage.
fjp=-Djava.util.concurrent.ForkJoinPool.common.parallelism=4
bench_dir=simulations/target/bench
engine_log="$bench_dir/fanout-engine.log"

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
  if [[ -n "${bench_pid:-}" ]] && kill -0 "$bench_pid" 2>/dev/null; then
    kill -TERM "$bench_pid" 2>/dev/null || true
    wait "$bench_pid" 2>/dev/null || true
  fi
  if [[ -n "${engine_pid:-}" ]] && kill -0 "$engine_pid" 2>/dev/null; then
    # the engine stops its embedded PostgreSQL on SIGTERM
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
http_port="$(free_port_from "${BENCH_PORT:-18280}")"
cluster_port="$(free_port_from "${BENCH_CLUSTER_PORT:-25820}")"
base_url="http://127.0.0.1:$http_port"
data_dir="$(mktemp -d -t price-engine-fanout-bench.XXXXXX)"
# A private copy: a build running meanwhile would replace the jar under the running engine.
cp "$engine_jar" "$data_dir/engine.jar"

echo "starting engine on $base_url (cluster port $cluster_port, data $data_dir)" >&2
# shellcheck disable=SC2086 # BENCH_ENGINE_JAVA_OPTS is a list of options
env -u PRICE_ENGINE_DB_URL -u PRICE_ENGINE_SEED_NODES -u PRICE_ENGINE_READ_TOKEN \
  -u PRICE_ENGINE_ALLOWED_ORIGINS \
  PRICE_ENGINE_PROVIDERS=none \
  PRICE_ENGINE_INGEST_TOKEN="$token" PRICE_ENGINE_ADMIN_TOKEN=bench-admin \
  PRICE_ENGINE_DATA_DIR="$data_dir" \
  PRICE_ENGINE_HTTP_HOST=127.0.0.1 PRICE_ENGINE_HTTP_PORT="$http_port" \
  PRICE_ENGINE_CLUSTER_HOST=127.0.0.1 PRICE_ENGINE_CLUSTER_PORT="$cluster_port" \
  java "$fjp" ${BENCH_ENGINE_JAVA_OPTS:-} -jar "$data_dir/engine.jar" >"$engine_log" 2>&1 &
engine_pid=$!

started=$SECONDS
until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base_url/health/ready" || true)" == 200 ]]; do
  if ! kill -0 "$engine_pid" 2>/dev/null || ((SECONDS - started >= 90)); then
    echo "engine did not become ready; last lines of $engine_log:" >&2
    tail -n 40 "$engine_log" >&2
    exit 1
  fi
  sleep 0.2
done
echo "engine ready after $((SECONDS - started)) s" >&2

# in the background, so that an interrupt runs the cleanup at once instead of after the run
PRICE_ENGINE_INGEST_TOKEN="$token" java "$fjp" -cp "$classes" "$bench" --baseUrl="$base_url" "$@" &
bench_pid=$!
status=0
wait "$bench_pid" || status=$?
bench_pid=
exit "$status"
