#!/usr/bin/env bash
# Regenerates the user guide's pictures (docs/user-guide.md, docs/images/guide-*.png): the guide's walks in Chromium on the demo
# data (BackOffice.Tests/Browser/UserGuideTests.cs), on this worktree's private test cluster, writing a PNG at every step.
# The normal ./test.sh runs the same walks and checks every step without writing anything.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/images
GUIDE_SCREENSHOTS=1 exec ./test.sh --filter "FullyQualifiedName~BackOffice.Tests.Browser.UserGuideTests" "$@"
