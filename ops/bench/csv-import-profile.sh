#!/bin/bash
# Where a CSV import's creation time goes in the database: one creation of N Persons over HTTP into a fresh 'serve'
# (warmed up by two 50,000-row imports, then emptied as csv-import.sh does), with pg_stat_statements loaded in the
# embedded PostgreSQL. Prints the wall time, the statements by total execution time (a COPY's time includes the JVM
# producing its rows), the WAL written, and, with PERF=1, a machine-wide `perf` profile by process and by PostgreSQL
# function (the embedded PostgreSQL binary is not stripped). Not a benchmark: pg_stat_statements and perf cost time.
#
#   mvn package -DskipTests && ops/bench/csv-import-profile.sh [ROWS]      (default 1000000; PERF=1 needs perf, root)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$ROOT/target/tributary.jar}
DIR=${BENCH_DIR:-/tmp/tributary-profile}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}
PORT=${BENCH_HTTP_PORT:-18766}
ROWS=${1:-1000000}
export TRIBUTARY_ADMIN_PASSWORD=Bench-pwd1

rm -rf "$DIR"; mkdir -p "$DIR"
SERVE=
start() {
  java $JAVA_OPTS -jar "$JAR" serve --tributary.home="$DIR/home" --server.port="$PORT" >>"$DIR/serve.log" 2>&1 &
  SERVE=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/webservices/status.php" >/dev/null && break; sleep 0.5; done
  PGPORT=$(sed -n 4p "$DIR/home/pgdata/postmaster.pid")
  PSQL=(psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d tributary -v ON_ERROR_STOP=1)
}
stop() { [ -z "$SERVE" ] || { kill "$SERVE" 2>/dev/null || true; wait "$SERVE" 2>/dev/null || true; }; }
trap stop EXIT
post() { # file [output] -> the import's answer in $DIR/answer
  curl -sS -o "$DIR/answer" "http://127.0.0.1:$PORT/webservices/import.php" -F auth_user=admin \
      -F auth_pwd="$TRIBUTARY_ADMIN_PASSWORD" -F class=Person -F no_localize=1 -F charset=UTF-8 \
      -F output="${2:-summary}" -F csvdata=@"$1"
}

# The embedded server reads postgresql.auto.conf when it starts: load pg_stat_statements, then start again.
start
"${PSQL[@]}" -c "alter system set shared_preload_libraries = 'pg_stat_statements'"
stop; start
"${PSQL[@]}" -c "create extension if not exists pg_stat_statements"

python3 "$ROOT/ops/bench/gen_orgs.py" 50 "$DIR/orgs.csv"
java -jar "$JAR" import --tributary.home="$DIR/home" --auth_user=admin --auth_pwd="$TRIBUTARY_ADMIN_PASSWORD" \
    --class=Organization --csvfile="$DIR/orgs.csv" --no_localize=1 --charset=UTF-8 --output=retcode >/dev/null 2>&1 || true
python3 "$ROOT/ops/bench/gen_people.py" 50000 50 "$DIR/warm-up.csv"
post "$DIR/warm-up.csv" retcode; post "$DIR/warm-up.csv" retcode
python3 "$ROOT/ops/bench/gen_people.py" "$ROWS" 50 "$DIR/people.csv"
"${PSQL[@]}" -c "delete from cmdb.contact where finalclass = 'Person'" -c "vacuum analyze cmdb.contact" \
    -c "reindex table cmdb.contact" -c "checkpoint" >/dev/null
"${PSQL[@]}" -c "select pg_stat_statements_reset()" >/dev/null
WAL0=$("${PSQL[@]}" -At -c "select wal_records || ' ' || wal_fpi || ' ' || wal_bytes from pg_stat_wal")
PERF_PID=
if [ -n "${PERF:-}" ]; then perf record -F 499 -g -a -o "$DIR/perf.data" 2>"$DIR/perf.err" & PERF_PID=$!; fi
t0=$(date +%s.%N)
post "$DIR/people.csv"
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
