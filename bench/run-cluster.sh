# Sourced by bench/run.sh, not run by itself: the cluster section of issue 11. One chat on 1 Parley node with its
# default durable store (SQLite), on 1 node with --store redis, and on 2 nodes sharing one Redis; the fan-out cases
# the fanout table runs at 1,000 subscribers, and keep-alive sends to read commits/s on Redis. Results go to
# $results/cluster/, which `Parley.Bench report` reads for its own section.
#
# It uses what run.sh set up: log, fail, alive, $work, $tool, $parley, $port, $rounds, $quick, $plumbing,
# parley_limits and failures.

# The setups, in the order odd rounds run them (even rounds reverse it). The names are what results and the report
# call them; bench/Parley.Bench/Report/ClusterSetups.cs knows the same three.
cluster_setups=(parley parley-redis parley-redis-2nodes)

# One line per case: mode | name in the result file | the tool's options. The fan-out lines are the fanout table's
# two cases at 1,000 subscribers (bench/run.sh): as fast as the publishers go, for deliveries/s, and paced at
# 20 broadcasts/s, for the p99 of a load the tool keeps up with. The sends are the durable table's 16 keep-alive
# senders: what one chat commits per second, through one node (send loads one server, so not the 2-node setup).
# Every case may take 2 minutes (a full one takes well under 30 s): nodes that do not share the chat never pass
# the ready marker between them, and their heartbeats would keep the tool's stall detector waiting.
if $quick; then
  cluster_cases=(
    "fanout|s200-rate0|--subscribers 200 --broadcasts 20 --rate 0 --publishers 8 --duration-limit 120"
    "fanout|s1000-rate20|--subscribers 1000 --broadcasts 20 --rate 20 --publishers 8 --duration-limit 120"
    "send|keepalive-true-c16|--requests 300 --concurrency 16 --keep-alive true --duration-limit 120"
  )
else
  cluster_cases=(
    "fanout|s1000-rate0|--subscribers 1000 --broadcasts 1000 --rate 0 --publishers 8 --duration-limit 120"
    "fanout|s1000-rate20|--subscribers 1000 --broadcasts 200 --rate 20 --publishers 8 --duration-limit 120"
    "send|keepalive-true-c16|--requests 20000 --concurrency 16 --keep-alive true --duration-limit 120"
  )
fi

# Redis as a production chat would run it: appendonly, fsync once a second (Redis's own default for AOF), no RDB
# snapshots. A fresh redis-server per run, in its own folder, so no run reads another's keys.
redis_persistence=(--save "" --appendonly yes --appendfsync everysec)

cluster_pids=()    # every process of the current run, stopped by PID
cluster_folders=() # their data folders, deleted after them

# Ports: node 1 on run.sh's port, node 2 and Redis on the next free ones after it (run.sh's free_port_from).
second_port=$(free_port_from "$((port + 1))") || fail "no free port for a second node"
node_ports=("$port" "$second_port")
redis_port=$(free_port_from "$((node_ports[1] + 1))") || fail "no free port for redis-server"

# SIGTERM, 10 s, then SIGKILL: the same grace stop_server gives one server.
stop_process() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do
    alive "$pid" || break
    sleep 0.1
  done
  if alive "$pid"; then
    log "process $pid ignored SIGTERM for 10 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# Nodes first, then Redis (started first): a node that loses Redis while stopping would only log about it.
stop_cluster() {
  local i
  for ((i = ${#cluster_pids[@]} - 1; i >= 0; i--)); do
    stop_process "${cluster_pids[i]}"
  done
  cluster_pids=()
  if [[ ${#cluster_folders[@]} -gt 0 ]]; then
    rm -rf "${cluster_folders[@]}"
  fi
  cluster_folders=()
}

# Redis answers PING with +PONG once it loads its (empty) append-only file and accepts commands.
start_redis() {
  local logfile=$1 folder
  folder=$(mktemp -d "$work/redis.XXXXXX")
  cluster_folders+=("$folder")
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$folder" "${redis_persistence[@]}" \
    --logfile "" >"$logfile" 2>&1 &
  redis_pid=$!
  cluster_pids+=("$redis_pid")
  local reply
  for _ in $(seq 100); do
    alive "$redis_pid" || { tail -n 20 "$logfile" >&2; fail "redis-server exited while starting (log: $logfile)"; }
    if reply=$( (exec 3<>"/dev/tcp/127.0.0.1/$redis_port" && printf 'PING\r\n' >&3 && read -r -t 1 line <&3 && echo "$line") 2>/dev/null) &&
      [[ $reply == +PONG* ]]; then
      return 0
    fi
    sleep 0.1
  done
  fail "redis-server did not answer PING on port $redis_port within 10 s (log: $logfile)"
}

# A node with a fresh data folder: the durable node keeps its SQLite file there; a node on Redis keeps nothing
# there, and gets one anyway so that no build can write into the working folder.
start_node() {
  local node_port=$1 logfile=$2 folder pid
  shift 2
  folder=$(mktemp -d "$work/data-node.XXXXXX")
  cluster_folders+=("$folder")
  "$parley" --urls "http://127.0.0.1:$node_port" --data-dir "$folder" "$@" "${parley_limits[@]}" >"$logfile" 2>&1 &
  pid=$!
  cluster_pids+=("$pid")
  wait_until_answering Parley "$logfile" "$pid" "http://127.0.0.1:$node_port"
}

# Starts one setup; sets cluster_urls (what the tool loads) and cluster_probe_pids (whose CPU counts: the nodes and
# their redis-server, the whole cost of the setup).
start_setup() {
  local setup=$1 stem=$2
  local -a on_redis=(--store redis --redis "127.0.0.1:$redis_port")
  case $setup in
    parley)
      start_node "${node_ports[0]}" "$work/logs/$stem-node1.log"
      cluster_urls="http://127.0.0.1:${node_ports[0]}"
      ;;
    parley-redis)
      start_redis "$work/logs/$stem-redis.log"
      start_node "${node_ports[0]}" "$work/logs/$stem-node1.log" "${on_redis[@]}"
      cluster_urls="http://127.0.0.1:${node_ports[0]}"
      ;;
    parley-redis-2nodes)
      start_redis "$work/logs/$stem-redis.log"
      start_node "${node_ports[0]}" "$work/logs/$stem-node1.log" "${on_redis[@]}"
      if $plumbing; then
        # Before the Redis mode works two nodes would not share the chat: list the one node twice, which checks
        # the script and the tool's split, and measures nothing about two nodes.
        cluster_urls="http://127.0.0.1:${node_ports[0]},http://127.0.0.1:${node_ports[0]}"
      else
        start_node "${node_ports[1]}" "$work/logs/$stem-node2.log" "${on_redis[@]}"
        cluster_urls="http://127.0.0.1:${node_ports[0]},http://127.0.0.1:${node_ports[1]}"
      fi
      ;;
    *) fail "unknown cluster setup $setup" ;;
  esac
  # Redis first in the start order, last in the list: the tool sums them, the order only reads better.
  local -a pids=("${cluster_pids[@]}")
  if [[ $setup != parley ]]; then
    pids=("${cluster_pids[@]:1}" "${cluster_pids[0]}")
  fi
  cluster_probe_pids=$(IFS=,; echo "${pids[*]}")
}

run_cluster_case() {
  local round=$1 mode=$2 name=$3 setup=$4 options=$5 status=0
  local file=$results/cluster/$mode-$name-$setup-r$round.json stem=cluster-$mode-$name-$setup-r$round
  local -a args
  read -r -a args <<<"$options"
  log "cluster round $round/$rounds: $mode $name on $setup"
  start_setup "$setup" "$stem"
  local -a command=("$tool" "$mode" "${args[@]}" --url "$cluster_urls" --protocol seed
    --server-pid "$cluster_probe_pids" --server-name "$setup" --round "$round" --json "$file")
  if [[ $round -eq 1 ]]; then
    local line="${command[*]}"
    echo "${line/--server-pid $cluster_probe_pids /--server-pid \$PIDS }" >>"$results/cluster/commands.txt"
  fi
  if [[ $mode == send ]]; then
    # As run.sh warms every server up before a measured send: the JIT's first 40,000 sends run unoptimised.
    local -a warm=("${args[@]}")
    for i in "${!warm[@]}"; do
      [[ ${warm[$i]} == --requests ]] && warm[i + 1]=$((warmup * 2))
    done
    "$tool" "$mode" "${warm[@]}" --url "$cluster_urls" >"$work/logs/warmup-$stem.txt" 2>&1 || true
  fi
  DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 "${command[@]}" >"$work/logs/tool-$stem.txt" 2>&1 || status=$?
  sed 's/^/    /' "$work/logs/tool-$stem.txt"
  for pid in "${cluster_pids[@]}"; do
    alive "$pid" || failures+=("cluster $mode $name on $setup, round $round: process $pid died (logs: $work/logs/$stem-*.log)")
  done
  stop_cluster
  if [[ $status -ne 0 && ! -f $file ]]; then
    failures+=("cluster $mode $name on $setup, round $round: the tool exited $status without a result")
  elif [[ $status -ne 0 ]]; then
    failures+=("cluster $mode $name on $setup, round $round: a check failed")
  fi
}

write_cluster_commands() {
  {
    echo "# Each setup started fresh for every run and stopped by its PIDs (\$WORK is a temporary folder):"
    echo "# parley: one node, the durable default"
    echo "\$WORK/parley/Parley --urls http://127.0.0.1:${node_ports[0]} --data-dir \$WORK/data-node.XXXXXX ${parley_limits[*]}"
    echo "# parley-redis, parley-redis-2nodes: a fresh Redis, then one or two nodes on it"
    echo "redis-server --port $redis_port --bind 127.0.0.1 --dir \$WORK/redis.XXXXXX --save '' --appendonly yes --appendfsync everysec --logfile ''"
    echo "\$WORK/parley/Parley --urls http://127.0.0.1:${node_ports[0]} --data-dir \$WORK/data-node.XXXXXX --store redis --redis 127.0.0.1:$redis_port ${parley_limits[*]}"
    if $plumbing; then
      echo "# PLUMBING RUN: parley-redis-2nodes listed node 1 twice; its figures say nothing about two nodes"
    else
      echo "\$WORK/parley/Parley --urls http://127.0.0.1:${node_ports[1]} --data-dir \$WORK/data-node.XXXXXX --store redis --redis 127.0.0.1:$redis_port ${parley_limits[*]}"
    fi
    echo
    echo "# The load tool, round 1 (\$PIDS: the nodes, then redis-server; CPU is summed over them). Round r repeats each"
    echo "# with --round r, odd rounds in this order, even rounds the setups reversed. Sends follow an unmeasured warm-up."
  } >"$results/cluster/commands.txt"
}

run_cluster_section() {
  if ! command -v redis-server >/dev/null; then
    log "skipping the cluster section: no redis-server; install Debian's package: apt-get install redis-server"
    return 0
  fi
  mkdir -p "$results/cluster"
  rm -f "$results/cluster"/*.json "$results/cluster/machine.txt" "$results/cluster/commands.txt"
  write_machine "$results/cluster/machine.txt"
  {
    local persistence
    persistence=$(printf '%q ' "${redis_persistence[@]}")
    echo "redis:      $(redis-server --version | sed 's/^Redis server //'), persisting with ${persistence% }"
    if $plumbing; then
      echo "PLUMBING:   parley-redis-2nodes is one node listed twice; its figures say nothing about two nodes"
    fi
  } >>"$results/cluster/machine.txt"
  write_cluster_commands
  local round entry mode name options setup
  for round in $(seq "$rounds"); do
    for entry in "${cluster_cases[@]}"; do
      IFS='|' read -r mode name options <<<"$entry"
      local -a setups=("${cluster_setups[@]}")
      if ((round % 2 == 0)); then setups=("${setups[2]}" "${setups[1]}" "${setups[0]}"); fi
      for setup in "${setups[@]}"; do
        [[ $mode == send && $setup == parley-redis-2nodes ]] && continue
        run_cluster_case "$round" "$mode" "$name" "$setup" "$options"
      done
    done
  done
}
