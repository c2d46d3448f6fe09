#!/usr/bin/env bash
# Assembles the backend image's root file system from the .NET runtime image (upstream aspnet:10.0 or a stand-in):
# the .NET and ASP.NET Core runtimes and only the files they and the app's native libraries load — their
# dynamic-linker closure, ICU (culture data), OpenSSL with the CA certificates, time zones — plus bash for the health
# probe. No package manager, coreutils, perl or apt state: the distribution around the runtime stays behind, on any
# Debian or Ubuntu based runtime image, without a second base image to maintain (what upstream's chiseled images do).
#   runtime-fs.sh ROOTFS APP_NATIVE_DIR APP_UID
set -euo pipefail
ROOT=$1 NATIVE=$2 UID_=$3
mkdir -p "$ROOT"

# usrmerge: /bin, /lib, /lib64 and /sbin are links into /usr on current Debian and Ubuntu; keep that shape so the
# paths binaries were linked against (the ELF interpreter /lib64/ld-linux-…) resolve.
for d in bin sbin lib lib64 lib32 libx32; do
  if [ -L "/$d" ]; then ln -s "$(readlink "/$d")" "$ROOT/$d"; mkdir -p "$ROOT$(readlink -f "/$d")"; fi
done

# Copies a file under its real path and recreates the name it was found by as a link (libicuuc.so.76 → .so.76.1).
put() {
  local p=$1 real dir name
  real=$(readlink -f "$p"); dir=$(readlink -f "$(dirname "$p")"); name=$(basename "$p")
  if [ ! -e "$ROOT$real" ]; then mkdir -p "$ROOT$(dirname "$real")"; cp -p "$real" "$ROOT$real"; fi
  if [ "$dir/$name" != "$real" ] && [ ! -e "$ROOT$dir/$name" ]; then mkdir -p "$ROOT$dir"; ln -s "$real" "$ROOT$dir/$name"; fi
}

LD=$(ls /lib64/ld-linux-*.so.* /lib/ld-linux-*.so.* 2>/dev/null | head -n 1 || true)
[ -n "$LD" ] || { echo "runtime-fs: no ELF interpreter found" >&2; exit 1; }
# The shared libraries an ELF file needs, as the dynamic linker resolves them (ldd is not in every runtime image).
needs() { "$LD" --list "$1" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'; }

# The runtimes as the base ships them (host, hostfxr, shared frameworks) and `dotnet` on PATH.
cp -a --parents /usr/share/dotnet "$ROOT"
if [ -L /usr/bin/dotnet ] || [ -e /usr/bin/dotnet ]; then cp -a --parents /usr/bin/dotnet "$ROOT"; fi

# Loaded with dlopen rather than linked, so in no closure: ICU (System.Globalization) and OpenSSL
# (System.Security.Cryptography); zlib for a native library that links it dynamically.
extra=("$LD" "$(command -v bash)")
for pattern in 'libicuuc.so.[0-9]*' 'libicui18n.so.[0-9]*' 'libssl.so.3' 'libcrypto.so.3' 'libz.so.1'; do
  for f in /usr/lib/*-linux-gnu/$pattern; do
    case $f in *.so.[0-9]*.[0-9]*) continue ;; esac   # the soname only; put follows it to the versioned file
    if [ -e "$f" ]; then extra+=("$f"); fi
  done
done
for f in "${extra[@]}"; do put "$f"; done
mapfile -t elves < <(find /usr/share/dotnet "$NATIVE" -type f \( -name '*.so' -o -name dotnet -o -name createdump \))
for f in "${elves[@]}" "${extra[@]}"; do
  for lib in $(needs "$f"); do put "$lib"; done
done
ln -s bash "$ROOT$(dirname "$(readlink -f "$(command -v bash)")")/sh"

# Certificates, OpenSSL's configuration, time zones, name service configuration, os-release.
for p in /etc/ssl /usr/lib/ssl /usr/share/ca-certificates /usr/local/share/ca-certificates /usr/share/zoneinfo \
         /etc/nsswitch.conf /etc/host.conf /etc/localtime /etc/os-release /usr/lib/os-release; do
  if [ -e "$p" ] || [ -L "$p" ]; then cp -a --parents "$p" "$ROOT"; fi
done
rm -rf "$ROOT/etc/ssl/private"

# Users: root and the app user of the runtime image (USER $APP_UID), with its home; /tmp and the volume mount points.
getent passwd "$UID_" >/dev/null || { echo "runtime-fs: the runtime image has no user with uid $UID_" >&2; exit 1; }
gid=$(getent passwd "$UID_" | cut -d: -f4)
mkdir -p "$ROOT/etc"
getent passwd root "$UID_" >"$ROOT/etc/passwd"
getent group root "$gid" >"$ROOT/etc/group"
home=$(getent passwd "$UID_" | cut -d: -f6)
mkdir -p "$ROOT$home" "$ROOT/tmp" "$ROOT/data/cache" "$ROOT/data/models"
chmod 1777 "$ROOT/tmp"
chown "$UID_:$gid" "$ROOT$home" "$ROOT/data" "$ROOT/data/cache" "$ROOT/data/models"

# Every native library of the runtime and the app must resolve inside the new root: a missing one would otherwise
# fail only when first used (ONNX Runtime at the first description, SkiaSharp at the first thumbnail).
mkdir -p "$ROOT/tmp/native-check"
cp "$NATIVE"/* "$ROOT/tmp/native-check/" 2>/dev/null || true
bad=0
while IFS= read -r f; do
  out=$(chroot "$ROOT" "$LD" --list "$f" 2>&1) || { echo "runtime-fs: $f: $out" >&2; bad=1; }
  if echo "$out" | grep -q 'not found'; then echo "runtime-fs: $f: $(echo "$out" | grep 'not found')" >&2; bad=1; fi
# LTTng tracing's provider is loaded only when liblttng-ust is installed, which no runtime image ships.
done < <(cd "$ROOT" && find usr/share/dotnet tmp/native-check -type f -name '*.so' ! -name libcoreclrtraceptprovider.so | sed 's#^#/#')
for f in "${extra[@]}"; do
  if chroot "$ROOT" "$LD" --list "$f" 2>&1 | grep -q 'not found'; then echo "runtime-fs: $f has unresolved libraries" >&2; bad=1; fi
done
rm -rf "$ROOT/tmp/native-check"
chroot "$ROOT" /usr/share/dotnet/dotnet --list-runtimes
exit $bad
