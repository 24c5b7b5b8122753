# Shared by the CSV import benchmark scripts (sourced, not run). Before sourcing, set DIR (a throw-away directory whose
# home/ holds the embedded PostgreSQL) and PORT; JAR and JAVA_OPTS may be set to override the defaults below.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# The server's JVM as ops/systemd/tributary.service runs it, with a 512 MB heap.
JAVA_OPTS=${JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}
# Commands (the CLI imports) start as scripts start them, from the fast-start layout (see the README); with JAR given,
# with java -jar on that jar.
TRIBUTARY=(java $JAVA_OPTS -jar "${JAR:-$ROOT/target/tributary.jar}")
if [ -z "${JAR:-}" ] && [ -x "$ROOT/target/tributary/tributary" ]; then
  TRIBUTARY=(env JAVA_OPTS="$JAVA_OPTS" "$ROOT/target/tributary/tributary")
fi
JAR=${JAR:-$ROOT/target/tributary.jar}
export TRIBUTARY_ADMIN_PASSWORD=Bench-pwd1
SERVE=

# Starts 'serve' on $DIR/home and waits for it; sets SERVE (its pid) and PSQL (psql on the embedded database).
start_serve() {
  java $JAVA_OPTS -jar "$JAR" serve --tributary.home="$DIR/home" --server.port="$PORT" >>"$DIR/serve.log" 2>&1 &
  SERVE=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/webservices/status.php" >/dev/null && break; sleep 0.5; done
  local pgport
  pgport=$(sed -n 4p "$DIR/home/pgdata/postmaster.pid")
  PSQL=(psql -X -q -h 127.0.0.1 -p "$pgport" -U postgres -d tributary -v ON_ERROR_STOP=1)
}

stop_serve() {
  [ -z "$SERVE" ] || { kill "$SERVE" 2>/dev/null || true; wait "$SERVE" 2>/dev/null || true; }
  SERVE=
}

# Posts a Person CSV file to the running server's import.php: file output answer-file.
post_import() {
  curl -sS -o "$3" "http://127.0.0.1:$PORT/webservices/import.php" -F auth_user=admin \
      -F auth_pwd="$TRIBUTARY_ADMIN_PASSWORD" -F class=Person -F no_localize=1 -F charset=UTF-8 -F output="$2" \
      -F csvdata=@"$1"
}

# The 50 Organizations the generated Persons belong to, imported through the CLI.
load_organizations() {
  python3 "$ROOT/ops/bench/gen_orgs.py" 50 "$DIR/orgs.csv"
  "${TRIBUTARY[@]}" import --tributary.home="$DIR/home" --auth_user=admin --auth_pwd="$TRIBUTARY_ADMIN_PASSWORD" \
      --class=Organization --csvfile="$DIR/orgs.csv" --no_localize=1 --charset=UTF-8 --output=retcode >/dev/null 2>&1 || true
}

# The Person-less table a first load meets: Persons deleted and the indexes rebuilt (a million deletions leave them
# bloated: a creation into them took 40 % longer in one test).
empty_persons() {
  "${PSQL[@]}" -c "delete from cmdb.contact where finalclass = 'Person'" -c "vacuum analyze cmdb.contact" \
      -c "reindex table cmdb.contact" >/dev/null
}
