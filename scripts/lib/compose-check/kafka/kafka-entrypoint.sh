#!/usr/bin/env bash
# Starts Tansu on 127.0.0.1:9093 and kafka-shim.py on 0.0.0.0:9092 in front of it, and stops
# both when either ends or the container is stopped. Reads the apache/kafka image's variables it
# can honour: KAFKA_ADVERTISED_LISTENERS (the first listener, e.g. PLAINTEXT://kafka:9092, is the
# address given to clients) and CLUSTER_ID. TANSU_STORAGE_ENGINE picks Tansu's storage (default
# memory://tansu/: this build of Tansu has no file or SQLite engine, so topics, messages and
# committed offsets are lost when the container is removed).
set -euo pipefail

advertised=${KAFKA_ADVERTISED_LISTENERS:-PLAINTEXT://kafka:9092}
advertised=${advertised%%,*}
advertised=${advertised#*://}

tansu broker --listener-url tcp://127.0.0.1:9093 --advertised-listener-url "tcp://$advertised" \
    --storage-engine "${TANSU_STORAGE_ENGINE:-memory://tansu/}" &
broker=$!
kafka-shim.py 0.0.0.0:9092 127.0.0.1:9093 &
shim=$!

stop() { kill -TERM "$broker" "$shim" 2>/dev/null || true; }
trap stop TERM INT
set +e
wait -n "$broker" "$shim"
status=$?
stop
wait
exit "$status"
