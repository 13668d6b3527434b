"""Writes loans.csv, the bundled synthetic data set of train_generator.py (deterministic).

Usage: python3 examples/python/make_loans.py  (the CSV is committed; this documents it)
"""

from pathlib import Path

import numpy as np

import reqc

HERE = Path(__file__).resolve().parent


def make(rows: int = 2000, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    income = rng.lognormal(np.log(45.0), 0.5, rows).clip(5, 400)
    age = rng.uniform(18, 80, rows)
    score = rng.beta(4, 2, rows)
    debt = income * rng.gamma(2.0, 0.35, rows)
    limit = income * rng.uniform(0.2, 3.5, rows)
    balance = limit * rng.beta(2, 3, rows)
    table = np.stack([income, debt, limit, balance, age, score], axis=1).round(3)
    # Real rows meet the requirements: correct the few that the rounding or the
    # disjunctive rules leave violating, then keep three decimals where that stays exact.
    shield = reqc.Shield(HERE / "loans.req")
    table = shield.correct(table)
    assert shield.satisfied(table).all()
    return table


if __name__ == "__main__":
    table = make()
    header = "income,debt,limit,balance,age,score"
    lines = [header] + [",".join(repr(float(value)) for value in row) for row in table]
    (HERE / "loans.csv").write_text("\n".join(lines) + "\n")
    print(f"wrote {table.shape[0]} rows to {HERE / 'loans.csv'}")
