#!/usr/bin/env python3
"""Checks Watchpost's compose files for what the compose-spec schema lets through.

Usage: check_compose.py BASE [OVERRIDE ...]

BASE alone is checked, then BASE merged with each OVERRIDE (as `docker compose -f BASE -f
OVERRIDE` merges them). Prints each check; exits 1 naming every problem found.
Needs PyYAML (scripts/lib/deps.sh installs it).
"""

import os
import re
import sys

import yaml

VALID_CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}
# Keys whose list value an override replaces instead of extending (compose merge rules).
REPLACED_LISTS = {"command", "entrypoint", "test"}
# What the checked files may interpolate: POSTGRES_PASSWORD is required there, so give it a value.
CHECK_ENVIRONMENT = {"POSTGRES_PASSWORD": "check0deploy"}

_VARIABLE = re.compile(
    r"\$(?:(?P<escaped>\$)|\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?+])(?P<arg>[^}]*))?\}"
    r"|(?P<named>[A-Za-z_][A-Za-z0-9_]*))"
)


class Problems:
    def __init__(self):
        self.items = []

    def add(self, where, message):
        self.items.append(f"{where}: {message}")


def interpolate(value, environment, problems, where):
    """Compose-style ${VAR}, ${VAR:-default}, ${VAR:?error}, ${VAR:+alt} and $$, recursively."""
    if isinstance(value, dict):
        return {key: interpolate(item, environment, problems, where) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, environment, problems, where) for item in value]
    if not isinstance(value, str):
        return value

    def replace(match):
        if match.group("escaped"):
            return "$"
        name = match.group("braced") or match.group("named")
        op, arg = match.group("op"), match.group("arg") or ""
        present = name in environment
        current = environment.get(name, "")
        set_value = present and (current != "" or not (op or "").startswith(":"))
        if op in (":-", "-"):
            return current if set_value else arg
        if op in (":?", "?"):
            if not set_value:
                problems.add(where, f"needs {name} ({arg})")
            return current
        if op in (":+", "+"):
            return arg if set_value else ""
        return current

    return _VARIABLE.sub(replace, value)


def normalise_service(service):
    """Environment and depends_on as mappings, so that merging works key by key."""
    service = dict(service)
    environment = service.get("environment")
    if isinstance(environment, list):
        mapping = {}
        for entry in environment:
            key, _, item = str(entry).partition("=")
            mapping[key] = item if "=" in str(entry) else None
        service["environment"] = mapping
    depends = service.get("depends_on")
    if isinstance(depends, list):
        # Kept distinguishable: the list form has no condition, which is a finding of its own.
        service["depends_on"] = {name: {"condition": None, "_list_form": True} for name in depends}
    return service


def merge(base, override):
    """Deep merge as compose does for an override file (simplified: mappings merge key by key,
    command/entrypoint/healthcheck.test are replaced, other lists are extended)."""
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            if key in merged and key not in REPLACED_LISTS:
                merged[key] = merge(merged[key], value)
            else:
                merged[key] = value
        return merged
    if isinstance(base, list) and isinstance(override, list):
        return base + [item for item in override if item not in base]
    return override


def load(path, problems):
    with open(path, encoding="utf-8") as handle:
        document = yaml.safe_load(handle) or {}
    document = interpolate(document, CHECK_ENVIRONMENT, problems, path)
    services = document.get("services") or {}
    document["services"] = {name: normalise_service(service or {}) for name, service in services.items()}
    return document


def environment_of(service):
    return service.get("environment") or {}


def is_kafka(service):
    return str(service.get("image", "")).startswith("apache/kafka")


def is_watchpost(service):
    return str(service.get("image", "")).startswith("watchpost:")


def command_text(service):
    command = service.get("command")
    if isinstance(command, list):
        return " ".join(str(part) for part in command)
    return str(command or "")


def dockerfile_has_healthcheck(directory):
    path = os.path.join(directory, "Dockerfile")
    if not os.path.exists(path):
        return False
    with open(path, encoding="utf-8") as handle:
        return any(
            line.strip().upper().startswith("HEALTHCHECK") and "NONE" not in line.upper() for line in handle
        )


def check(label, document, directory, problems, say):
    services = document.get("services") or {}
    say(f"{label}: {len(services)} services: {', '.join(sorted(services))}")

    # depends_on: targets exist, conditions given and satisfiable.
    for name, service in services.items():
        for target, spec in (service.get("depends_on") or {}).items():
            where = f"{label}: {name}.depends_on.{target}"
            spec = spec or {}
            if target not in services:
                problems.add(where, f"no service `{target}` in this file")
                continue
            if spec.get("_list_form"):
                problems.add(where, "list form: use `target: {condition: …}` so the order is a real wait")
                continue
            condition = spec.get("condition")
            if condition not in VALID_CONDITIONS:
                problems.add(where, f"condition {condition!r} is not one of {sorted(VALID_CONDITIONS)}")
                continue
            dependency = services[target]
            if condition == "service_healthy":
                healthcheck = dependency.get("healthcheck") or {}
                has_own = bool(healthcheck.get("test")) and not healthcheck.get("disable")
                inherits = "build" in dependency and not healthcheck.get("disable") and dockerfile_has_healthcheck(directory)
                if not (has_own or inherits):
                    problems.add(where, f"waits for `{target}` to be healthy, but `{target}` has no healthcheck")
            if condition == "service_completed_successfully":
                restart = str(dependency.get("restart", "no"))
                if restart != "no":
                    problems.add(where, f"waits for `{target}` to complete, but its restart policy is {restart!r}")
    say(f"{label}: every depends_on names an existing service, with a condition it can meet")

    # init: one-shot, and what the long-running services wait for.
    init = services.get("init")
    if init is None:
        problems.add(label, "no `init` service")
    else:
        if str(init.get("restart")) != "no":
            problems.add(f"{label}: init", f'restart must be "no" (one-shot), found {init.get("restart")!r}')
        consumers = [
            name
            for name, service in services.items()
            if ((service.get("depends_on") or {}).get("init") or {}).get("condition") == "service_completed_successfully"
        ]
        for required in ("worker", "api"):
            if required in services and required not in consumers:
                problems.add(f"{label}: {required}", "must depend on init with condition service_completed_successfully")
        say(f"{label}: init is one-shot; waited for (completed successfully) by {', '.join(sorted(consumers)) or 'nobody'}")

    # worker: scalable.
    worker = services.get("worker")
    if worker is None:
        problems.add(label, "no `worker` service")
    else:
        if "container_name" in worker:
            problems.add(f"{label}: worker", "has container_name, so `--scale worker=N` fails")
        if worker.get("ports"):
            problems.add(f"{label}: worker", "publishes ports, so a second replica cannot bind them")
        if str(worker.get("restart", "no")) == "no":
            problems.add(f"{label}: worker", "needs a restart policy (unless-stopped)")
        if "stop_grace_period" not in worker:
            problems.add(f"{label}: worker", "needs a stop_grace_period to finish its batch")
        say(f"{label}: worker has no container_name and no ports, restart {worker.get('restart')!r}")

    # api: exactly one published host port.
    api = services.get("api")
    if api is None:
        problems.add(label, "no `api` service")
    else:
        ports = api.get("ports") or []
        host_ports = [port for entry in ports for port in published_ports(entry)]
        if len(ports) != 1 or len(host_ports) != 1:
            problems.add(f"{label}: api", f"must publish exactly one host port, found {ports!r}")
        else:
            say(f"{label}: api publishes one host port: {host_ports[0]}")

    # Named volumes are declared.
    declared = set((document.get("volumes") or {}).keys())
    for name, service in services.items():
        for volume in service.get("volumes") or []:
            source = volume.get("source") if isinstance(volume, dict) else str(volume).split(":")[0]
            kind = volume.get("type", "volume") if isinstance(volume, dict) else None
            if source and not source.startswith((".", "/", "~")) and kind in (None, "volume") and source not in declared:
                problems.add(f"{label}: {name}.volumes", f"named volume `{source}` is not declared under volumes:")
    say(f"{label}: every named volume is declared")

    check_kafka(label, services, problems, say)


def published_ports(entry):
    """Host ports published by one `ports` entry (short or long syntax)."""
    if isinstance(entry, dict):
        published = entry.get("published")
        return [str(published)] if published not in (None, "") else []
    text = str(entry).split("/")[0]
    parts = text.rsplit(":", 2)
    if len(parts) == 1:
        return []  # container port only: an ephemeral host port, not a published one
    host = parts[-2]
    if "-" in host:
        low, high = (int(number) for number in host.split("-"))
        return [str(number) for number in range(low, high + 1)]
    return [host]


def check_kafka(label, services, problems, say):
    nodes = {name: service for name, service in services.items() if is_kafka(service)}
    if not nodes:
        problems.add(label, "no Kafka service (image apache/kafka)")
        return
    count = len(nodes)
    ids, voters_seen, clusters, advertised = {}, set(), set(), {}
    for name, service in nodes.items():
        environment = environment_of(service)
        where = f"{label}: {name}"
        node_id = str(environment.get("KAFKA_NODE_ID"))
        if node_id in ids:
            problems.add(where, f"KAFKA_NODE_ID {node_id} is also {ids[node_id]}'s")
        ids[node_id] = name
        voters_seen.add(str(environment.get("KAFKA_CONTROLLER_QUORUM_VOTERS")))
        clusters.add(str(environment.get("CLUSTER_ID")))
        match = re.search(r"PLAINTEXT://([^:,]+):(\d+)", str(environment.get("KAFKA_ADVERTISED_LISTENERS", "")))
        if not match:
            problems.add(where, "no PLAINTEXT advertised listener")
        else:
            if match.group(1) not in (name, service.get("hostname")):
                problems.add(where, f"advertises {match.group(1)}, which is not this service's name")
            advertised[name] = f"{match.group(1)}:{match.group(2)}"
        if str(environment.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).lower() != "false":
            problems.add(where, "KAFKA_AUTO_CREATE_TOPICS_ENABLE must be false (init creates the topics)")
        replication = {
            key: int(environment.get(key, 1))
            for key in (
                "KAFKA_DEFAULT_REPLICATION_FACTOR",
                "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
                "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
            )
        }
        min_isr = int(environment.get("KAFKA_MIN_INSYNC_REPLICAS", 1))
        for key, factor in replication.items():
            if factor > count:
                problems.add(where, f"{key}={factor} with only {count} broker(s)")
            if count >= 3 and factor < 3:
                problems.add(where, f"{key}={factor}: a {count}-node cluster should replicate 3 times")
        if min_isr > replication["KAFKA_DEFAULT_REPLICATION_FACTOR"]:
            problems.add(where, "KAFKA_MIN_INSYNC_REPLICAS exceeds the replication factor")
        if count >= 3 and min_isr < 2:
            problems.add(where, "KAFKA_MIN_INSYNC_REPLICAS should be 2 with replication factor 3")
    if len(voters_seen) != 1:
        problems.add(label, f"the Kafka nodes disagree on KAFKA_CONTROLLER_QUORUM_VOTERS: {sorted(voters_seen)}")
    else:
        voters = {}
        for voter in next(iter(voters_seen)).split(","):
            match = re.fullmatch(r"(\d+)@([^:]+):(\d+)", voter.strip())
            if not match:
                problems.add(label, f"cannot read quorum voter {voter!r}")
                continue
            voters[match.group(1)] = match.group(2)
        for node_id, host in voters.items():
            owner = ids.get(node_id)
            if owner is None or host not in (owner, nodes[owner].get("hostname")):
                problems.add(label, f"quorum voter {node_id}@{host} is not the Kafka service with that KAFKA_NODE_ID")
        if set(voters) != set(ids):
            problems.add(label, f"the quorum voters {sorted(voters)} are not the nodes {sorted(ids)}")
    if len(clusters) != 1:
        problems.add(label, f"the Kafka nodes have different CLUSTER_IDs: {sorted(clusters)}")
    say(f"{label}: {count} Kafka node(s), ids {sorted(ids)}, one quorum and one cluster id")

    # The watchpost services reach every broker, and init replicates as much as there are brokers.
    expected = sorted(advertised.values())
    for name, service in services.items():
        if not is_watchpost(service):
            continue
        brokers = environment_of(service).get("WATCHPOST_KAFKA_BROKERS")
        listed = sorted(part.strip() for part in str(brokers or "").split(",") if part.strip())
        if listed != expected:
            problems.add(f"{label}: {name}", f"WATCHPOST_KAFKA_BROKERS is {brokers!r}, expected {','.join(expected)}")
    init = services.get("init")
    if init is not None:
        text = command_text(init)
        if "topics ensure" not in text:
            problems.add(f"{label}: init", "does not run `watchpost topics ensure`")
        factor_match = re.search(r"--replication-factor[ =](\d+)", text)
        factor = int(factor_match.group(1)) if factor_match else min(3, count)
        if factor != min(3, count):
            problems.add(f"{label}: init", f"creates topics with replication factor {factor}, expected {min(3, count)} for {count} broker(s)")
        partitions_match = re.search(r"--partitions[ =](\d+)", text)
        say(
            f"{label}: watchpost services list all {count} broker(s); topics get replication factor {factor}"
            + (f", {partitions_match.group(1)} partitions" if partitions_match else "")
        )


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    base_path, overrides = argv[1], argv[2:]
    directory = os.path.dirname(os.path.abspath(base_path))
    problems = Problems()

    def say(message):
        print(f"  {message}")

    base = load(base_path, problems)
    check(os.path.basename(base_path), base, directory, problems, say)
    for path in overrides:
        override = load(path, problems)
        merged = dict(base)
        merged["services"] = merge(base.get("services") or {}, override.get("services") or {})
        merged["volumes"] = merge(base.get("volumes") or {}, override.get("volumes") or {})
        check(f"{os.path.basename(base_path)} + {os.path.basename(path)}", merged, directory, problems, say)

    if problems.items:
        for item in problems.items:
            print(f"  PROBLEM {item}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
