#!/usr/bin/env bash
# Builds target/pendule.jar: Payara Micro with target/pendule.war inside (deployed at the root context,
# hence ROOT.war) and Pendule's Launcher as main class, so that `java -jar target/pendule.jar` honours
# PENDULE_PORT and the other settings. payara-preboot.asadmin lets the clock's EJB timer fire sooner than
# Payara's default minimum of one second between timer deliveries. Called by `mvn package` (exec-maven-plugin).
set -euo pipefail
target=${1:?target directory}
work="$target/uber"
rm -rf "$work" && mkdir -p "$work"
cp "$target/pendule.war" "$work/ROOT.war"
java -jar "$target/payara-micro.jar" --deploy "$work/ROOT.war" --nohazelcast --disablephonehome \
  --prebootcommandfile "$(dirname "$0")/payara-preboot.asadmin" \
  --outputUberJar "$target/pendule.jar" > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
(cd "$target/classes" && jar --update --file "$target/pendule.jar" --main-class io.pendule.platform.Launcher \
  io/pendule/platform/Launcher.class io/pendule/platform/DataDir.class)
echo "built $target/pendule.jar"
