# Sourced by .ci/run and bench/run: exports JAVA_HOME pointing at a JDK 21 or newer, installing
# Debian's OpenJDK 21 only when the machine has none.

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p'; }

pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    return
  fi
  if command -v java >/dev/null && [ "$(java_major "$(command -v java)")" -ge 21 ]; then
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"; export JAVA_HOME; return
  fi
  for candidate in /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ]; then
      export JAVA_HOME="$candidate"; return
    fi
  done
  echo "no JDK 21+ found: installing openjdk-21-jdk-headless" >&2
  apt-get update -qq && apt-get install -y -qq openjdk-21-jdk-headless >/dev/null
  export JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64
}
