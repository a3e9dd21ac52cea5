#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Hearth developers
#
# check-manifest.sh MANIFEST APP_ID: flatpak-builder parses MANIFEST without a warning
# (G_DEBUG=fatal-warnings turns an unknown property into a crash) and the manifest it prints
# has the id APP_ID. Exits 77 (skipped) when flatpak-builder is not installed. Nothing is
# built or downloaded.

manifest="$1"
app_id="$2"

if ! command -v flatpak-builder >/dev/null 2>&1; then
  echo "flatpak-builder is not installed: skipped"
  exit 77
fi

# flatpak-builder leaves its state directory (.flatpak-builder) in the current directory.
workdir="$(mktemp -d)" || exit 1
trap 'rm -rf "$workdir"' EXIT

cd "$workdir" || exit 1
echo "flatpak-builder --show-manifest $manifest"
if ! G_DEBUG=fatal-warnings flatpak-builder --show-manifest "$manifest" > shown.json; then
  echo "flatpak-builder could not load $manifest" >&2
  exit 1
fi
cat shown.json

id_pattern="\"id\"[[:space:]]*:[[:space:]]*\"$(printf '%s' "$app_id" | sed 's/\./\\./g')\""
if ! grep -Eq "$id_pattern" shown.json; then
  echo "the manifest does not have the id $app_id" >&2
  exit 1
fi
