"""Weights (分值) of the indicator rows: level-1 points shared out over level-2 groups and
level-3 rows (REFERENCE.md §6; 财预〔2020〕10号).

:func:`plan_weights` gives every row its points. Level-1 points come from
:class:`~jixiao.scoring.config.ScoringConfig` (产出 50, 效益 30, 满意度 10; 成本 carved out of
产出, see :mod:`jixiao.scoring.config`). Rows with an explicit weight
(``ScoringConfig.row_weights``) keep it; the others share what is left equally, by group then
row (``WeightSplit.GROUPS``) or by row (``WeightSplit.ROWS``). Shares are whole cents and the
leftover cents go to the first groups/rows in table order, so sums are exact
(50 over 3 → 16.67 + 16.67 + 16.66).

Checks [V] are returned as :class:`~jixiao.scoring.problems.Problem` values, never raised:
Σ L3 = L2 weight, Σ under L1 = L1 weight, grid total = 100 − 预算执行率 points (90), a level 1
without rows, a row whose level 1 is unknown, an explicit weight for a path that is not a row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from jixiao.scoring.config import ScoringConfig, WeightSplit
from jixiao.scoring.decimals import ZERO, plain, round2, split_evenly
from jixiao.scoring.problems import Problem, problem
from jixiao.taxonomy import BENEFIT, COST, OUTPUT, SATISFACTION

LEVEL1_ORDER = (OUTPUT, BENEFIT, SATISFACTION, COST)
"""Level-1 categories in the order of the 自评表 (成本 last, as real 2025 forms print it)."""

UNGROUPED = "（未分二级）"
"""Name shown for the rows of a level 1 that states no level-2 category (2023 tables)."""


@dataclass(frozen=True, slots=True)
class WeightRow:
    """An indicator row to weigh: item ``path`` and canonical ``level1``/``level2`` names."""

    path: str
    level1: str | None
    level2: str | None
    name: str = ""


@dataclass(frozen=True, slots=True)
class GroupWeight:
    """A level-2 group: its ``level2`` name (``None``: ungrouped), points and row paths."""

    level2: str | None
    weight: Decimal
    paths: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Level1Weight:
    """A level-1 category: its points (after the cost split) and its groups in table order.

    ``groups`` is empty when no row falls under it (its points cannot be earned)."""

    level1: str
    weight: Decimal
    groups: tuple[GroupWeight, ...]


@dataclass(frozen=True, slots=True)
class WeightPlan:
    """Points per level 1, per group and per row, and the weight problems found.

    ``rows`` maps every row path to its points (0 for rows of an unknown level 1)."""

    level1: tuple[Level1Weight, ...]
    rows: Mapping[str, Decimal]
    problems: tuple[Problem, ...]

    def weight(self, path: str) -> Decimal:
        """Points of the row at ``path``; 0 when the plan has no such row."""
        return self.rows.get(path, ZERO)

    @property
    def total(self) -> Decimal:
        """Σ row points (the grid total, 90 when everything adds up)."""
        return sum(self.rows.values(), ZERO)


Groups = dict[str | None, list[str]]

_LEVEL1_CODES = frozenset({"level1-empty", "level1-sum-mismatch"})


def plan_weights(
    rows: Sequence[WeightRow],
    config: ScoringConfig,
    explicit: Mapping[str, Decimal] | None = None,
    scope: str = "",
) -> WeightPlan:
    """Points for ``rows`` (one project's or the department's indicators) under ``config``.

    ``explicit`` replaces ``config.row_weights`` (callers pass the entries of one project);
    ``scope`` is the path of the evaluated item (``projects/0`` or ``""``), used to locate
    problems that concern a whole level 1 or the whole grid.
    """
    fixed = dict(config.row_weights if explicit is None else explicit)
    by_level1 = _group(rows)
    weights: dict[str, Decimal] = {}
    problems = [_unknown_level1(row) for row in rows if row.level1 not in LEVEL1_ORDER]
    weights.update((row.path, ZERO) for row in rows if row.level1 not in LEVEL1_ORDER)
    level1: list[Level1Weight] = []
    for name, total in _level1_totals(config, by_level1).items():
        groups, shares = _allocate(by_level1.get(name, {}), total, fixed, config.split)
        level1.append(Level1Weight(name, total, groups))
        weights.update(shares)
        problems += _sum_problems(level1[-1], shares, scope)
    problems += [_unknown_path(path, value) for path, value in fixed.items() if path not in weights]
    if not any(p.code in _LEVEL1_CODES for p in problems):  # else the grid check repeats them
        problems += _grid_problems(weights, config, scope)
    return WeightPlan(tuple(level1), MappingProxyType(weights), tuple(problems))


def _group(rows: Sequence[WeightRow]) -> dict[str, Groups]:
    """Rows of a known level 1, by level 1 then level 2, in table order."""
    by_level1: dict[str, Groups] = {}
    for row in rows:
        if row.level1 in LEVEL1_ORDER:
            groups = by_level1.setdefault(str(row.level1), {})
            groups.setdefault(row.level2, []).append(row.path)
    return by_level1


def _level1_totals(config: ScoringConfig, by_level1: Mapping[str, Groups]) -> dict[str, Decimal]:
    """Points of each level 1 in :data:`LEVEL1_ORDER`; 成本 only when it has rows, its points
    taken out of 产出 (``cost_share``, or as many 产出 units as it has groups/rows)."""
    totals = {name: config.level1_weight(name) for name in LEVEL1_ORDER if name != COST}
    cost = by_level1.get(COST)
    if cost:
        share = config.cost_share
        if share is None:
            units = _units(cost, config.split)
            share = Decimal(units) / (units + _units(by_level1.get(OUTPUT, {}), config.split))
        cost_weight = round2(totals[OUTPUT] * share)
        totals[OUTPUT] -= cost_weight
        totals[COST] = cost_weight
    return totals


def _units(groups: Groups, split: WeightSplit) -> int:
    """Number of equal shares a level 1 takes: its groups or its rows."""
    if split is WeightSplit.GROUPS:
        return len(groups)
    return sum(len(paths) for paths in groups.values())


def _allocate(
    groups: Groups, total: Decimal, fixed: Mapping[str, Decimal], split: WeightSplit
) -> tuple[tuple[GroupWeight, ...], dict[str, Decimal]]:
    """Share ``total`` over ``groups``: explicit weights first, the rest equally.

    Returns the groups with their points and the points of every row."""
    if split is WeightSplit.ROWS:
        shares = _share_rows([p for group in groups.values() for p in group], total, fixed)
        return tuple(
            GroupWeight(name, _sum(shares, group), tuple(group)) for name, group in groups.items()
        ), shares
    explicit = {name for name, group in groups.items() if all(p in fixed for p in group)}
    taken = sum((_sum(fixed, groups[name]) for name in explicit), ZERO)
    free = iter(split_evenly(max(ZERO, total - taken), len(groups) - len(explicit)))
    result = tuple(
        GroupWeight(name, _sum(fixed, group) if name in explicit else next(free), tuple(group))
        for name, group in groups.items()
    )
    shares = {}
    for group_weight in result:
        shares.update(_share_rows(group_weight.paths, group_weight.weight, fixed))
    return result, shares


def _share_rows(
    paths: Sequence[str], total: Decimal, fixed: Mapping[str, Decimal]
) -> dict[str, Decimal]:
    """Explicit weights as given; ``total`` minus them shared equally by the other rows."""
    free = [path for path in paths if path not in fixed]
    taken = _sum(fixed, [path for path in paths if path in fixed])
    shares = dict(zip(free, split_evenly(max(ZERO, total - taken), len(free)), strict=True))
    return {path: fixed[path] if path in fixed else shares[path] for path in paths}


def _sum(weights: Mapping[str, Decimal], paths: Sequence[str]) -> Decimal:
    return sum((weights[path] for path in paths), ZERO)


def _sum_problems(level1: Level1Weight, shares: Mapping[str, Decimal], scope: str) -> list[Problem]:
    """Σ L3 = L2 for each group, Σ under L1 = L1, and a level 1 with points but no rows."""
    if not level1.groups:
        if level1.weight == 0:
            return []
        return [problem("level1-empty", scope, level1=level1.level1, weight=plain(level1.weight))]
    found = []
    for group in level1.groups:
        total = _sum(shares, group.paths)
        if total != group.weight:
            found.append(
                problem(
                    "level2-sum-mismatch",
                    group.paths[0],
                    level2=group.level2 or UNGROUPED,
                    total=plain(total),
                    weight=plain(group.weight),
                )
            )
    total = sum(shares.values(), ZERO)
    if total != level1.weight:
        found.append(
            problem(
                "level1-sum-mismatch",
                scope,
                level1=level1.level1,
                total=plain(total),
                weight=plain(level1.weight),
            )
        )
    return found


def _grid_problems(
    weights: Mapping[str, Decimal], config: ScoringConfig, scope: str
) -> list[Problem]:
    """Σ all rows = 100 − 预算执行率 points (90 by default)."""
    total = sum(weights.values(), ZERO)
    if total == config.grid_weight:
        return []
    return [
        problem(
            "grid-total-mismatch",
            scope,
            total=plain(total),
            expected=plain(config.grid_weight),
            budget=plain(config.budget_weight),
        )
    ]


def _unknown_level1(row: WeightRow) -> Problem:
    return problem("level1-unknown", row.path, name=row.name, level1=row.level1 or "（空）")


def _unknown_path(path: str, weight: Decimal) -> Problem:
    return problem("weight-path-unknown", path, path=path, weight=plain(weight))
