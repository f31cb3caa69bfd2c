#!/usr/bin/env bash
# start_test_rabbitmq / stop_test_rabbitmq: a RabbitMQ broker on 127.0.0.1 for the cluster tests,
# without systemd. Exports WASGO_TEST_RABBITMQ (an AMQP URI). The tests restart the broker with
# `rabbitmqctl stop_app` / `start_app`, which keeps the node (and its quorum queues) alive.

start_test_rabbitmq() {
  if ! rabbitmqctl -q status > /dev/null 2>&1; then
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 ERL_EPMD_ADDRESS=127.0.0.1 rabbitmq-server -detached > /dev/null 2>&1 \
      || { echo "rabbitmq-server did not start"; return 1; }
    RABBITMQ_STARTED_HERE=1
    # -detached returns before the Erlang node answers; await_startup needs it to answer.
    for _ in $(seq 1 60); do
      rabbitmqctl -q status > /dev/null 2>&1 && break
      sleep 1
    done
  fi
  rabbitmqctl -q await_startup --timeout 120 || { echo "RabbitMQ did not finish starting"; return 1; }
  # A stopped app (a test that died between stop_app and start_app) is started again.
  rabbitmqctl -q start_app > /dev/null 2>&1 || true
  export WASGO_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:5672/"
  echo "RabbitMQ for tests on 127.0.0.1:5672"
}

stop_test_rabbitmq() {
  if [ -n "${RABBITMQ_STARTED_HERE:-}" ]; then
    rabbitmqctl -q stop > /dev/null 2>&1 || true
  fi
}
