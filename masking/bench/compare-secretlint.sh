#!/usr/bin/env bash
# Side by side: this module's masking engine and secretlint (with its recommended preset) on the
# same generated corpus, in one run. Prints throughput of both, their ratio, and credential recall
# per type. Needs a JDK 21+ (found like ./mvnw does), node 18+ and npm with access to the registry.
#
#   masking/bench/compare-secretlint.sh
#
# secretlint is installed under masking/target/secretlint (never committed).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=masking/target/secretlint
mkdir -p "$out"

. ./.mvn/find-jdk.sh
gateway_find_jdk
java="$JAVA_HOME/bin/java"

./mvnw -B -q -pl masking test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cp="masking/target/classes:masking/target/test-classes:$(cat masking/target/test-classpath.txt)"

if [ ! -x "$out/node_modules/.bin/secretlint" ]; then
  npm install --prefix "$out" --no-audit --no-fund --loglevel=error \
      secretlint@13.0.6 @secretlint/secretlint-rule-preset-recommend@13.0.7
fi
cat > "$out/.secretlintrc.json" <<'JSON'
{ "rules": [ { "id": "@secretlint/secretlint-rule-preset-recommend" } ] }
JSON

"$java" -cp "$cp" io.mcpgateway.masking.SecretlintComparison write "$out"

lint() {
  # secretlint exits 1 when it finds something; that is the expected outcome here
  (cd "$out" && ./node_modules/.bin/secretlint --secretlintrc .secretlintrc.json --format json "$1" > "$2") || true
}
# best of three wall-clock runs each: secretlint on an empty file (node start-up and rule loading)
# and on the corpus; the difference is its scan time
best() { # command... -> prints the fastest of 3 runs in nanoseconds
  b=0
  for _ in 1 2 3; do
    t0=$(date +%s%N); "$@"; t1=$(date +%s%N)
    d=$((t1 - t0)); if [ "$b" -eq 0 ] || [ "$d" -lt "$b" ]; then b=$d; fi
  done
  echo "$b"
}
empty=$(best lint empty.txt empty.json)
corpus=$(best lint corpus.txt secretlint.json)

"$java" -cp "$cp" io.mcpgateway.masking.SecretlintComparison score "$out" "$corpus" "$empty" | tee "$out/comparison.md"
