# shellcheck shell=bash
# shellcheck disable=SC2317 # bench_cleanup is called from the EXIT trap
# What the bench-*.sh scripts share, sourced by them: building when stale, free ports, starting the
# engine jar on a fresh embedded database (with the benchmark's own routes when asked), waiting for
# it, stopping it with its PostgreSQL, and running a harness class so that an interrupt cleans up at
# once. Sourcing it cds to the repository and installs the EXIT/INT/TERM traps; it starts nothing.
#
# Environment every script honours:
#   BENCH_ENGINE_JAR        engine jar (default http-api/target/price-engine.jar; not rebuilt)
#   BENCH_ENGINE_JAVA_OPTS  extra JVM options of the engine, e.g. -Xmx2g
#   BENCH_ENGINE_ENV        extra NAME=VALUE settings of every engine started, space-separated,
#                           e.g. PRICE_ENGINE_INGEST_MAX_IN_FLIGHT=20000
#   BENCH_REBUILD=1         always build first

bench_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# the script that sourced this file, found before the cd below
bench_script="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$bench_repo"

bench_engine_jar="${BENCH_ENGINE_JAR:-http-api/target/price-engine.jar}"
bench_classes=simulations/target/classes
bench_classpath_file=simulations/target/bench-classpath.txt
# The engine with the benchmark's routes (GET /bench/constant/{symbol}): the engine jar's Main with
# a route of the simulations module in front of the API; the product jar alone has no such route.
bench_engine_launcher=io.priceengine.simulations.bench.engine.BenchEngineMain
bench_dir=simulations/target/bench
bench_ingest_token=bench-token
bench_admin_token=bench-admin
# docs/architecture.md, "Common pool parallelism": on 2 cores the common pool would start a thread per async stage.
bench_fjp=-Djava.util.concurrent.ForkJoinPool.common.parallelism=4
# generous: on a loaded 2-core machine the embedded PostgreSQL alone has taken a minute to start
bench_ready_deadline_seconds=${BENCH_READY_DEADLINE:-300}
bench_stop_deadline_seconds=30
bench_data_dirs=()
engine_pid=
bench_pid=

mkdir -p "$bench_dir"

# true when a file under the given paths is newer than the first argument
bench_newer_than() {
  local artifact=$1
  shift
  [[ -n "$(find "$@" -type f -newer "$artifact" -print -quit 2>/dev/null)" ]]
}

# true when the harness classes or their class path are missing or older than their sources
bench_harness_stale() {
  local harness_class="$bench_classes/io/priceengine/simulations/bench/BenchReport.class"
  [[ -f "$bench_classpath_file" && -f "$harness_class" ]] || return 0
  bench_newer_than "$harness_class" pom.xml simulations/pom.xml simulations/src/main
}

bench_needs_build() {
  [[ "${BENCH_REBUILD:-0}" == 1 ]] && return 0
  [[ -f "$bench_engine_jar" ]] || return 0
  bench_harness_stale && return 0
  # a jar given from elsewhere is taken as it is
  if [[ -z "${BENCH_ENGINE_JAR:-}" ]]; then
    bench_newer_than "$bench_engine_jar" pom.xml {engine,persistence,http-api}/pom.xml \
      {engine,persistence,http-api}/src/main && return 0
  fi
  return 1
}

bench_build_if_needed() {
  if bench_needs_build; then
    local build=(mvn -q -B -DskipTests package)
    # -am: the simulations module compiles its engine launcher against http-api
    [[ -n "${BENCH_ENGINE_JAR:-}" ]] && build=(mvn -q -B -DskipTests -pl simulations -am package)
    echo "building: ${build[*]}" >&2
    "${build[@]}"
  fi
  [[ -f "$bench_engine_jar" ]] || { echo "no engine jar at $bench_engine_jar" >&2; exit 1; }
}

# The harness's class path: its classes and the PostgreSQL driver (written by the build).
bench_harness_classpath() {
  echo "$bench_classes:$(cat "$bench_classpath_file")"
}

bench_port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A free TCP port on loopback, picked at random below the kernel's ephemeral range (no fixed
# ports: several runs and other services share the machine). A port in the ephemeral range can be
# free when checked and then taken as the local port of an outgoing connection (a section opens
# thousands) before the engine's PostgreSQL binds it.
bench_free_port() {
  local port first_ephemeral
  first_ephemeral="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  ((first_ephemeral > 15000)) || first_ephemeral=32768
  for _ in $(seq 1 100); do
    port=$((10000 + (RANDOM * 32768 + RANDOM) % (first_ephemeral - 10000)))
    if bench_port_free "$port"; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# bench_new_data_dir NAME: a fresh data directory in $bench_data_dir, deleted at exit (not run in
# a subshell, so that the cleanup knows it).
bench_new_data_dir() {
  bench_data_dir="$(mktemp -d -t "price-engine-$1.XXXXXX")"
  bench_data_dirs+=("$bench_data_dir")
  # Private copies of the jar and of the launcher's classes: a build running meanwhile would
  # replace them under the engine.
  cp "$bench_engine_jar" "$bench_data_dir/engine.jar"
  cp -r "$bench_classes" "$bench_data_dir/bench-classes"
}

# bench_start_engine DATA_DIR LOG [NAME=VALUE ...]: starts the engine jar in the background with
# push ingest only (unless the extra settings say otherwise) on fresh free ports; sets engine_pid,
# engine_http_port, engine_db_port and engine_base_url. With BENCH_ROUTES=1 (set for the call) the
# engine runs through $bench_engine_launcher and also serves the benchmark's constant route.
bench_start_engine() {
  local data_dir=$1 log=$2
  shift 2
  local launch=(-jar "$data_dir/engine.jar")
  if [[ "${BENCH_ROUTES:-0}" == 1 ]]; then
    launch=(-cp "$data_dir/engine.jar:$data_dir/bench-classes" "$bench_engine_launcher")
  fi
  engine_http_port="$(bench_free_port)"
  engine_db_port="$(bench_free_port)"
  local cluster_port
  cluster_port="$(bench_free_port)"
  engine_base_url="http://127.0.0.1:$engine_http_port"
  echo "starting engine on $engine_base_url (database port $engine_db_port, data $data_dir)" >&2
  # shellcheck disable=SC2086 # BENCH_ENGINE_JAVA_OPTS and BENCH_ENGINE_ENV are lists
  env -u PRICE_ENGINE_DB_URL -u PRICE_ENGINE_DB_USER -u PRICE_ENGINE_DB_PASSWORD \
    -u PRICE_ENGINE_SEED_NODES -u PRICE_ENGINE_READ_TOKEN -u PRICE_ENGINE_ALLOWED_ORIGINS \
    PRICE_ENGINE_PROVIDERS=none \
    PRICE_ENGINE_INGEST_TOKEN="$bench_ingest_token" \
    PRICE_ENGINE_ADMIN_TOKEN="$bench_admin_token" \
    PRICE_ENGINE_DATA_DIR="$data_dir" \
    PRICE_ENGINE_EMBEDDED_DB_PORT="$engine_db_port" \
    PRICE_ENGINE_HTTP_HOST=127.0.0.1 PRICE_ENGINE_HTTP_PORT="$engine_http_port" \
    PRICE_ENGINE_CLUSTER_HOST=127.0.0.1 PRICE_ENGINE_CLUSTER_PORT="$cluster_port" \
    ${BENCH_ENGINE_ENV:-} "$@" \
    java "$bench_fjp" ${BENCH_ENGINE_JAVA_OPTS:-} "${launch[@]}" >"$log" 2>&1 &
  engine_pid=$!
  engine_data_dir=$data_dir
  engine_log=$log
}

# bench_await_engine [ready|live]: waits for the endpoint to answer 200; returns 1 with the end of
# the engine's log when it exits or misses the deadline.
bench_await_engine() {
  local endpoint=${1:-ready} started=$SECONDS status
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
    "$engine_base_url/health/$endpoint" || true)" == 200 ]]; do
    if ! kill -0 "$engine_pid" 2>/dev/null; then
      status=0
      wait "$engine_pid" || status=$?
      echo "engine exited (status $status) while starting; last lines of $engine_log:" >&2
      tail -n 40 "$engine_log" >&2
      return 1
    fi
    if ((SECONDS - started >= bench_ready_deadline_seconds)); then
      echo "engine not $endpoint after ${bench_ready_deadline_seconds} s; last lines of $engine_log:" >&2
      tail -n 40 "$engine_log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "engine $endpoint after $((SECONDS - started)) s" >&2
}

# The engine stops its embedded PostgreSQL on SIGTERM; only if it had to be killed can a
# postmaster be left behind, and its pid file inside our own data directory names it exactly.
bench_stop_leftover_postgres() {
  local data_dir=$1 pid_file pid
  while IFS= read -r pid_file; do
    pid="$(head -n 1 "$pid_file" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
      echo "stopping leftover PostgreSQL $pid" >&2
      kill -INT "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  done < <(find "$data_dir" -name postmaster.pid 2>/dev/null)
}

# Stops the engine started last (SIGTERM, then SIGKILL after the deadline); keeps its data.
bench_stop_engine() {
  if [[ -n "$engine_pid" ]] && kill -0 "$engine_pid" 2>/dev/null; then
    echo "stopping engine (pid $engine_pid)" >&2
    kill -TERM "$engine_pid" 2>/dev/null || true
    for _ in $(seq 1 $((bench_stop_deadline_seconds * 10))); do
      kill -0 "$engine_pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$engine_pid" 2>/dev/null; then
      echo "engine still running after ${bench_stop_deadline_seconds} s; killing it" >&2
      kill -KILL "$engine_pid" 2>/dev/null || true
    fi
    wait "$engine_pid" 2>/dev/null || true
  fi
  engine_pid=
  [[ -n "${engine_data_dir:-}" ]] && bench_stop_leftover_postgres "$engine_data_dir"
  return 0
}

# bench_run_java CLASS ARGS...: runs a harness class in the background and waits for it, so that
# an interrupt runs the cleanup at once instead of after the run; returns its exit status.
bench_run_java() {
  local main=$1 status=0
  shift
  PRICE_ENGINE_INGEST_TOKEN="$bench_ingest_token" PRICE_ENGINE_ADMIN_TOKEN="$bench_admin_token" \
    java "$bench_fjp" ${BENCH_HARNESS_JAVA_OPTS:-} -cp "$(bench_harness_classpath)" \
    "io.priceengine.simulations.bench.$main" "$@" &
  bench_pid=$!
  wait "$bench_pid" || status=$?
  bench_pid=
  return "$status"
}

# bench_help_requested ARGS...: true when the arguments ask for usage (-h or --help).
bench_help_requested() {
  local arg
  for arg in "$@"; do
    [[ "$arg" == --help || "$arg" == -h ]] && return 0
  done
  return 1
}

# bench_usage [HARNESS_MAIN ARGS...]: prints the script's header comment and, when a harness main
# is named, that main's options (its --help). Builds only when the harness classes are missing or
# stale (a stale engine jar does not matter here); starts no engine.
bench_usage() {
  sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$bench_script"
  if (($# > 0)); then
    echo
    echo "Options of the harness ($1), passed through by the script:"
    if bench_harness_stale; then
      bench_build_if_needed
    fi
    bench_run_java "$@" --help
  fi
}

bench_cleanup() {
  if [[ -n "$bench_pid" ]] && kill -0 "$bench_pid" 2>/dev/null; then
    kill -TERM "$bench_pid" 2>/dev/null || true
    wait "$bench_pid" 2>/dev/null || true
  fi
  bench_stop_engine
  local dir
  for dir in "${bench_data_dirs[@]}"; do
    bench_stop_leftover_postgres "$dir"
    rm -rf "$dir"
  done
}
trap bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
