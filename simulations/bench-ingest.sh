#!/usr/bin/env bash
# shellcheck disable=SC2317 # cleanup functions are called from the EXIT trap
# Measures durable HTTP ingest end to end: starts the engine jar on a fresh embedded database with
# push ingest only, waits until it is ready, runs IngestBenchmark against it (which also follows
# the projection lag through the admin metrics), then stops the engine and deletes its data. Builds first when the jar or the benchmark classes are missing or stale.
#
# Usage: simulations/bench-ingest.sh [--duration=30] [--concurrency=32] [--ticksPerRequest=100] ...
#        (all IngestBenchmark options: java -cp simulations/target/classes
#         io.priceengine.simulations.bench.IngestBenchmark --help)
# Environment:
#   BENCH_PORT              first HTTP port to try (default 18080; the next free one is used)
#   BENCH_CLUSTER_PORT      first cluster (Artery) port to try (default 25620)
#   BENCH_ENGINE_JAR        engine jar (default http-api/target/price-engine.jar)
#   BENCH_ENGINE_JAVA_OPTS  extra JVM options of the engine, e.g. -Xmx2g
#   BENCH_REBUILD=1         always build first
# Report: printed, and written to simulations/target/bench/ingest.json; engine log beside it.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

engine_jar="${BENCH_ENGINE_JAR:-http-api/target/price-engine.jar}"
classes=simulations/target/classes
bench_class="$classes/io/priceengine/simulations/bench/IngestBenchmark.class"
token=bench-token
# lets the benchmark read GET /api/v1/admin/metrics to follow the projection lag
admin_token=bench-admin
# DESIGN.md, measured facts: on 2 cores the common pool would start a thread per async stage.
fjp=-Djava.util.concurrent.ForkJoinPool.common.parallelism=4
ready_deadline_seconds=90
stop_deadline_seconds=30
bench_dir=simulations/target/bench
engine_log="$bench_dir/engine.log"

# true when a file under the given paths is newer than the first argument
newer_than() {
  local artifact=$1
  shift
  [[ -n "$(find "$@" -type f -newer "$artifact" -print -quit 2>/dev/null)" ]]
}

needs_build() {
  [[ "${BENCH_REBUILD:-0}" == 1 ]] && return 0
  [[ -f "$engine_jar" && -f "$bench_class" ]] || return 0
  newer_than "$bench_class" pom.xml simulations/pom.xml simulations/src && return 0
  # a jar given from elsewhere is taken as it is
  if [[ -z "${BENCH_ENGINE_JAR:-}" ]]; then
    newer_than "$engine_jar" pom.xml ./*/pom.xml ./*/src && return 0
  fi
  return 1
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port_from() {
  local port=$1
  for _ in $(seq 0 49); do
    if port_free "$port"; then
      echo "$port"
      return 0
    fi
    port=$((port + 1))
  done
  echo "no free port in $1..$port" >&2
  return 1
}

# The engine stops its embedded PostgreSQL on SIGTERM; only if it had to be killed can a
# postmaster be left behind, and its pid file inside our own data directory names it exactly.
stop_leftover_postgres() {
  local pid_file pid
  while IFS= read -r pid_file; do
    pid="$(head -n 1 "$pid_file" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
      echo "stopping leftover PostgreSQL $pid" >&2
      kill -INT "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  done < <(find "$data_dir" -name postmaster.pid 2>/dev/null)
}

cleanup() {
  if [[ -n "${bench_pid:-}" ]] && kill -0 "$bench_pid" 2>/dev/null; then
    kill -TERM "$bench_pid" 2>/dev/null || true
    wait "$bench_pid" 2>/dev/null || true
  fi
  if [[ -n "${engine_pid:-}" ]] && kill -0 "$engine_pid" 2>/dev/null; then
    echo "stopping engine (pid $engine_pid)" >&2
    kill -TERM "$engine_pid" 2>/dev/null || true
    for _ in $(seq 1 $((stop_deadline_seconds * 10))); do
      kill -0 "$engine_pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$engine_pid" 2>/dev/null; then
      echo "engine still running after ${stop_deadline_seconds} s; killing it" >&2
      kill -KILL "$engine_pid" 2>/dev/null || true
    fi
    wait "$engine_pid" 2>/dev/null || true
  fi
  if [[ -n "${data_dir:-}" && -d "$data_dir" ]]; then
    stop_leftover_postgres
    rm -rf "$data_dir"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if needs_build; then
  if [[ -n "${BENCH_ENGINE_JAR:-}" ]]; then
    build=(mvn -q -B -DskipTests -pl simulations -am package)
  else
    build=(mvn -q -B -DskipTests package)
  fi
  echo "building: ${build[*]}" >&2
  "${build[@]}"
fi
[[ -f "$engine_jar" ]] || { echo "no engine jar at $engine_jar" >&2; exit 1; }

http_port="$(free_port_from "${BENCH_PORT:-18080}")"
cluster_port="$(free_port_from "${BENCH_CLUSTER_PORT:-25620}")"
base_url="http://127.0.0.1:$http_port"
data_dir="$(mktemp -d -t price-engine-bench.XXXXXX)"
mkdir -p "$bench_dir"

echo "starting engine $engine_jar on $base_url (cluster port $cluster_port, data $data_dir)" >&2
# shellcheck disable=SC2086 # BENCH_ENGINE_JAVA_OPTS is a list of options
env -u PRICE_ENGINE_DB_URL -u PRICE_ENGINE_DB_USER -u PRICE_ENGINE_DB_PASSWORD \
  -u PRICE_ENGINE_SEED_NODES -u PRICE_ENGINE_READ_TOKEN \
  PRICE_ENGINE_PROVIDERS=none \
  PRICE_ENGINE_INGEST_TOKEN="$token" \
  PRICE_ENGINE_ADMIN_TOKEN="$admin_token" \
  PRICE_ENGINE_DATA_DIR="$data_dir" \
  PRICE_ENGINE_HTTP_HOST=127.0.0.1 \
  PRICE_ENGINE_HTTP_PORT="$http_port" \
  PRICE_ENGINE_CLUSTER_HOST=127.0.0.1 \
  PRICE_ENGINE_CLUSTER_PORT="$cluster_port" \
  java "$fjp" ${BENCH_ENGINE_JAVA_OPTS:-} -jar "$engine_jar" >"$engine_log" 2>&1 &
engine_pid=$!

started=$SECONDS
ready_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base_url/health/ready" || true
}

until [[ "$(ready_status)" == 200 ]]; do
  if ! kill -0 "$engine_pid" 2>/dev/null; then
    echo "engine exited while starting; last lines of $engine_log:" >&2
    tail -n 40 "$engine_log" >&2
    exit 1
  fi
  if ((SECONDS - started >= ready_deadline_seconds)); then
    echo "engine not ready after ${ready_deadline_seconds} s; last lines of $engine_log:" >&2
    tail -n 40 "$engine_log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "engine ready after $((SECONDS - started)) s" >&2

# in the background, so that an interrupt runs the cleanup at once instead of after the run
PRICE_ENGINE_INGEST_TOKEN="$token" PRICE_ENGINE_ADMIN_TOKEN="$admin_token" java "$fjp" -cp "$classes" \
  io.priceengine.simulations.bench.IngestBenchmark --baseUrl="$base_url" "$@" &
bench_pid=$!
status=0
wait "$bench_pid" || status=$?
bench_pid=
exit "$status"
