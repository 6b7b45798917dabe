#!/usr/bin/env bash
# Events benchmark: provider webhooks into one Plugboard node (Payara Micro, --nocluster), first on
# PostgreSQL (the production topology), then on the embedded H2 default, printed side by side:
# webhooks accepted per second and the ack p50/p99 at a fixed open-loop rate, the saturation
# throughput with closed-loop senders, the time from the 200 to the application's callback
# receiving the notification, and the books (lost, duplicated). PostgreSQL comes from the
# io.zonky.test embedded binaries of the test scope; the callback is bench/CallbackReceiver.java.
# Everything runs on loopback and stops at exit.
# Usage: bench/events.sh [seconds=30] [rate=1200]
#   DATABASES="postgresql h2"  WARMUP=20  CONNECTIONS=64  SENDERS=32  SATURATION_SECONDS=15  INSTANCES=20
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_MEASURED=${1:-30}
RATE=${2:-1200}
DATABASES=${DATABASES:-postgresql h2}
WARMUP=${WARMUP:-20}                        # seconds of open-loop load before measuring (JIT)
CONNECTIONS=${CONNECTIONS:-64}              # the open loop's connection pool (one sending thread each)
SENDERS=${SENDERS:-32}                      # closed-loop senders of the saturation phase
SATURATION_SECONDS=${SATURATION_SECONDS:-15}
INSTANCES=${INSTANCES:-20}                  # webhooks go round-robin over this many instances
HUB_PORT=18280
RECEIVER_PORT=18290
DB_PORT=18532
WORK=$PWD/target/bench-events
ORG_SECRET=bench-organization-secret
USER_SECRET=bench-user-secret
AUTH="User $USER_SECRET, Organization $ORG_SECRET"

./mvnw -B -q -ntp -Dmaven.test.skip=true package dependency:copy \
  -Dartifact=fish.payara.extras:payara-micro:6.2025.10 -DoutputDirectory=target -Dmdep.stripVersion=true
if [[ " $DATABASES " == *" postgresql "* ]]; then
  ./mvnw -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK.classpath"
fi
rm -rf "$WORK" && mkdir -p "$WORK"

pids=()
cleanup() {
  # Node first (it holds connections), PostgreSQL last: its launcher stops the server on SIGTERM.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; wait "${pids[i]}" 2>/dev/null || true; done
  if [ -s "$WORK/db-ready" ] && kill -0 "$(cat "$WORK/db-ready")" 2>/dev/null; then kill "$(cat "$WORK/db-ready")" || true; fi
}
trap cleanup EXIT

# TCP_NODELAY: without it the JDK server Nagle-delays each answer by ~40 ms (delayed ACK).
java -Dsun.net.httpserver.nodelay=true bench/CallbackReceiver.java "$RECEIVER_PORT" > "$WORK/receiver.log" 2>&1 &
pids+=($!)
if [[ " $DATABASES " == *" postgresql "* ]]; then
  java -cp "$(cat "$WORK.classpath")" bench/EmbeddedPostgres.java "$DB_PORT" "$WORK/db-ready" > "$WORK/postgres.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 240); do [ -s "$WORK/db-ready" ] && break; sleep 0.5; done
  [ -s "$WORK/db-ready" ] || { echo "PostgreSQL did not start:"; tail -20 "$WORK/postgres.log"; exit 1; }
fi

KEY=$(head -c 32 /dev/urandom | base64)
node() { # database
  local database=(PLUGBOARD_DATA_DIR="$WORK/h2-data")
  if [ "$1" = postgresql ]; then
    database=(PLUGBOARD_DB_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/postgres" PLUGBOARD_DB_USER=postgres PLUGBOARD_DB_PASSWORD=postgres)
  fi
  exec env "${database[@]}" PLUGBOARD_ENCRYPTION_KEY="$KEY" \
  PLUGBOARD_BOOTSTRAP_ORGANIZATION_SECRET=$ORG_SECRET PLUGBOARD_BOOTSTRAP_USER_SECRET=$USER_SECRET \
  PLUGBOARD_REFRESH_INTERVAL_SECONDS=0 PLUGBOARD_EGRESS_ALLOW=127.0.0.1:$RECEIVER_PORT \
    java -Xmx1g -Djava.security.egd=file:/dev/./urandom ${HUB_JAVA_OPTS:-} -jar target/payara-micro.jar \
    --deploy target/elements.war --contextroot elements --nocluster \
    --prebootcommandfile server-config/payara-micro/pre-boot-commands.asadmin --port "$HUB_PORT" --sslport $((HUB_PORT + 100)) \
    > "$WORK/node-$1.log" 2>&1
}

echo "== Plugboard events benchmark ($(nproc) cores, $(date -u +%Y-%m-%d), one node, ${SECONDS_MEASURED}s at ${RATE}/s," \
  "$INSTANCES instances, warm-up ${WARMUP}s not measured; load generator, callback receiver and database share the cores)"
results=()
for database in $DATABASES; do
  node "$database" &
  hub_pid=$!; pids+=("$hub_pid")
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null -H "Authorization: $AUTH" "http://127.0.0.1:$HUB_PORT/elements/api-v2/elements/keys" && break
    kill -0 "$hub_pid" 2>/dev/null || { tail -30 "$WORK/node-$database.log"; exit 1; }
    sleep 0.25
  done
  boot_lines=$(wc -l < "$WORK/node-$database.log")
  echo
  echo "-- $database (load average at start: $(cut -d' ' -f1-3 /proc/loadavg))"
  java bench/EventLoad.java "http://127.0.0.1:$HUB_PORT/elements/api-v2" "$AUTH" "$hub_pid" "http://127.0.0.1:$RECEIVER_PORT" \
    "$database" "$RATE" "$SECONDS_MEASURED" "$WARMUP" "$CONNECTIONS" "$SENDERS" "$SATURATION_SECONDS" "$INSTANCES" \
    "$WORK/$database.properties"
  # Boot warnings (expired CA certificates in the JDK store, deployment descriptors) are left out.
  echo "log lines at WARNING or SEVERE under load: $(tail -n +$((boot_lines + 1)) "$WORK/node-$database.log" | grep -c -E "SEVERE|WARNING" || true)"
  results+=("$WORK/$database.properties")
  kill "$hub_pid"; wait "$hub_pid" 2>/dev/null || true
  unset 'pids[${#pids[@]}-1]'
done

echo
echo "== side by side"
java bench/EventLoad.java --summary "${results[@]}"
