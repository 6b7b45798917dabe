#!/usr/bin/env bash
# Provisioning benchmark: start-up time and memory of the hub, POST /instances throughput and
# latency against a local stand-in provider, and the hub's CPU time per credential refresh.
# Everything runs on loopback and stops by itself. Usage: bench/provisioning.sh [concurrency] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."

CONCURRENCY=${1:-16}
SECONDS_MEASURED=${2:-20}
HUB_PORT=18080
PROVIDER_PORT=18090
WORK=target/bench
ORG_SECRET=bench-organization-secret
USER_SECRET=bench-user-secret
AUTH="User $USER_SECRET, Organization $ORG_SECRET"

./mvnw -B -q -ntp -Dmaven.test.skip=true package dependency:copy \
  -Dartifact=fish.payara.extras:payara-micro:6.2025.10 -DoutputDirectory=target -Dmdep.stripVersion=true
rm -rf "$WORK" && mkdir -p "$WORK/elements"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# TCP_NODELAY: without it the JDK server Nagle-delays each answer by ~40 ms (delayed ACK).
java -Dsun.net.httpserver.nodelay=true bench/StandInProvider.java "$PROVIDER_PORT" > "$WORK/provider.log" 2>&1 &
pids+=($!)

# The shipped acton element, pointed at the stand-in (same key: the operator directory replaces it).
sed -E "s#https://restapi\.actonsoftware\.com/token#http://127.0.0.1:$PROVIDER_PORT/token#g" \
  src/main/resources/elements/catalog/acton.json > "$WORK/elements/acton.json"

start=$(date +%s%N)
PLUGBOARD_DATA_DIR="$WORK/data" PLUGBOARD_ELEMENTS_DIR="$WORK/elements" \
PLUGBOARD_BOOTSTRAP_ORGANIZATION_SECRET=$ORG_SECRET PLUGBOARD_BOOTSTRAP_USER_SECRET=$USER_SECRET \
PLUGBOARD_REFRESH_INTERVAL_SECONDS=0 PLUGBOARD_EGRESS_ALLOW=127.0.0.1:$PROVIDER_PORT PLUGBOARD_PROVIDER_READ_TIMEOUT_MS=${PROVIDER_TIMEOUT_MS:-30000} \
  java -Xmx1g -Djava.security.egd=file:/dev/./urandom ${HUB_JAVA_OPTS:-} -jar target/payara-micro.jar --deploy target/elements.war --contextroot elements \
  --nocluster --prebootcommandfile server-config/payara-micro/pre-boot-commands.asadmin --port "$HUB_PORT" > "$WORK/hub.log" 2>&1 &
HUB_PID=$!
pids+=("$HUB_PID")

for _ in $(seq 1 600); do
  if curl -sf -o /dev/null -H "Authorization: $AUTH" "http://127.0.0.1:$HUB_PORT/elements/api-v2/elements/keys"; then break; fi
  sleep 0.25
done
ready=$(date +%s%N)
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$HUB_PID/status)

echo "== Plugboard provisioning benchmark ($(nproc) cores, $(date -u +%Y-%m-%d))"
printf 'startup    ready-in=%.1f s  rss-after-start=%d MiB\n' "$(echo "($ready - $start) / 1000000000" | bc -l)" $((rss_kb / 1024))
# Side by side in one run: a light load (latency) and the full load (throughput), then refreshes.
java bench/ProvisionLoad.java "http://127.0.0.1:$HUB_PORT/elements/api-v2" "$AUTH" "$HUB_PID" \
  4 "$SECONDS_MEASURED" 15 0
java bench/ProvisionLoad.java "http://127.0.0.1:$HUB_PORT/elements/api-v2" "$AUTH" "$HUB_PID" \
  "$CONCURRENCY" "$SECONDS_MEASURED" 5 500
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$HUB_PID/status)
printf 'memory     rss-after-load=%d MiB\n' $((rss_kb / 1024))
echo "goal       throughput>=500/s  p99<=50 ms"
