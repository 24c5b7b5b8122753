#!/bin/sh
# Quick start "main job": imports the sample organizations, then the 3,000 sample people, with the sample parameter
# files. The administrator's password is read from TRIBUTARY_ADMIN_PASSWORD (the one chosen at first start), never
# stored in the repository. Run from the project root after 'mvn package':
#   TRIBUTARY_ADMIN_PASSWORD='your admin password' samples/import-sample.sh
# Exit code: 0 all rows imported, 1 some rows rejected (the sample has 7 bad rows on purpose), 2 refused, 3 crashed.
set -e
: "${TRIBUTARY_ADMIN_PASSWORD:?set TRIBUTARY_ADMIN_PASSWORD to the admin password}"
# From the fast-start layout that 'mvn package' writes (see the README), or with java -jar when JAR is set.
tributary() {
    if [ -z "${JAR:-}" ] && [ -x target/tributary/tributary ]; then
        target/tributary/tributary "$@"
    else
        java -jar "${JAR:-target/tributary.jar}" "$@"
    fi
}
tributary import --param_file=samples/import-organizations.params --auth_pwd="$TRIBUTARY_ADMIN_PASSWORD" "$@"
set +e
tributary import --param_file=samples/import-people.params --auth_pwd="$TRIBUTARY_ADMIN_PASSWORD" "$@"
