#!/usr/bin/env bash
# Parley's benchmark (`./parley bench`). Starts its own stack — the dev stack's PostgreSQL, Kafka
# and Redis in a temporary run directory, a worker and a gateway as child processes, on ports that
# do not collide with `./parley up` — runs the standard scenarios with the load generator, stops
# everything it started (trap on EXIT), and writes docs/benchmarks.md plus the raw histograms in
# docs/bench/. The standard run takes about 7 minutes on 2 cores, plus the build.
#
#   load-generator/bench.sh [--quick] [--profile] [--only a,b] [--keep] [--no-build] [--output FILE]
#
#   --quick      smaller and shorter scenarios (a few minutes): checks the benchmark, not the machine
#   --profile    async-profiler 4.2 (from Maven Central; else JFR) on the gateway and the worker;
#                recordings and per-scenario summaries go to the run directory, which is then kept
#   --only LIST  only these scenarios (producer-limit,insert-limit,latency,throughput,fanout,socketio,idle,backlog);
#                socketio runs the 1,000 msg/s pipeline over /ws and over Socket.IO, and is skipped (not failed)
#                in a full run when the gateway does not serve /socket.io/
#   --keep       keep the run directory (logs, data) instead of deleting it
#   --no-build   measure the jars already in target/ instead of building the working tree first (offline)
#   --output F   write the report to F (histograms next to it in bench/); by default the standard run writes
#                docs/benchmarks.md, and --quick, --only and --profile runs write into their (kept) run directory
#
# Environment: BENCH_BACKLOG (K, default 200000), BENCH_GATEWAY_HEAP / BENCH_WORKER_HEAP (512m),
# BENCH_GATEWAY_JVM_OPTS / BENCH_WORKER_JVM_OPTS (extra JVM options), BENCH_GATEWAY_ARGS /
# BENCH_WORKER_ARGS (extra Spring arguments, e.g. --spring.kafka.listener.ack-mode=manual_immediate
# to measure a configuration change before and after).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
QUICK=false PROFILE=false KEEP=false BUILD=true ONLY="" OUTPUT="$ROOT/docs/benchmarks.md" OUTPUT_GIVEN=false
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=true ;;
    --profile) PROFILE=true; KEEP=true ;;
    --keep) KEEP=true ;;
    --build) BUILD=true ;;
    --no-build) BUILD=false ;;
    --only) ONLY=$2; shift ;;
    --only=*) ONLY=${1#--only=} ;;
    --output) OUTPUT=$2; OUTPUT_GIVEN=true; shift ;;
    --output=*) OUTPUT=${1#--output=}; OUTPUT_GIVEN=true ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
case "$OUTPUT" in /*) ;; *) OUTPUT="$PWD/$OUTPUT" ;; esac
# only the full standard run replaces docs/benchmarks.md by default; partial, quick and profiled runs report into their run directory
OUTPUT_TO_RUN=false
if ! $OUTPUT_GIVEN && { [ -n "$ONLY" ] || $QUICK || $PROFILE; }; then OUTPUT_TO_RUN=true; KEEP=true; fi

say() { echo "bench: $*"; }
die() { echo "bench: $*" >&2; exit 1; }
BENCH_STARTED=$(date +%s)

# ---------------------------------------------------------------- JDK (as ./parley: JAVA_HOME if >= 21, else the newest)
java_major() {
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}') || return 0
  echo "${v%%.*}"
}
if ! { [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; }; then
  best="" best_v=0
  for dir in /usr/lib/jvm/*/; do
    dir=${dir%/}
    [ -x "$dir/bin/javac" ] || continue
    v=$(java_major "$dir")
    [ -n "$v" ] && [ "$v" -gt "$best_v" ] && { best=$dir; best_v=$v; }
  done
  [ "$best_v" -ge 21 ] || die "no JDK 21 or newer found; set JAVA_HOME"
  export JAVA_HOME=$best
fi
JAVA="$JAVA_HOME/bin/java"
if [ "$(java_major "$JAVA_HOME")" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  NATIVE_ACCESS="--enable-native-access=ALL-UNNAMED"
else
  NATIVE_ACCESS=""
fi

# ---------------------------------------------------------------- build: measure the working tree, not stale jars
jar_of() { ls "$ROOT/$1"/target/"$1"-*-exec.jar 2>/dev/null | head -1; }
lg_jar() { ls "$ROOT"/load-generator/target/load-generator-*.jar 2>/dev/null | grep -v -- '-tests' | head -1 || true; }
BUILT="the working tree, built by this run"
if $BUILD; then
  say "building the gateway, the worker, the dev stack and the load generator (offline first)"
  if ! (cd "$ROOT" && { ./mvnw -q -B -o install -DskipTests -pl boot-gateway,boot-worker,dev-stack,load-generator -am \
                       || ./mvnw -q -B install -DskipTests -pl boot-gateway,boot-worker,dev-stack,load-generator -am; }); then
    [ -n "$(jar_of boot-gateway)" ] && [ -n "$(jar_of boot-worker)" ] && [ -n "$(jar_of dev-stack)" ] && [ -n "$(lg_jar)" ] \
      || die "the build failed and there are no jars to fall back on"
    say "WARNING: the build failed (someone's half-done change?); measuring the jars already in target/, which may be stale"
    BUILT="jars found in target/ (the build of the working tree failed; they may be older than the commit)"
  fi
else
  BUILT="jars found in target/ (--no-build)"
fi
LG_JAR=$(lg_jar)
[ -n "$LG_JAR" ] && [ -d "$ROOT/load-generator/target/lib" ] && [ -n "$(jar_of boot-gateway)" ] || die "no jars; run without --no-build"
LG_CP="$LG_JAR:$ROOT/load-generator/target/lib/*"
loadgen() { "$JAVA" $NATIVE_ACCESS -Xmx1g -XX:+UseParallelGC -cp "$LG_CP" parley.loadgen.LoadGen "$@"; }

# ---------------------------------------------------------------- the run directory and clean-up
RUN=$(mktemp -d /tmp/parley-bench.XXXXXX)
chmod 755 "$RUN"   # PostgreSQL runs as 'nobody' when we are root and must reach its data directory
RESULTS="$RUN/results"
$OUTPUT_TO_RUN && OUTPUT="$RUN/report/benchmarks.md"
DOCS_DIR=$(dirname "$OUTPUT")
HIST_DIR="$DOCS_DIR/bench"
mkdir -p "$RESULTS" "$RUN/logs"
PIDS_STARTED=()

stop_pid() { # pid name: TERM, up to 30 s, then KILL; only processes this script started
  local pid=$1 name=$2 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name (pid $pid) did not stop within 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [ -n "${GATEWAY_PID:-}" ] && stop_pid "$GATEWAY_PID" gateway
  [ -n "${WORKER_PID:-}" ] && stop_pid "$WORKER_PID" worker
  [ -n "${INFRA_PID:-}" ] && stop_pid "$INFRA_PID" "dev stack"
  [ -n "${HOLD_PID:-}" ] && kill "$HOLD_PID" 2>/dev/null || true
  if $KEEP || [ "$status" -ne 0 ]; then
    say "run directory kept: $RUN (logs in $RUN/logs)"
  else
    if [ -f "$RUN/postgres-data-location.txt" ]; then
      rm -rf "$(dirname "$(cat "$RUN/postgres-data-location.txt")")"
    fi
    rm -rf "$RUN"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- ports
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port_from() { local p=$1; while ! port_free "$p"; do p=$((p + 1)); done; echo "$p"; }
GATEWAY_PORT=$(free_port_from 3100)
WORKER_PORT=$(free_port_from $((GATEWAY_PORT + 1)))
GATEWAY_MANAGEMENT_PORT=$(free_port_from $((WORKER_PORT + 1)))

http_ok() { curl -sf -o /dev/null --max-time 5 "$1"; }
wait_http() { # url seconds pid name
  local i
  for i in $(seq 1 "$2"); do
    http_ok "$1" && return 0
    kill -0 "$3" 2>/dev/null || { tail -n 40 "$RUN/logs/$4.log" >&2; die "$4 exited while starting (log: $RUN/logs/$4.log)"; }
    sleep 1
  done
  die "$4 was not healthy within $2 s (log: $RUN/logs/$4.log)"
}

# ---------------------------------------------------------------- machine, before anything starts
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
CORES=$(nproc)
cpu_busy_percent() { # over $1 seconds, of all cores, from /proc/stat
  local a b
  a=($(head -1 /proc/stat)); sleep "$1"; b=($(head -1 /proc/stat))
  local total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  local idle=$(( (b[4] - a[4]) + (b[5] - a[5]) ))
  echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}
BUSY_BEFORE=$(cpu_busy_percent 5)
say "before the run: CPU ${BUSY_BEFORE}% busy (5 s), load average $LOAD_BEFORE on $CORES cores"

# ---------------------------------------------------------------- infrastructure
say "starting PostgreSQL, Kafka and Redis (dev stack) in $RUN"
# keep ./parley up's usual ports bound while the dev stack picks its own, so it takes free ones
loadgen hold-ports --ports=5432,9092,6379 --until-file="$RUN/endpoints.env" --max=200s >/dev/null 2>&1 &
HOLD_PID=$!
sleep 2
setsid "$JAVA" -Xmx1g -jar "$(jar_of dev-stack)" "$RUN" >"$RUN/logs/infra.log" 2>&1 </dev/null &
INFRA_PID=$!
for i in $(seq 1 180); do
  [ -f "$RUN/endpoints.env" ] && break
  kill -0 "$INFRA_PID" 2>/dev/null || { tail -n 40 "$RUN/logs/infra.log" >&2; die "the dev stack exited while starting"; }
  sleep 1
done
[ -f "$RUN/endpoints.env" ] || die "the dev stack did not start within 180 s"
set -a; . "$RUN/endpoints.env"; set +a
JDBC_URL="jdbc:postgresql://$PARLEY_POSTGRES_HOST:$PARLEY_POSTGRES_PORT/$PARLEY_POSTGRES_DB"

# ---------------------------------------------------------------- worker and gateway
export PARLEY_GATEWAY_PORT=$GATEWAY_PORT PARLEY_WORKER_PORT=$WORKER_PORT PARLEY_GATEWAY_MANAGEMENT_PORT=$GATEWAY_MANAGEMENT_PORT
export PARLEY_JWT_SECRET="bench-only-secret-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
export PARLEY_INSTANCE_ID=bench-gateway-1 PARLEY_TOKEN_LIFETIME=3h
# the per-user and per-socket limits would cap a benchmark at 20 msg/s per user
export PARLEY_WEBSOCKET_SEND_RATE=1000000 PARLEY_WEBSOCKET_SEND_BURST=1000000
export PARLEY_WEBSOCKET_FRAME_RATE=1000000 PARLEY_WEBSOCKET_FRAME_BURST=1000000
# the load generator's users all sign in from this machine, and the idle scenario opens 100 sockets per user
export PARLEY_AUTH_THROTTLE_ADDRESS_ATTEMPTS=1000000 PARLEY_AUTH_THROTTLE_EMAIL_ATTEMPTS=1000000 PARLEY_WEBSOCKET_SOCKETS_PER_USER=1000
GATEWAY_HEAP=${BENCH_GATEWAY_HEAP:-512m}
WORKER_HEAP=${BENCH_WORKER_HEAP:-512m}

PROFILER_LIB=""
if $PROFILE; then
  AP_JAR=$HOME/.m2/repository/tools/profiler/async-profiler/4.2/async-profiler-4.2-linux-x64.jar
  if [ ! -f "$AP_JAR" ]; then
    (cd "$ROOT" && ./mvnw -q -B dependency:get -Dartifact=tools.profiler:async-profiler:4.2:jar:linux-x64 -Dtransitive=false) || true
  fi
  if [ -f "$AP_JAR" ]; then
    mkdir -p "$RUN/profiler" && (cd "$RUN/profiler" && unzip -q -o "$AP_JAR" 'linux-x64/*')
    PROFILER_LIB="$RUN/profiler/linux-x64/libasyncProfiler.so"
    say "profiling with async-profiler 4.2 ($PROFILER_LIB)"
  else
    say "async-profiler 4.2 not resolvable; profiling with JFR"
  fi
fi
profile_opts() { # name
  $PROFILE || return 0
  if [ -n "$PROFILER_LIB" ]; then
    # cpu samples (itimer works without perf_events), allocations and lock contention in one JFR file
    echo "-agentpath:$PROFILER_LIB=start,event=itimer,interval=1ms,alloc=512k,lock=1ms,jfr,file=$RUN/profile-$1-%t.jfr"
  else
    echo "-XX:StartFlightRecording=filename=$RUN/profile-$1.jfr,settings=profile,dumponexit=true"
  fi
}

start_worker() {
  # shellcheck disable=SC2046
  setsid "$JAVA" -Xmx"$WORKER_HEAP" $(profile_opts worker) ${BENCH_WORKER_JVM_OPTS:-} -jar "$(jar_of boot-worker)" ${BENCH_WORKER_ARGS:-} \
    >>"$RUN/logs/worker.log" 2>&1 </dev/null &
  WORKER_PID=$!
  echo "$WORKER_PID" >"$RUN/worker.pid"
}
stop_worker() { stop_pid "$WORKER_PID" worker; WORKER_PID=""; }

say "starting the worker (:$WORKER_PORT) and the gateway (:$GATEWAY_PORT), heaps $WORKER_HEAP / $GATEWAY_HEAP"
start_worker
# shellcheck disable=SC2046
setsid "$JAVA" -Xmx"$GATEWAY_HEAP" $(profile_opts gateway) ${BENCH_GATEWAY_JVM_OPTS:-} -jar "$(jar_of boot-gateway)" ${BENCH_GATEWAY_ARGS:-} \
  >"$RUN/logs/gateway.log" 2>&1 </dev/null &
GATEWAY_PID=$!
echo "$GATEWAY_PID" >"$RUN/gateway.pid"
wait_http "http://127.0.0.1:$WORKER_PORT/actuator/health" 180 "$WORKER_PID" worker
wait_http "http://127.0.0.1:$GATEWAY_PORT/health" 180 "$GATEWAY_PID" gateway
GATEWAY="http://127.0.0.1:$GATEWAY_PORT"
PIDS="gateway=@$RUN/gateway.pid,worker=@$RUN/worker.pid,kafka=$INFRA_PID"
say "stack up; gateway $GATEWAY"
# Socket.IO (issue 13): measured only where the gateway answers an Engine.IO handshake
SOCKETIO=false SOCKETIO_NOTE=""
SIO_OPEN=$(curl -s --max-time 5 "$GATEWAY/socket.io/?EIO=4&transport=polling" 2>/dev/null || true)
if [[ "$SIO_OPEN" == 0\{* ]]; then SOCKETIO=true; else SOCKETIO_NOTE="the gateway measured does not serve /socket.io/ (no Engine.IO handshake)"; fi

# ---------------------------------------------------------------- scenarios
if $QUICK; then
  K=20000; SCALE_NOTE="quick run: K = $K"
  LAT=(--sockets=40 --room-size=10 --rate=500 --warmup=5s --duration=10s)
  THR=(--sockets=100 --room-size=2 --rate=2000 --warmup=5s --duration=10s)
  FAN=(--sockets=200 --room-size=100 --rate=200 --warmup=5s --duration=10s)
  SIO=(--sockets=40 --room-size=10 --rate=1000 --warmup=5s --duration=10s)
  IDLE_N=1000; PERF_RECORDS=50000; INSERT_BATCHES=40; WARMUP_SECONDS=10
else
  K=${BENCH_BACKLOG:-200000}
  SCALE_NOTE=$([ "$K" -lt 1000000 ] && echo "K scaled down from 1,000,000 to $(echo "$K" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') so that the standard run fits in 15 minutes" || true)
  LAT=(--sockets=200 --room-size=10 --rate=2000 --warmup=15s --duration=30s)
  THR=(--sockets=500 --room-size=2 --rate=10000 --warmup=10s --duration=60s)
  FAN=(--sockets=500 --room-size=100 --rate=1000 --warmup=10s --duration=30s)
  SIO=(--sockets=200 --room-size=10 --rate=1000 --warmup=15s --duration=30s)
  IDLE_N=10000; PERF_RECORDS=300000; INSERT_BATCHES=200; WARMUP_SECONDS=40
fi
ALL=producer-limit,insert-limit,latency,throughput,fanout,socketio,idle,backlog
SCENARIOS=${ONLY:-$ALL}
wanted() { [[ ",$SCENARIOS," == *",$1,"* ]]; }
# a scenario starts only once the worker and the gateway have consumed what the previous one left (bounded)
FAILED=""
# a failing scenario is reported, and the others still run
attempt() { local name=$1; shift; "$@" || { say "scenario $name FAILED (exit $?); going on"; FAILED="$FAILED $name"; }; }
quiesce() { loadgen quiesce --bootstrap="$PARLEY_KAFKA_BOOTSTRAP_SERVERS" --groups="chat-persistor,parley-gateway-$PARLEY_INSTANCE_ID-*" --timeout=150s; }
COMMON=(--gateways="$GATEWAY" --jdbc-url="$JDBC_URL" --jdbc-user="$PARLEY_POSTGRES_USER" --jdbc-password="$PARLEY_POSTGRES_PASSWORD"
        --out="$RESULTS" --users-file="$RUN/users.tsv" --pids="$PIDS" --users=100 --drain-timeout=60s)

wanted producer-limit && attempt producer-limit loadgen producer-limit --bootstrap="$PARLEY_KAFKA_BOOTSTRAP_SERVERS" --records=$PERF_RECORDS --out="$RESULTS" \
  --pids="$PIDS"
wanted insert-limit && attempt insert-limit loadgen insert-limit --jdbc-url="$JDBC_URL" --jdbc-user="$PARLEY_POSTGRES_USER" \
  --jdbc-password="$PARLEY_POSTGRES_PASSWORD" --batches=$INSERT_BATCHES --batch-size=500 --out="$RESULTS" --pids="$PIDS"
# JIT warm-up of the fresh gateway and worker (C2 takes a core for a minute or more on 2 cores); not reported
if wanted latency || wanted throughput || wanted fanout || wanted socketio; then
  say "warming up the gateway and the worker (${WARMUP_SECONDS}s, not measured)"
  attempt warm-up loadgen pipeline --name=warm-up "${COMMON[@]/--out=$RESULTS/--out=$RUN/warm-up}" --sockets=100 --room-size=10 \
    --rate=1000 --warmup=2s --duration="${WARMUP_SECONDS}s" >"$RUN/logs/warm-up.log" 2>&1
fi
if wanted socketio && $SOCKETIO; then
  # the Socket.IO code of the gateway is warmed up too, so that neither side of the comparison is measured cold
  say "warming up the gateway's Socket.IO endpoint (20s, not measured)"
  attempt warm-up-socketio loadgen pipeline --name=warm-up-socketio --protocol=socketio "${COMMON[@]/--out=$RESULTS/--out=$RUN/warm-up}" \
    --sockets=100 --room-size=10 --rate=1000 --warmup=2s --duration=20s >"$RUN/logs/warm-up-socketio.log" 2>&1
fi
wanted latency && quiesce && attempt latency loadgen pipeline --name=latency --title="Latency at 2,000 msg/s" "${COMMON[@]}" "${LAT[@]}"
wanted throughput && quiesce && attempt throughput loadgen pipeline --name=throughput --title="Throughput: 10,000 msg/s for 60 s" "${COMMON[@]}" "${THR[@]}" \
  --max-inflight=20 --max-persistence-lag=100000 --drain-timeout=90s
wanted fanout && quiesce && attempt fanout loadgen pipeline --name=fanout --title="Fan-out: rooms of 100 online members" "${COMMON[@]}" "${FAN[@]}"
if wanted socketio; then
  if $SOCKETIO; then
    # the same run over both protocols, one right after the other: their figures go side by side in the report
    quiesce && attempt ws-1000 loadgen pipeline --name=ws-1000 --title="/ws at 1,000 msg/s (beside Socket.IO)" --protocol=ws \
      "${COMMON[@]}" "${SIO[@]}"
    quiesce && attempt socketio-1000 loadgen pipeline --name=socketio-1000 --title="Socket.IO at 1,000 msg/s" --protocol=socketio \
      "${COMMON[@]}" "${SIO[@]}"
  elif [ -n "$ONLY" ]; then
    say "scenario socketio FAILED: $SOCKETIO_NOTE"; FAILED="$FAILED socketio"
  else
    say "socketio skipped: $SOCKETIO_NOTE"
  fi
fi
wanted idle && quiesce && attempt idle loadgen idle --gateway="$GATEWAY" --gateway-management="http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT" --gateway-pid="$GATEWAY_PID" --sockets=$IDLE_N --users=100 --parallelism=100 \
  --hold=10s --users-file="$RUN/users.tsv" --out="$RESULTS" --heap-limit="-Xmx$GATEWAY_HEAP" --jcmd="$JAVA_HOME/bin/jcmd" --pids="$PIDS"
if wanted backlog; then
  quiesce
  say "backlog: stopping the worker, producing $K messages straight to Kafka"
  stop_worker
  attempt backlog loadgen backlog-produce --gateway="$GATEWAY" --bootstrap="$PARLEY_KAFKA_BOOTSTRAP_SERVERS" --count=$K --rooms=100 --users=100 \
    --users-file="$RUN/users.tsv" --out="$RESULTS"
  loadgen backlog-drain --jdbc-url="$JDBC_URL" --jdbc-user="$PARLEY_POSTGRES_USER" --jdbc-password="$PARLEY_POSTGRES_PASSWORD" \
    --timeout=300s --out="$RESULTS" --pids="$PIDS" &
  DRAIN_PID=$!
  sleep 0.5
  start_worker
  wait "$DRAIN_PID" || { say "scenario backlog FAILED (the drain)"; FAILED="$FAILED backlog"; }
fi

# ---------------------------------------------------------------- the report
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
UNDER_LOAD=false
# busy before we started anything (over a quarter of the machine), or other processes during a window (the report checks)
[ "$BUSY_BEFORE" -gt 25 ] && UNDER_LOAD=true
$QUICK && UNDER_LOAD=true
COMMIT=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(cd "$ROOT" && [ -n "$(git status --porcelain 2>/dev/null)" ] && echo true || echo false)
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit=$COMMIT"
  echo "built=$BUILT"
  echo "dirty=$DIRTY"
  echo "runMinutes=$(awk -v s="$BENCH_STARTED" -v e="$(date +%s)" 'BEGIN { printf "%.1f", (e - s) / 60 }')"
  echo "cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "cores=$CORES"
  echo "memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel=$(uname -sr)"
  echo "jdk=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.vm.vendor/ {v=$2} /java.runtime.version/ {r=$2} END {print v " " r}')"
  echo "loadBefore=$LOAD_BEFORE (CPU ${BUSY_BEFORE} % busy in the 5 s before the start)"
  echo "loadAfter=$LOAD_AFTER"
  echo "underLoad=$UNDER_LOAD"
  echo "scenarios=$SCENARIOS"
  echo "failed=${FAILED# }"
  echo "socketio=$SOCKETIO_NOTE"
  echo "config.1_gateway=1 instance, -Xmx$GATEWAY_HEAP, default GC (G1)$($PROFILE && echo ', profiled') ${BENCH_GATEWAY_JVM_OPTS:-} ${BENCH_GATEWAY_ARGS:-}"
  echo "config.2_worker=1 instance, -Xmx$WORKER_HEAP, batch 500 (PARLEY_WORKER_BATCH_SIZE default)$($PROFILE && echo ', profiled') ${BENCH_WORKER_JVM_OPTS:-} ${BENCH_WORKER_ARGS:-}"
  echo "config.3_infrastructure=dev stack (the dev-stack jar, as ./parley up): PostgreSQL 17 with fsync and synchronous_commit on, one KRaft Kafka broker in-process (log flush every 1 s), Redis; all on loopback"
  echo "config.4_Kafka_topics=chat.messages.v1 and chat.messages.persisted.v1, 3 partitions, replication factor 1; producers acks=all, idempotent (gateway linger.ms=2, worker linger.ms=5)"
  echo "config.5_WebSocket_limits=parley.websocket.send-rate/send-burst/frame-rate/frame-burst raised to 1,000,000 (defaults 20/40/100/200 would cap a user at 20 msg/s)"
  echo "config.6_load_generator=one JVM (-Xmx1g) on the same machine; Reactor Netty WebSocket client, $(nproc) event loops; open-loop pacing: latencies are measured from each message's scheduled send time"
  echo "describe.producer-limit=Kafka's own producer benchmark, alone on the broker the pipeline uses: how many acks=all records of a chat message's size this machine can produce from one client."
  echo "describe.insert-limit=PostgreSQL alone: the worker's multi-row INSERT (same statement; JDBC instead of R2DBC) in batches of 500, then the worker's whole per-batch transaction, both on one connection like the worker."
  echo "describe.latency=200 sockets in rooms of 10, every socket sending; each message is delivered to the 10 sockets of its room (the sender's own included), so 2,000 msg/s make 20,000 deliveries/s."
  echo "describe.throughput=The accept–persist–deliver pipeline at its target rate: 500 sockets in rooms of 2, every socket sending. The client skips a socket with 20 unacknowledged sends (counted as not sent), so an overloaded gateway shows as a lower rate rather than an unbounded queue; and the run stops early when ACCEPTED − stored grows by more than 100,000 messages in the measured window, so that an overloaded worker leaves a backlog that can still be drained and checked for loss within the run."
  echo "describe.fanout=5 rooms of 100 sockets each (100 online members), every socket sending: 1,000 msg/s become 100,000 deliveries/s."
  echo "describe.ws-1000=Sockets in rooms of 10, every socket sending, 1,000 msg/s in all (10,000 deliveries/s), over Parley's own /ws JSON frames: the twin of socketio-1000, run just before it on the same stack."
  echo "describe.socketio-1000=The same as ws-1000 over Socket.IO (/socket.io/, Engine.IO v4 WebSocket transport, one packet per frame): CONNECT with the token, joinRoom and sendMessage as events with acks, newMessage pushed, the server's pings answered. Connect latency includes the Engine.IO open and the Socket.IO CONNECT."
  echo "describe.idle=N sockets opened to one gateway with 100 upgrades in flight, held without traffic; the gateway's heap is read from its actuator after a full GC (jcmd GC.run), its RSS from /proc."
  echo "describe.backlog=The worker is stopped, K messages for 100 existing rooms are produced straight to chat.messages.v1 with the contract's codec, the worker is started, and the time until every message is stored (rooms' last_seq) is measured from the first stored batch.${SCALE_NOTE:+ ($SCALE_NOTE)}"
} >"$RESULTS/environment.properties"

mkdir -p "$HIST_DIR"
rm -f "$HIST_DIR"/*.hlog "$HIST_DIR"/*.hgrm "$HIST_DIR"/*.json "$HIST_DIR"/idle-heap-by-class.txt "$HIST_DIR"/environment.properties
cp "$RESULTS"/*.hlog "$RESULTS"/*.hgrm "$RESULTS"/*.txt "$HIST_DIR"/ 2>/dev/null || true
for f in "$RESULTS"/*.json; do [ "$(basename "$f")" = backlog-state.json ] || cp "$f" "$HIST_DIR"/; done
cp "$RESULTS/environment.properties" "$HIST_DIR"/   # with the JSON results: 'loadgen report --results=docs/bench' redraws the report
loadgen report --results="$RESULTS" --output="$OUTPUT" --histograms-link="bench/"
say "wrote $OUTPUT and the histograms in $HIST_DIR ($(awk -v s="$BENCH_STARTED" -v e="$(date +%s)" 'BEGIN { printf "%.1f", (e - s) / 60 }') min)"
[ -f "$RESULTS/under-load" ] && say "NOTE: the machine was busy (load $LOAD_BEFORE before the run, or other processes used CPU during it); the figures are marked as taken under load"
if $PROFILE; then
  say "stopping the gateway and the worker to write their profiles"
  stop_pid "$GATEWAY_PID" gateway; GATEWAY_PID=""
  stop_worker
  if ls "$RUN"/profile-*.jfr >/dev/null 2>&1; then
    # one summary per process and measured window: CPU by thread and library, hot methods, allocation, contention
    loadgen profile-all --results="$RESULTS" --jfr-dir="$RUN" --out="$HIST_DIR/profile"
    say "profile summaries in $HIST_DIR/profile/, recordings (open with JDK Mission Control or 'jfr') in $RUN"
  fi
fi
exit 0
