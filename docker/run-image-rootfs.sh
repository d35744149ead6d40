#!/bin/bash
# Runs a command in an image's file system as a process, where no container engine can run it (`podman run` is
# refused by these machines' sandbox: docs/operations.md, Container image). Not a container: no network, user or
# cgroup isolation, no limits. What it gives the command is what a container would see of the image:
#   - the image's files as root directory, read-only (`podman image mount` mounts them so; as Kubernetes'
#     readOnlyRootFilesystem), with a fresh /proc of its own PID namespace (the command is PID 1), a tmpfs on /tmp
#     and /dev/shm, the host's /etc/hosts and /etc/resolv.conf (as an engine's host network does), and the host's
#     folders given as volumes (bind mounts; `:ro` read-only);
#   - the working directory and user (uid:gid) given, and this script's environment exactly as it is (the caller
#     sets the image's ENV and its own settings; nothing is added).
# Usage (as root):  run-image-rootfs.sh ROOT UID:GID WORKDIR [SOURCE:TARGET[:ro]]... -- COMMAND [ARG...]
#   ROOT: `podman image mount IMAGE`'s answer. COMMAND is looked for on the environment's PATH inside ROOT.
# Stopping: SIGTERM to the command (the PID 1 of the namespace; this script's process's only child), as an engine
# does. Killing this script's process kills everything inside (its child dies with it, and the namespace with it).
set -euo pipefail

if [[ ${1:-} != --inside ]]; then
  # a mount and PID namespace of its own, /proc mounted there; the inside runs as PID 1 and dies with this process
  exec /usr/bin/unshare --mount --propagation private --pid --fork --kill-child /bin/bash "$0" --inside "$@"
fi
shift
root=$1 user=$2 workdir=$3
shift 3
volumes=()
while (($#)) && [[ $1 != -- ]]; do volumes+=("$1"); shift; done
(($# > 1)) || { echo "usage: $0 ROOT UID:GID WORKDIR [SOURCE:TARGET[:ro]]... -- COMMAND [ARG...]" >&2; exit 2; }
shift

/usr/bin/mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
/usr/bin/mount -t tmpfs -o nosuid,nodev,mode=1777 tmpfs "$root/tmp"
/usr/bin/mount -t tmpfs -o nosuid,nodev,noexec,mode=1777 shm "$root/dev/shm"
for file in /etc/hosts /etc/resolv.conf; do
  [[ -e $root$file ]] || { echo "the image has no $file to mount the host's on (engines make one)" >&2; exit 2; }
  /usr/bin/mount --bind -o ro "$file" "$root$file"
done
for volume in "${volumes[@]}"; do
  IFS=: read -r source target mode <<<"$volume"
  /usr/bin/mount --bind ${mode:+-o "$mode"} "$source" "$root$target"
done

exec /usr/bin/unshare --root="$root" --wd="$workdir" --setuid="${user%%:*}" --setgid="${user#*:}" -- "$@"
