#!/usr/bin/env bash
# Starts and stops the ejabberd that `magpie bench --protocol xmpp` measures, on this directory's
# config, with its own node name and a fresh spool under /tmp (never the package's own service).
#   bench/ejabberd/run.sh start [--mam]   install the Debian package if missing, start, wait until up
#   bench/ejabberd/run.sh stop            stop it (bounded; the node is killed if it does not stop)
#   bench/ejabberd/run.sh pid             the beam.smp pid (for --server-pid)
#   bench/ejabberd/run.sh status
# --mam: ejabberd-mam.yml (mod_mam storing every message in Mnesia). Registered users live in the
# spool, which each start wipes: run `magpie bench setup --protocol xmpp` after starting.
# EJABBERD_BENCH_DIR (default /tmp/magpie-ejabberd) holds spool, logs and the config in use.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
DIR="${EJABBERD_BENCH_DIR:-/tmp/magpie-ejabberd}"
NODE="magpiebench@localhost"
TIMEOUT_SECONDS=60

# As root, become the ejabberd user here rather than let ejabberdctl `su` to it: su resets the
# open-files limit to 1,024, and 10,000 connections need more (this shell's limit is inherited).
AS_EJABBERD=()
if [ "$(id -u)" -eq 0 ]; then
  AS_EJABBERD=(setpriv --reuid=ejabberd --regid=ejabberd --init-groups env HOME=/var/lib/ejabberd)
fi
CTL=("${AS_EJABBERD[@]}" ejabberdctl --node "$NODE" --ctl-config "$DIR/ejabberdctl.cfg" --config "$DIR/ejabberd.yml"
     --spool "$DIR/spool" --logs "$DIR/logs")
ctl() { "${CTL[@]}" "$@"; }

install_if_missing() {
  if command -v ejabberdctl >/dev/null 2>&1; then return; fi
  echo "run.sh: installing the ejabberd Debian package" >&2
  if [ "$(id -u)" -ne 0 ]; then echo "run.sh: ejabberd is missing and installing it needs root" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq ejabberd >/dev/null
  # The package's own service (node ejabberd@localhost, its default config) must not run beside ours.
  ejabberdctl stop >/dev/null 2>&1 || true
  update-rc.d ejabberd disable >/dev/null 2>&1 || true
}

node_pid() {
  # the beam.smp process of our node (its command line names the node)
  pgrep -u ejabberd -f -- "beam.smp.*-s?name $NODE" | head -1 || true
}

start() {
  local config="$HERE/ejabberd.yml"
  if [ "${1:-}" = "--mam" ]; then config="$HERE/ejabberd-mam.yml"; fi
  install_if_missing
  if [ -n "$(node_pid)" ]; then echo "run.sh: $NODE is already running (pid $(node_pid)); stop it first" >&2; exit 1; fi
  rm -rf "$DIR/spool" "$DIR/logs"
  mkdir -p "$DIR/spool" "$DIR/logs"
  cp "$config" "$DIR/ejabberd.yml"
  cp "$HERE/ejabberdctl.cfg" "$DIR/ejabberdctl.cfg"
  chown -R ejabberd:ejabberd "$DIR"
  chmod 700 "$DIR/spool"
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  (cd "$DIR" && ctl start)
  if ! timeout "$TIMEOUT_SECONDS" "${CTL[@]}" started; then
    echo "run.sh: ejabberd did not start within $TIMEOUT_SECONDS s; log:" >&2
    tail -20 "$DIR/logs/ejabberd.log" "$DIR/logs/error.log" 2>/dev/null >&2 || true
    stop
    exit 1
  fi
  echo "ejabberd $NODE up on 127.0.0.1:5222 ($(basename "$config")), pid $(node_pid), spool $DIR/spool," \
    "open files $(awk '/open files/ {print $4}' "/proc/$(node_pid)/limits")"
}

stop() {
  local pid
  pid="$(node_pid)"
  if [ -z "$pid" ]; then echo "run.sh: $NODE is not running"; return 0; fi
  ctl stop >/dev/null 2>&1 || true
  for _ in $(seq 1 "$TIMEOUT_SECONDS"); do
    if ! kill -0 "$pid" 2>/dev/null; then echo "ejabberd $NODE stopped"; return 0; fi
    sleep 1
  done
  echo "run.sh: $NODE did not stop within $TIMEOUT_SECONDS s; killing pid $pid" >&2
  kill -9 "$pid" 2>/dev/null || true
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  pid) node_pid ;;
  status) ctl status ;;
  *) echo "usage: $0 start [--mam] | stop | pid | status" >&2; exit 2 ;;
esac
