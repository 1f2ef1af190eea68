#!/bin/sh
# The compose `backup` service: one backup at start, then one every night at BACKUP_TIME (UTC,
# HH:MM, default 02:00), keeping the newest BACKUP_KEEP (default 14) archives in /backups.
# /tmp/backup-ok is touched after each success; the health check fails once it is 25 hours old.
set -u
keep="${BACKUP_KEEP:-14}"
at="${BACKUP_TIME:-02:00}"
date -u -d "today $at" +%s >/dev/null || { echo "BACKUP_TIME must be HH:MM, not '$at'" >&2; exit 2; }
while true; do
  if python manage.py backup /backups --keep "$keep"; then
    touch /tmp/backup-ok
  else
    echo "backup failed; the next attempt is at $at UTC" >&2
  fi
  now=$(date -u +%s)
  next=$(date -u -d "today $at" +%s)
  [ "$next" -gt "$now" ] || next=$(date -u -d "tomorrow $at" +%s)
  sleep $((next - now))
done
