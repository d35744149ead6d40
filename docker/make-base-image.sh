#!/usr/bin/env bash
# Makes a Java 17 base image for docker/Dockerfile from Debian's packages, without any image registry:
# debootstrap a minimal Debian with openjdk-17-jre-headless and curl (the health check), then import it.
#   docker/make-base-image.sh                 # with podman; prints the image's name
#   ENGINE=docker docker/make-base-image.sh   # into Docker's store instead
#   docker build -f docker/Dockerfile --build-arg BASE_IMAGE="$(docker/make-base-image.sh)" -t pendule .
# The tag says what is in the image (suite and packages). An image of that tag already there is reused: the
# debootstrap (about 35 s, 500 MB) runs once per machine. Delete the image to make it again with newer packages.
# Needs root (debootstrap), network access to the Debian mirror, and `debootstrap` installed.
set -euo pipefail

engine=${ENGINE:-podman}
suite=${SUITE:-bookworm}
mirror=${MIRROR:-http://deb.debian.org/debian}
packages=(openjdk-17-jre-headless curl)
# the script's own digest too: a change of how the image is made makes another image
image="localhost/pendule-base:debian-$suite-$(IFS=-; echo "${packages[*]}")-$(sha256sum "$0" | cut -c1-8)"

if "$engine" image inspect "$image" >/dev/null 2>&1; then
  echo "$image"
  exit 0
fi

rootfs=$(mktemp -d "${TMPDIR:-/tmp}/pendule-base.XXXXXX")
trap 'rm -rf "$rootfs"' EXIT
echo "debootstrap $suite with ${packages[*]} into $rootfs" >&2
debootstrap --variant=minbase --include="$(IFS=,; echo "${packages[*]}")" "$suite" "$rootfs" "$mirror" >&2
# what a container does not need: the package lists and caches (the image is remade, not upgraded in place), what
# the packages' scripts left in /tmp
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/tmp/*
# the build machine's name and resolver are not the image's: engines mount their own over these files, which must exist
: > "$rootfs/etc/hostname"
: > "$rootfs/etc/resolv.conf"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$rootfs/etc/hosts"
# imported images have no configuration: PATH as Debian's login shells have it, so `java` is found by an exec-form
# entry point
tar -C "$rootfs" -c . | "$engine" import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["/bin/sh"]' - "$image" >&2
echo "$image"
