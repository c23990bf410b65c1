#!/usr/bin/env python3
"""Checks Watchpost's compose files for what the compose-spec schema lets through.

Usage: check_compose.py [--env-example FILE] BASE [OVERRIDE ...]

BASE alone is checked, then BASE merged with each OVERRIDE (as `docker compose -f BASE -f
OVERRIDE` merges them): the order of the services, init, the workers' scaling, the API's port
and trusted proxy, the network, PostgreSQL's max_connections against the pool sizes in Sources/,
and the Kafka quorum, cluster id and flushing. With --env-example, also the example settings
file: secrets left empty, no placeholder, every variable the compose files read documented.
Prints each check; exits 1 naming every problem found.
Needs PyYAML (scripts/lib/deps.sh installs it).
"""

import ipaddress
import os
import re
import sys

import yaml

VALID_CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}
# Keys whose list value an override replaces instead of extending (compose merge rules).
REPLACED_LISTS = {"command", "entrypoint", "test"}
# What the checked files may interpolate: the variables they require without a default. Every
# other knob is left unset, so that the rules below see the files' own defaults.
CHECK_ENVIRONMENT = {"POSTGRES_PASSWORD": "check0deploy", "KAFKA_CLUSTER_ID": "Y2hlY2stZGVwbG95LWlkAA"}

# The most workers the compose file documents: the partitions of watchpost.events.
MAX_WORKERS = 12
# PostgreSQL connections besides the pools read from Sources/ (see pool_sizes): each worker holds
# one LISTEN connection for the enforcer, the outbox relay and the dispatcher; init and each
# operator's command (status, dlq, token, report, pg_dump …) hold one; up to this many commands at
# once; PostgreSQL's superuser_reserved_connections (3), counted within max_connections.
WORKER_LISTEN_CONNECTIONS = 3
INIT_CONNECTIONS = 1
OPERATOR_COMMANDS = 10
RESERVED_CONNECTIONS = 3
# Where each pool's default size is declared: (label, file under the repository, property).
POOL_SIZES = (
    ("worker pool", "Sources/WatchpostPipeline/WorkerSettings.swift", "databaseConnections"),
    ("dispatcher pool", "Sources/WatchpostPipeline/Dispatcher/DispatcherSettings.swift", "databaseConnections"),
    ("API pool", "Sources/WatchpostAPI/Server/APISettings.swift", "databaseConnections"),
)
# Settings of Config/watchpost.env.example that are secrets: present, and empty.
EXAMPLE_SECRETS = ("WATCHPOST_EVENT_KEYS", "WATCHPOST_LINK_SECRET", "POSTGRES_PASSWORD", "KAFKA_CLUSTER_ID")
PLACEHOLDER = "CHANGE-ME"

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class Problems:
    def __init__(self):
        self.items = []

    def add(self, where, message):
        self.items.append(f"{where}: {message}")


def _braced_end(text, start):
    """Index of the `}` closing the `${` whose body starts at `start`, nested `${…}` skipped."""
    depth, index = 1, start
    while index < len(text):
        if text.startswith("${", index):
            depth += 1
            index += 2
            continue
        if text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def interpolate(value, environment, problems, where):
    """Compose-style $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR:+alt}
    and $$, with nested defaults (`${A:-${B:-x}}`), in every string of `value`."""
    if isinstance(value, dict):
        return {key: interpolate(item, environment, problems, where) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, environment, problems, where) for item in value]
    if not isinstance(value, str):
        return value
    result, index = [], 0
    while index < len(value):
        if not value.startswith("$", index):
            result.append(value[index])
            index += 1
            continue
        if value.startswith("$$", index):
            result.append("$")
            index += 2
            continue
        if value.startswith("${", index):
            close = _braced_end(value, index + 2)
            if close < 0:
                problems.add(where, f"unclosed ${{ in {value!r}")
                return value
            body = value[index + 2 : close]
            index = close + 1
            name_match = _NAME.match(body)
            if not name_match:
                problems.add(where, f"invalid interpolation ${{{body}}}")
                continue
            name, rest = name_match.group(0), body[name_match.end() :]
            op = next((candidate for candidate in (":-", ":?", ":+", "-", "?", "+") if rest.startswith(candidate)), "")
            if rest and not op:
                problems.add(where, f"invalid interpolation ${{{body}}}")
                continue
            arg = rest[len(op) :]
            present = name in environment
            current = environment.get(name, "")
            set_value = present and (current != "" or not op.startswith(":"))
            if op in (":-", "-"):
                result.append(current if set_value else interpolate(arg, environment, problems, where))
            elif op in (":?", "?"):
                if not set_value:
                    problems.add(where, f"needs {name} ({arg})")
                result.append(current)
            elif op in (":+", "+"):
                result.append(interpolate(arg, environment, problems, where) if set_value else "")
            else:
                result.append(current)
            continue
        name_match = _NAME.match(value, index + 1)
        if name_match:
            result.append(environment.get(name_match.group(0), ""))
            index = name_match.end()
        else:
            result.append("$")
            index += 1
    return "".join(result)


def references(text):
    """[(name, op, arg)] of the top-level `${…}` in `text` (raw, before interpolation)."""
    found, index = [], 0
    text = str(text)
    while True:
        index = text.find("${", index)
        if index < 0:
            return found
        if index > 0 and text[index - 1] == "$":
            index += 2
            continue
        close = _braced_end(text, index + 2)
        if close < 0:
            return found
        body = text[index + 2 : close]
        name_match = _NAME.match(body)
        if name_match:
            rest = body[name_match.end() :]
            op = next((candidate for candidate in (":-", ":?", ":+", "-", "?", "+") if rest.startswith(candidate)), "")
            found.append((name_match.group(0), op, rest[len(op) :]))
        index = close + 1


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
    """The file as Compose reads it with CHECK_ENVIRONMENT, and as written (uninterpolated)."""
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    document = interpolate(raw, CHECK_ENVIRONMENT, problems, path)
    for each in (raw, document):
        services = each.get("services") or {}
        each["services"] = {name: normalise_service(service or {}) for name, service in services.items()}
    return document, raw


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


def check(label, document, raw, directory, problems, say):
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

    check_kafka(label, services, raw.get("services") or {}, problems, say)
    check_replicas(label, services, raw.get("services") or {}, problems, say)
    check_trusted_proxies(label, document, problems, say)
    check_max_connections(label, services, directory, problems, say)


def check_replicas(label, services, raw_services, problems, say):
    """The worker count comes from WATCHPOST_WORKERS (default ≤ MAX_WORKERS), so `up` keeps it."""
    worker, raw_worker = services.get("worker"), raw_services.get("worker") or {}
    if worker is None:
        return
    where = f"{label}: worker"
    if "scale" in worker:
        problems.add(where, "has `scale:`; the count is deploy.replicas from WATCHPOST_WORKERS")
    raw_replicas = (raw_worker.get("deploy") or {}).get("replicas")
    refs = references(raw_replicas) if raw_replicas is not None else []
    if not any(name == "WATCHPOST_WORKERS" and op in (":-", "-") for name, op, _ in refs):
        problems.add(
            where,
            f"deploy.replicas is {raw_replicas!r}: it must be ${{WATCHPOST_WORKERS:-1}}, so that every "
            "`docker compose up` keeps the operator's count",
        )
        return
    replicas = str((worker.get("deploy") or {}).get("replicas"))
    if not replicas.isdigit() or not 1 <= int(replicas) <= MAX_WORKERS:
        problems.add(where, f"deploy.replicas defaults to {replicas!r}, expected 1 to {MAX_WORKERS}")
        return
    say(f"{label}: worker replicas from WATCHPOST_WORKERS (default {replicas}, at most {MAX_WORKERS} documented)")


def check_trusted_proxies(label, document, problems, say):
    """A fixed subnet, and the API trusts exactly its gateway: one address, never a range."""
    network = (document.get("networks") or {}).get("default") or {}
    configs = (network.get("ipam") or {}).get("config") or []
    gateway = None
    try:
        if len(configs) != 1 or not configs[0].get("subnet") or not configs[0].get("gateway"):
            raise ValueError("networks.default.ipam.config needs one entry with subnet and gateway")
        subnet = ipaddress.ip_network(str(configs[0]["subnet"]))
        gateway = ipaddress.ip_address(str(configs[0]["gateway"]))
        if gateway not in subnet:
            raise ValueError(f"gateway {gateway} is not in subnet {subnet}")
    except ValueError as error:
        problems.add(f"{label}: networks.default", f"{error} (a fixed subnet, so the proxy's address is known)")
        gateway = None
    for name, service in (document.get("services") or {}).items():
        if "networks" in service or "network_mode" in service:
            problems.add(f"{label}: {name}", "must stay on the default network (its gateway is the trusted proxy)")
        value = environment_of(service).get("WATCHPOST_TRUSTED_PROXIES")
        if value is None:
            if name == "api":
                problems.add(f"{label}: api", "sets no WATCHPOST_TRUSTED_PROXIES: every officer would share the proxy's sign-in allowance")
            continue
        entries = [entry.strip() for entry in str(value).split(",") if entry.strip()]
        for entry in entries:
            try:
                parsed = ipaddress.ip_network(entry, strict=False)
            except ValueError:
                problems.add(f"{label}: {name}", f"WATCHPOST_TRUSTED_PROXIES entry {entry!r} is not an address")
                continue
            if parsed.num_addresses > 1:
                problems.add(
                    f"{label}: {name}",
                    f"WATCHPOST_TRUSTED_PROXIES defaults to the range {entry}, which trusts every container in it"
                    + (" (172.16.0.0/12 is every Docker bridge network)" if parsed.overlaps(ipaddress.ip_network("172.16.0.0/12")) else ""),
                )
            elif gateway is not None and parsed.network_address != gateway:
                problems.add(f"{label}: {name}", f"WATCHPOST_TRUSTED_PROXIES defaults to {entry}, not the network's gateway {gateway}")
    if gateway is not None:
        say(f"{label}: network {configs[0]['subnet']}, the API trusts only its gateway {gateway}")


def pool_sizes(directory, problems):
    """{label: default size} of the PostgreSQL pools, read from the Swift sources."""
    sizes = {}
    for label, relative, name in POOL_SIZES:
        path = os.path.join(directory, relative)
        try:
            with open(path, encoding="utf-8") as handle:
                match = re.search(rf"\b{name}\s*=\s*(\d+)", handle.read())
        except OSError as error:
            match = None
            problems.add(relative, f"cannot read the {label} size: {error}")
            continue
        if not match:
            problems.add(relative, f"no `{name} = N` (the {label} size) found")
            continue
        sizes[label] = int(match.group(1))
    return sizes


def check_max_connections(label, services, directory, problems, say):
    """postgres' max_connections covers MAX_WORKERS workers, the API, init and commands."""
    postgres = services.get("postgres")
    if postgres is None:
        return
    sizes = pool_sizes(directory, problems)
    if len(sizes) != len(POOL_SIZES):
        return
    per_worker = sizes["worker pool"] + sizes["dispatcher pool"] + WORKER_LISTEN_CONNECTIONS
    needed = MAX_WORKERS * per_worker + sizes["API pool"] + INIT_CONNECTIONS + OPERATOR_COMMANDS + RESERVED_CONNECTIONS
    match = re.search(r"max_connections=(\d+)", command_text(postgres))
    where = f"{label}: postgres"
    if not match:
        problems.add(where, f"command sets no max_connections; PostgreSQL's default 100 is below the {needed} needed")
        return
    value = int(match.group(1))
    arithmetic = (
        f"{MAX_WORKERS} workers × {per_worker} + API {sizes['API pool']} + init {INIT_CONNECTIONS} + "
        f"{OPERATOR_COMMANDS} commands + {RESERVED_CONNECTIONS} reserved = {needed}"
    )
    if value < needed:
        problems.add(where, f"max_connections={value}, needs at least {arithmetic}")
    else:
        say(f"{label}: postgres max_connections={value} ≥ {arithmetic}")


def check_env_example(path, compose_raws, problems, say):
    """Secrets empty, no placeholder value, every variable the compose files read documented."""
    assigned, mentioned = {}, set()
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            stripped = line.strip()
            for name in re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", stripped):
                mentioned.add(name)
            match = re.match(r"^([A-Za-z_][A-Za-z0-9_.]*)=(.*)$", stripped)
            if not match:
                continue
            name, value = match.group(1), match.group(2).strip()
            assigned[name] = value
            if PLACEHOLDER in value.upper():
                problems.add(f"{path}:{number}", f"{name} holds the placeholder {PLACEHOLDER}; leave a secret empty")
    for name in EXAMPLE_SECRETS:
        if name not in assigned:
            problems.add(path, f"{name}= is missing: list it, empty, with how to generate it")
        elif assigned[name] not in ("", '""', "''"):
            problems.add(path, f"{name} has a value: leave secrets empty, so a forgotten one fails at start-up")
    read = set()
    for raw in compose_raws:
        collect_references(raw, read)
    undocumented = sorted(read - mentioned)
    if undocumented:
        problems.add(path, f"variables the compose files read are not documented: {', '.join(undocumented)}")
    say(f"{path}: secrets {', '.join(EXAMPLE_SECRETS)} empty, no {PLACEHOLDER}, "
        f"the {len(read)} variables the compose files read documented")


def collect_references(value, names):
    if isinstance(value, dict):
        for item in value.values():
            collect_references(item, names)
    elif isinstance(value, list):
        for item in value:
            collect_references(item, names)
    elif isinstance(value, str):
        stack = [value]
        while stack:
            for name, _, arg in references(stack.pop()):
                names.add(name)
                stack.append(arg)


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


def check_kafka(label, services, raw_services, problems, say):
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
        raw_cluster_id = environment_of(raw_services.get(name) or {}).get("CLUSTER_ID")
        if not any(ref == "KAFKA_CLUSTER_ID" and op in (":?", "?") for ref, op, _ in references(raw_cluster_id or "")):
            problems.add(
                where,
                f"CLUSTER_ID is {raw_cluster_id!r}: it must be ${{KAFKA_CLUSTER_ID:?…}}, each install's own, "
                "never a default shared by every install",
            )
        if str(environment.get("KAFKA_LOG_FLUSH_INTERVAL_MESSAGES")) != "1":
            problems.add(
                where,
                "KAFKA_LOG_FLUSH_INTERVAL_MESSAGES must be \"1\": on one host, an event the API answered 202 for "
                "must be on disk before the broker acknowledges it",
            )
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
    say(
        f"{label}: {count} Kafka node(s), ids {sorted(ids)}, one quorum and one cluster id "
        "(required from KAFKA_CLUSTER_ID), each flushing every message"
    )

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


def merged_document(base, override):
    merged = dict(base)
    for key in ("services", "volumes", "networks"):
        merged[key] = merge(base.get(key) or {}, override.get(key) or {})
    return merged


def main(argv):
    arguments, env_example = list(argv[1:]), None
    if arguments[:1] == ["--env-example"] and len(arguments) >= 2:
        env_example, arguments = arguments[1], arguments[2:]
    if not arguments:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    base_path, overrides = arguments[0], arguments[1:]
    directory = os.path.dirname(os.path.abspath(base_path))
    problems = Problems()

    def say(message):
        print(f"  {message}")

    base, base_raw = load(base_path, problems)
    raws = [base_raw]
    check(os.path.basename(base_path), base, base_raw, directory, problems, say)
    for path in overrides:
        override, override_raw = load(path, problems)
        raws.append(override_raw)
        check(
            f"{os.path.basename(base_path)} + {os.path.basename(path)}",
            merged_document(base, override),
            merged_document(base_raw, override_raw),
            directory,
            problems,
            say,
        )
    if env_example:
        check_env_example(env_example, raws, problems, say)

    if problems.items:
        for item in problems.items:
            print(f"  PROBLEM {item}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
