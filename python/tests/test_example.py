"""The training example runs (on fewer steps) and the layer leaves no violating row."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import ROOT


def test_train_generator_has_no_violating_rows_with_the_layer(capsys) -> None:
    path = ROOT / "examples" / "python" / "train_generator.py"
    spec = importlib.util.spec_from_file_location("train_generator", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    history = module.main(["--epochs", "2", "--steps", "5", "--batch", "128"])
    assert len(history) == 2
    assert all(record["violating_with"] == 0.0 for record in history)
    # The raw network does violate them: the layer is what makes the difference.
    assert any(record["violating_without"] > 0.0 for record in history)
    printed = capsys.readouterr().out
    assert "epoch 2:" in printed and "with it 0.0%" in printed


def test_bundled_data_meets_its_requirements() -> None:
    import numpy as np

    import reqc

    here = Path(ROOT / "examples" / "python")
    table = np.loadtxt(here / "loans.csv", delimiter=",", skiprows=1)
    assert table.shape == (2000, 6)
    assert reqc.Shield(here / "loans.req").satisfied(table).all()


def test_the_readme_example_runs() -> None:
    text = (ROOT / "README.md").read_text()
    block = text.split("## Python", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    import os

    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        exec(compile(block, "README.md", "exec"), namespace)
    finally:
        os.chdir(previous)
    assert namespace["fixed"].shape == (4096, 8)
