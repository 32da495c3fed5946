#!/usr/bin/env bash
# A real single-node Slurm on this machine for the cluster tests (Debian 12's slurmctld, slurmd,
# slurm-client and munge), without systemd and without touching /etc/slurm: the slurm.conf, state,
# spool, logs and pid files live in one folder, and clients find it through SLURM_CONF.
#
# Usage: scripts/slurm-local.sh start|stop|status [FOLDER]
#   FOLDER defaults to $LONGTAIL_SLURM_DIR or /tmp/longtail-slurm-$(id -u).
#   start: idempotent; prints `export SLURM_CONF=FOLDER/slurm.conf` on its last line.
#   stop: stops only the daemons this script started (by their pid files).
# Needs root (munged runs as the munge user, the daemons as root) and the packages in
# scripts/install-deps.sh.
set -euo pipefail

cmd=${1:-}
dir=${2:-${LONGTAIL_SLURM_DIR:-/tmp/longtail-slurm-$(id -u)}}
conf="$dir/slurm.conf"
munge_pid=/run/munge/munged.pid

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() {  # wait_for SECONDS COMMAND...: until COMMAND succeeds
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

start() {
  for tool in munged slurmctld slurmd sinfo; do
    command -v "$tool" >/dev/null || { echo "slurm-local: $tool is missing; run scripts/install-deps.sh" >&2; exit 1; }
  done
  [ "$(id -u)" -eq 0 ] || { echo "slurm-local: the daemons need root (munged as munge, slurmd as root)" >&2; exit 1; }
  mkdir -p "$dir/state" "$dir/spool" "$dir/log"

  # munge: one key for this machine, the daemon as the munge user.
  if [ ! -s /etc/munge/munge.key ]; then
    dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
    chown munge:munge /etc/munge/munge.key
    chmod 400 /etc/munge/munge.key
  fi
  if ! alive "$munge_pid"; then
    mkdir -p /run/munge /var/log/munge /var/lib/munge
    chown munge:munge /run/munge /var/log/munge /var/lib/munge
    runuser -u munge -- munged --force
    echo started > "$dir/munge.started"  # so that stop stops only a munged started here
  fi

  local host cpus mem
  host=$(hostname -s)
  cpus=$(nproc)
  mem=$(( $(free -m | awk '/^Mem:/ {print $2}') * 9 / 10 ))
  cat > "$conf.new" <<CONF
# Written by scripts/slurm-local.sh: one node, this machine, for LongTail Lab's tests.
ClusterName=longtail
SlurmctldHost=$host
AuthType=auth/munge
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
GresTypes=gpu
ReturnToService=2
MpiDefault=none
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MinJobAge=600
KillWait=10
SchedulerType=sched/backfill
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  mv "$conf.new" "$conf"
  export SLURM_CONF="$conf"
  alive "$dir/slurmctld.pid" || slurmctld -f "$conf"
  alive "$dir/slurmd.pid" || slurmd -f "$conf"
  if ! wait_for 60 bash -c "sinfo -h -o %T | grep -Eq '^(idle|mixed|allocated)'"; then
    echo "slurm-local: the node did not come up; see $dir/log/slurmctld.log and slurmd.log" >&2
    exit 1
  fi
  echo "slurm-local: up ($host, $cpus CPUs, ${mem} MB)"
  echo "export SLURM_CONF=$conf"
}

stop() {
  for daemon in slurmd slurmctld; do
    if alive "$dir/$daemon.pid"; then
      local pid
      pid=$(cat "$dir/$daemon.pid")
      kill "$pid"
      wait_for 30 bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true
    fi
  done
  if [ -f "$dir/munge.started" ] && alive "$munge_pid"; then
    kill "$(cat "$munge_pid")"
    rm -f "$dir/munge.started"
  fi
  echo "slurm-local: stopped"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) alive "$dir/slurmctld.pid" && alive "$dir/slurmd.pid" && echo "export SLURM_CONF=$conf" ;;
  *) echo "usage: scripts/slurm-local.sh start|stop|status [FOLDER]" >&2; exit 2 ;;
esac
