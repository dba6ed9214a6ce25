#!/usr/bin/env bash
# Installs whatever reelgen needs and is missing, then exits; cheap when nothing is missing.
# Called by `npm run demo`, `npm test` and `npm run studio`, so a fresh clone needs nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

# npm packages: (re)install when package-lock.json differs from what was last installed.
stamp=node_modules/.reelgen-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing npm packages" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

# Debian packages: fonts so every script draws (CJK, emoji) beside the bundled Inter; espeak-ng,
# the embedded text-to-speech engine; ffmpeg for measuring (ebur128, blackdetect), which the
# FFmpeg build inside Remotion lacks; redis-server, the platform server's private queue store
# when REDIS_URL is unset (its database needs nothing: PGlite is an npm package); chromium, the
# full browser the web app's tests drive through playwright-core (large: about 350 MB installed;
# renders keep using the headless shell below); festival with festvox-us-slt-hts and flite, the
# English voices people can understand (espeak-ng stays for other languages); pocketsphinx with
# its en-us model, the independent recogniser the voice benchmark and tests score them with;
# fluidsynth with fluid-soundfont-gm (MIT), which plays the music beds; sox for the sound effects.
apt_packages=(fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji espeak-ng ffmpeg redis-server chromium
  festival festvox-us-slt-hts festvox-kallpc16k flite pocketsphinx pocketsphinx-en-us fluidsynth fluid-soundfont-gm sox)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing ${missing[*]}" >&2
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "setup: please install ${missing[*]} (no apt-get here); text in those scripts will fall back, and without redis-server the platform server needs REDIS_URL" >&2
  fi
fi

# The renderer's browser: unpack the headless shell from @sparticuz/chromium once (Studio's
# Render button uses it too). Skipped when REELGEN_BROWSER names another browser.
if [ -z "${REELGEN_BROWSER:-}" ] && ! ls .cache/chromium-*/chromium >/dev/null 2>&1; then
  echo "setup: unpacking Chromium into .cache" >&2
  node --import tsx -e 'const { resolveBrowserExecutable } = await import("./renderer/browser.ts"); await resolveBrowserExecutable({ cacheDir: process.env.REELGEN_CACHE_DIR || undefined });'
fi

# The web app served by `npm run server`: rebuilt into web/dist only when web/ or what it imports
# (script/, compositions/, templates/, package-lock.json) changed, by a content hash.
node --import tsx bin/build-web.ts
