#!/usr/bin/env bash
# Measures the database's share of a durable tick with the engine taken out (DatabaseFloor): starts
# the engine jar on a fresh embedded database, idle, and writes the rows the engine's design needs
# per tick (journal row written and read back, history row, master and daily upserts) straight into
# copies of its tables, on the database's best terms. Reports the PostgreSQL CPU per tick and the
# ceiling it puts on any engine on this machine. Builds first when artifacts are stale.
#
# Usage: simulations/bench-floor.sh [--ticks=200000] [--batch=1000] [--symbols=1000]
# Environment: see simulations/bench-lib.sh.
# Report: printed, and written to simulations/target/bench/database-floor.json.
set -euo pipefail
# shellcheck source=simulations/bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

if bench_help_requested "$@"; then
  bench_usage DatabaseFloor
  exit 0
fi

bench_build_if_needed
bench_new_data_dir floor
bench_start_engine "$bench_data_dir" "$bench_dir/floor-engine.log"
bench_await_engine ready
bench_run_java DatabaseFloor --jdbcUrl="jdbc:postgresql://127.0.0.1:$engine_db_port/price_engine" "$@"
