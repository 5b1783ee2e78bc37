# Sourced by ./mvnw, ./gateway and .ci/run (POSIX sh).
# The project needs a JDK 21 or newer. When JAVA_HOME (or the java on PATH) is older,
# look for a newer JDK in the usual install places and export JAVA_HOME to it.

gateway_java_major() {
  # prints the feature version of the java binary given as $1, or 0
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

gateway_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(gateway_java_major "$JAVA_HOME/bin/java"); [ "${v:-0}" -ge 21 ] && return 0
  elif [ -z "${JAVA_HOME-}" ] && command -v javac >/dev/null 2>&1; then
    j=$(readlink -f "$(command -v javac)"); home=${j%/bin/javac}
    v=$(gateway_java_major "$home/bin/java"); [ "${v:-0}" -ge 21 ] && { JAVA_HOME=$home; export JAVA_HOME; return 0; }
  fi
  best=""; best_v=0
  # callers may run with globbing off (mvnw uses set -f)
  case $- in *f*) set +f; gateway_reglob=1 ;; *) gateway_reglob=0 ;; esac
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$home/bin/javac" ] || continue
    v=$(gateway_java_major "$home/bin/java"); v=${v:-0}
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$home; best_v=$v; fi
  done
  [ "$gateway_reglob" = 1 ] && set -f
  if [ -n "$best" ]; then
    JAVA_HOME=$best; export JAVA_HOME; return 0
  fi
  echo "error: this project needs a JDK 21 or newer; none was found (set JAVA_HOME to one)." >&2
  return 1
}

gateway_find_jdk || exit 1
