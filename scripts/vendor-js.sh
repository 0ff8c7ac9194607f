#!/usr/bin/env bash
# Refreshes the dashboard's vendored JavaScript (uPlot) from the npm registry.
# The dashboard must work offline and without a build step, so the library is committed as files;
# this script is the only way they should change. Bump UPLOT_VERSION and UPLOT_TGZ_SHA256 together.
# Needs: npm, tar, sha256sum. Run from anywhere: ./scripts/vendor-js.sh
set -euo pipefail

UPLOT_VERSION=1.6.32
# sha256 of uplot-$UPLOT_VERSION.tgz as published; a mismatch stops the refresh.
UPLOT_TGZ_SHA256=4b8a8191e425658e3ea8c8c1314b0fc679c861ee3a1af2b20c7b16ba50b5133d

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/server/src/main/resources/dashboard/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "uplot@$UPLOT_VERSION" >/dev/null)
tgz="$work/uplot-$UPLOT_VERSION.tgz"
actual="$(sha256sum "$tgz" | cut -d' ' -f1)"
if [ "$actual" != "$UPLOT_TGZ_SHA256" ]; then
  echo "vendor-js: uplot-$UPLOT_VERSION.tgz has sha256 $actual, expected $UPLOT_TGZ_SHA256" >&2
  exit 1
fi
tar -xzf "$tgz" -C "$work" package/dist/uPlot.iife.min.js package/dist/uPlot.min.css package/LICENSE

mkdir -p "$dest"
cp "$work/package/dist/uPlot.iife.min.js" "$dest/uPlot.iife.min.js"
cp "$work/package/dist/uPlot.min.css" "$dest/uPlot.min.css"
cp "$work/package/LICENSE" "$dest/uPlot.LICENSE"

echo "vendor-js: uPlot $UPLOT_VERSION -> ${dest#"$root"/}"
(cd "$dest" && sha256sum uPlot.iife.min.js uPlot.min.css uPlot.LICENSE)
