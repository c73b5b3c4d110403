"""Dependency audit (`make audit`): pip-audit over the locked requirements, judged by its count.

pip-audit prints "No known vulnerabilities found" and exits 0 when its data
source did not answer for any package (measured: 0 of 65 packages audited).
So this command reads pip-audit's JSON report and fails, in one line, unless
every locked package was audited; it passes only with all of them audited
and no known vulnerability. Where to run it and what to do with a finding:
docs/operations.md "Dependency audit".
"""

import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

# `name==version \` at the start of a line of a hashed lock file.
LOCKED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_packages(paths: list[Path]) -> set[tuple[str, str]]:
    """(name, version) of every package pinned in the lock files."""
    return {
        (canonical(name), version)
        for path in paths
        for name, version in LOCKED.findall(path.read_text(encoding="utf-8"))
    }


@dataclass
class AuditResult:
    audited: int
    locked: int
    vulnerabilities: list[str] = field(default_factory=list)
    problem: str = ""

    @property
    def passed(self) -> bool:
        return not self.problem and not self.vulnerabilities

    @property
    def summary(self) -> str:
        return f"audited {self.audited} packages, {len(self.vulnerabilities)} known vulnerabilities"


def judge(report: dict, *, locked: set[tuple[str, str]]) -> AuditResult:
    """What a pip-audit JSON report says about the locked packages.

    Fails when the report audited no package, fewer than are locked (pip-audit
    lists a package it could not look up with a `skip_reason`), or found any
    known vulnerability.
    """
    dependencies = report.get("dependencies")
    if not isinstance(dependencies, list):
        return AuditResult(0, len(locked), problem="pip-audit's report lists no dependencies")
    audited = {
        (canonical(dep["name"]), dep["version"]) for dep in dependencies if "skip_reason" not in dep
    }
    skipped = [dep for dep in dependencies if "skip_reason" in dep]
    vulnerabilities = [
        f"{dep['name']} {dep['version']}: {vuln['id']}"
        + (f" (fixed in {', '.join(vuln['fix_versions'])})" if vuln.get("fix_versions") else "")
        for dep in dependencies
        if "skip_reason" not in dep
        for vuln in dep.get("vulns", [])
    ]
    result = AuditResult(len(audited), len(locked), vulnerabilities)
    missing = locked - audited
    if not audited or missing:
        reason = f"; first skip: {skipped[0]['skip_reason']}" if skipped else ""
        result.problem = (
            f"audit incomplete: {len(audited)} of {len(locked)} locked packages audited "
            f"({len(missing)} not checked{reason}). The vulnerability data source did not "
            "answer: run `make audit` on a machine that reaches it (docs/operations.md)."
        )
    return result


class Command(BaseCommand):
    help = "Audit the locked requirements with pip-audit; fail unless every package was checked."

    def add_arguments(self, parser):
        parser.add_argument("requirements", nargs="+", type=Path, help="hashed lock files")
        parser.add_argument(
            "--service",
            default="pypi",
            choices=["pypi", "osv"],
            help="pip-audit's vulnerability data source (default: pypi)",
        )
        parser.add_argument(
            "--report",
            type=Path,
            help="judge this pip-audit JSON report instead of running pip-audit",
        )

    def handle(self, *args, requirements, service, report, **options):
        locked = locked_packages(requirements)
        if not locked:
            raise CommandError("no pinned package found in " + ", ".join(map(str, requirements)))
        data = self._read(report) if report else self._run_pip_audit(requirements, service)
        result = judge(data, locked=locked)
        for line in result.vulnerabilities:
            self.stdout.write(line)
        self.stdout.write(result.summary)
        if result.problem:
            raise CommandError(result.problem)
        if result.vulnerabilities:
            raise CommandError(
                f"{len(result.vulnerabilities)} known vulnerabilities: upgrade (docs/operations.md)"
            )

    def _read(self, path: Path) -> dict:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"cannot read pip-audit's report {path}: {error}") from error

    def _run_pip_audit(self, requirements: list[Path], service: str) -> dict:
        with tempfile.TemporaryDirectory() as tmp:
            output = Path(tmp) / "pip-audit.json"
            command = [sys.executable, "-m", "pip_audit", "--require-hashes", "--disable-pip"]
            for path in requirements:
                command += ["-r", str(path)]
            command += ["-s", service, "-f", "json", "-o", str(output), "--progress-spinner=off"]
            # Exit 1 only says that vulnerabilities were found; the report says which.
            finished = subprocess.run(command, capture_output=True, text=True, timeout=900)  # noqa: S603
            if not output.is_file() or not output.stat().st_size:
                last = (finished.stderr.strip().splitlines() or ["no output"])[-1]
                raise CommandError(
                    f"pip-audit could not audit (exit {finished.returncode}): {last}. "
                    "Is the vulnerability data source reachable?"
                )
            return self._read(output)
