"""Decimal helpers shared by the scoring modules: 2-decimal rounding, exact even splits and
plain number text for explanations.

Scores and weights are points (分) with two decimals, rounded half up as the vendor systems
and the 自评表 print them (REFERENCE.md §6: ``round(a/t·w, 2)``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
"""The scoring precision: one hundredth of a point (or of a 万元)."""

ZERO = Decimal(0)


def round2(value: Decimal) -> Decimal:
    """``value`` rounded half up to two decimals (``12.105`` → ``12.11``)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def has_two_decimals(value: Decimal) -> bool:
    """``True`` when ``value`` is finite and has at most two decimals (``12.5``, ``16.67``)."""
    return value.is_finite() and value == value.quantize(CENT)


def split_evenly(total: Decimal, parts: int) -> list[Decimal]:
    """Split ``total`` (two decimals) into ``parts`` shares of whole cents that sum exactly
    to ``total``; the first shares take the remaining cents, so the split is deterministic.

    ``split_evenly(Decimal(50), 3)`` → ``[16.67, 16.67, 16.66]``. ``parts == 0`` gives ``[]``.
    Raises :class:`ValueError` for negative ``parts``.
    """
    if parts < 0:
        raise ValueError(f"parts must be >= 0: {parts}")
    if parts == 0:
        return []
    cents = int((round2(total) / CENT).to_integral_value())
    base, extra = divmod(cents, parts)
    return [Decimal(base + (1 if i < extra else 0)) * CENT for i in range(parts)]


def clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    """``value`` limited to ``[low, high]``."""
    return max(low, min(high, value))


def plain(value: Decimal) -> str:
    """Number text without exponent or trailing zeros: ``12.50`` → ``"12.5"``, ``1E+2`` →
    ``"100"``, ``-0`` → ``"0"``. Used in the Chinese explanations."""
    if value == 0:
        return "0"
    return format(value.normalize(), "f")


def fixed2(value: Decimal) -> str:
    """Two-decimal text as the 自评表 prints scores: ``Decimal(16)`` → ``"16.00"``."""
    return format(round2(value), "f")
