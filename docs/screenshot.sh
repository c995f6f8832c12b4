#!/usr/bin/env bash
# Makes docs/screenshot.png, the README's picture of the page: runs the screenshot test in Debian's Chromium
# (apt-get install chromium) with PARLEY_WRITE_SCREENSHOT=1, which writes the picture when the page looks different
# instead of failing. Plain `dotnet test` only compares against the picture and never writes it.
set -euo pipefail
cd "$(dirname "$0")/.."

# CI=true: a missing Chromium fails here rather than skipping, which would leave the old picture and say nothing.
CI=true PARLEY_WRITE_SCREENSHOT=1 dotnet test tests/Parley.Tests --filter "FullyQualifiedName~Parley.Tests.Browser.ScreenshotTests"
git status --short docs/screenshot.png
