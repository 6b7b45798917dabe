#!/usr/bin/env bash
# Deploys the built target/elements.war, unchanged, on a fresh Payara Server 6 domain and checks
# that it works (server-config/smoke/SmokeCheck.java: readiness with the database check, the
# api-v2 error shape, provisioning, a proxied call to a local upstream, the console's sign-in
# page, three malformed requests). Needs only Java; loopback only, ports 18400-18499; stops the domain it started. Part of
# `./mvnw verify` (skip with -Dplugboard.payara-server.skip=true).
# Usage: ./mvnw package && server-config/payara-server/smoke.sh   (PAYARA_VERSION to choose another)
set -euo pipefail
cd "$(dirname "$0")/../.."
PAYARA_VERSION=${PAYARA_VERSION:-6.2025.10}
WORK=$PWD/target/payara-server-smoke
PORT_BASE=18400             # admin 18448, http 18480
UPSTREAM_PORT=18999

[ -f target/elements.war ] || { echo "target/elements.war is missing: run ./mvnw package first" >&2; exit 2; }
rm -rf "$WORK" && mkdir -p "$WORK"
# The embedded H2 file, shared through AUTO_SERVER so that SmokeCheck can inject a fault with a constraint.
DB_URL="jdbc:h2:file:$WORK/data/plugboard;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE"
./mvnw -q -B -ntp dependency:copy -Dartifact=com.h2database:h2:2.2.224 -DoutputDirectory="$WORK" -Dmdep.stripVersion=true
./mvnw -q -B -ntp dependency:copy -Dartifact="fish.payara.distributions:payara:$PAYARA_VERSION:zip" -DoutputDirectory="$WORK"
(cd "$WORK" && jar xf "payara-$PAYARA_VERSION.zip")   # jar: the JDK's own unzip
ASADMIN=$WORK/payara6/bin/asadmin
chmod +x "$WORK"/payara6/bin/* "$WORK"/payara6/glassfish/bin/*

"$ASADMIN" --user admin create-domain --nopassword=true --portbase $PORT_BASE smoke >/dev/null
cleanup() { "$ASADMIN" stop-domain smoke >/dev/null 2>&1 || true; }
trap cleanup EXIT
# The domain's JVM inherits this environment.
PLUGBOARD_DB_URL="$DB_URL" PLUGBOARD_DB_USER=plugboard \
PLUGBOARD_DATA_DIR="$WORK/data" PLUGBOARD_EGRESS_ALLOW=127.0.0.1:$UPSTREAM_PORT \
PLUGBOARD_BOOTSTRAP_ORGANIZATION_SECRET=smoke-organization-secret PLUGBOARD_BOOTSTRAP_USER_SECRET=smoke-user-secret \
  "$ASADMIN" start-domain smoke >/dev/null
# Headers up to 32 KiB reach the hub, as on Payara Micro (server-config/README.md).
"$ASADMIN" --port $((PORT_BASE + 48)) set \
  configs.config.server-config.network-config.protocols.protocol.http-listener-1.http.header-buffer-length-bytes=32768 >/dev/null
# The set reconfigures the running listener; a deployment during that left it half-started
# ("GrizzlyProxy is NULL") with requests hanging. A restart gives the WAR a clean listener.
PLUGBOARD_DB_URL="$DB_URL" PLUGBOARD_DB_USER=plugboard \
PLUGBOARD_DATA_DIR="$WORK/data" PLUGBOARD_EGRESS_ALLOW=127.0.0.1:$UPSTREAM_PORT \
PLUGBOARD_BOOTSTRAP_ORGANIZATION_SECRET=smoke-organization-secret PLUGBOARD_BOOTSTRAP_USER_SECRET=smoke-user-secret \
  "$ASADMIN" --port $((PORT_BASE + 48)) restart-domain smoke >/dev/null
"$ASADMIN" --port $((PORT_BASE + 48)) deploy --contextroot elements target/elements.war >/dev/null

if java -cp "$WORK/h2.jar" server-config/smoke/SmokeCheck.java $((PORT_BASE + 80)) $((PORT_BASE + 80)) "$UPSTREAM_PORT" payara "$DB_URL"; then
  echo "Payara Server $PAYARA_VERSION: all checks passed"
else
  echo "Payara Server $PAYARA_VERSION: the server log is $WORK/payara6/glassfish/domains/smoke/logs/server.log"
  # CI keeps only the console: show the server's own account of the failure there.
  grep -E -A3 "SEVERE|ERROR|Exception" "$WORK/payara6/glassfish/domains/smoke/logs/server.log" | tail -80 || true
  exit 1
fi
