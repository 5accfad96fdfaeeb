#!/usr/bin/env bash
# Runs every test: the generator's unit tests, the integration tests (real `dotnet build` of real projects
# against the SDK freshly packed from this tree) and the real image builds (Docker Engine's BuildKit on the
# registry-less engine of eng/real-builds/docker-engine.sh, and buildah; skipped, with the reason, when the engine
# or buildah is missing, unless MULTISTAGE_REQUIRE_REAL_BUILDS=1). Extra arguments go to dotnet test,
# e.g. eng/test.sh --filter Category!=RealBuild, or --filter Engine=BuildKit
# The last line is the totals: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet test MultiStageSdk.sln -c Release --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # dotnet test failed before any test reported (a build error, a crashed test host): count it.
  failed=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
