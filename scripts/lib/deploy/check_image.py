#!/usr/bin/env python3
"""Checks that the Dockerfile builds and runs with the same libraries and Swift as the tests.

Usage: check_image.py DOCKERFILE PACKAGE_SWIFT APT_PACKAGE...

APT_PACKAGE... is scripts/lib/deps.sh's WATCHPOST_APT_PACKAGES. Checks:
- the build stage installs exactly the -dev packages of that list, and Package.swift's
  system-library targets name the same ones as their apt providers;
- the runtime stage installs, for each of them, the library package the binary loads at run
  time: the package owning the shared object behind the `-l` flags of the target's pkg-config
  module (librdkafka-dev → librdkafka1, libpq-dev → libpq5, libcurl4-openssl-dev → libcurl4),
  which must be one of the -dev package's exact-version dependencies; and no -dev package;
- the build image's Swift is the `swift --version` of this machine (major and minor), and both
  stages and this machine are on the same Debian release;
- the runtime stage's user and group have one id (groupadd --gid N, useradd --uid N --gid N,
  USER N:N), not the system gid `useradd --user-group` picks;
- the build stage writes every resolved Swift package to a packages.txt that the runtime stage
  copies to PACKAGES_FILE, and Package.swift pins each dependency with `exact:` (decision D40).
Those are read from this machine's dpkg, so the -dev packages must be installed (deps.sh does).
Exits 1 naming every mismatch.
"""

import os
import re
import shlex
import subprocess
import sys

RUNTIME_EXTRAS = ("ca-certificates", "tzdata")
# Where the image records the resolved Swift packages (scripts/compose-check prints it).
PACKAGES_FILE = "/usr/local/share/watchpost/packages.txt"


def run(*command):
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def dockerfile_stages(path):
    """[(image, alias, [RUN command text, ...], [(KEYWORD, rest), ...])] in order, line
    continuations joined."""
    instructions, current = [], ""
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if line.lstrip().startswith("#"):
                continue  # comments, also inside a continued instruction
            if line.rstrip().endswith("\\"):
                current += line.rstrip()[:-1] + " "
                continue
            current += line
            if current.strip():
                instructions.append(current.strip())
            current = ""
    if current.strip():
        instructions.append(current.strip())
    stages = []
    for instruction in instructions:
        keyword, _, rest = instruction.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            words = [word for word in rest.split() if not word.startswith("--")]
            alias = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append((words[0], alias, [], []))
        elif stages:
            stages[-1][3].append((keyword, rest))
            if keyword == "RUN":
                stages[-1][2].append(rest)
    return stages


def option_value(words, *names):
    """The value of the first of `names` (`--gid 10001` or `--gid=10001`) in `words`, or None."""
    for index, word in enumerate(words):
        for name in names:
            if word == name and index + 1 < len(words):
                return words[index + 1]
            if word.startswith(name + "="):
                return word.split("=", 1)[1]
    return None


def check_user(dockerfile, runtime, problems, say):
    """groupadd --gid N, useradd --uid N --gid N (no --user-group), USER N:N."""
    group_id = user_id = user_group = None
    for command in runtime[2]:
        for segment in re.split(r"&&|\|\||;", command):
            try:
                words = shlex.split(segment)
            except ValueError:
                words = segment.split()
            if words[:1] == ["groupadd"]:
                group_id = option_value(words, "--gid", "-g")
            if words[:1] == ["useradd"]:
                user_id = option_value(words, "--uid", "-u")
                user_group = option_value(words, "--gid", "-g")
                if "--user-group" in words or "-U" in words:
                    problems.append(f"{dockerfile} useradd --user-group: the group gets a system gid, not the uid")
    users = [rest.strip() for keyword, rest in runtime[3] if keyword == "USER"]
    expected = f"{user_id}:{user_id}"
    if not (user_id and user_id.isdigit() and group_id == user_id and user_group == user_id):
        problems.append(
            f"{dockerfile} runtime stage: groupadd --gid {group_id}, useradd --uid {user_id} --gid {user_group}: "
            "the group must have the user's id (groupadd --gid N, useradd --uid N --gid N)"
        )
    elif users[-1:] != [expected]:
        problems.append(f"{dockerfile} runtime stage runs as USER {users[-1:] or 'root'}, expected {expected}")
    else:
        say(f"runtime stage: user and group watchpost both have id {user_id}, USER {expected}")


def check_packages_record(dockerfile, build, runtime, problems, say):
    """The build stage lists the resolved packages; the runtime stage copies the list."""
    if not any("show-dependencies" in command and "packages.txt" in command for command in build[2]):
        problems.append(f"{dockerfile} build stage does not write packages.txt from `swift package show-dependencies`")
        return
    copies = [
        rest for keyword, rest in runtime[3]
        if keyword == "COPY" and "--from=build" in rest and rest.split()[-1] == PACKAGES_FILE
    ]
    if not copies:
        problems.append(f"{dockerfile} runtime stage does not COPY --from=build the package list to {PACKAGES_FILE}")
    else:
        say(f"the image records every resolved Swift package in {PACKAGES_FILE}")


def check_exact_pins(package_swift, problems, say):
    """Every `.package(url:…)` of Package.swift pins one version with `exact:` (D40)."""
    with open(package_swift, encoding="utf-8") as handle:
        text = handle.read()
    declarations = re.findall(r"\.package\(\s*url:\s*\"([^\"]+)\"\s*,([^)]*)\)", text)
    if not declarations:
        problems.append(f"{package_swift}: no .package(url: …) dependency found")
        return
    loose = []
    for url, requirement in declarations:
        if not re.fullmatch(r'\s*exact:\s*"\d+\.\d+\.\d+"\s*', requirement):
            loose.append(f"{url.rsplit('/', 1)[-1]} ({requirement.strip()})")
    if loose:
        problems.append(
            f"{package_swift}: not pinned with exact: \"x.y.z\" (decision D40): " + ", ".join(loose)
        )
    else:
        say(f"{package_swift}: all {len(declarations)} direct dependencies pinned with exact:")


def apt_installs(commands):
    """Packages named by `apt-get install` / `apt install` in RUN commands, versions stripped."""
    packages = []
    for command in commands:
        for segment in re.split(r"&&|\|\||;|\|", command):
            try:
                words = shlex.split(segment)
            except ValueError:
                words = segment.split()
            for index, word in enumerate(words):
                if word in ("apt-get", "apt") and "install" in words[index + 1 :]:
                    start = words.index("install", index) + 1
                    packages += [w.split("=")[0] for w in words[start:] if not w.startswith("-")]
                    break
    return packages


def system_library_providers(package_swift):
    """{apt package: pkg-config module} from Package.swift's .systemLibrary targets."""
    with open(package_swift, encoding="utf-8") as handle:
        text = handle.read()
    providers = {}
    for block in re.findall(r"\.systemLibrary\((.*?)\n\s*\)", text, flags=re.S):
        module = re.search(r'pkgConfig:\s*"([^"]+)"', block)
        apt = re.search(r"\.apt\(\[([^\]]*)\]\)", block)
        if module and apt:
            for name in re.findall(r'"([^"]+)"', apt.group(1)):
                providers[name] = module.group(1)
    return providers


def exact_dependencies(package):
    """Packages that `package` depends on with `(= version)`: its own binary siblings."""
    depends = run("dpkg-query", "-W", "-f=${Depends}", package)
    names = []
    for alternative in depends.split(","):
        match = re.match(r"\s*([a-z0-9][a-z0-9+.-]*)(?::\w+)?\s*\(=", alternative)
        if match:
            names.append(match.group(1))
    return names


def runtime_packages(dev_package, module):
    """The packages owning the shared objects that `-l` flags of `module` resolve to."""
    files = run("dpkg-query", "-L", dev_package).split()
    owners = set()
    for flag in run("pkg-config", "--libs-only-l", module).split():
        library = flag[2:]
        links = [path for path in files if os.path.basename(path) == f"lib{library}.so"]
        for link in links:
            target = os.path.realpath(link)
            for line in run("dpkg-query", "-S", target).splitlines():
                owners.update(name.split(":")[0].strip() for name in line.split(":", 1)[0].split(","))
    return sorted(owners)


def debian_codename():
    with open("/etc/os-release", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("VERSION_CODENAME="):
                return line.split("=", 1)[1].strip().strip('"')
    return None


def main(argv):
    if len(argv) < 4:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    dockerfile, package_swift, apt_list = argv[1], argv[2], argv[3:]
    problems = []

    def say(message):
        print(f"  {message}")

    stages = dockerfile_stages(dockerfile)
    if len(stages) < 2:
        print(f"  PROBLEM {dockerfile}: expected a build stage and a runtime stage", file=sys.stderr)
        return 1
    build = next((stage for stage in stages if stage[1] == "build"), stages[0])
    runtime = stages[-1]
    build_packages, runtime_list = apt_installs(build[2]), apt_installs(runtime[2])

    wanted_dev = sorted(name for name in apt_list if name.endswith("-dev"))
    build_dev = sorted(name for name in build_packages if name.endswith("-dev"))
    if build_dev != wanted_dev:
        missing = sorted(set(wanted_dev) - set(build_dev))
        extra = sorted(set(build_dev) - set(wanted_dev))
        problems.append(
            f"{dockerfile} build stage installs -dev packages {build_dev}, deps.sh {wanted_dev}"
            + (f"; missing from the Dockerfile: {missing}" if missing else "")
            + (f"; not in deps.sh: {extra}" if extra else "")
        )
    else:
        say(f"build stage ({build[0]}) installs the -dev packages of deps.sh: {' '.join(build_dev)}")

    providers = system_library_providers(package_swift)
    if sorted(providers) != wanted_dev:
        problems.append(
            f"{package_swift} system libraries are provided by {sorted(providers)}, deps.sh installs {wanted_dev}"
        )
    else:
        say(f"{package_swift} system libraries: " + ", ".join(f"{p} ({m}.pc)" for p, m in sorted(providers.items())))

    dev_in_runtime = sorted(name for name in runtime_list if name.endswith("-dev"))
    if dev_in_runtime:
        problems.append(f"{dockerfile} runtime stage installs -dev packages {dev_in_runtime}")
    for dev_package in wanted_dev:
        try:
            siblings = exact_dependencies(dev_package)
            module = providers.get(dev_package)
            if module:
                needed = runtime_packages(dev_package, module)
            else:
                needed = [name for name in siblings if not name.endswith("-dev")][:1]
        except (subprocess.CalledProcessError, FileNotFoundError) as error:
            problems.append(f"cannot read {dev_package} from dpkg/pkg-config (is it installed?): {error}")
            continue
        if not needed:
            problems.append(f"found no run-time library package for {dev_package}")
            continue
        for package in needed:
            if package not in siblings:
                problems.append(f"{dev_package}: run-time library {package} is not among its dependencies {siblings}")
            if package not in runtime_list:
                problems.append(
                    f"{dockerfile} runtime stage does not install {package}, the run-time library of {dev_package}"
                )
            else:
                say(f"runtime stage installs {package} (the library behind {dev_package})")
    for package in RUNTIME_EXTRAS:
        if package not in runtime_list:
            problems.append(f"{dockerfile} runtime stage does not install {package}")

    # Swift: the build image's version against this machine's toolchain.
    image_match = re.fullmatch(r"swift:(\d+)\.(\d+)(?:\.(\d+))?-([a-z]+)", build[0])
    try:
        version_text = run("swift", "--version")
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        version_text = ""
        problems.append(f"cannot run `swift --version`: {error}")
    local_match = re.search(r"Swift version (\d+)\.(\d+)(?:\.(\d+))?", version_text)
    if not image_match:
        problems.append(f"{dockerfile} build stage image {build[0]!r} is not swift:X.Y[.Z]-<debian release>")
    elif local_match:
        image_version = ".".join(group for group in image_match.groups()[:3] if group)
        local_version = ".".join(group for group in local_match.groups() if group)
        if image_match.groups()[:2] != local_match.groups()[:2]:
            problems.append(f"{dockerfile} builds with Swift {image_version}, this machine's toolchain is {local_version}")
        else:
            note = "" if image_version == local_version else f" (patch differs: {image_version})"
            say(f"build image Swift {image_version} matches `swift --version` {local_version}{note}")

    # Debian release: build image, runtime image and this machine (whose dpkg answered above).
    runtime_match = re.fullmatch(r"debian:([a-z]+)(?:-slim)?(?:-\d+)?", runtime[0])
    codename = debian_codename()
    releases = {
        "build stage": image_match.group(4) if image_match else None,
        "runtime stage": runtime_match.group(1) if runtime_match else None,
        "this machine": codename,
    }
    if None in releases.values() or len(set(releases.values())) != 1:
        problems.append(f"Debian releases differ (or are unreadable): {releases}")
    else:
        say(f"build stage, runtime stage ({runtime[0]}) and this machine are all Debian {codename}")

    check_user(dockerfile, runtime, problems, say)
    check_packages_record(dockerfile, build, runtime, problems, say)
    check_exact_pins(package_swift, problems, say)

    if problems:
        for problem in problems:
            print(f"  PROBLEM {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
