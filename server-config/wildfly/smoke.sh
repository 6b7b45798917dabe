#!/usr/bin/env bash
# Deploys the built target/elements.war, unchanged, on a fresh WildFly and checks that it works
# (server-config/smoke/SmokeCheck.java: readiness with the database check, the api-v2 error shape, provisioning, a
# proxied call to a local upstream, the console's sign-in page, three malformed requests). Needs only Java; loopback only;
# stops everything it started. Part of `./mvnw verify` (skip with -Dplugboard.wildfly.skip=true).
# Usage: ./mvnw package && server-config/wildfly/smoke.sh   (WILDFLY_VERSION to choose another)
set -euo pipefail
cd "$(dirname "$0")/../.."
WILDFLY_VERSION=${WILDFLY_VERSION:-39.0.1.Final}
WORK=$PWD/target/wildfly-smoke
HTTP_PORT=18280
MANAGEMENT_PORT=19990
UPSTREAM_PORT=18999

[ -f target/elements.war ] || { echo "target/elements.war is missing: run ./mvnw package first" >&2; exit 2; }
rm -rf "$WORK" && mkdir -p "$WORK"
# The embedded H2 file, shared through AUTO_SERVER so that SmokeCheck can inject a fault with a constraint.
DB_URL="jdbc:h2:file:$WORK/data/plugboard;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE"
./mvnw -q -B -ntp dependency:copy -Dartifact=com.h2database:h2:2.2.224 -DoutputDirectory="$WORK" -Dmdep.stripVersion=true
./mvnw -q -B -ntp dependency:copy -Dartifact="org.wildfly:wildfly-dist:$WILDFLY_VERSION:zip" -DoutputDirectory="$WORK"
(cd "$WORK" && jar xf "wildfly-dist-$WILDFLY_VERSION.zip")   # jar: the JDK's own unzip
WILDFLY_HOME=$WORK/wildfly-$WILDFLY_VERSION
chmod +x "$WILDFLY_HOME"/bin/*.sh
server-config/wildfly/configure.sh "$WILDFLY_HOME"
cp target/elements.war "$WILDFLY_HOME/standalone/deployments/"

cleanup() {
  pkill -f "jboss.home.dir=$WILDFLY_HOME" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
PLUGBOARD_DB_URL="$DB_URL" PLUGBOARD_DB_USER=plugboard \
PLUGBOARD_DATA_DIR="$WORK/data" PLUGBOARD_EGRESS_ALLOW=127.0.0.1:$UPSTREAM_PORT \
PLUGBOARD_BOOTSTRAP_ORGANIZATION_SECRET=smoke-organization-secret PLUGBOARD_BOOTSTRAP_USER_SECRET=smoke-user-secret \
JAVA_OPTS="-Xmx1g -Djava.security.egd=file:/dev/./urandom" \
  "$WILDFLY_HOME/bin/standalone.sh" -c standalone.xml -Djboss.http.port=$HTTP_PORT \
  -Djboss.management.http.port=$MANAGEMENT_PORT > "$WORK/server.log" 2>&1 &

if java -cp "$WORK/h2.jar" server-config/smoke/SmokeCheck.java "$HTTP_PORT" "$MANAGEMENT_PORT" "$UPSTREAM_PORT" wildfly "$DB_URL"; then
  echo "WildFly $WILDFLY_VERSION: all checks passed"
else
  echo "WildFly $WILDFLY_VERSION: the server log is $WORK/server.log"
  # CI keeps only the console: show the server's own account of the failure there.
  grep -E -A3 "SEVERE|ERROR|Exception" "$WORK/server.log" | tail -80 || true
  exit 1
fi
