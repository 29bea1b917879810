# The JDK this project builds and runs with: 21 or newer. Sourced (POSIX sh) by mvnw,
# bin/order-service, .ci/run and bench/run, so all four pick the same one.
#
# pick_jdk exports JAVA_HOME (and sets JDK_MAJOR, its version) as, in order: JAVA_HOME if it is a JDK 21+, the JDK of the java on
# PATH if that is 21+, else the first JDK 21+ installed in a usual place (/usr/lib/jvm, SDKMAN,
# macOS's java_home). It returns 1, having said why on stderr, when there is none: it never
# installs anything (.ci/jdk.sh does, on a CI machine).

JDK_MIN_MAJOR=21

# The Java feature version of a java binary ("17", "21", "25"), or nothing if it does not run.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p'
}

# True when $1 is a JDK (java and javac) of at least JDK_MIN_MAJOR; JDK_MAJOR is then its version
# (pick_jdk's last call is the JDK it picks, so JDK_MAJOR is that one's after it).
is_jdk21() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  _jdk_major=$(java_major "$1/bin/java")
  [ -n "$_jdk_major" ] && [ "$_jdk_major" -ge "$JDK_MIN_MAJOR" ] && JDK_MAJOR=$_jdk_major
}

pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && is_jdk21 "$JAVA_HOME"; then
    export JAVA_HOME; return 0
  fi
  _jdk_path_java=$(command -v java || :) _jdk_path_major=
  if [ -n "$_jdk_path_java" ]; then
    _jdk_home=$(dirname "$(dirname "$(readlink -f "$_jdk_path_java")")")
    if is_jdk21 "$_jdk_home"; then
      JAVA_HOME=$_jdk_home; export JAVA_HOME; return 0
    fi
    _jdk_path_major=$(java_major "$_jdk_path_java")
  fi
  # mvnw runs with globbing off (set -f); the search below needs it.
  case $- in *f*) _jdk_noglob=1; set +f ;; *) _jdk_noglob= ;; esac
  _jdk_found=
  for _jdk_home in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* "${HOME:-/nonexistent}"/.sdkman/candidates/java/* \
      "$(/usr/libexec/java_home -v "$JDK_MIN_MAJOR+" 2>/dev/null || :)"; do
    if [ -n "$_jdk_home" ] && is_jdk21 "$_jdk_home"; then _jdk_found=$_jdk_home; break; fi
  done
  [ -z "$_jdk_noglob" ] || set -f
  if [ -z "$_jdk_found" ]; then
    echo "order-service needs a JDK $JDK_MIN_MAJOR or newer and found none (JAVA_HOME=${JAVA_HOME:-unset}," \
      "java on PATH: ${_jdk_path_java:-none} ${_jdk_path_major:-}). Install one" \
      "(e.g. apt-get install openjdk-21-jdk-headless) or point JAVA_HOME at it." >&2
    return 1
  fi
  echo "using the JDK in $_jdk_found: JAVA_HOME and the java on PATH are not a JDK $JDK_MIN_MAJOR+" >&2
  JAVA_HOME=$_jdk_found; export JAVA_HOME
}
