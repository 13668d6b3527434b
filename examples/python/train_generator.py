"""Trains a small generator of loan rows with reqc's exact Shield Layer in the loop.

Usage: python3 examples/python/train_generator.py [--epochs 6] [--steps 50] [--seed 0]

The generator maps noise to the six columns of the bundled synthetic data set
(loans.csv, requirements loans.req) and learns by matching the data's distribution
(a maximum mean discrepancy loss). reqc.torch.ShieldLayer sits after the network, so
every generated row meets every requirement exactly, and its exact gradient trains
the network through the correction. Each epoch prints the time and the share of
generated rows that violate a requirement, decided exactly, without the layer (the raw
network output) and with it. Runs on the CPU in well under a minute.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import torch

import reqc
from reqc.torch import ShieldLayer

HERE = Path(__file__).resolve().parent
NOISE = 8


def load_data() -> torch.Tensor:
    table = np.loadtxt(HERE / "loans.csv", delimiter=",", skiprows=1)
    return torch.tensor(table, dtype=torch.float32)


def mmd(x: torch.Tensor, y: torch.Tensor, scales=(0.2, 1.0, 5.0)) -> torch.Tensor:
    """Maximum mean discrepancy with Gaussian kernels at several scales."""
    xy = torch.cat([x, y])
    distances = torch.cdist(xy, xy).pow(2)
    n = x.shape[0]
    loss = x.new_zeros(())
    for scale in scales:
        kernel = torch.exp(-distances / (2 * scale**2))
        loss = loss + kernel[:n, :n].mean() + kernel[n:, n:].mean() - 2 * kernel[:n, n:].mean()
    return loss


def main(argv: list[str] | None = None) -> list[dict[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args(argv)
    torch.manual_seed(arguments.seed)
    data = load_data()
    mean, std = data.mean(0), data.std(0)
    requirements = HERE / "loans.req"
    shield = reqc.Shield(requirements)
    layer = ShieldLayer(data.shape[1], str(requirements))
    network = torch.nn.Sequential(
        torch.nn.Linear(NOISE, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, data.shape[1])
    )

    def generate(count: int) -> torch.Tensor:
        # The network works in standardised units; the layer corrects rows in data units.
        return network(torch.randn(count, NOISE)) * std + mean

    optimiser = torch.optim.Adam(network.parameters(), lr=3e-3)
    history = []
    for epoch in range(1, arguments.epochs + 1):
        started = time.perf_counter()
        for _ in range(arguments.steps):
            real = data[torch.randint(0, data.shape[0], (arguments.batch,))]
            fake = layer(generate(arguments.batch))
            loss = mmd((fake - mean) / std, (real - mean) / std)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        seconds = time.perf_counter() - started
        with torch.no_grad():
            raw = generate(2000)
            shielded = layer(raw)
        without = 1.0 - shield.satisfied(raw.numpy()).mean()
        with_layer = 1.0 - shield.satisfied(shielded.numpy()).mean()
        record = {"epoch": epoch, "seconds": seconds, "loss": loss.item(), "violating_without": float(without), "violating_with": float(with_layer)}
        history.append(record)
        print(
            f"epoch {epoch}: {seconds:.2f} s, loss {loss.item():.4f}; violating rows without the layer "
            f"{100 * without:.1f}%, with it {100 * with_layer:.1f}%",
            flush=True,
        )
    return history


if __name__ == "__main__":
    main()
