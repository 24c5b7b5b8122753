#!/bin/sh
# Run by 'mvn package' after the jar is built: writes the fast-start layout target/tributary/ (see
# src/main/dist/tributary). The class-data-sharing archive is recorded by a real run: an import of the sample
# organizations into a throw-away embedded database, with a random administrator password that is not kept.
#   fast-start-layout.sh JAVA BUILD_DIR PROJECT_DIR
set -eu
java=$1
# Absolute paths: the archive records the class path it was made with, and is used only with the same one.
build=$(cd "$2" && pwd)
project=$(cd "$3" && pwd)
layout="$build/tributary"
training="$build/fast-start-training"
rm -rf "$layout" "$training"
"$java" -Djarmode=tools -jar "$build/tributary.jar" extract --destination "$layout"
cp "$project/src/main/dist/tributary" "$layout/tributary"
chmod +x "$layout/tributary"
password="Tr-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
# The archive holds the classes this run loaded; the JVM's notes about classes it cannot archive are not errors.
if ! TRIBUTARY_ADMIN_PASSWORD="$password" "$java" -XX:ArchiveClassesAtExit="$layout/tributary.jsa" \
        -Xlog:disable -Xlog:cds=error:stderr -Xmx512m -jar "$layout/tributary.jar" import \
        --tributary.home="$training" --auth_user=admin --auth_pwd="$password" --class=Organization \
        --csvfile="$project/samples/organizations.csv" --charset=UTF-8 --no_localize=1 > "$build/fast-start-training.log" 2>&1; then
    cat "$build/fast-start-training.log" >&2
    echo "fast-start layout: the training run failed (its output is above)" >&2
    exit 1
fi
rm -rf "$training"
echo "fast-start layout: $layout/tributary ($(du -sh "$layout" | cut -f1))"
