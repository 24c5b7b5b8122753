#!/bin/bash
# Where a CSV import's creation time goes in the database: one creation of N Persons over HTTP into a fresh 'serve'
# (warmed up by two 50,000-row imports, then emptied as csv-import.sh does), with pg_stat_statements loaded in the
# embedded PostgreSQL. Prints the wall time, the statements by total execution time (a COPY's time includes the JVM
# producing its rows), the WAL written, and, with PERF=1, a machine-wide `perf` profile by process and by PostgreSQL
# function (the embedded PostgreSQL binary is not stripped). Not a benchmark: pg_stat_statements and perf cost time.
#
#   mvn package -DskipTests && ops/bench/csv-import-profile.sh [ROWS]      (default 1000000; PERF=1 needs perf, root)
set -euo pipefail
DIR=${BENCH_DIR:-/tmp/tributary-profile}
PORT=${BENCH_HTTP_PORT:-18766}
source "$(dirname "$0")/import-bench-lib.sh"
ROWS=${1:-1000000}

rm -rf "$DIR"; mkdir -p "$DIR"
trap stop_serve EXIT

# The embedded server reads postgresql.auto.conf when it starts: load pg_stat_statements, then start again.
start_serve
"${PSQL[@]}" -c "alter system set shared_preload_libraries = 'pg_stat_statements'"
stop_serve; start_serve
"${PSQL[@]}" -c "create extension if not exists pg_stat_statements"

load_organizations
python3 "$ROOT/ops/bench/gen_people.py" 50000 50 "$DIR/warm-up.csv"
post_import "$DIR/warm-up.csv" retcode /dev/null; post_import "$DIR/warm-up.csv" retcode /dev/null
python3 "$ROOT/ops/bench/gen_people.py" "$ROWS" 50 "$DIR/people.csv"
empty_persons
"${PSQL[@]}" -c "checkpoint"
"${PSQL[@]}" -c "select pg_stat_statements_reset()" >/dev/null
WAL0=$("${PSQL[@]}" -At -c "select wal_records || ' ' || wal_fpi || ' ' || wal_bytes from pg_stat_wal")
PERF_PID=
if [ -n "${PERF:-}" ]; then perf record -F 499 -g -a -o "$DIR/perf.data" 2>"$DIR/perf.err" & PERF_PID=$!; fi
t0=$(date +%s.%N)
post_import "$DIR/people.csv" summary "$DIR/answer"
t1=$(date +%s.%N)
if [ -n "$PERF_PID" ]; then kill -INT "$PERF_PID"; wait "$PERF_PID" || true; fi
WAL1=$("${PSQL[@]}" -At -c "select wal_records || ' ' || wal_fpi || ' ' || wal_bytes from pg_stat_wal")

echo "Creation of $ROWS Persons over HTTP: $(echo "$t1 - $t0" | bc -l | xargs printf '%.2f') s —" \
    "$(grep -E '^#(Created|Issues):' "$DIR/answer" | tr '\n' ' ')"
read -r r0 f0 b0 <<<"$WAL0"; read -r r1 f1 b1 <<<"$WAL1"
echo "WAL: $((r1 - r0)) records, $((f1 - f0)) full-page images, $(((b1 - b0) / 1048576)) MB"
"${PSQL[@]}" -c "select round(total_exec_time::numeric / 1000, 2) as seconds, calls, rows,
    left(regexp_replace(query, '\s+', ' ', 'g'), 110) as statement
    from pg_stat_statements order by total_exec_time desc limit 15"
if [ -n "$PERF_PID" ]; then
  echo "CPU by process (share of all samples on $(nproc) cores):"
  perf report -i "$DIR/perf.data" --no-children --sort comm --stdio -g none 2>/dev/null | grep -v '^#' | grep . | head -12
  echo "PostgreSQL functions:"
  perf report -i "$DIR/perf.data" --no-children --comm postgres --sort sym --stdio -g none 2>/dev/null \
      | grep -v '^#' | grep . | head -25
fi
