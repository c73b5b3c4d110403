"""`make audit` passes only when every locked package was checked and none is vulnerable.

The reports are pip-audit's own JSON: the two in data/ were written by
pip-audit 2.10 on this project (an empty requirements file; the lock files on
a machine where the vulnerability data source did not answer), the others by
pip-audit's JSON formatter over the packages the lock files pin.
"""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from packaging.version import Version
from pip_audit._format import JsonFormat
from pip_audit._service import ResolvedDependency, VulnerabilityResult

from storefront.management.commands.audit_dependencies import locked_packages

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
LOCKS = [ROOT / "requirements" / "base.txt", ROOT / "requirements" / "dev.txt"]
LOCKED = locked_packages(LOCKS)


def audit(report: Path, capsys) -> tuple[str, str]:
    """Run the command on a report; return (what it printed, its error or "")."""
    try:
        call_command("audit_dependencies", *map(str, LOCKS), "--report", str(report))
        error = ""
    except CommandError as failure:
        error = str(failure)
    return capsys.readouterr().out, error


def report_of(packages, tmp_path, vulnerable: dict | None = None) -> Path:
    """pip-audit's JSON formatter over `packages`, with `vulnerable` {name: result}."""
    vulnerable = vulnerable or {}
    result = {
        ResolvedDependency(name=name, version=Version(version)): (
            [vulnerable[name]] if name in vulnerable else []
        )
        for name, version in sorted(packages)
    }
    path = tmp_path / "report.json"
    path.write_text(JsonFormat(output_desc=True, output_aliases=True).format(result, []))
    return path


def test_the_lock_files_pin_every_package_once():
    assert len(LOCKED) >= 100
    assert ("django", "5.2.19") in LOCKED


def test_an_empty_dependency_list_fails(capsys):
    out, error = audit(DATA / "pip-audit-empty.json", capsys)
    assert out.strip() == "audited 0 packages, 0 known vulnerabilities"
    assert error.startswith(f"audit incomplete: 0 of {len(LOCKED)} locked packages audited")


def test_a_data_source_that_did_not_answer_fails_however_pip_audit_exited(capsys):
    # pip-audit said "No known vulnerabilities found" and exited 0 for this report.
    report = DATA / "pip-audit-source-unreachable.json"
    assert all("skip_reason" in dep for dep in json.loads(report.read_text())["dependencies"])
    out, error = audit(report, capsys)
    assert out.strip() == "audited 0 packages, 0 known vulnerabilities"
    assert "Dependency not found on PyPI" in error
    assert "did not answer" in error and len(error.splitlines()) == 1


def test_every_locked_package_audited_without_findings_passes(tmp_path, capsys):
    out, error = audit(report_of(LOCKED, tmp_path), capsys)
    assert error == ""
    assert out.strip() == f"audited {len(LOCKED)} packages, 0 known vulnerabilities"


def test_one_locked_package_not_audited_fails(tmp_path, capsys):
    missing = ("django", "5.2.19")
    out, error = audit(report_of(LOCKED - {missing}, tmp_path), capsys)
    assert out.strip() == f"audited {len(LOCKED) - 1} packages, 0 known vulnerabilities"
    assert error.startswith(f"audit incomplete: {len(LOCKED) - 1} of {len(LOCKED)}")


def test_a_known_vulnerability_fails_and_names_the_fix(tmp_path, capsys):
    finding = VulnerabilityResult(
        id="PYSEC-2099-1",
        description="SQL injection in QuerySet.example()",
        fix_versions=[Version("5.2.99")],
        aliases={"CVE-2099-0001"},
    )
    out, error = audit(report_of(LOCKED, tmp_path, {"django": finding}), capsys)
    assert out.splitlines() == [
        "django 5.2.19: PYSEC-2099-1 (fixed in 5.2.99)",
        f"audited {len(LOCKED)} packages, 1 known vulnerabilities",
    ]
    assert error.startswith("1 known vulnerabilities")


def test_an_unreadable_report_fails(tmp_path, capsys):
    broken = tmp_path / "report.json"
    broken.write_text("No known vulnerabilities found")
    with pytest.raises(CommandError, match="cannot read pip-audit's report"):
        call_command("audit_dependencies", *map(str, LOCKS), "--report", str(broken))
