#!/usr/bin/env bash
# The main job: packs MultiStage.Sdk from this tree and builds every sample with it, which writes each sample's
# Dockerfile and .dockerignore. The package is restored into a fresh packages folder on every run, so a change
# to the SDK always shows in the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

feed="$root/artifacts/samples-feed"
packages="$root/artifacts/samples-packages"
rm -rf "$feed" "$packages"

echo "Packing MultiStage.Sdk..."
dotnet pack src/MultiStage.Sdk/MultiStage.Sdk.csproj -c Release -o "$feed" -nologo -v:q
package=$(ls "$feed"/MultiStage.Sdk.*.nupkg)
version=$(basename "$package" .nupkg)
version=${version#MultiStage.Sdk.}
echo "Packed $package"

# The samples name the SDK without a version; this global.json (above every sample's build context, and
# git-ignored) supplies the freshly packed one, and this NuGet.config adds its feed.
cat > samples/global.json <<JSON
{
  "msbuild-sdks": {
    "MultiStage.Sdk": "$version"
  }
}
JSON
cat > samples/NuGet.config <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="multistage-sdk-local" value="$feed" />
  </packageSources>
</configuration>
XML

export NUGET_PACKAGES="$packages"
status=0
for solution in samples/*/*.sln samples/*/*.slnx; do
  [ -f "$solution" ] || continue
  echo
  echo "== $solution"
  if ! dotnet build "$solution" -nologo -v:q -clp:NoSummary; then
    status=1
    continue
  fi
done

echo
echo "Generated files:"
find samples -name Dockerfile -o -name .dockerignore | sort | sed 's/^/  /'
exit "$status"
