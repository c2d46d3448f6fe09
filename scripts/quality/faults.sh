#!/usr/bin/env bash
# Fault suite on the real compose stack (base + demo fakes + Redis; docs/quality-faults.md): SIGKILL of the backend
# mid-batch, a database restart mid-batch, Redis stopped, SIGTERM during work. The fake AI counts every describe
# call per image (GET /_fake/counters), so lost and duplicated work is measured, not guessed. Bounded: < 10 min.
# Last line: "N passed, N failed".   TV_QUALITY_KEEP=1 keeps the stack for debugging.
set -uo pipefail
# shellcheck source=scripts/quality/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BATCH=${TV_FAULTS_BATCH:-32}
CONCURRENCY=4   # Jobs:Concurrency default, one backend replica

counters() { dc exec -T web curl -sS --max-time 10 http://fake-ai:5200/_fake/counters; }
succeeded() { counters | jq '.anthropic.succeededCalls'; }
photo_ids() {  # photo_ids OFFSET -> JSON array of BATCH synced photo ids
  sql "select coalesce(json_agg(id), '[]') from (select id from photos order by id limit $BATCH offset $1) p"
}
start_batch() {  # start_batch IDS_JSON -> batch id
  api_post /api/processing/batches "{\"scope\":\"photos\",\"photoIds\":$1,\"includeDescribed\":true}" >"$WORK/batch.txt"
  tail -n1 "$WORK/batch.txt" | grep -qx 202 || { cat "$WORK/batch.txt" >>"$LOG"; return 1; }
  sed '$d' "$WORK/batch.txt" | jq -r '.batch.id'
}
batch_view() { api_get "/api/batches/$1"; }
wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...: polls every 0.5 s
  local limit=$1 desc=$2; shift 2
  local end=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $end ] || { echo "timed out after $limit s waiting for: $desc" >>"$LOG"; return 1; }
    sleep 0.5
  done
}
batch_done() { batch_view "$1" | jq -e '.status == "completed"'; }
at_least_succeeded() { [ "$(succeeded)" -ge "$1" ]; }
described_in_db() { sql "select count(*) from photos where id in (select (json_array_elements_text('$1'::json))::int) and status = 'Completed'"; }
# Describe calls per image for the photos of one scenario: the counter delta between two snapshots.
calls_report() {  # calls_report BEFORE.json AFTER.json -> "distinct images, total successful calls, max per image"
  jq -rn --slurpfile a "$1" --slurpfile b "$2" '
    ($a[0].anthropic.succeededImages) as $x | ($b[0].anthropic.succeededImages) as $y |
    [$y | to_entries[] | {k: .key, n: (.value - ($x[.key] // 0))} | select(.n > 0)] as $d |
    "\($d | length) \([$d[].n] | add // 0) \([$d[].n] | max // 0)"'
}

start_stack tvfaults
ALL=$(sql "select count(*) from photos")
figure "library: $ALL synced photos; batches of $BATCH; fake AI latency 600 ms; job lease 10 s"
[ "$ALL" -ge $((BATCH * 3)) ] || { fail "demo library has at least $((BATCH * 3)) photos ($ALL)"; finish; }

# ---- 1. SIGKILL mid-batch ----------------------------------------------------------------------------------
echo "# 1 SIGKILL of the backend mid-batch"
ids=$(photo_ids 0)
counters >"$WORK/c0.json"
base=$(jq '.anthropic.succeededCalls' "$WORK/c0.json")
batch=$(start_batch "$ids") || { fail "batch 1 started"; finish; }
wait_for 60 "6 describes" at_least_succeeded $((base + 6)) || fail "batch 1 makes progress"
running=$(sql "select count(*) from jobs where batch_id = '$batch' and status = 'Running'")
t=$SECONDS
docker kill -s KILL "$(dc ps -q backend)" >>"$LOG" 2>&1
check "backend restarted after SIGKILL" dc up -d --wait --no-deps backend
figure "SIGKILL: $running jobs were running in the killed process; restart -> healthy $((SECONDS - t)) s"
t=$SECONDS
sign_in >>"$LOG" 2>&1   # the session survives (key ring in the database); sign in again only to be independent of it
if wait_for 240 "batch 1 completed" batch_done "$batch"; then pass "batch 1 completes after the kill ($((SECONDS - t)) s after the restart)"; else fail "batch 1 completes after the kill" "$(batch_view "$batch")"; fi
counters >"$WORK/c1.json"
read -r distinct total maxper <<<"$(calls_report "$WORK/c0.json" "$WORK/c1.json")"
view=$(batch_view "$batch")
figure "SIGKILL: $distinct images described, $total successful describe calls, duplicates $((total - BATCH)) (limit $CONCURRENCY), max $maxper calls for one image"
db_done=$(described_in_db "$ids")
check "SIGKILL: every photo described (done $BATCH, failed 0; $db_done of $BATCH photos Completed)" bash -c "
  echo '$view' | jq -e '.done == $BATCH and .failed == 0' && [ '$db_done' = $BATCH ]"
check "SIGKILL: each image described at least once, duplicates <= concurrency ($((total - BATCH)) <= $CONCURRENCY)" \
  test "$distinct" = "$BATCH" -a "$((total - BATCH))" -le "$CONCURRENCY" -a "$((total - BATCH))" -ge 0

# ---- 2. database restart mid-batch -------------------------------------------------------------------------
echo "# 2 database restart mid-batch"
ids=$(photo_ids "$BATCH")
counters >"$WORK/c2.json"
base=$(jq '.anthropic.succeededCalls' "$WORK/c2.json")
batch=$(start_batch "$ids") || { fail "batch 2 started"; finish; }
wait_for 60 "6 describes" at_least_succeeded $((base + 6)) || fail "batch 2 makes progress"
t=$SECONDS
dc stop db >>"$LOG" 2>&1
codes=""
for _ in 1 2 3 4 5 6; do codes="$codes $(ready_status)"; sleep 0.5; done
not_ready_body=$(cat "$WORK/ready.json" 2>/dev/null)
dc start db >>"$LOG" 2>&1
down_s=$((SECONDS - t))
check "db down: /health/ready answers 503 (not ready) [codes:$codes]" bash -c "echo '$codes' | grep -q 503"
check "db down: readiness names the failed check without exception text" bash -c "
  body='$not_ready_body'; echo \"\$body\"; echo \"\$body\" | jq -e '.checks.database.status == \"Unhealthy\"' &&
  ! echo \"\$body\" | grep -qiE 'npgsql|exception|socket|refused|resolve|host=|password|targetvision'"
t=$SECONDS
if wait_for 90 "ready again" bash -c "[ \"\$(curl -sS --max-time 5 -o /dev/null -w '%{http_code}' '$BASE/health/ready')\" = 200 ]"; then
  pass "readiness recovers after the database is back ($((SECONDS - t)) s)"; else fail "readiness recovers"; fi
figure "database outage: ${down_s} s stopped; ready again $((SECONDS - t)) s after start"
sign_in >>"$LOG" 2>&1
if wait_for 240 "batch 2 completed" batch_done "$batch"; then pass "batch 2 completes after the database restart"; else fail "batch 2 completes after the database restart" "$(batch_view "$batch")"; fi
counters >"$WORK/c3.json"
read -r distinct total maxper <<<"$(calls_report "$WORK/c2.json" "$WORK/c3.json")"
view=$(batch_view "$batch")
figure "db restart: done $(echo "$view" | jq .done), failed $(echo "$view" | jq .failed); $total successful describe calls for $distinct images"
check "db restart: nothing lost ($BATCH photos Completed, failed 0)" bash -c "
  echo '$view' | jq -e '.done == $BATCH and .failed == 0' && [ '$(described_in_db "$ids")' = $BATCH ]"
check "db restart: every image described, duplicates <= concurrency ($((total - BATCH)))" \
  test "$distinct" = "$BATCH" -a "$((total - BATCH))" -le "$CONCURRENCY"

# ---- 3. Redis stopped --------------------------------------------------------------------------------------
echo "# 3 Redis stopped"
root_nodes() { curl -sS --max-time 20 -b "$JAR" -o "$WORK/nodes.json" -w '%{http_code} %{time_total}' "$BASE/api/smugmug/nodes"; }
check "with Redis: readiness Healthy" bash -c "[ \"\$(curl -sS --max-time 10 '$BASE/health/ready' | jq -r .status)\" = Healthy ]"
root_nodes >>"$LOG" 2>&1
dc stop redis >>"$LOG" 2>&1
code=$(ready_status); body=$(cat "$WORK/ready.json")
check "Redis down: readiness 200 with status Degraded and redis Degraded (traffic keeps flowing) [$code]" bash -c "
  echo '$body'; [ '$code' = 200 ] && echo '$body' | jq -e '.status == \"Degraded\" and .checks.redis.status == \"Degraded\" and .checks.database.status == \"Healthy\"'"
check "Redis down: no exception text in readiness" bash -c "! echo '$body' | grep -qiE 'exception|redisconnection|it was not possible|unable to connect'"
out=$(root_nodes); figure "Redis down: browse (GET /api/smugmug/nodes) -> $out"
check "Redis down: browsing still served (from memory) [$out]" bash -c "echo '$out' | grep -q '^200 ' && jq -e 'type == \"object\" or type == \"array\"' '$WORK/nodes.json'"
out=$(curl -sS --max-time 20 -b "$JAR" -o /dev/null -w '%{http_code} %{time_total}' "$BASE/api/library/stats")
check "Redis down: library API answers [$out]" bash -c "echo '$out' | grep -q '^200 '"
dc start redis >>"$LOG" 2>&1
if wait_for 60 "Healthy again" bash -c "[ \"\$(curl -sS --max-time 10 '$BASE/health/ready' | jq -r .status)\" = Healthy ]"; then
  pass "Redis back: readiness Healthy again"; else fail "Redis back: readiness Healthy again" "$(cat "$WORK/ready.json")"; fi

# ---- 4. SIGTERM during work --------------------------------------------------------------------------------
echo "# 4 SIGTERM during work"
ids=$(photo_ids $((BATCH * 2)))
counters >"$WORK/c4.json"
base=$(jq '.anthropic.succeededCalls' "$WORK/c4.json")
sign_in >>"$LOG" 2>&1
batch=$(start_batch "$ids") || { fail "batch 4 started"; finish; }
wait_for 60 "6 describes" at_least_succeeded $((base + 6)) || fail "batch 4 makes progress"
cid=$(dc ps -q backend)
grace=$(docker inspect -f '{{.Config.StopTimeout}}' "$cid" 2>/dev/null); grace=${grace:-40}
t=$SECONDS
dc stop backend >>"$LOG" 2>&1
stop_s=$((SECONDS - t))
exit_code=$(docker inspect -f '{{.State.ExitCode}}' "$cid")
stranded=$(sql "select count(*) from jobs where batch_id = '$batch' and status = 'Running'")
figure "SIGTERM: stopped in $stop_s s (grace $grace s), exit $exit_code, jobs left Running: $stranded"
check "SIGTERM: backend exits 0 within the grace period ($stop_s s < $grace s)" test "$exit_code" = 0 -a "$stop_s" -lt "$grace"
check "SIGTERM: every claimed job finished or was handed back (none left Running)" test "$stranded" = 0
check "backend starts again" dc up -d --wait --no-deps backend
sign_in >>"$LOG" 2>&1
if wait_for 240 "batch 4 completed" batch_done "$batch"; then pass "batch 4 completes after the restart"; else fail "batch 4 completes after the restart" "$(batch_view "$batch")"; fi
counters >"$WORK/c5.json"
read -r distinct total maxper <<<"$(calls_report "$WORK/c4.json" "$WORK/c5.json")"
view=$(batch_view "$batch")
figure "SIGTERM: $total successful describe calls for $distinct images (duplicates $((total - BATCH)))"
check "SIGTERM: nothing lost ($BATCH Completed, failed 0), duplicates <= concurrency" bash -c "
  echo '$view' | jq -e '.done == $BATCH and .failed == 0' && [ '$(described_in_db "$ids")' = $BATCH ] && [ '$distinct' = $BATCH ] && [ $((total - BATCH)) -le $CONCURRENCY ]"

finish
