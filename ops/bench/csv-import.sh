#!/bin/bash
# CSV import benchmark: import of N Persons (all created), the same file again (all unchanged), and the file with 1 %
# of rows changed, each next to a PostgreSQL COPY of the same CSV into a plain table (primary key on employee_number)
# measured in the same run on the same server. After the first creation of each series, the rows it stored are also
# sent by COPY into an empty table built like the CMDB's (same columns, same indexes): the floor of any creation, whose
# ratio to the plain COPY is the part of a creation's ratio that the table's indexes account for. Each series runs
# twice: through HTTP (import.php posted to a running 'serve', multipart upload included) and through the CLI (a new
# JVM per import, started from the fast-start layout target/tributary/ as scripts start it, or with java -jar when JAR
# is set: its start, about 3 s here with the layout and 5 s without, is part of the wall time). For each import it
# prints the wall time, the job's own time (start to end of the csv_import job execution in BATCH_JOB_EXECUTION),
# rows/s and the ratio to COPY of both, and the peak RSS (of the import process for the CLI; of the server so far for
# HTTP).
#
#   mvn package -DskipTests && ops/bench/csv-import.sh [ROWS ...]      (default: 100000; e.g. 100000 1000000)
#
# TRANSPORTS="http cli" (default) chooses the series; RUNS=N repeats them (each from an empty table, with its own COPY)
# and ends with the median and range of each ratio: on this machine one run's ratios move by a quarter or more. The
# server first imports 50,000 rows three ways (then deleted) to warm up, and each import starts once autovacuum has
# nothing left to do (after a large creation PostgreSQL vacuums and analyses the tables it filled). Needs python3,
# psql, bc, curl and GNU time (/usr/bin/time). A throw-away home under $BENCH_DIR (default /tmp/tributary-bench) holds
# the embedded PostgreSQL; the background 'serve' keeps it running so each import attaches to a warm server. Both JVMs run with -Xmx512m and the parallel (throughput)
# garbage collector, as ops/systemd/tributary.service runs the server (override with JAVA_OPTS).
# Run it on an otherwise idle machine.
set -euo pipefail
DIR=${BENCH_DIR:-/tmp/tributary-bench}
PORT=${BENCH_HTTP_PORT:-18765}
source "$(dirname "$0")/import-bench-lib.sh"
SIZES=("$@"); [ ${#SIZES[@]} -eq 0 ] && SIZES=(100000)
RUNS=${RUNS:-1}
read -r -a TRANSPORTS <<<"${TRANSPORTS:-http cli}"

rm -rf "$DIR"; mkdir -p "$DIR"
trap stop_serve EXIT
start_serve

now() { date +%s.%N; }
quiet() { # waits (up to 5 min) until autovacuum has nothing left to do: a creation of 1,000,000 rows sets off vacuums
  # and analyses of the tables it filled, up to a minute later (autovacuum's nap), which would otherwise run during the
  # next import and be counted as its time. "Nothing left" is autovacuum's own trigger rule (default thresholds).
  local pending
  for _ in $(seq 1 300); do
    pending=$("${PSQL[@]}" -At -c "select (select count(*) from pg_stat_activity where backend_type = 'autovacuum worker')
        + (select count(*) from pg_stat_user_tables s join pg_class c on c.oid = s.relid
           where s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)
              or s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
              or s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0))")
    [ "$pending" = 0 ] && return
    sleep 1
  done
  echo "warning: autovacuum still had work after 5 minutes; measuring anyway" >&2
}
import() { # transport label rows file -> prints a result line
  local transport=$1 label=$2 rows=$3 file=$4
  local t0 t1 rss wall job
  quiet
  t0=$(now)
  if [ "$transport" = http ]; then
    post_import "$file" summary "$DIR/$label.out" 2>"$DIR/$label.err" || true
    t1=$(now)
    rss=$(awk '/VmHWM/ {print $2}' "/proc/$SERVE/status")
  else
    /usr/bin/time -f "%M" -o "$DIR/rss" "${TRIBUTARY[@]}" import --tributary.home="$DIR/home" \
        --auth_user=admin --auth_pwd="$TRIBUTARY_ADMIN_PASSWORD" --class=Person --csvfile="$file" \
        --no_localize=1 --charset=UTF-8 --output=summary >"$DIR/$label.out" 2>"$DIR/$label.err" || true
    t1=$(now)
    rss=$(tail -1 "$DIR/rss")
  fi
  wall=$(echo "$t1 - $t0" | bc -l)
  job=$("${PSQL[@]}" -At -c "select extract(epoch from end_time - start_time) from batch_job_execution
      where status = 'COMPLETED' order by job_execution_id desc limit 1")
  local created updated unchanged issues
  created=$(grep '^#Created:' "$DIR/$label.out" | cut -d' ' -f2); updated=$(grep '^#Updated:' "$DIR/$label.out" | cut -d' ' -f2)
  unchanged=$(grep '^#Unchanged:' "$DIR/$label.out" | cut -d' ' -f2); issues=$(grep '^#Issues:' "$DIR/$label.out" | cut -d' ' -f2)
  printf '%-26s %8d rows  wall %7.2f s %8.0f rows/s %5.1fx COPY | job %7.2f s %8.0f rows/s %5.1fx COPY | RSS %4d MB  (created %s, updated %s, unchanged %s, issues %s)\n' \
      "$label" "$rows" "$wall" "$(echo "$rows / $wall" | bc -l)" "$(echo "$wall / $COPY" | bc -l)" \
      "$job" "$(echo "$rows / $job" | bc -l)" "$(echo "$job / $COPY" | bc -l)" $((rss / 1024)) \
      "$created" "$updated" "$unchanged" "$issues"
  [ -n "${WALL_RATIOS[$label]+x}" ] || LABELS+=("$label")
  WALL_RATIOS[$label]+="$(echo "$wall / $COPY" | bc -l) "
  LAST_WALL[$label]=$wall
  JOB_RATIOS[$label]+="$(echo "$job / $COPY" | bc -l) "
}
declare -A WALL_RATIOS JOB_RATIOS LAST_WALL INDEXED_RATIOS
LABELS=()
median_range() { # ratios... -> "median (min–max)"
  sort -g <<<"$(printf '%s\n' "$@")" | awk '{v[NR] = $1} END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%5.1fx (%.1f–%.1fx)", m, v[1], v[NR]}'
}
copy() { # file rows -> sets COPY (seconds): the faster of two runs
  local t0 t1 seconds; COPY=
  for _ in 1 2; do
    "${PSQL[@]}" -c "drop table if exists bench_copy; create table bench_copy (first_name text, name text, email text,
        org text, phone text, function text, employee_number text primary key)"
    t0=$(now)
    "${PSQL[@]}" -c "\\copy bench_copy from '$1' with (format csv, header true)"
    t1=$(now); seconds=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$COPY" ] || [ "$(echo "$seconds < $COPY" | bc -l)" = 1 ]; then COPY=$seconds; fi
  done
  printf '%-26s %8d rows  wall %7.2f s %8.0f rows/s\n' "COPY" "$2" "$COPY" "$(echo "$2 / $COPY" | bc -l)"
}
indexed_copy() { # label rows -> the rows a creation stored, copied into a table built like theirs (every index)
  # The floor of any creation: the same rows as the import stored them (ids, organization keys, defaults) sent by COPY
  # into an empty table with the CMDB table's columns and indexes, without Java, reconciliation or checks. Best of two.
  local label=$1 rows=$2 t0 t1 seconds best=
  "${PSQL[@]}" -c "\\copy (select * from cmdb.contact where finalclass = 'Person') to '$DIR/stored.tsv'"
  for _ in 1 2; do
    "${PSQL[@]}" -c "set client_min_messages = warning; drop table if exists bench_indexed; create table bench_indexed (like cmdb.contact including indexes)"
    t0=$(now)
    "${PSQL[@]}" -c "\\copy bench_indexed from '$DIR/stored.tsv'"
    t1=$(now); seconds=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$seconds < $best" | bc -l)" = 1 ]; then best=$seconds; fi
  done
  "${PSQL[@]}" -c "drop table bench_indexed"; rm -f "$DIR/stored.tsv"
  local create=${LAST_WALL[$label]}
  printf '%-26s %8d rows  wall %7.2f s %8.0f rows/s %5.1fx COPY | %s: %4.1fx this\n' "COPY, CMDB table's indexes" \
      "$rows" "$best" "$(echo "$rows / $best" | bc -l)" "$(echo "$best / $COPY" | bc -l)" "$label" \
      "$(echo "$create / $best" | bc -l)"
  INDEXED_RATIOS[$label]+="$(echo "$create / $best" | bc -l) "
}

load_organizations
# Warm-up: the server's first imports run while its JIT compiles the import code (several seconds of CPU on a small
# machine); a server that has run a while has that done. 50,000 rows imported the three measured ways (created,
# unchanged, 1 % changed: each takes code paths of its own), deleted before the measured series start.
python3 "$ROOT/ops/bench/gen_people.py" 50000 50 "$DIR/warm-up.csv"
python3 "$ROOT/ops/bench/gen_people.py" 50000 50 "$DIR/warm-up-1pct.csv" 1
for warm_up in warm-up warm-up warm-up-1pct; do
  post_import "$DIR/$warm_up.csv" retcode /dev/null
done
echo "Tributary CSV import benchmark — $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), JVM $JAVA_OPTS"
for rows in "${SIZES[@]}"; do
  python3 "$ROOT/ops/bench/gen_people.py" "$rows" 50 "$DIR/people-$rows.csv"
  python3 "$ROOT/ops/bench/gen_people.py" "$rows" 50 "$DIR/people-$rows-1pct.csv" 1
  for _ in $(seq 1 "$RUNS"); do
    for transport in "${TRANSPORTS[@]}"; do
      empty_persons # each series starts from the table a first load meets
      copy "$DIR/people-$rows.csv" "$rows"
      import "$transport" "$transport-create-$rows" "$rows" "$DIR/people-$rows.csv"
      [ "$transport" = "${TRANSPORTS[0]}" ] && indexed_copy "$transport-create-$rows" "$rows"
      import "$transport" "$transport-unchanged-$rows" "$rows" "$DIR/people-$rows.csv"
      import "$transport" "$transport-changed-1pct-$rows" "$rows" "$DIR/people-$rows-1pct.csv"
    done
  done
done
if [ "$RUNS" -gt 1 ]; then
  echo "Ratios to COPY over $RUNS runs: median (min–max)"
  for label in "${LABELS[@]}"; do
    # shellcheck disable=SC2086 # the ratios are space-separated numbers
    printf '%-26s wall %s | job %s\n' "$label" "$(median_range ${WALL_RATIOS[$label]})" \
        "$(median_range ${JOB_RATIOS[$label]})"
  done
  for label in "${!INDEXED_RATIOS[@]}"; do
    # shellcheck disable=SC2086
    printf '%-26s wall %s the COPY into the CMDB table'"'"'s indexes\n' "$label" "$(median_range ${INDEXED_RATIOS[$label]})"
  done
fi
