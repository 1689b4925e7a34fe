#!/usr/bin/env bash
# Writes a class-data sharing archive of one start of the packaged jar (JDK 17 dynamic CDS): the jar
# is started on embedded defaults in a scratch folder, stopped once /q/health/ready answers 200, and
# the JVM writes the classes it loaded to ARCHIVE as it exits. A JVM started later with
# -XX:SharedArchiveFile=ARCHIVE maps them instead of loading and verifying them again: ~25 % sooner
# ready on the build machine (README "Benchmark: start-up"). A JVM that cannot use the archive (another
# JDK build) says so and starts as without it.
# Usage: cds-archive.sh JAR ARCHIVE        (JAVA: the java to use, default java on the PATH)
set -euo pipefail
jar=$1
archive=$2
java=${JAVA:-java}
scratch=$(mktemp -d)
port=${CDS_MANAGEMENT_PORT:-19000}
trap 'rm -rf "$scratch"' EXIT

VOUCHERIFY_WEBHOOK_SECRETS=cds-training VOUCHERIFY_DATA_DIR="$scratch/data" \
QUARKUS_HTTP_PORT=${CDS_HTTP_PORT:-18080} QUARKUS_MANAGEMENT_PORT=$port \
    "$java" -Xmx256m -XX:ArchiveClassesAtExit="$archive" -jar "$jar" > "$scratch/app.log" 2>&1 &
app=$!

# bash alone (no curl in every base image): one HTTP/1.0 request on /dev/tcp
ready() {
    local status
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf 'GET /q/health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
    read -r _ status _ <&3 || true
    exec 3<&-
    [ "$status" = "200" ]
}
for _ in $(seq 1 600); do
    if ! kill -0 "$app" 2> /dev/null; then
        cat "$scratch/app.log" >&2
        echo "cds-archive: the application exited before it was ready" >&2
        exit 1
    fi
    if ready 2> /dev/null; then
        kill -TERM "$app"
        wait "$app" || true
        [ -s "$archive" ] || { cat "$scratch/app.log" >&2; echo "cds-archive: no archive written" >&2; exit 1; }
        echo "cds-archive: $archive written"
        exit 0
    fi
    sleep 0.2
done
kill -KILL "$app"
cat "$scratch/app.log" >&2
echo "cds-archive: not ready after 120 s" >&2
exit 1
