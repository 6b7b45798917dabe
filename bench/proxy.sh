#!/usr/bin/env bash
# Proxy benchmark, side by side in one run at 64 connections with wrk:
#   (a) direct to a local upstream (nginx serving a small JSON document),
#   (b) nginx proxy_pass in front of it, adding a header,
#   (c) Plugboard's /proxy with an OAuth2 instance whose base.url is the upstream,
# and, for the floor of the runtime itself, the same Payara Micro answering
#   (d) a static file (servlet container only) and (e) an api-v2 call refused with 401 (JAX-RS, no work);
# then the cost of shaping a list: one page of 25 records
#   (f) direct from the upstream, in the vendor's wrapper with its cursor, and
#   (g) through the hub's /hubs list (read whole, records taken out, next page sealed as a token).
# Prints requests/s and p50/p99 for each and the ratio c/b; then (h) the hub-added latency at 16
# connections, and (c2, h2) the same passthrough with the servlet fast path switched off (the
# JAX-RS resources), the hub restarted on the same data. Loopback only; stops by itself.
# Usage: bench/proxy.sh [seconds] [connections]   (WARMUP=30: seconds of load on each fresh hub first)
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-20}
CONNECTIONS=${2:-64}
UPSTREAM_PORT=18100
NGINX_PROXY_PORT=18101
HUB_PORT=18080
WORK=$PWD/target/bench-proxy
ORG_SECRET=bench-organization-secret
USER_SECRET=bench-user-secret

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk >/dev/null
fi

./mvnw -B -q -ntp -Dmaven.test.skip=true package dependency:copy \
  -Dartifact=fish.payara.extras:payara-micro:6.2025.10 -DoutputDirectory=target -Dmdep.stripVersion=true
rm -rf "$WORK" && mkdir -p "$WORK/elements" "$WORK/nginx"

# One page of the media list as the vendor wraps it: 25 records, the next page's cursor.
MEDIA_PAGE='{"pagination":{"next_max_id":"1234567890_25"},"data":['
for i in $(seq 1 25); do
  MEDIA_PAGE+="{\"id\":\"1234567890_$i\",\"type\":\"image\",\"created_time\":\"1700000$i\",\"caption\":{\"text\":\"Photo $i\"},\"likes\":{\"count\":$i},\"link\":\"https://example.com/p/$i/\"}"
  [ "$i" -lt 25 ] && MEDIA_PAGE+=','
done
MEDIA_PAGE+='],"meta":{"code":200}}'

cat > "$WORK/nginx/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000;
  upstream origin { server 127.0.0.1:$UPSTREAM_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$UPSTREAM_PORT;
    location / { default_type application/json; return 200 '{"id":42,"name":"Ada Lovelace","email":"ada@example.com","tags":["vip","beta"]}'; }
    location /v1/users/self/media/recent { default_type application/json; return 200 '$MEDIA_PAGE'; }
  }
  server {
    listen 127.0.0.1:$NGINX_PROXY_PORT;
    location / {
      proxy_pass http://origin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "Bearer bench-token";
    }
  }
}
NGINX

pids=()
cleanup() {
  nginx -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
nginx -c "$WORK/nginx/nginx.conf"

# The shipped instagram element, its API pointed at the local upstream (the operator directory replaces it).
sed -E "s#https://api\.instagram\.com/v1#http://127.0.0.1:$UPSTREAM_PORT/v1#g" \
  src/main/resources/elements/catalog/instagram.json > "$WORK/elements/instagram.json"

start_hub() { # extra JVM options
  PLUGBOARD_DATA_DIR="$WORK/data" PLUGBOARD_ELEMENTS_DIR="$WORK/elements" \
  PLUGBOARD_BOOTSTRAP_ORGANIZATION_SECRET=$ORG_SECRET PLUGBOARD_BOOTSTRAP_USER_SECRET=$USER_SECRET \
  PLUGBOARD_EGRESS_ALLOW=127.0.0.1:$UPSTREAM_PORT PLUGBOARD_REFRESH_INTERVAL_SECONDS=0 \
    java -Xmx1g -Djava.security.egd=file:/dev/./urandom ${HUB_JAVA_OPTS:-} "$@" -jar target/payara-micro.jar --deploy target/elements.war --contextroot elements \
    --nocluster --prebootcommandfile server-config/payara-micro/pre-boot-commands.asadmin --port "$HUB_PORT" >> "$WORK/hub.log" 2>&1 &
  HUB_PID=$!
  pids+=($HUB_PID)
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null -H "Authorization: $AUTH" "$API/elements/keys" && break
    sleep 0.25
  done
}
API="http://127.0.0.1:$HUB_PORT/elements/api-v2"
AUTH="User $USER_SECRET, Organization $ORG_SECRET"
start_hub
TOKEN=$(curl -sf -H "Authorization: $AUTH" -H 'Content-Type: application/json' "$API/instances" -d '{
  "element": {"key": "instagram"}, "externalAuthentication": "initial", "name": "bench",
  "configuration": {"oauth.api.key": "id", "oauth.api.secret": "secret", "oauth.callback.url": "https://app.example.com/cb",
                    "oauth.user.token": "bench-token"}}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
HUB_AUTH="$AUTH, Element $TOKEN"

run() { # name url [header]
  local name=$1 url=$2; shift 2
  wrk -t2 -c"$CONNECTIONS" -d5s "$@" "$url" >/dev/null 2>&1   # warm-up
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" "$url" > "$WORK/$name.txt" 2>&1
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$name.txt")
  printf '%-28s %10s req/s   p50 %8s   p99 %8s\n' "$name" "$rps" "$p50" "$p99"
  echo "$rps" > "$WORK/$name.rps"
}

# Collects the hub's own added time (X-Plugboard-Proxy-Latency) of every response under load.
cat > "$WORK/latency.lua" <<'LUA'
samples = {}
local threads = {}
function setup(thread) table.insert(threads, thread) end
not_ok = 0
function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
  local v = headers["X-Plugboard-Proxy-Latency"] or headers["x-plugboard-proxy-latency"]
  if v then samples[#samples + 1] = tonumber(v) end
end
function done(summary, latency, requests)
  local all, failed = {}, 0
  for _, t in ipairs(threads) do
    for _, v in ipairs(t:get("samples")) do all[#all + 1] = v end
    failed = failed + t:get("not_ok")
  end
  table.sort(all)
  if #all == 0 then print("hub-added: no samples") return end
  print(string.format("hub-added: p50 %d ms p99 %d ms (%d responses, %.0f/s, %d not 200)", all[math.max(1, math.floor(#all * 0.5))],
    all[math.max(1, math.floor(#all * 0.99))], #all, summary.requests / (summary.duration / 1e6), failed))
end
LUA
added_at_16() { # name url: the hub-added latency at 16 connections, below saturation
  wrk -t2 -c16 -d"${DURATION}s" -s "$WORK/latency.lua" -H "Authorization: $HUB_AUTH" "$2" > "$WORK/$1.txt" 2>&1
  printf '%-28s %s\n' "$1" "$(grep '^hub-added' "$WORK/$1.txt")   (goal p50 <= 1 ms, p99 <= 5 ms)"
}

echo "== Plugboard proxy benchmark ($(nproc) cores, $CONNECTIONS connections, ${DURATION}s, $(date -u +%Y-%m-%d))"
run "a-direct-upstream" "http://127.0.0.1:$UPSTREAM_PORT/v1/users/self"
run "b-nginx-proxy_pass" "http://127.0.0.1:$NGINX_PROXY_PORT/v1/users/self"
warm_hub() { # the JIT needs more than a row's 5 s warm-up: each fresh hub gets the same on the passthrough
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-30}s" -H "Authorization: $HUB_AUTH" "$API/proxy/users/self" >/dev/null 2>&1
}
warm_hub
run "c-plugboard-proxy" "$API/proxy/users/self" -H "Authorization: $HUB_AUTH"
run "d-hub-static-file" "http://127.0.0.1:$HUB_PORT/elements/console/resources/css/console.css"
run "e-hub-api-401-no-work" "$API/elements/keys"
awk -v b="$(cat "$WORK/b-nginx-proxy_pass.rps")" -v c="$(cat "$WORK/c-plugboard-proxy.rps")" \
  -v d="$(cat "$WORK/d-hub-static-file.rps")" -v e="$(cat "$WORK/e-hub-api-401-no-work.rps")" \
  'BEGIN { printf "ratio c/b                    %.2f   (goal >= 0.5)\nratio d/b, e/b (the runtime) %.2f, %.2f\n", c / b, d / b, e / b }'
run "f-direct-list-page" "http://127.0.0.1:$UPSTREAM_PORT/v1/users/self/media/recent?count=25"
run "g-plugboard-hubs-list" "$API/hubs/social/users/self/media?pageSize=25" -H "Authorization: $HUB_AUTH"
awk -v f="$(cat "$WORK/f-direct-list-page.rps")" -v g="$(cat "$WORK/g-plugboard-hubs-list.rps")" \
  -v c="$(cat "$WORK/c-plugboard-proxy.rps")" -v a="$(cat "$WORK/a-direct-upstream.rps")" \
  'BEGIN { printf "ratio g/f (list shaped)      %.2f   vs c/a (streamed) %.2f\n", g / f, c / a }'
# The hub's own added time, as it reports it per response (X-Plugboard-Proxy-Latency), over 200 sequential calls.
for _ in $(seq 1 200); do
  curl -s -o /dev/null -D - -H "Authorization: $HUB_AUTH" "$API/proxy/users/self" | awk -F': ' 'tolower($1)=="x-plugboard-proxy-latency" {print $2+0}'
done | sort -n | awk '{a[NR]=$1} END {printf "hub-added latency (idle)     p50 %d ms   p99 %d ms   (goal p50 <= 1 ms, p99 <= 5 ms)\n", a[int(NR*0.5)], a[int(NR*0.99)]}'
for _ in $(seq 1 200); do
  curl -s -o /dev/null -D - -H "Authorization: $HUB_AUTH" "$API/hubs/social/users/self/media?pageSize=25" | awk -F': ' 'tolower($1)=="x-plugboard-proxy-latency" {print $2+0}'
done | sort -n | awk '{a[NR]=$1} END {printf "hub-added latency, list page p50 %d ms   p99 %d ms   (read whole, shaped, token sealed)\n", a[int(NR*0.5)], a[int(NR*0.99)]}'
added_at_16 "h-proxy-16-connections" "$API/proxy/users/self"

# The same passthrough through the JAX-RS resources (the fast path switched off), in this run.
kill "$HUB_PID"; wait "$HUB_PID" 2>/dev/null || true
start_hub -Dplugboard.proxy.fast-path=false
warm_hub
run "c2-plugboard-proxy-jaxrs" "$API/proxy/users/self" -H "Authorization: $HUB_AUTH"
added_at_16 "h2-jaxrs-16-connections" "$API/proxy/users/self"
awk -v c="$(cat "$WORK/c-plugboard-proxy.rps")" -v c2="$(cat "$WORK/c2-plugboard-proxy-jaxrs.rps")" \
  -v d="$(cat "$WORK/d-hub-static-file.rps")" \
  'BEGIN { printf "fast path / JAX-RS (c/c2)    %.2f\nfast path / static file (c/d) %.2f   (goal >= 0.7)\n", c / c2, c / d }'
