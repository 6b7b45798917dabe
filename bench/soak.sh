#!/usr/bin/env bash
# Soak benchmark: two Plugboard nodes (Payara Micro, --nocluster) on one PostgreSQL, mixed traffic
# round-robin over both at a steady open-loop rate; prints errors and p50/p99 per call type, each
# node's resident memory every minute, and the stand-in provider's books (duplicate refreshes).
# PostgreSQL comes from the io.zonky.test embedded binaries of the test scope. Everything runs on
# loopback and stops at exit. Usage: bench/soak.sh [seconds=600] [operations-per-second=40]
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_MEASURED=${1:-600}
RATE=${2:-40}
SHORT_INSTANCES=${SHORT_INSTANCES:-20}      # refreshed by the nodes' schedulers only
SHORT_LIFETIME=${SHORT_LIFETIME:-20}        # their expires_in: due every 10 s (half the lifetime)
REFRESH_INTERVAL=${REFRESH_INTERVAL:-5}     # plugboard.refresh.interval-seconds on both nodes
EXPIRE_EVERY=${EXPIRE_EVERY:-200}           # every n-th provider API call answers 401 (token expired)
PORT_A=18180
PORT_B=18181
PROVIDER_PORT=18190
DB_PORT=18432
WORK=$PWD/target/bench-soak
ORG_SECRET=bench-organization-secret
USER_SECRET=bench-user-secret
AUTH="User $USER_SECRET, Organization $ORG_SECRET"

./mvnw -B -q -ntp -Dmaven.test.skip=true package dependency:copy \
  -Dartifact=fish.payara.extras:payara-micro:6.2025.10 -DoutputDirectory=target -Dmdep.stripVersion=true
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK.classpath"
rm -rf "$WORK" && mkdir -p "$WORK/elements"

pids=()
cleanup() {
  # Nodes first (they hold connections), PostgreSQL last: its launcher stops the server on SIGTERM.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; wait "${pids[i]}" 2>/dev/null || true; done
  if [ -s "$WORK/db-ready" ] && kill -0 "$(cat "$WORK/db-ready")" 2>/dev/null; then kill "$(cat "$WORK/db-ready")" || true; fi
}
trap cleanup EXIT

java -cp "$(cat "$WORK.classpath")" bench/EmbeddedPostgres.java "$DB_PORT" "$WORK/db-ready" > "$WORK/postgres.log" 2>&1 &
pids+=($!)
# TCP_NODELAY: without it the JDK server Nagle-delays each answer by ~40 ms (delayed ACK).
java -Dsun.net.httpserver.nodelay=true bench/StandInProvider.java "$PROVIDER_PORT" "$SHORT_LIFETIME" "$EXPIRE_EVERY" \
  > "$WORK/provider.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do [ -s "$WORK/db-ready" ] && break; sleep 0.5; done
[ -s "$WORK/db-ready" ] || { echo "PostgreSQL did not start:"; tail -20 "$WORK/postgres.log"; exit 1; }

# The shipped acton element, token and API pointed at the stand-in (same key: the operator directory replaces it).
sed -E -e "s#https://restapi\.actonsoftware\.com/token#http://127.0.0.1:$PROVIDER_PORT/token#g" \
  -e "s#https://restapi\.actonsoftware\.com/api/1#http://127.0.0.1:$PROVIDER_PORT/api/1#g" \
  src/main/resources/elements/catalog/acton.json > "$WORK/elements/acton.json"

KEY=$(head -c 32 /dev/urandom | base64)
node() { # name port
  exec env PLUGBOARD_DB_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/postgres" PLUGBOARD_DB_USER=postgres PLUGBOARD_DB_PASSWORD=postgres \
  PLUGBOARD_ENCRYPTION_KEY="$KEY" PLUGBOARD_ELEMENTS_DIR="$WORK/elements" \
  PLUGBOARD_BOOTSTRAP_ORGANIZATION_SECRET=$ORG_SECRET PLUGBOARD_BOOTSTRAP_USER_SECRET=$USER_SECRET \
  PLUGBOARD_REFRESH_INTERVAL_SECONDS=$REFRESH_INTERVAL PLUGBOARD_EGRESS_ALLOW=127.0.0.1:$PROVIDER_PORT \
    java -Xmx1g -Djava.security.egd=file:/dev/./urandom ${HUB_JAVA_OPTS:-} -jar target/payara-micro.jar \
    --deploy target/elements.war --contextroot elements --nocluster \
    --prebootcommandfile server-config/payara-micro/pre-boot-commands.asadmin --port "$2" --sslport $(($2 + 100)) \
    > "$WORK/$1.log" 2>&1
}
await() { # port pid
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null -H "Authorization: $AUTH" "http://127.0.0.1:$1/elements/api-v2/elements/keys" && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.25
  done
  echo "node on port $1 did not start"; return 1
}
# One after the other: the first creates the schema and the bootstrap organization.
node node-a "$PORT_A" &
PID_A=$!; pids+=("$PID_A")
await "$PORT_A" "$PID_A" || { tail -30 "$WORK/node-a.log"; exit 1; }
node node-b "$PORT_B" &
PID_B=$!; pids+=("$PID_B")
await "$PORT_B" "$PID_B" || { tail -30 "$WORK/node-b.log"; exit 1; }

echo "== Plugboard soak benchmark ($(nproc) cores, $(date -u +%Y-%m-%d), PostgreSQL $(grep -o 'postgres.*' "$WORK.classpath" | grep -o 'embedded-postgres-binaries-[^/]*/[0-9.]*' | head -1 | sed 's#.*/##'))"
boot_lines_a=$(wc -l < "$WORK/node-a.log"); boot_lines_b=$(wc -l < "$WORK/node-b.log")
java bench/SoakLoad.java "http://127.0.0.1:$PORT_A/elements/api-v2" "http://127.0.0.1:$PORT_B/elements/api-v2" "$AUTH" \
  "$PID_A" "$PID_B" "http://127.0.0.1:$PROVIDER_PORT" "$RATE" "$SECONDS_MEASURED" \
  "$SHORT_INSTANCES" "$SHORT_LIFETIME" "$REFRESH_INTERVAL" "$EXPIRE_EVERY"
# Boot warnings (expired CA certificates in the JDK store, deployment descriptors) are left out.
echo "log lines at WARNING or SEVERE under load: node-a $(tail -n +$((boot_lines_a + 1)) "$WORK/node-a.log" | grep -c -E "SEVERE|WARNING" || true)," \
  "node-b $(tail -n +$((boot_lines_b + 1)) "$WORK/node-b.log" | grep -c -E "SEVERE|WARNING" || true)"
