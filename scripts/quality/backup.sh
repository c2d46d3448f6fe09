#!/usr/bin/env bash
# Backup safety on the real compose stack (docs/quality-faults.md): fill the stack (synced demo library, described
# photos, a saved API key), back it up with the documented command, destroy the database volume, restore with the
# documented command, and compare row counts and content checksums of the key tables. Bounded: < 10 min.
# Last line: "N passed, N failed".   TV_QUALITY_KEEP=1 keeps the stack for debugging.
set -uo pipefail
# shellcheck source=scripts/quality/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TABLES=(owners app_settings data_protection_keys smugmug_accounts folders albums photos photo_ai_versions
  photo_text_embeddings prompts prompt_versions collections collection_members job_batches __ef_migrations_history)
# One line per table: name, row count, md5 over the rows' text in a stable order (vectors included).
snapshot() {
  local q="" t
  for t in "${TABLES[@]}"; do
    q="$q select '$t' || ' ' || count(*) || ' ' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '-') from \"$t\" x union all"
  done
  sql "${q% union all}"
}

start_stack tvbackup
echo "# 1 data"
ids=$(sql "select coalesce(json_agg(id), '[]') from (select id from photos order by id limit 12) p")
out=$(api_post /api/processing/batches "{\"scope\":\"photos\",\"photoIds\":$ids,\"includeDescribed\":true}")
batch=$(echo "$out" | sed '$d' | jq -r '.batch.id // empty')
check "a describe batch of 12 photos starts" test -n "$batch"
end=$((SECONDS + 180))
until api_get "/api/batches/$batch" | jq -e '.status == "completed"' >/dev/null 2>&1 || [ $SECONDS -ge $end ]; do sleep 1; done
check "the batch completes" bash -c "[ \"\$(curl -sS -b '$JAR' '$BASE/api/batches/$batch' | jq -r .status)\" = completed ]"
put=$(curl -sS --max-time 20 -b "$JAR" -c "$JAR" -X PUT -H 'Content-Type: application/json' -H "X-XSRF-TOKEN: $(xsrf)" \
  -d '{"secrets":{"openAiApiKey":"sk-backup-quality-4242"}}' -w '\n%{http_code}' "$BASE/api/settings")
check "an API key is saved (encrypted in app_settings)" bash -c "echo '$put' | tail -n1 | grep -qx 200"

echo "# 2 backup (documented command), destroy the volume, restore (documented command)"
dc stop backend >>"$LOG" 2>&1
snapshot >"$WORK/before.txt"
rows=$(awk '{s += $2} END {print s}' "$WORK/before.txt")
figure "before: $rows rows in ${#TABLES[@]} key tables ($(awk '$1 == "photos" {print $2}' "$WORK/before.txt") photos, $(awk '$1 == "photo_ai_versions" {print $2}' "$WORK/before.txt") descriptions)"
COMPOSE=(-p "$PROJECT" --env-file "$ENVF" "${FILES[@]}")
t=$SECONDS
check "scripts/backup.sh --dir DIR -- <compose args>" "$REPO/scripts/backup.sh" --dir "$WORK/backups" -- "${COMPOSE[@]}"
dump=$(ls -1 "$WORK"/backups/targetvision-*.dump 2>/dev/null | tail -n1)
figure "backup: $(du -k "$dump" 2>/dev/null | cut -f1) KiB in $((SECONDS - t)) s"
vol=$(docker volume ls -q --filter "label=com.docker.compose.project=$PROJECT" | grep '_db-data$')
check "stack down and the database volume removed ($vol)" bash -c "
  docker compose ${COMPOSE[*]} --profile redis down >/dev/null 2>&1 && docker volume rm '$vol' && ! docker volume inspect '$vol' >/dev/null 2>&1"
check "stack up on a new, empty volume" dc up -d --wait
check "the new database has no photos" test "$(sql 'select count(*) from photos')" = 0
t=$SECONDS
check "scripts/restore.sh --yes DUMP -- <compose args>" "$REPO/scripts/restore.sh" --yes "$dump" -- "${COMPOSE[@]}"
figure "restore (incl. db-init, migrate, backend restart): $((SECONDS - t)) s"
dc stop backend >>"$LOG" 2>&1
snapshot >"$WORK/after.txt"
diff "$WORK/before.txt" "$WORK/after.txt" >>"$LOG" 2>&1
check "every key table has the same row count and checksum after the restore" diff "$WORK/before.txt" "$WORK/after.txt"
while read -r name count sum; do echo "info -   $name $count ${sum:0:12}"; done <"$WORK/after.txt"
check "restored objects belong to the app's role (not the superuser that restored them)" \
  test "$(sql "select count(*) from pg_tables where schemaname = 'public' and tableowner <> 'targetvision'")" = 0
dc start backend >>"$LOG" 2>&1; dc up -d --wait >>"$LOG" 2>&1
sign_in >>"$LOG" 2>&1
check "after the restore the owner signs in and the saved key decrypts (last4 4242)" bash -c "
  curl -sS --max-time 20 -b '$JAR' '$BASE/api/settings' | jq -e '.secrets.openAiApiKey.last4 == \"4242\"'"
finish
