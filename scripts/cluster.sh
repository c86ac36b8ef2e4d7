#!/usr/bin/env bash
# A Price Engine cluster on this machine's loopback (docs/cluster.md):
#
#   scripts/cluster.sh start [N]   build the jar if needed, start N nodes (default 3)
#   scripts/cluster.sh status      each node: pid, readiness, cluster membership as it sees it
#   scripts/cluster.sh stop        SIGTERM every node (node 1, the database, last)
#   scripts/cluster.sh kill I      SIGKILL node I (a crash: the others take over its symbols)
#   scripts/cluster.sh leave I     SIGTERM node I (a graceful leave)
#   scripts/cluster.sh restart I   start node I again (or a new node I); it joins the cluster
#
# Node I answers HTTP on HTTP_BASE+I-1 (default 8080, 8081, ...) and talks to the cluster on
# CLUSTER_BASE+I-1 (25520, ...). Node 1 starts the embedded PostgreSQL on DB_PORT (15432); the
# others use it through PRICE_ENGINE_DB_URL. Data, logs, pids and the shared tokens live under
# CLUSTER_DIR (./cluster). Every PRICE_ENGINE_* variable set in the environment reaches all nodes.
set -euo pipefail
cd "$(dirname "$0")/.."

HTTP_BASE=${HTTP_BASE:-8080}
CLUSTER_BASE=${CLUSTER_BASE:-25520}
DB_PORT=${DB_PORT:-15432}
CLUSTER_DIR=${CLUSTER_DIR:-./cluster}
JAR=${JAR:-http-api/target/price-engine.jar}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
HOST=127.0.0.1

mkdir -p "$CLUSTER_DIR"
CLUSTER_DIR=$(cd "$CLUSTER_DIR" && pwd)

die() { echo "cluster.sh: $*" >&2; exit 1; }
pid_file() { echo "$CLUSTER_DIR/node$1.pid"; }
http_port() { echo $((HTTP_BASE + $1 - 1)); }
cluster_port() { echo $((CLUSTER_BASE + $1 - 1)); }
nodes() { cat "$CLUSTER_DIR/size" 2>/dev/null || echo 0; }

alive() {
  local file; file=$(pid_file "$1")
  [[ -f $file ]] && kill -0 "$(cat "$file")" 2>/dev/null
}

# Tokens are generated once per cluster directory: every node must accept the same ones.
tokens() {
  local file="$CLUSTER_DIR/tokens.env"
  if [[ ! -f $file ]]; then
    {
      echo "PRICE_ENGINE_INGEST_TOKEN=${PRICE_ENGINE_INGEST_TOKEN:-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')}"
      echo "PRICE_ENGINE_ADMIN_TOKEN=${PRICE_ENGINE_ADMIN_TOKEN:-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')}"
    } > "$file"
    chmod 600 "$file"
  fi
  # shellcheck disable=SC1090
  source "$file"
  export PRICE_ENGINE_INGEST_TOKEN PRICE_ENGINE_ADMIN_TOKEN
}

# The first three nodes are the seeds: a restarted node finds the running cluster through any of
# them. Node 1 forms a new cluster only when none of the other seeds answers.
seeds() {
  local n=$1 list="" i
  for ((i = 1; i <= (n < 3 ? n : 3); i++)); do
    list+="${list:+,}$HOST:$(cluster_port "$i")"
  done
  echo "$list"
}

start_node() {
  local i=$1 n; n=$(nodes)
  alive "$i" && die "node $i already runs (pid $(cat "$(pid_file "$i")"))"
  local log="$CLUSTER_DIR/node$i.log"
  (
    export PRICE_ENGINE_HTTP_HOST=$HOST PRICE_ENGINE_HTTP_PORT=$(http_port "$i")
    export PRICE_ENGINE_CLUSTER_HOST=$HOST PRICE_ENGINE_CLUSTER_PORT=$(cluster_port "$i")
    export PRICE_ENGINE_SEED_NODES=$(seeds "$n")
    if [[ $i == 1 ]]; then
      # the embedded database runs in node 1's JVM and stops with it
      unset PRICE_ENGINE_DB_URL
      export PRICE_ENGINE_DATA_DIR="$CLUSTER_DIR/node1-data" PRICE_ENGINE_EMBEDDED_DB_PORT=$DB_PORT
    else
      export PRICE_ENGINE_DB_URL=${PRICE_ENGINE_DB_URL:-jdbc:postgresql://$HOST:$DB_PORT/price_engine}
    fi
    # shellcheck disable=SC2086
    nohup java $JAVA_OPTS -jar "$JAR" >> "$log" 2>&1 &
    echo $! > "$(pid_file "$i")"
  )
  echo "node $i: pid $(cat "$(pid_file "$i")"), http://$HOST:$(http_port "$i"), cluster $HOST:$(cluster_port "$i"), log $log"
}

await_ready() {
  local i=$1 deadline=$((SECONDS + ${READY_TIMEOUT:-180}))
  until curl -sf "http://$HOST:$(http_port "$i")/health/ready" > /dev/null; do
    alive "$i" || die "node $i exited; see $CLUSTER_DIR/node$i.log"
    ((SECONDS < deadline)) || die "node $i not ready after ${READY_TIMEOUT:-180}s; see $CLUSTER_DIR/node$i.log"
    sleep 1
  done
  echo "node $i ready"
}

stop_node() {
  local i=$1 signal=$2 file; file=$(pid_file "$i")
  alive "$i" || { rm -f "$file"; return 0; }
  local pid; pid=$(cat "$file")
  kill "-$signal" "$pid"
  local deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      echo "node $i did not stop within 60 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.5
  done
  rm -f "$file"
  echo "node $i stopped ($signal)"
}

# A node 1 killed with SIGKILL leaves its PostgreSQL running; stop it (fast shutdown).
stop_leftover_database() {
  local pidfile="$CLUSTER_DIR/node1-data/postgres/postmaster.pid"
  [[ -f $pidfile ]] || return 0
  local pid; pid=$(head -1 "$pidfile")
  if kill -0 "$pid" 2>/dev/null && grep -q postgres "/proc/$pid/cmdline" 2>/dev/null; then
    kill -INT "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    echo "stopped the embedded PostgreSQL left running by node 1 (pid $pid)"
  fi
}

case "${1:-}" in
  start)
    n=${2:-3}
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "start N: N must be a positive number"
    for ((i = 1; i <= n; i++)); do alive "$i" && die "node $i already runs; stop first"; done
    [[ -f $JAR ]] || mvn -B -q -DskipTests package
    echo "$n" > "$CLUSTER_DIR/size"
    tokens
    # node 1 first: it starts the database the others connect to
    start_node 1
    await_ready 1
    for ((i = 2; i <= n; i++)); do start_node "$i"; done
    for ((i = 2; i <= n; i++)); do await_ready "$i"; done
    echo "ingest token: $PRICE_ENGINE_INGEST_TOKEN"
    echo "admin token:  $PRICE_ENGINE_ADMIN_TOKEN"
    ;;
  status)
    tokens
    for ((i = 1; i <= $(nodes); i++)); do
      if alive "$i"; then
        ready=$(curl -s -o /dev/null -w '%{http_code}' "http://$HOST:$(http_port "$i")/health/ready" || true)
        echo "node $i: pid $(cat "$(pid_file "$i")"), http://$HOST:$(http_port "$i"), ready: $ready"
        curl -s -H "Authorization: Bearer $PRICE_ENGINE_ADMIN_TOKEN" \
          "http://$HOST:$(http_port "$i")/api/v1/admin/cluster" || true
        echo
      else
        echo "node $i: not running"
      fi
    done
    ;;
  stop)
    for ((i = $(nodes); i >= 1; i--)); do stop_node "$i" TERM; done
    stop_leftover_database
    ;;
  kill | leave)
    [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "$1 I: which node?"
    stop_node "$2" "$([[ $1 == kill ]] && echo KILL || echo TERM)"
    ;;
  restart)
    [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "restart I: which node?"
    # a number past the last node adds a node
    (($2 <= $(nodes))) || echo "$2" > "$CLUSTER_DIR/size"
    tokens
    start_node "$2"
    await_ready "$2"
    ;;
  *)
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
