#!/usr/bin/env bash
# Regenerates BENCHMARKS.md and docs/fanout.svg: Parley beside nginx (static page) and nginx with Nchan
# (pub/sub), durable Parley beside Parley in memory, every mode of the load tool, several rounds, one command.
#
#   bench/run.sh               3 rounds into bench/results/, then BENCHMARKS.md and docs/fanout.svg (about an hour)
#   bench/run.sh --rounds 5    more rounds
#   bench/run.sh --results DIR results elsewhere (relative to the repository root)
#   bench/run.sh --quick       one round, tiny sizes, results and report in a temporary folder: checks the script
#   bench/run.sh --only cluster
#                              only the cluster section (1 node, 1 node on Redis, 2 nodes on Redis; about 10 min):
#                              its results replace DIR/cluster/, the rest of DIR is kept, and the report is rewritten
#   bench/run.sh --quick --only cluster --plumbing
#                              the same, tiny, with the 2-node case one node listed twice: checks the script while
#                              Parley's Redis mode does not work yet (its figures mean nothing)
#
# Every server is started fresh for every run and stopped by the PID this script started; the order of the
# servers alternates between rounds so neither always runs on a warmer machine. Results are JSON files the
# load tool writes; `Parley.Bench report` turns them into the Markdown and the chart.
set -euo pipefail

usage() {
  sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

rounds=3
results=""
quick=false
only=all
plumbing=false
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
    --results) results=${2:?--results needs a folder}; shift 2 ;;
    --quick) quick=true; shift ;;
    --only) only=${2:?--only needs a section: cluster}; shift 2 ;;
    --plumbing) plumbing=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
if ! [[ $rounds =~ ^[1-9][0-9]*$ ]]; then
  echo "run.sh: --rounds must be a whole number from 1, got '$rounds'" >&2
  exit 2
fi
if [[ $only != all && $only != cluster ]]; then
  echo "run.sh: --only takes cluster, got '$only'" >&2
  exit 2
fi
# Plumbing figures are meaningless: they must never land in bench/results and BENCHMARKS.md.
if $plumbing && ! $quick; then
  echo "run.sh: --plumbing only goes with --quick" >&2
  exit 2
fi
run_main=true
[[ $only == cluster ]] && run_main=false

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '[%s +%4ds] %s\n' "$(date +%H:%M:%S)" "$SECONDS" "$*"; }
fail() { log "FAILED: $*" >&2; exit 1; }

# The work folder holds the published server, the nginx prefixes and every server's log. nginx's workers run
# as nobody when the script runs as root, so the page and the prefixes must be readable by everyone.
work=$(mktemp -d "${TMPDIR:-/tmp}/parley-bench.XXXXXX")
chmod 755 "$work"
mkdir -p "$work/logs"

server_pid=""
server_data=""
failures=()

# Whether a process runs: kill -0 alone also succeeds for one that exited and was not yet waited for (a zombie).
alive() {
  local state
  state=$(sed 's/.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z ]]
}

# Stops the server this script started, by its PID: SIGTERM (Parley ends its streams, nginx shuts down its
# workers), then SIGKILL after 10 s; when the nginx master had to be killed, its workers are killed by PID too.
# server_pid is cleared only once the server is gone, so a signal arriving halfway still finds it to stop.
stop_server() {
  [[ -n $server_pid ]] || return 0
  local pid=$server_pid children
  children=$(pgrep -P "$pid" || true)
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do
    alive "$pid" || break
    sleep 0.1
  done
  if alive "$pid"; then
    log "server $pid ignored SIGTERM for 10 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
    for child in $children; do
      kill -KILL "$child" 2>/dev/null || true
    done
  fi
  wait "$pid" 2>/dev/null || true
  server_pid=""
  if [[ -n $server_data ]]; then
    rm -rf "$server_data"
    server_data=""
  fi
}

cleanup() {
  local status=$?
  trap '' INT TERM # a second Ctrl+C must not cut the cleanup short and leave a server running
  stop_server
  if declare -F stop_cluster >/dev/null; then
    stop_cluster
  fi
  if [[ $status -eq 0 ]]; then
    rm -rf "$work"
  else
    log "kept $work (server logs in $work/logs)" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- what the run needs ---------------------------------------------------------------------------------------

# Debian's libnginx-mod-nchan puts the module under /usr/lib/nginx/modules and names it in modules-available.
find_nchan_module() {
  local candidate
  for candidate in /usr/lib/nginx/modules/ngx_nchan_module.so /usr/share/nginx/modules/ngx_nchan_module.so; do
    if [[ -f $candidate ]]; then
      echo "$candidate"
      return 0
    fi
  done
  if [[ -f /usr/share/nginx/modules-available/mod-nchan.conf ]]; then
    candidate=$(sed -n 's/^[[:space:]]*load_module[[:space:]]*\([^;]*\);.*/\1/p' /usr/share/nginx/modules-available/mod-nchan.conf | head -n 1)
    [[ $candidate == /* ]] || candidate=/usr/share/nginx/$candidate
    if [[ -f $candidate ]]; then
      echo "$candidate"
      return 0
    fi
  fi
  return 1
}

install_missing() {
  local missing=()
  if $run_main; then
    command -v nginx >/dev/null || missing+=(nginx-light)
    find_nchan_module >/dev/null || missing+=(libnginx-mod-nchan)
  fi
  command -v curl >/dev/null || missing+=(curl)
  [[ ${#missing[@]} -gt 0 ]] || return 0
  [[ $(id -u) -eq 0 ]] || fail "install ${missing[*]} (apt-get needs root)"
  log "installing ${missing[*]} from Debian's packages"
  apt-get update -qq
  # nginx-light is the small build where Debian still ships it; elsewhere the plain nginx package.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]/nginx-light/nginx}"
}

install_missing
if $run_main; then
  nchan_module=$(find_nchan_module) || fail "no ngx_nchan_module.so after installing libnginx-mod-nchan"
fi
cores=$(nproc)

# Every server and the load tool hold one descriptor per stream: 10,000 streams need more than the usual 1,024.
# Raising the hard limit needs CAP_SYS_RESOURCE; without it the soft limit goes up to the hard one.
if [[ $(ulimit -Hn) != unlimited && $(ulimit -Hn) -lt 65536 ]]; then
  ulimit -Hn 65536 2>/dev/null || true
fi
ulimit -n "$(ulimit -Hn)"
nofile=$(ulimit -n)
if [[ $nofile -lt 12000 ]]; then
  log "warning: only $nofile open files allowed; 10,000 streams may not fit"
fi

# A durable send waits for the disk under Parley's data folder: on tmpfs (a RAM disk, /tmp on some systems) it
# would wait for none, and the durable figures would flatter.
data_disk=$(findmnt -no FSTYPE,SOURCE -T "$work" 2>/dev/null | awk 'NR == 1 { print $1 " on " $2 }')
data_disk=${data_disk:-$(stat -f -c %T "$work")}
if [[ $data_disk == tmpfs* || $data_disk == ramfs* ]]; then
  log "warning: $work is on $data_disk, so durable sends touch no disk; set TMPDIR to a folder on a disk"
fi

# The first loopback port from $1 (and the 200 after it) that nothing listens on.
free_port_from() {
  local candidate
  for candidate in $(seq "$1" 1 "$(($1 + 200))"); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# One loopback port for every server in turn, free when the run starts.
port=$(free_port_from "${PARLEY_BENCH_PORT:-18700}") || fail "no free port from ${PARLEY_BENCH_PORT:-18700}"
url="http://127.0.0.1:$port"

log "building the load tool and Parley in Release"
dotnet build bench/Parley.Bench -c Release -nologo -v quiet >"$work/logs/build.log" 2>&1 || { cat "$work/logs/build.log" >&2; fail "dotnet build"; }
dotnet publish src/Parley -c Release -o "$work/parley" -nologo -v quiet >"$work/logs/publish.log" 2>&1 || { cat "$work/logs/publish.log" >&2; fail "dotnet publish"; }
tool=bench/Parley.Bench/bin/Release/net10.0/Parley.Bench
parley=$work/parley/Parley

# --- servers --------------------------------------------------------------------------------------------------

# Waits until the server answers HTTP at all (any status), or fails when it died or took over 30 s. The PID and
# address default to the one server this script runs at a time; the cluster section passes each node's.
wait_until_answering() {
  local name=$1 logfile=$2 pid=${3:-$server_pid} address=${4:-$url}
  for _ in $(seq 300); do
    if ! alive "$pid"; then
      tail -n 20 "$logfile" >&2 || true
      fail "$name exited while starting (log: $logfile)"
    fi
    if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$address/" || true) != 000 ]]; then
      return 0
    fi
    sleep 0.1
  done
  fail "$name did not answer on $address within 30 s (log: $logfile)"
}

# The nginx configs are templates: bench/peers/README.md says what each placeholder is.
render_nginx_conf() {
  local template=$1 prefix=$2
  mkdir -p "$prefix"
  chmod 755 "$prefix"
  sed -e "s|@PORT@|$port|g" \
    -e "s|@ROOT@|$work/www|g" \
    -e "s|@WORKERS@|$cores|g" \
    -e "s|@NOFILE@|$nofile|g" \
    -e "s|@PIDFILE@|$prefix/nginx.pid|g" \
    -e "s|@PREFIX@|$prefix|g" \
    -e "s|@NCHAN_MODULE@|$nchan_module|g" \
    "$template" >"$prefix/nginx.conf"
}

# Starts a server fresh and sets server_pid. Parley runs as it ships: the published executable with its own
# defaults (Production environment, messages stored in SQLite), told where to listen and where its data folder
# is: a fresh one per run, named after the run's log and deleted when the server stops, so every run starts
# from an empty store on the disk $work is on. parley-memory is the same build keeping messages in memory
# (--store memory): the peer that shows what storing costs.
#
# The one exception to "as it ships": the send, stream and guest-session limits per client address and per nick
# (Parley:Limits). Every load client runs from this machine's few loopback addresses and floods by design (thousands
# of sends a second, thousands of streams, a guest session for each of idle's JSON streams), which the shipped 5 sends
# a second, 256 streams and 120 guest sessions a minute per address exist to refuse: raised, the run measures what
# the server can do rather than how fast it says 429.
parley_limits=(
  --Parley:Limits:SendBurst=1000000 --Parley:Limits:SendsPerSecond=1000000
  --Parley:Limits:SendBurstBytes=2000000000 --Parley:Limits:SendBytesPerSecond=2000000000
  --Parley:Limits:MaxStreamsPerAddress=1000000 --Parley:Limits:GuestSessionsPerAddressPerMinute=1000000
)
start_server() {
  local name=$1 logfile=$2
  case $name in
    parley)
      server_data=$work/data-$(basename "$logfile" .log)
      "$parley" --urls "$url" --data-dir "$server_data" "${parley_limits[@]}" >"$logfile" 2>&1 &
      ;;
    parley-memory) "$parley" --urls "$url" --store memory "${parley_limits[@]}" >"$logfile" 2>&1 & ;;
    nginx) nginx -p "$work/nginx-static" -c "$work/nginx-static/nginx.conf" -e "$work/nginx-static/error.log" >"$logfile" 2>&1 & ;;
    nchan) nginx -p "$work/nginx-nchan" -c "$work/nginx-nchan/nginx.conf" -e "$work/nginx-nchan/error.log" >"$logfile" 2>&1 & ;;
    *) fail "unknown server $name" ;;
  esac
  server_pid=$!
  wait_until_answering "$name" "$logfile"
}

# The protocol the tool speaks to server $1 in a case with options $2: Nchan's to nchan; to Parley the one the case
# names with --protocol (json: Parley's own streams), else the seed's.
protocol_of() {
  if [[ $1 == nchan ]]; then
    echo nchan
  elif [[ ${2:-} =~ --protocol[[:space:]]+([a-z]+) ]]; then
    echo "${BASH_REMATCH[1]}"
  else
    echo seed
  fi
}

if $run_main; then
  render_nginx_conf bench/peers/nginx-static.conf "$work/nginx-static"
  render_nginx_conf bench/peers/nginx-nchan.conf "$work/nginx-nchan"

  # nginx serves the very bytes Parley serves: fetched from Parley, then checked through nginx.
  mkdir -p "$work/www"
  chmod 755 "$work/www"
  start_server parley "$work/logs/parley-page.log"
  curl -sf -o "$work/www/index.html" "$url/" || fail "could not fetch the page from Parley"
  stop_server
  chmod 644 "$work/www/index.html"
  start_server nginx "$work/logs/nginx-page.log"
  curl -sf -o "$work/www/served.html" "$url/" || fail "nginx did not serve the page"
  stop_server
  cmp -s "$work/www/index.html" "$work/www/served.html" || fail "nginx served other bytes than Parley"
  log "the page: $(wc -c <"$work/www/index.html") bytes, the same from Parley and nginx"
fi

# --- what runs ------------------------------------------------------------------------------------------------

# One line per case: mode | name in the result file | the peer Parley is held against | the tool's options. A peer
# of - runs Parley alone: its figures are held against another case's peer in the report (idle's JSON streams against
# Nchan at the same count). --protocol json in the options makes Parley's runs speak its JSON protocol.
# Broadcast counts give every fan-out case from 1,000 subscribers 1,000,000 deliveries, few enough that a full
# run of 3 rounds stays within the hour with the idle cases. Publishers: 8 keep-alive connections, as many publishes
# in flight as the driver that measured Nchan at its best (bench/findings.md). Runs with 10,000 streams may
# take 4 minutes, no more: past that the seed protocol's 60 s connect target is missed many times over.
# The keep-alive sends and the paced fan-out at 1,000 subscribers hold durable Parley against parley-memory.
if $quick; then
  cases=(
    "static|keepalive-false|nginx|--requests 300 --concurrency 4 --keep-alive false"
    "static|keepalive-true|nginx|--requests 300 --concurrency 4 --keep-alive true"
    "send|keepalive-false|nchan|--requests 200 --concurrency 4 --keep-alive false"
    "send|keepalive-true-c1|parley-memory|--requests 100 --concurrency 1 --keep-alive true"
    "send|keepalive-true-c16|parley-memory|--requests 300 --concurrency 16 --keep-alive true"
    "send|keepalive-true-c64|parley-memory|--requests 300 --concurrency 64 --keep-alive true"
    "fanout|s20-rate0|nchan|--subscribers 20 --broadcasts 20 --rate 0 --publishers 2"
    "fanout|s50-rate0|nchan|--subscribers 50 --broadcasts 20 --rate 0 --publishers 2"
    "fanout|s50-rate10|nchan|--subscribers 50 --broadcasts 10 --rate 10 --publishers 2"
    # 1,000 subscribers, as the latency target asks, so the quick report decides it too; 20 broadcasts take 1 s.
    "fanout|s1000-rate20|parley-memory|--subscribers 1000 --broadcasts 20 --rate 20 --publishers 2"
    "idle|s50|nchan|--streams 50 --settle-seconds 1 --quiet-seconds 1 --burst 2"
    "idle|s50-json|-|--streams 50 --settle-seconds 1 --quiet-seconds 1 --burst 2 --protocol json"
    "idle|s0|nginx|--streams 0 --settle-seconds 1"
  )
  warmup=100
  quick_folder=$(mktemp -d "${TMPDIR:-/tmp}/parley-bench-quick.XXXXXX")
  results=${results:-$quick_folder/results}
  rounds=1
else
  cases=(
    "static|keepalive-false|nginx|--requests 20000 --concurrency 10 --keep-alive false"
    "static|keepalive-true|nginx|--requests 20000 --concurrency 10 --keep-alive true"
    "send|keepalive-false|nchan|--requests 20000 --concurrency 10 --keep-alive false"
    # What a durable send costs beside one in memory, from 1, 16 and 64 keep-alive senders. The counts allow for
    # a durable send that waits 2-4 ms for its commit: one sender's 5,000 then take 10-20 s, and 16 or 64 share
    # each commit (group commit), so 20,000 take no longer. Fewer would leave the in-memory runs a few 10 ms CPU
    # ticks to count. A server's run, warm-up included, stays well inside the minute after which Parley's
    # retention first sweeps (it would trim this conversation to 10,000 messages while the sends are counted).
    "send|keepalive-true-c1|parley-memory|--requests 5000 --concurrency 1 --keep-alive true"
    "send|keepalive-true-c16|parley-memory|--requests 20000 --concurrency 16 --keep-alive true"
    "send|keepalive-true-c64|parley-memory|--requests 20000 --concurrency 64 --keep-alive true"
    "fanout|s100-rate0|nchan|--subscribers 100 --broadcasts 2000 --rate 0 --publishers 8"
    "fanout|s1000-rate0|nchan|--subscribers 1000 --broadcasts 1000 --rate 0 --publishers 8"
    "fanout|s5000-rate0|nchan|--subscribers 5000 --broadcasts 200 --rate 0 --publishers 8"
    "fanout|s10000-rate0|nchan|--subscribers 10000 --broadcasts 100 --rate 0 --publishers 8 --duration-limit 240"
    "fanout|s10000-rate10|nchan|--subscribers 10000 --broadcasts 100 --rate 10 --publishers 8 --duration-limit 240"
    # p99 from send to delivery at 1,000 listeners, durable beside in memory: 20 broadcasts/s are 20,000
    # deliveries/s, well inside what the load tool takes in, so the latency is the server's and not the tool's
    # backlog; 200 broadcasts give 200,000 latencies, enough for a steady p99.
    "fanout|s1000-rate20|parley-memory|--subscribers 1000 --broadcasts 200 --rate 20 --publishers 8"
    # Held streams: memory settled, CPU over a 20 s quiet window (one of Parley's 15 s heartbeats per stream), memory
    # after a burst of 20 broadcasts and after half the streams left and came back; seed and JSON beside Nchan at
    # 10,000, and at 19,000, about the most one process holds under this machine's open-file limit of 20,000. The seed
    # announces every join and leave to everyone: 10,000 streams are some 50 million announcements to open and 75
    # million to churn, 19,000 some 180 and 270 million (a login storm of 19,000 takes about 90 s here).
    "idle|s10000|nchan|--streams 10000 --settle-seconds 15 --quiet-seconds 20 --burst 20 --duration-limit 360"
    "idle|s10000-json|-|--streams 10000 --settle-seconds 15 --quiet-seconds 20 --burst 20 --protocol json --duration-limit 360"
    "idle|s19000|nchan|--streams 19000 --settle-seconds 15 --quiet-seconds 20 --burst 20 --duration-limit 900"
    # The memory (Pss) of a server that started and holds nothing, Parley's beside nginx's.
    "idle|s0|nginx|--streams 0 --settle-seconds 5"
  )
  warmup=20000
  results=${results:-bench/results}
fi

mkdir -p "$results"
if $run_main; then
  rm -f "$results"/*.json "$results/machine.txt" "$results/commands.txt"
elif $quick; then
  # A quick cluster run reports beside the repository's last full results, as the real one will.
  cp bench/results/*.json bench/results/machine.txt bench/results/commands.txt "$results"/ 2>/dev/null || true
fi

# What the machine is and which build ran: each section records it beside its results.
write_machine() {
  {
    echo "date:       $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "cpu:        $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    echo "cores:      $cores"
    echo "memory:     $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "kernel:     $(uname -srm)"
    echo "os:         $(sed -n 's/^PRETTY_NAME="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' /etc/os-release)"
    echo ".NET SDK:   $(dotnet --version)"
    echo "ASP.NET:    $(dotnet --list-runtimes | sed -n 's/^Microsoft.AspNetCore.App \([^ ]*\).*/\1/p' | tail -n 1)"
    # What this script writes itself (results, the report, the chart) is not a change to what is measured.
    local changes
    changes=$(git status --porcelain -- . ":!$results" ':!BENCHMARKS.md' ':!docs/fanout.svg' 2>/dev/null || true)
    echo "parley:     $(git rev-parse --short HEAD 2>/dev/null || echo unknown)${changes:+ with uncommitted changes}"
    echo "open files: $nofile"
    echo "data disk:  $data_disk (where Parley's data folders are)"
    echo "rounds:     $rounds"
  } >"$1"
}

if $run_main; then
  write_machine "$results/machine.txt"
  {
    echo "nginx:      $(nginx -v 2>&1 | sed 's/^nginx version: //') with $cores worker processes"
    echo "nchan:      libnginx-mod-nchan $(dpkg-query -W -f='${Version}' libnginx-mod-nchan 2>/dev/null || echo unknown)"
  } >>"$results/machine.txt"

  {
    echo "# Built once:"
    echo "dotnet build bench/Parley.Bench -c Release"
    echo "dotnet publish src/Parley -c Release -o \$WORK/parley"
    echo "ulimit -n $nofile"
    echo
    echo "# Servers, each started fresh for every run and stopped by its PID (\$WORK is a temporary folder;"
    echo "# the nginx configs are bench/peers/*.conf with their @PLACEHOLDERS@ filled in):"
    echo "# parley, the durable default: a fresh data folder per run, named after the run and deleted after it"
    echo "\$WORK/parley/Parley --urls $url --data-dir \$WORK/data-parley-\$MODE-\$CASE-r\$ROUND ${parley_limits[*]}"
    echo "# parley-memory, the same build with messages in memory"
    echo "\$WORK/parley/Parley --urls $url --store memory ${parley_limits[*]}"
    echo "# nginx (static page), nchan (pub/sub)"
    echo "nginx -p \$WORK/nginx-static -c \$WORK/nginx-static/nginx.conf -e \$WORK/nginx-static/error.log"
    echo "nginx -p \$WORK/nginx-nchan -c \$WORK/nginx-nchan/nginx.conf -e \$WORK/nginx-nchan/error.log"
    echo
    echo "# The load tool, round 1; round r repeats each with --round r, odd rounds Parley first, even rounds the peer first:"
  } >"$results/commands.txt"
fi

# Runs one case against one server: start it, measure, stop it. A run whose checks failed still wrote its
# result (the report shows the failure); a run that wrote nothing is listed at the end.
run_case() {
  local round=$1 mode=$2 name=$3 server=$4 options=$5 file status=0 protocol i
  file=$results/$mode-$name-$server-r$round.json
  protocol=$(protocol_of "$server" "$options")
  # The case's own --protocol is given once, below, as protocol_of says.
  local -a given args=()
  read -r -a given <<<"$options"
  for ((i = 0; i < ${#given[@]}; i++)); do
    if [[ ${given[i]} == --protocol ]]; then
      i=$((i + 1))
    else
      args+=("${given[i]}")
    fi
  done
  log "round $round/$rounds: $mode $name against $server"
  start_server "$server" "$work/logs/$server-$mode-$name-r$round.log"
  local -a command=("$tool" "$mode" "${args[@]}" --url "$url" --protocol "$protocol"
    --server-pid "$server_pid" --server-name "$server" --round "$round" --json "$file")
  if [[ $round -eq 1 ]]; then
    local line="${command[*]}"
    echo "${line/--server-pid $server_pid /--server-pid \$PID }" >>"$results/commands.txt"
  fi
  if [[ $mode == static || $mode == send ]]; then
    # A fresh JIT-compiled server runs its first requests unoptimised: warm every server up alike, unmeasured.
    local -a warm=("${args[@]}")
    # Parley's JIT reaches its optimised code after some 30,000 requests (measured: 123, 73, then 37 us per
    # request over three runs of 20,000 on a fresh server); nginx needs none, and gets the same.
    local warm_requests=$warmup
    [[ $options == *"--keep-alive true"* ]] && warm_requests=$((warmup * 2))
    for i in "${!warm[@]}"; do
      [[ ${warm[$i]} == --requests ]] && warm[i + 1]=$warm_requests
      # At least 10 senders: a durable send waits for its commit, so a lone sender would take minutes over the
      # warm-up's 40,000 sends; the JIT counts calls, not senders, and 10 senders share each commit.
      [[ ${warm[$i]} == --concurrency && ${warm[i + 1]} -lt 10 ]] && warm[i + 1]=10
    done
    "$tool" "$mode" "${warm[@]}" --url "$url" --protocol "$protocol" \
      >"$work/logs/warmup-$mode-$name-$server-r$round.txt" 2>&1 || true
  fi
  # The tool completes socket reads on the epoll thread, as Parley does: it shares the two cores with the server.
  DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 "${command[@]}" >"$work/logs/tool-$mode-$name-$server-r$round.txt" 2>&1 || status=$?
  sed 's/^/    /' "$work/logs/tool-$mode-$name-$server-r$round.txt"
  if ! alive "$server_pid"; then
    failures+=("$mode $name against $server, round $round: the server died")
  fi
  stop_server
  if [[ $status -ne 0 && ! -f $file ]]; then
    failures+=("$mode $name against $server, round $round: the tool exited $status without a result")
  elif [[ $status -ne 0 ]]; then
    failures+=("$mode $name against $server, round $round: a check failed")
  fi
}

if $run_main; then
  for round in $(seq "$rounds"); do
    for entry in "${cases[@]}"; do
      IFS='|' read -r mode name peer options <<<"$entry"
      if [[ $peer == - ]]; then
        servers=(parley)
      elif ((round % 2 == 1)); then
        servers=(parley "$peer")
      else
        servers=("$peer" parley)
      fi
      for server in "${servers[@]}"; do
        run_case "$round" "$mode" "$name" "$server" "$options"
      done
    done
  done
fi

# --- the cluster section (issue 11): one chat on 1 node, 1 node on Redis, 2 nodes on Redis --------------------

# shellcheck source=bench/run-cluster.sh
source bench/run-cluster.sh
run_cluster_section

# --- the report -----------------------------------------------------------------------------------------------

if $quick; then
  out=$quick_folder/BENCHMARKS.md
  svg=$quick_folder/fanout.svg
else
  out=BENCHMARKS.md
  svg=docs/fanout.svg
fi
log "writing $out and $svg from $results"
"$tool" report --results "$results" --out "$out" --svg "$svg"
if $quick; then
  log "quick run: results in $results, report in $out"
fi

if [[ ${#failures[@]} -gt 0 ]]; then
  log "${#failures[@]} run(s) did not pass:"
  printf '  %s\n' "${failures[@]}"
  exit 1
fi
log "done: every run passed its checks"
