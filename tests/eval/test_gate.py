"""The quality gate: it passes at the committed floors and fails when a floor is raised above what the code does."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GATE = ROOT / "eval" / "gate.py"
FLOORS = ROOT / "eval" / "floors.toml"


def run_gate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(GATE), "--output", "-", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)  # fmt: skip


def raised(tmp_path: Path, figure: str, by: float) -> Path:
    """A copy of the floors with one floor raised."""
    text = FLOORS.read_text(encoding="utf-8")
    pattern = re.compile(rf'^("{re.escape(figure)}" = \{{ floor = )([0-9.]+)', re.M)
    assert pattern.search(text), figure
    path = tmp_path / "floors.toml"
    path.write_text(pattern.sub(lambda m: f"{m.group(1)}{float(m.group(2)) + by:.4f}", text), encoding="utf-8")
    return path


def test_every_figure_of_the_gate_has_a_floor():
    text = FLOORS.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert len(lines) >= 30
    for line in lines:
        assert re.fullmatch(
            r'"[a-z0-9.-]+" = \{ (floor|ceiling) = -?[0-9.]+, date = "\d{4}-\d\d-\d\d", commit = "[0-9a-f]{7,}\+?" \}',
            line,
        ), line


def test_without_the_data_sets_only_the_seed_figures_are_checked_and_pass():
    result = run_gate("--data", "/nonexistent")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "| seeds.furniture | ≤ 0 | 0 | ok |" in result.stdout
    assert "gate: /nonexistent is not present: only the seeds figures are checked" in result.stdout


def test_a_floor_raised_above_what_the_code_does_fails(tmp_path):
    floors = raised(tmp_path, "seeds.rouge-2-of-sources", 0.01)
    result = run_gate("--only", "seeds", "--floors", str(floors))
    assert result.returncode == 1
    assert re.search(
        r"\| seeds.rouge-2-of-sources \| ≥ [0-9.]+ \| [0-9.]+ \| \*\*below its floor\*\* \|", result.stdout
    )
    assert "1 failed: seeds.rouge-2-of-sources" in result.stdout


def test_a_raised_floor_on_shared_data_fails(tmp_path, shared_data):
    # The story-linking suite: real data, and the quickest of the gate's suites (grouping's takes minutes).
    floors = raised(tmp_path, "linking.duc2007.joined", 1)
    result = run_gate("--only", "linking", "--floors", str(floors), "--data", str(shared_data))
    assert result.returncode == 1
    assert "linking.duc2007.joined | ≥" in result.stdout and "below its floor" in result.stdout
    assert "| linking.duc2007.intruders |" in result.stdout and "failed: linking.duc2007.joined (" in result.stdout


def test_raise_floors_moves_a_floor_up_never_down(tmp_path):
    floors = tmp_path / "floors.toml"
    floors.write_text('"seeds.rouge-2-of-sources" = { floor = 0.0100, date = "2026-01-01", commit = "0000000" }\n'
                      '"seeds.furniture" = { ceiling = 5, date = "2026-01-01", commit = "0000000" }\n', encoding="utf-8")  # fmt: skip
    assert run_gate("--only", "seeds", "--floors", str(floors), "--raise-floors").returncode == 0
    text = floors.read_text(encoding="utf-8")
    floor = float(re.search(r'"seeds.rouge-2-of-sources" = \{ floor = ([0-9.]+)', text).group(1))
    assert floor > 0.1
    assert '"seeds.furniture" = { ceiling = 0,' in text
    high = raised(tmp_path, "seeds.rouge-2-of-sources", 0.5)  # a floor above the figure stays where it is
    run_gate("--only", "seeds", "--floors", str(high), "--raise-floors")
    assert f"floor = {floor + 0.5:.4f}" in high.read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["--only=nosuchfigure", "--jobs=0"])
def test_usage_problems_exit_2(bad):
    assert run_gate(bad).returncode == 2
