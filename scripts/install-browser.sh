#!/bin/sh
# Headless Chromium for the browser tests (tests/render/test_html_browser.py): Debian's
# chromium and chromium-driver packages, driven by Selenium. Playwright's and Selenium's own
# browser downloads do not work offline; Debian's packages come from the package registry.
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "installing Debian's chromium and chromium-driver for the browser tests" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
