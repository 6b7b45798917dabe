#!/usr/bin/env bash
# Deploys the built target/elements.war, unchanged, on a fresh WildFly and checks that it works:
# readiness (with the database check), the api-v2 error shape, provisioning, a proxied call to a
# local upstream, and the console's sign-in page. Loopback only; stops everything it started.
# Usage: ./mvnw package && server-config/wildfly/smoke.sh   (WILDFLY_VERSION to choose another)
set -euo pipefail
cd "$(dirname "$0")/../.."
WILDFLY_VERSION=${WILDFLY_VERSION:-39.0.1.Final}
WORK=$PWD/target/wildfly-smoke
HTTP_PORT=18280
MANAGEMENT_PORT=19990
UPSTREAM_PORT=18999
API=http://127.0.0.1:$HTTP_PORT/elements/api-v2
AUTH="User smoke-user-secret, Organization smoke-organization-secret"

[ -f target/elements.war ] || { echo "target/elements.war is missing: run ./mvnw package first" >&2; exit 2; }
rm -rf "$WORK" && mkdir -p "$WORK/upstream/v1/users"
./mvnw -q -B -ntp dependency:copy -Dartifact="org.wildfly:wildfly-dist:$WILDFLY_VERSION:zip" -DoutputDirectory="$WORK"
unzip -q "$WORK/wildfly-dist-$WILDFLY_VERSION.zip" -d "$WORK"
WILDFLY_HOME=$WORK/wildfly-$WILDFLY_VERSION
server-config/wildfly/configure.sh "$WILDFLY_HOME"
cp target/elements.war "$WILDFLY_HOME/standalone/deployments/"

echo '{"data":{"username":"ada"}}' > "$WORK/upstream/v1/users/self"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  pkill -f "jboss.home.dir=$WILDFLY_HOME" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
(cd "$WORK/upstream" && exec python3 -m http.server "$UPSTREAM_PORT" --bind 127.0.0.1) > "$WORK/upstream.log" 2>&1 &
pids+=($!)
PLUGBOARD_DATA_DIR="$WORK/data" PLUGBOARD_EGRESS_ALLOW=127.0.0.1:$UPSTREAM_PORT \
PLUGBOARD_BOOTSTRAP_ORGANIZATION_SECRET=smoke-organization-secret PLUGBOARD_BOOTSTRAP_USER_SECRET=smoke-user-secret \
JAVA_OPTS="-Xmx1g -Djava.security.egd=file:/dev/./urandom" \
  "$WILDFLY_HOME/bin/standalone.sh" -c standalone.xml -Djboss.http.port=$HTTP_PORT \
  -Djboss.management.http.port=$MANAGEMENT_PORT > "$WORK/server.log" 2>&1 &
pids+=($!)

failures=0
check() { # name expected actual
  if [ "$2" = "$3" ]; then echo "ok    $1"; else echo "FAIL  $1: expected $2, got $3"; failures=$((failures + 1)); fi
}
for _ in $(seq 1 240); do
  [ -f "$WILDFLY_HOME/standalone/deployments/elements.war.deployed" ] || [ -f "$WILDFLY_HOME/standalone/deployments/elements.war.failed" ] && break
  sleep 0.5
done
check "deployed" yes "$([ -f "$WILDFLY_HOME/standalone/deployments/elements.war.deployed" ] && echo yes || echo no)"
check "ready, database check included" UP "$(curl -s http://127.0.0.1:$MANAGEMENT_PORT/health/ready | python3 -c 'import json,sys; d=json.load(sys.stdin); print(next(c["status"] for c in d["checks"] if c["name"]=="database"))' 2>/dev/null || echo none)"
check "401 in the api-v2 shape" "401 message" "$(curl -s -o "$WORK/401.json" -w '%{http_code}' $API/elements/keys) $(python3 -c 'import json,sys; print("message" if "message" in json.load(open(sys.argv[1])) else "none")' "$WORK/401.json")"
check "catalog" 5 "$(curl -s -H "Authorization: $AUTH" $API/elements/keys | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
TOKEN=$(curl -s -H "Authorization: $AUTH" -H 'Content-Type: application/json' $API/instances -d '{
  "element": {"key": "instagram"}, "externalAuthentication": "initial", "name": "smoke",
  "configuration": {"oauth.api.key": "id", "oauth.api.secret": "secret", "oauth.callback.url": "https://app.example.com/cb",
                    "oauth.user.token": "smoke-token", "base.url": "http://127.0.0.1:'$UPSTREAM_PORT'/v1"}}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin).get("token", ""))')
check "instance provisioned" yes "$([ -n "$TOKEN" ] && echo yes || echo no)"
check "proxied call relayed" '{"data":{"username":"ada"}}' "$(curl -s -H "Authorization: $AUTH, Element $TOKEN" $API/proxy/users/self)"
check "console sign-in page" 200 "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$HTTP_PORT/elements/console/login.xhtml)"
if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed; the server log is $WORK/server.log"
  exit 1
fi
echo "WildFly $WILDFLY_VERSION: all checks passed"
