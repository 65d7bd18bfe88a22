#!/usr/bin/env bash
# The PostgreSQL JDBC driver against kadedb serve: compiles JdbcTest.java with javac into the
# work directory ($1) and runs it. Skipped (exit 77) without javac or the driver jar.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="${1:-$(mktemp -d)}"
JAR=/usr/share/java/postgresql.jar
command -v javac >/dev/null || { echo "javac not installed (default-jdk-headless)"; exit 77; }
[ -f "$JAR" ] || { echo "$JAR missing (libpostgresql-jdbc-java)"; exit 77; }
mkdir -p "$WORK/jdbc"
javac -d "$WORK/jdbc" -cp "$JAR" "$HERE/JdbcTest.java" || exit 1
exec java -cp "$WORK/jdbc:$JAR" JdbcTest
