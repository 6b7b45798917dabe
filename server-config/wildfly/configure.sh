#!/usr/bin/env bash
# Prepares a WildFly installation for elements.war (tested with WildFly 39.0.1.Final, Java 17):
#   1. EclipseLink, which WildFly does not ship, goes into its org.eclipse.persistence module,
#      next to the jipijapa integration already there, with the JDK modules it needs;
#   2. MicroProfile Health, which standalone.xml lacks, is added to standalone.xml.
# Idempotent. Usage: server-config/wildfly/configure.sh <WILDFLY_HOME>
set -euo pipefail
WILDFLY_HOME=$(cd "${1:?usage: configure.sh <WILDFLY_HOME>}" && pwd)
ECLIPSELINK_VERSION=${ECLIPSELINK_VERSION:-4.0.5}
cd "$(dirname "$0")/../.."

MODULE=$WILDFLY_HOME/modules/system/layers/base/org/eclipse/persistence/main
if ! grep -q "eclipselink-$ECLIPSELINK_VERSION.jar" "$MODULE/module.xml"; then
  ./mvnw -q -B -ntp dependency:copy -Dartifact="org.eclipse.persistence:eclipselink:$ECLIPSELINK_VERSION" \
    -DoutputDirectory="$MODULE"
  sed -i -e "s#<resources>#<resources>\n        <resource-root path=\"eclipselink-$ECLIPSELINK_VERSION.jar\"/>#" \
         -e 's#<dependencies>#<dependencies>\n        <module name="java.rmi"/>\n        <module name="java.sql"/>\n        <module name="java.desktop"/>\n        <module name="java.xml"/>\n        <module name="jdk.unsupported"/>#' \
         "$MODULE/module.xml"
  echo "EclipseLink $ECLIPSELINK_VERSION added to $MODULE"
fi

CONFIG=$WILDFLY_HOME/standalone/configuration/standalone.xml
if ! grep -q 'microprofile-health-smallrye' "$CONFIG"; then
  "$WILDFLY_HOME/bin/jboss-cli.sh" --commands="embed-server --server-config=standalone.xml,\
/extension=org.wildfly.extension.microprofile.health-smallrye:add,\
/subsystem=microprofile-health-smallrye:add(security-enabled=false),\
stop-embedded-server" >/dev/null
  echo "MicroProfile Health added to $CONFIG"
fi
