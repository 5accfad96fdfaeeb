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

# The samples name the SDK without a version. Each sample is its own build context, so each gets (git-ignored)
# the freshly packed package in local-packages/, which its NuGet.config names, and a global.json that pins it:
# the same files then let restore inside the image build find the package.
for sample in samples/*/; do
  compgen -G "${sample}*.sln" >/dev/null || compgen -G "${sample}*.slnx" >/dev/null || continue
  rm -rf "${sample}local-packages"
  mkdir -p "${sample}local-packages"
  cp "$package" "${sample}local-packages/"
  cat > "${sample}global.json" <<JSON
{
  "msbuild-sdks": {
    "MultiStage.Sdk": "$version"
  }
}
JSON
done
rm -f samples/global.json samples/NuGet.config

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
echo "Generated files (build an image with: cd samples/<sample> && dotnet build -t:MultiStageContainerImage):"
find samples -name Dockerfile -o -name .dockerignore | sort | sed 's/^/  /'
exit "$status"
