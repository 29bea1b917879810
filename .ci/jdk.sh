# Sourced by .ci/run and bench/run: require_jdk exports JAVA_HOME as the JDK 21+ the wrapper uses
# (.mvn/jdk.sh), installing Debian's OpenJDK 21 first on a fresh machine that has none.

. .mvn/jdk.sh

require_jdk() {
  pick_jdk 2>/dev/null && return
  echo "no JDK 21+ found: installing openjdk-21-jdk-headless" >&2
  apt-get update -qq && apt-get install -y -qq openjdk-21-jdk-headless >/dev/null
  export JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64
}
